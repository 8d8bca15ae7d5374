/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.kmeans;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.TimeUnit;

/**
 * One thread against two: batch scoring ({@code NearestCentroidScorer.assignParallel}) of {@link #N} rows and a
 * K-means fit (20 Lloyd or Hamerly iterations from the same 8 rows, as {@link KMeansFitBenchmark}) on
 * {@link #N} rows, d = 16, k = 8, on a {@link ForkJoinPool} of {@code threads} workers created for the trial.
 * The benchmark's own thread only waits. Every method runs in a JVM with the Vector API module (the SIMD
 * kernels); milliseconds per call. {@code readBound} is the ceiling of the scoring call on the same pool: each
 * worker reads its half (or all) of the rows once and sums it, nothing else; when one thread's pass already
 * takes most of the memory bandwidth, two cannot halve it, and no scorer can scale better than this.
 *
 * <p>{@code @Setup} checks that the pool's labels equal the sequential {@code assign}'s and that the fit's
 * centres, labels and inertia are bit-identical to a single-threaded fit. Other processes on the machine
 * change the two-thread figures far more than the one-thread ones: note the load average.
 */
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                  "-XX:+UseTransparentHugePages", "--add-modules=jdk.incubator.vector"})
@org.openjdk.jmh.annotations.OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ThreadScalingBenchmark extends AbstractBenchmark {
    /** Rows. */
    public static final int N = 1_000_000;
    private static final int D = BenchData.D;
    private static final int K = BenchData.K;
    private static final int ITERATIONS = 20;

    /** Workers of the pool. */
    @Param({"1", "2"})
    public int threads;

    private ForkJoinPool pool;
    private double[] rows;
    private Dataset dataset;
    private NearestCentroidScorer scorer;
    private KMeans lloyd;
    private KMeans hamerly;
    private int[] out;

    /** Generates the overlapping data, builds the pool and checks bit-identity with one thread. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Sanity.check(dev.segmentation.core.internal.CentroidKernel.vectorized(), "the SIMD kernel is off");
        pool = new ForkJoinPool(threads);
        rows = BenchData.blobs(BenchData.OVERLAPPING, N, D, BenchData.SEED);
        dataset = BenchData.dataset(rows, N, D);
        double[] centres = BenchData.blobCentres(D, BenchData.SEED, BenchData.spread(BenchData.OVERLAPPING));
        scorer = NearestCentroidScorer.of(Centroids.ofRowMajor(centres, K, BenchData.names(D)));
        out = new int[N];
        double[][] start = BenchData.rowsAt(rows, D, BenchData.initialRowIndices(N, K, BenchData.SEED));
        lloyd = estimator(start, KMeans.Algorithm.LLOYD).pool(pool).build();
        hamerly = estimator(start, KMeans.Algorithm.HAMERLY).pool(pool).build();
        switch (method) {
            case "score": {
                int[] expected = new int[N];
                scorer.assign(rows, N, expected);
                scorer.assignParallel(rows, N, out, pool);
                Sanity.check(Arrays.equals(expected, out), "%d threads: labels differ from one thread", threads);
                Sanity.report("score, %d threads: labels identical to the sequential call", threads);
                break;
            }
            case "readBound":
                Sanity.report("readBound, %d threads: sum %.6e", threads, readBound());
                break;
            case "fitLloyd":
            case "fitHamerly": {
                KMeans.Algorithm algorithm = method.equals("fitLloyd") ? KMeans.Algorithm.LLOYD
                        : KMeans.Algorithm.HAMERLY;
                KMeansModel one = estimator(start, algorithm).singleThreaded().build().fit(dataset);
                KMeansModel many = (method.equals("fitLloyd") ? lloyd : hamerly).fit(dataset);
                Sanity.check(Arrays.equals(one.clusterCenters().toRowMajorArray(),
                                many.clusterCenters().toRowMajorArray())
                                && Arrays.equals(one.trainingLabels(), many.trainingLabels())
                                && Double.compare(one.inertia(), many.inertia()) == 0,
                        "%s, %d threads: not bit-identical to one thread", method, threads);
                Sanity.report("%s, %d threads: centres, labels and inertia bit-identical to one thread (%d iterations)",
                        method, threads, many.iterations());
                break;
            }
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
    }

    /** Shuts the pool down. */
    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdown();
        dataset = null;
        rows = null;
    }

    private static KMeans.Builder estimator(double[][] start, KMeans.Algorithm algorithm) {
        return KMeans.builder().k(K).initialCentroids(start).nInit(1).maxIter(ITERATIONS).tol(0)
                .algorithm(algorithm);
    }

    /** Batch scoring of all rows on the pool. */
    @Benchmark
    public void score(Blackhole bh) {
        scorer.assignParallel(rows, N, out, pool);
        bh.consume(out);
    }

    /**
     * The read bound on the pool: the rows cut into {@code threads} contiguous parts, each read once in order and
     * summed into eight accumulators by one task (one addition per value, so the pass is bound by memory).
     */
    @Benchmark
    public double readBound() {
        final int parts = threads;
        final int per = (rows.length + parts - 1) / parts;
        List<ForkJoinTask<Double>> tasks = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            final int from = Math.min(rows.length, p * per);
            final int to = Math.min(rows.length, from + per);
            tasks.add(pool.submit(() -> sum(rows, from, to)));
        }
        double total = 0;
        for (ForkJoinTask<Double> t : tasks) {
            total += t.join();
        }
        return total;
    }

    private static double sum(double[] x, int from, int to) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        for (; i + 7 < to; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < to; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** A Lloyd fit on the pool. */
    @Benchmark
    public void fitLloyd(Blackhole bh) {
        bh.consume(lloyd.fit(dataset));
    }

    /** A Hamerly fit on the pool. */
    @Benchmark
    public void fitHamerly(Blackhole bh) {
        bh.consume(hamerly.fit(dataset));
    }
}
