/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.kmeans;

import dev.segmentation.bench.BenchData;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;

import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * A plain timed loop (not JMH) for a quick check of a K-means fit's fixed cost and its two-thread scaling: Lloyd
 * from the benchmark's 8 starting rows on {@link BenchData}'s overlapping blobs, 1,000,000 x 16, for 1 and 20
 * iterations on pools of one and two workers; the best of 12 fits each. The 1-iteration time is mostly the fit's
 * fixed cost (checks, the final labelling pass). The figures the README quotes as such come from this loop;
 * the JMH benchmark for the same question is {@code ThreadScalingBenchmark}.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp benchmarks.jar dev.segmentation.bench.core.kmeans.FitTiming</pre>
 */
public final class FitTiming {
    private FitTiming() {
    }

    /** Prints one line per pool and iteration count. */
    public static void main(String[] args) {
        int n = 1_000_000;
        int d = BenchData.D;
        int k = BenchData.K;
        double[] x = BenchData.blobs(n, d, BenchData.SEED);
        Dataset data = BenchData.dataset(x, n, d);
        double[][] start = BenchData.rowsAt(x, d, BenchData.initialRowIndices(n, k, BenchData.SEED));
        for (int threads : new int[] {1, 2}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                for (int iterations : new int[] {1, 20}) {
                    KMeans fit = KMeans.builder().k(k).initialCentroids(start).maxIter(iterations).tol(0)
                            .algorithm(KMeans.Algorithm.LLOYD).pool(pool).build();
                    long best = Long.MAX_VALUE;
                    for (int r = 0; r < 12; r++) {
                        long t0 = System.nanoTime();
                        fit.fit(data);
                        best = Math.min(best, System.nanoTime() - t0);
                    }
                    System.out.printf(Locale.ROOT, "workers %d, iterations %2d: best of 12 fits %.1f ms%n", threads,
                            iterations, best / 1e6);
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
