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
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scoring one customer: the nearest of k = 8 centres for one row of d = 16 features (centroids only, no
 * feature transforms), in nanoseconds per call.
 *
 * <p>Each call takes the next row of a pool of {@link #POOL} pre-generated rows (about 150 KiB, cache
 * resident), so the branch predictor cannot learn the answer of one repeated row. {@code baselineRow}
 * measures just that rotation and {@code baselineVoid} an empty call: subtract them to see the cost of
 * the assignment itself.
 *
 * <h2>Contenders</h2>
 * {@code ours} ({@code NearestCentroidScorer.assign(double[])}), {@code naive} ({@link Naive#nearest}) and
 * {@code smile} (Smile 3.1.1 {@code KMeans.predict(double[])} on a model built on the same centres, see
 * {@link SmileCentroids}). {@code @Setup} checks that all three agree on every pool row. {@code oursVector}
 * runs in a JVM with the Vector API module (the one-row SIMD kernel). The {@code ...Streamed} variants take
 * their rows in turn from {@link #BIG} = 100,000 rows (12.8 MB of row arrays), so most rows come from memory.
 */
public class SingleAssignBenchmark extends AbstractBenchmark {
    /** Rows in the rotation; a power of two. */
    public static final int POOL = 1024;
    private static final int MASK = POOL - 1;
    private static final int D = BenchData.D;
    private static final int K = BenchData.K;

    /** Rows of the streamed rotation: 100,000 rows of 16 doubles, 12.8 MB, far larger than the caches. */
    public static final int BIG = 100_000;
    private double[][] pool;
    private double[][] big;
    private int nextBig;
    private double[] centres;
    private NearestCentroidScorer ours;
    private smile.clustering.KMeans smile;
    private int next;

    /** Generates the pool and the centres and checks that every contender gives the same labels. */
    @Setup(Level.Trial)
    public void setUp() {
        pool = BenchData.toRows(BenchData.blobs(POOL, D, BenchData.SEED + 7), POOL, D);
        centres = BenchData.blobCentres(D, BenchData.SEED);
        ours = NearestCentroidScorer.of(Centroids.ofRowMajor(centres, K, BenchData.names(D)));
        smile = SmileCentroids.model(ours.centroids().toArray());
        int[] sizes = new int[K];
        for (int i = 0; i < POOL; i++) {
            int expected = Naive.nearest(pool[i], 0, D, centres, K);
            int a = ours.assign(pool[i]);
            int b = smile.predict(pool[i]);
            Sanity.check(a == expected && b == expected, "row %d: naive %d, ours %d, Smile %d", i, expected, a, b);
            sizes[expected]++;
        }
        big = BenchData.toRows(BenchData.blobs(BIG, D, BenchData.SEED + 11), BIG, D);
        for (int i = 0; i < BIG; i += 97) {
            int expected = Naive.nearest(big[i], 0, D, centres, K);
            Sanity.check(ours.assign(big[i]) == expected && smile.predict(big[i]) == expected, "big row %d", i);
        }
        Sanity.report("single assign: SIMD one-row kernel %s",
                dev.segmentation.core.internal.CentroidKernel.vectorized() ? "on" : "off");
        Sanity.report("single assign: ours, naive and Smile agree on all %d pool rows; labels per centre %s", POOL,
                java.util.Arrays.toString(sizes));
        Sanity.checkSingleThreaded("single assign");
    }

    /** An empty benchmark: the harness's own cost per call. */
    @Benchmark
    public void baselineVoid() {
        // intentionally empty
    }

    /** Only the rotation through the pool. */
    @Benchmark
    public void baselineRow(Blackhole bh) {
        bh.consume(pool[next++ & MASK]);
    }

    /** Ours. */
    @Benchmark
    public void ours(Blackhole bh) {
        bh.consume(ours.assign(pool[next++ & MASK]));
    }

    /** Ours in a JVM with the Vector API module: the centres in the lanes of one vector per feature. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                      "-XX:+UseTransparentHugePages", "--add-modules=jdk.incubator.vector"})
    public void oursVector(Blackhole bh) {
        bh.consume(ours.assign(pool[next++ & MASK]));
    }

    /** Ours, rows taken in turn from the 12.8 MB rotation (rows come from memory). */
    @Benchmark
    public void oursStreamed(Blackhole bh) {
        bh.consume(ours.assign(big[nextBig()]));
    }

    /** Ours with the Vector API module, rows from the 12.8 MB rotation. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0",
                                      "-XX:+UseTransparentHugePages", "--add-modules=jdk.incubator.vector"})
    public void oursVectorStreamed(Blackhole bh) {
        bh.consume(ours.assign(big[nextBig()]));
    }

    /** Smile, rows from the 12.8 MB rotation. */
    @Benchmark
    public void smileStreamed(Blackhole bh) {
        bh.consume(smile.predict(big[nextBig()]));
    }

    private int nextBig() {
        int i = nextBig;
        nextBig = i + 1 == BIG ? 0 : i + 1;
        return i;
    }

    /** The textbook loop. */
    @Benchmark
    public void naive(Blackhole bh) {
        bh.consume(Naive.nearest(pool[next++ & MASK], 0, D, centres, K));
    }

    /** Smile's single-point predict. */
    @Benchmark
    public void smile(Blackhole bh) {
        bh.consume(smile.predict(pool[next++ & MASK]));
    }
}
