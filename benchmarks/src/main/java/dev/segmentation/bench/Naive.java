/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

/**
 * The textbook nearest-centroid scan over flat row-major arrays: the baseline every scorer is compared with.
 * Deliberately plain (no blocking, no unrolling), so that it measures what the obvious code costs.
 */
public final class Naive {
    private Naive() {
    }

    /**
     * The nearest centre of every row: for each row, for each centre, sum the squared differences in
     * feature order; the lowest index wins ties.
     *
     * @param x {@code n * d} values. Not modified.
     * @param n rows
     * @param d features
     * @param c {@code k * d} centres. Not modified.
     * @param k centres
     * @param out receives {@code n} labels. Modified.
     */
    public static void assign(double[] x, int n, int d, double[] c, int k, int[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = nearest(x, i * d, d, c, k);
        }
    }

    /** The nearest centre of the row at {@code x[off .. off + d)}. */
    public static int nearest(double[] x, int off, int d, double[] c, int k) {
        int best = 0;
        double bestDist = Double.POSITIVE_INFINITY;
        for (int cc = 0; cc < k; cc++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = x[off + j] - c[cc * d + j];
                s += t * t;
            }
            if (s < bestDist) {
                bestDist = s;
                best = cc;
            }
        }
        return best;
    }

    /** The within-cluster sum of squares of {@code labels} against {@code c}, summed in row order. */
    public static double inertia(double[] x, int n, int d, double[] c, int[] labels) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            int off = labels[i] * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - c[off + j];
                s += t * t;
            }
            total += s;
        }
        return total;
    }
}
