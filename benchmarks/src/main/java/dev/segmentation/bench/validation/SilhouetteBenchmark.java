/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.validation;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Naive;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.validation.Silhouette;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Exact silhouette of {@code n} rows in d = 8 dimensions with k = 8 clusters, one thread.
 *
 * <h2>Data</h2>
 * {@link BenchData#blobs} with d = 8 and the benchmark seed (eight overlapping Gaussian blobs plus 5% uniform
 * background); every row is labelled with its nearest generating blob centre ({@link Naive#assign}), so all eight
 * clusters are large and overlapping: every row's silhouette needs all n distances.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code oursExact}: {@code Silhouette.exact().singleThreaded().evaluate(dataset, labels)}: rows copied once
 *       and sorted by cluster, blocks of 256 rows scored against every row with a vectorised kernel, memory
 *       \( O(n d) \) (no distance matrix);</li>
 *   <li>{@code oursSampled}: {@code Silhouette.sampled(2000, 42)}: 2,000 rows scored exactly against all n, for
 *       scale (not comparable work);</li>
 *   <li>{@code naive}: the textbook double loop over the flat arrays ({@link NaiveSilhouette});</li>
 *   <li>{@code elki}: ELKI 0.8.0 {@code elki.evaluation.clustering.internal.Silhouette} with Euclidean distance
 *       ({@link ElkiSilhouette}); database, clustering and distance query built in {@code @Setup}.</li>
 * </ul>
 * For orientation (same kind of machine, one thread, n = 20,000): scikit-learn 1.2.1 {@code silhouette_score} about
 * 3.5 s, a naive Java loop 3.8 s, ELKI 12 s; the target for ours is under 1 s.
 *
 * <h2>Checks outside the timed region</h2>
 * Each trial's {@code @Setup} computes ours and compares 256 rows, spread over the data, with the naive per-row
 * loop (to 1e-12); it measures with the JVM's per-thread allocation counter how many bytes one (warm) exact
 * evaluation allocates and fails the trial unless that is within the library's own {@code estimateBytes} plus
 * 8 KiB for the result's small objects (the memory bound it promises: \( 8 n d \) for the sorted copy,
 * \( 20 n \) for per-row values and indices, the label encoding and one 256-row scratch block); and for the naive and ELKI trials it runs the contender once and requires the same score (1e-12 and
 * 1e-9 relative).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
public class SilhouetteBenchmark extends AbstractBenchmark {
    private static final int D = 8;
    private static final int K = BenchData.K;

    /** Rows. */
    @Param({"20000"})
    public int n;

    private double[] x;
    private int[] labels;
    private Dataset dataset;
    private Silhouette exact;
    private Silhouette sampled;
    private ElkiSilhouette elki;

    /** Generates the data and runs the checks described in the class comment. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        x = BenchData.blobs(n, D, BenchData.SEED);
        labels = new int[n];
        Naive.assign(x, n, D, BenchData.blobCentres(D, BenchData.SEED), K, labels);
        dataset = BenchData.dataset(x, n, D);
        exact = Silhouette.exact().singleThreaded();
        sampled = Silhouette.sampled(2000, 42).singleThreaded();

        // The first call links classes and call sites (which allocates for the JVM, not for the evaluation), so
        // the allocation counter reads the second one.
        Silhouette.Result ours = exact.evaluate(dataset, labels);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        double again = exact.evaluate(dataset, labels).score();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        Sanity.check(again == ours.score(), "two evaluations differ");
        long estimate = exact.estimateBytes(n, D, K);
        int[] size = NaiveSilhouette.sizes(labels, K);
        double[] sums = new double[K];
        double worst = 0;
        for (int t = 0; t < 256; t++) {
            int i = (int) ((long) t * n / 256);
            worst = Math.max(worst, Math.abs(ours.value(i) - NaiveSilhouette.row(x, n, D, labels, K, size, sums, i)));
        }
        Sanity.report("n=%d ours: silhouette %.12f; 256 rows within %.1e of the naive loop; one evaluation allocated "
                + "%,d bytes, estimate %,d bytes (the data are %,d bytes; a distance matrix would be %,d)", n,
                ours.score(), worst, allocated, estimate, 8L * n * D, 8L * n * n);
        Sanity.check(worst <= 1e-12, "ours differs from the naive per-row loop by %.3e", worst);
        Sanity.check(allocated <= estimate + 8192, "one evaluation allocated %d bytes, above its estimate %d "
                + "(+ 8 KiB for the result's small objects)", allocated, estimate);

        switch (method) {
            case "oursExact":
            case "oursSampled":
                break;
            case "naive": {
                double s = NaiveSilhouette.score(x, n, D, labels, K);
                Sanity.report("naive: silhouette %.12f (relative difference %.1e)", s, Sanity.relDiff(s, ours.score()));
                Sanity.check(Sanity.relDiff(s, ours.score()) <= 1e-12, "the naive loop disagrees with ours");
                break;
            }
            case "elki": {
                elki = new ElkiSilhouette(BenchData.toRows(x, n, D), labels, K);
                double s = elki.score();
                Sanity.report("ELKI: silhouette %.12f (relative difference %.1e)", s, Sanity.relDiff(s, ours.score()));
                Sanity.check(Sanity.relDiff(s, ours.score()) <= 1e-9, "ELKI disagrees with ours");
                break;
            }
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
        Sanity.checkSingleThreaded(method);
    }

    /** Frees the trial's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        x = null;
        dataset = null;
        elki = null;
    }

    /** Ours, exact. */
    @Benchmark
    public double oursExact() {
        return exact.evaluate(dataset, labels).score();
    }

    /** Ours, 2,000 sampled rows against all rows (less work: for scale). */
    @Benchmark
    public double oursSampled() {
        return sampled.evaluate(dataset, labels).score();
    }

    /** The textbook O(n^2) loop. */
    @Benchmark
    public double naive() {
        return NaiveSilhouette.score(x, n, D, labels, K);
    }

    /** ELKI 0.8.0. */
    @Benchmark
    public double elki() {
        return elki.score();
    }
}
