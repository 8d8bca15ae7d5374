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
 * A plain timed loop (not JMH) for a quick check of a K-means fit's fixed cost, its two-thread scaling and the
 * two algorithms: fits from the benchmark's 8 starting rows on {@link BenchData}'s blobs, d = 16, for 1 and 20
 * iterations on pools of one and two workers; the best of 12 fits each. The 1-iteration time is mostly the fit's
 * fixed cost (checks, the final labelling pass). The figures the README quotes as such come from this loop;
 * the JMH benchmarks for the same questions are {@code ThreadScalingBenchmark} and {@code KMeansBenchmark}.
 *
 * <pre>java --add-modules jdk.incubator.vector -Xmx4g -cp benchmarks.jar dev.segmentation.bench.core.kmeans.FitTiming
 *     [rows [overlapping|separated [LLOYD,HAMERLY]]]</pre>
 */
public final class FitTiming {
    private FitTiming() {
    }

    /**
     * Prints one line per algorithm, pool and iteration count.
     *
     * @param args optionally the number of rows (default 1,000,000), the data set ({@value BenchData#OVERLAPPING},
     *     the default, or {@value BenchData#SEPARATED}) and a comma-separated list of algorithms (default LLOYD)
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String set = args.length > 1 ? args[1] : BenchData.OVERLAPPING;
        String[] algorithms = (args.length > 2 ? args[2] : "LLOYD").split(",");
        int d = BenchData.D;
        int k = BenchData.K;
        double[] x = BenchData.blobs(set, n, d, BenchData.SEED);
        Dataset data = BenchData.dataset(x, n, d);
        double[][] start = BenchData.rowsAt(x, d, BenchData.initialRowIndices(n, k, BenchData.SEED));
        for (String name : algorithms) {
            KMeans.Algorithm algorithm = KMeans.Algorithm.valueOf(name.trim());
            for (int threads : new int[] {1, 2}) {
                ForkJoinPool pool = new ForkJoinPool(threads);
                try {
                    for (int iterations : new int[] {1, 20}) {
                        KMeans fit = KMeans.builder().k(k).initialCentroids(start).maxIter(iterations).tol(0)
                                .algorithm(algorithm).pool(pool).build();
                        long best = Long.MAX_VALUE;
                        for (int r = 0; r < 12; r++) {
                            long t0 = System.nanoTime();
                            fit.fit(data);
                            best = Math.min(best, System.nanoTime() - t0);
                        }
                        System.out.printf(Locale.ROOT, "%s %s, %,d rows, workers %d, iterations %2d: best of 12 fits"
                                + " %.1f ms%n", set, algorithm, n, threads, iterations, best / 1e6);
                    }
                } finally {
                    pool.shutdown();
                }
            }
        }
    }
}
