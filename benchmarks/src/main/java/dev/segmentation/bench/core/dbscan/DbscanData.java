/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.dbscan;

import dev.segmentation.bench.BenchData;

import java.util.SplittableRandom;

/**
 * The DBSCAN benchmarks' data: two-dimensional, eight Gaussian blobs (unit standard deviation, centres
 * uniform on \( [-10, 10]^2 \)) and 5% uniform background on \( [-12, 12]^2 \), seeded with
 * {@link BenchData#SEED}. With {@link #EPS} and {@link #MIN_PTS} about 12 clusters and 9% noise at
 * n = 100,000: dense cores, sparse edges and background noise, the case DBSCAN is for.
 */
public final class DbscanData {
    /** The radius. */
    public static final double EPS = 0.15;
    /** The neighbourhood size of a core row, the row itself included (scikit-learn's convention). */
    public static final int MIN_PTS = 20;

    private DbscanData() {
    }

    /** {@code n} rows, row-major. */
    public static double[] blobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[8][2];
        for (int k = 0; k < 8; k++) {
            c[k][0] = r.nextDouble(-10, 10);
            c[k][1] = r.nextDouble(-10, 10);
        }
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < 0.05) {
                x[2 * i] = r.nextDouble(-12, 12);
                x[2 * i + 1] = r.nextDouble(-12, 12);
            } else {
                int k = r.nextInt(8);
                x[2 * i] = c[k][0] + r.nextGaussian();
                x[2 * i + 1] = c[k][1] + r.nextGaussian();
            }
        }
        return x;
    }

    /** The number of noise rows and of clusters in labels where noise is {@code noise}. */
    static int[] noiseAndClusters(int[] labels, int noise) {
        int count = 0;
        java.util.Set<Integer> clusters = new java.util.HashSet<>();
        for (int l : labels) {
            if (l == noise) {
                count++;
            } else {
                clusters.add(l);
            }
        }
        return new int[] {count, clusters.size()};
    }
}
