/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.scoring;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Naive;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Batch nearest-centroid scoring: {@link #N} = 1,000,000 rows of d = 16 features against k = 8 centres,
 * one thread. Every invocation labels all {@code N} rows and is declared as {@code N} operations, so JMH's
 * ops/s is points per second.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code ours}: {@code NearestCentroidScorer.assign(rows, n, out)} over the flat row-major array, in a JVM
 *       without the Vector API module: the scalar blocked kernel, what a user gets by default;</li>
 *   <li>{@code oursVector}: the same call in a JVM started with {@code --add-modules=jdk.incubator.vector}:
 *       the SIMD kernel ({@code VectorCentroidKernel}, one lane per row);</li>
 *   <li>{@code oursVectorSmallPages}: the same in a JVM with 4 KiB pages for its heap (every other fork asks
 *       for transparent huge pages with {@code -XX:+UseTransparentHugePages}, which NumPy, and so
 *       scikit-learn, does by default for large arrays);</li>
 *   <li>{@code oursVectorCentreLanes}: the same with the SIMD kernel's other labels-only layout, the k centres
 *       in the lanes and each row's features broadcast;</li>
 *   <li>{@code naive}: the textbook loop of {@link Naive#assign} over the same flat arrays;</li>
 *   <li>{@code smile}: Smile 3.1.1 {@code KMeans.predict(double[])} once per row over a {@code double[][]}
 *       (Smile's layout; it has no batch predict), the model built on the same centres
 *       ({@link SmileCentroids});</li>
 *   <li>{@code readBound}: not a contender but the bound of this machine: one sequential pass that only reads
 *       the rows (a sum with eight independent accumulators, so the additions are not the limit). No scorer
 *       can label the rows faster than it reads them once, so its points per second, measured in the same run,
 *       is the ceiling of every contender on this data size;</li>
 *   <li>ELKI: not measured. ELKI 0.8.0's k-means result ({@code KMeansModel}) holds only a mean and a
 *       variance sum; it has no public call that labels a new point by its nearest centre, and its
 *       internal assignment loops work on a database relation during a fit.</li>
 * </ul>
 * The centres are the data's generating blob centres ({@link BenchData#blobCentres}), so the labels are
 * realistic (every cluster gets rows, the argmin branch is unpredictable).
 *
 * <h2>Checked outside the timed region</h2>
 * {@code @Setup} labels all rows with the measured contender and with the naive loop and fails the trial
 * unless every label agrees, and checks that no common-pool worker ran.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScoringBenchmark extends AbstractBenchmark {
    /** Rows per invocation. */
    public static final int N = 1_000_000;
    private static final int D = BenchData.D;
    private static final int K = BenchData.K;

    /** The data set: {@link BenchData#OVERLAPPING} (the project's own) or {@link BenchData#SEPARATED}. */
    @org.openjdk.jmh.annotations.Param({BenchData.OVERLAPPING, BenchData.SEPARATED})
    public String data;

    private double[] rows;
    private double[][] rowArrays;
    private double[] centres;
    private NearestCentroidScorer ours;
    private dev.segmentation.core.internal.DotKernel.Centres dotCentres;
    private dev.segmentation.core.internal.DotKernel.Scratch dotScratch;
    private smile.clustering.KMeans smile;
    private int[] out;

    /** Generates the rows and the centres, builds the contender and checks its labels. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        rows = BenchData.blobs(data, N, D, BenchData.SEED);
        centres = BenchData.blobCentres(D, BenchData.SEED, BenchData.spread(data));
        ours = NearestCentroidScorer.of(Centroids.ofRowMajor(centres, K, BenchData.names(D)));
        out = new int[N];
        int[] expected = new int[N];
        Naive.assign(rows, N, D, centres, K, expected);
        switch (method) {
            case "ours":
                Sanity.check(!dev.segmentation.core.internal.CentroidKernel.vectorized(),
                        "ours should run the scalar kernel");
                ours.assign(rows, N, out);
                break;
            case "oursVector":
            case "oursVectorSmallPages":
            case "oursVectorCentreLanes":
                Sanity.check(dev.segmentation.core.internal.CentroidKernel.vectorized(),
                        "oursVector should run the SIMD kernel: is jdk.incubator.vector resolved?");
                ours.assign(rows, N, out);
                break;
            case "naive":
                Naive.assign(rows, N, D, centres, K, out);
                break;
            case "oursDotForm":
                dotCentres = new dev.segmentation.core.internal.DotKernel.Centres(centres, K, D);
                dotScratch = new dev.segmentation.core.internal.DotKernel.Scratch(D);
                long[] rescored = new long[1];
                dev.segmentation.core.internal.DotKernel.nearest(rows, 0, N, dotCentres, out, 0, dotScratch, rescored);
                Sanity.report("oursDotForm: %d of %d rows rescored with the difference form", rescored[0], N);
                break;
            case "smile":
                rowArrays = BenchData.toRows(rows, N, D);
                smile = SmileCentroids.model(ours.centroids().toArray());
                for (int i = 0; i < N; i++) {
                    out[i] = smile.predict(rowArrays[i]);
                }
                break;
            case "readBound":
                Sanity.checkSingleThreaded(method);
                return;
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
        int differ = Sanity.mismatches(out, expected);
        int[] sizes = new int[K];
        for (int i = 0; i < N; i++) {
            sizes[expected[i]]++;
        }
        Sanity.report("%s: %d of %d labels differ from the naive loop; cluster sizes %s", method, differ, N,
                java.util.Arrays.toString(sizes));
        Sanity.check(differ == 0, "%s disagrees with the naive loop on %d rows", method, differ);
        Sanity.checkSingleThreaded(method);
    }

    /**
     * The read bound: every value of the rows read once, in order, and summed into eight accumulators (one
     * addition per value, far below the machine's addition rate, so the pass is bound by memory).
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public double readBound() {
        final double[] x = rows;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < x.length; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < x.length; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** Ours: the blocked batch kernel. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void ours(Blackhole bh) {
        ours.assign(rows, N, out);
        bh.consume(out);
    }

    /** Ours with the SIMD kernel: the same scorer call in a JVM that resolves the Vector API module. */
    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                      "-XX:+UseTransparentHugePages", "--add-modules=jdk.incubator.vector"})
    public void oursVector(Blackhole bh) {
        ours.assign(rows, N, out);
        bh.consume(out);
    }

    /**
     * The SIMD kernel in a JVM that keeps the operating system's default 4 KiB pages for its heap
     * ({@code -XX:-UseTransparentHugePages}); every other fork asks for transparent huge pages, as NumPy does by
     * default for arrays of 4 MiB or more. The difference is the cost of address translation when 128 MB of rows
     * stream through one core.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                      "-XX:-UseTransparentHugePages", "--add-modules=jdk.incubator.vector"})
    public void oursVectorSmallPages(Blackhole bh) {
        ours.assign(rows, N, out);
        bh.consume(out);
    }

    /**
     * The SIMD kernel with the k = 8 centres in the lanes (each row's features broadcast, no gather), chosen with
     * the system property {@code dev.segmentation.vector.layout=centres}; the default has one row per lane.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    @Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                      "-XX:+UseTransparentHugePages", "--add-modules=jdk.incubator.vector",
                                      "-Ddev.segmentation.vector.layout=centres"})
    public void oursVectorCentreLanes(Blackhole bh) {
        ours.assign(rows, N, out);
        bh.consume(out);
    }

    /**
     * The exact dot-product kernel ({@code DotKernel}, internal, not used by the library's scorer): FMA scores
     * \( \lVert c\rVert^2 - 2x\cdot c \) with a rounding-error bound, near ties rescored.
     */
    @Benchmark
    @OperationsPerInvocation(N)
    public void oursDotForm(Blackhole bh) {
        dev.segmentation.core.internal.DotKernel.nearest(rows, 0, N, dotCentres, out, 0, dotScratch);
        bh.consume(out);
    }

    /** The textbook nested loop over flat arrays. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void naive(Blackhole bh) {
        Naive.assign(rows, N, D, centres, K, out);
        bh.consume(out);
    }

    /** Smile: one {@code predict} per row. */
    @Benchmark
    @OperationsPerInvocation(N)
    public void smile(Blackhole bh) {
        final smile.clustering.KMeans model = smile;
        final double[][] x = rowArrays;
        final int[] labels = out;
        for (int i = 0; i < N; i++) {
            labels[i] = model.predict(x[i]);
        }
        bh.consume(labels);
    }
}
