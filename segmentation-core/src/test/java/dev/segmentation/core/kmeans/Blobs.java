package dev.segmentation.core.kmeans;

import dev.segmentation.core.Dataset;

import java.util.Random;

/** Seeded Gaussian blobs for tests. */
final class Blobs {
    private Blobs() {
    }

    /** n rows around k centres spaced {@code spacing} apart on a diagonal, with unit noise. */
    static Dataset make(int n, int d, int k, double spacing, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                rows[i][j] = c * spacing * ((j % 2 == 0) ? 1 : -1) + r.nextGaussian();
            }
        }
        return Dataset.of(rows);
    }

    /** Uniform noise in [0, 1)^d: no cluster structure, many iterations. */
    static Dataset uniform(int n, int d, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = r.nextDouble();
            }
        }
        return Dataset.of(rows);
    }
}
