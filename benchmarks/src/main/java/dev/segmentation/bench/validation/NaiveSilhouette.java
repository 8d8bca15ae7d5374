/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.validation;

/**
 * The textbook silhouette over flat row-major arrays: for every row, the distance to every other row summed per
 * cluster, then Rousseeuw's \( (b - a)/\max(a, b) \). Deliberately plain (no blocking, no sorting by cluster),
 * so that it measures what the obvious O(n^2) code costs.
 */
final class NaiveSilhouette {
    private NaiveSilhouette() {
    }

    /**
     * The mean silhouette.
     *
     * @param x {@code n * d} values. Not modified.
     * @param labels {@code n} labels in {@code [0, k)}. Not modified.
     */
    static double score(double[] x, int n, int d, int[] labels, int k) {
        int[] size = sizes(labels, k);
        double[] sums = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += row(x, n, d, labels, k, size, sums, i);
        }
        return total / n;
    }

    /** The silhouette of row i (scratch {@code sums} of length k). */
    static double row(double[] x, int n, int d, int[] labels, int k, int[] size, double[] sums, int i) {
        java.util.Arrays.fill(sums, 0);
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int f = 0; f < d; f++) {
                double t = x[i * d + f] - x[j * d + f];
                s += t * t;
            }
            sums[labels[j]] += Math.sqrt(s);
        }
        int own = labels[i];
        if (size[own] == 1) {
            return 0;
        }
        double a = sums[own] / (size[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != own && size[c] > 0) {
                b = Math.min(b, sums[c] / size[c]);
            }
        }
        double m = Math.max(a, b);
        return m > 0 ? (b - a) / m : 0;
    }

    static int[] sizes(int[] labels, int k) {
        int[] size = new int[k];
        for (int i = 0; i < labels.length; i++) {
            size[labels[i]]++;
        }
        return size;
    }
}
