/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

/**
 * Per-column statistics over the rows of a row-major matrix ({@code n} rows of {@code d} values), as the steps
 * fit them. Sums run in row order, so results do not depend on how the columns are grouped.
 */
final class ColumnStats {
    private ColumnStats() {
    }

    /**
     * The smallest and largest value of each column {@code cols[k]}, by {@code <} and {@code >} (of equal
     * values, such as -0.0 and 0.0, the first one stays): \( +\infty \) and \( -\infty \) for no row.
     */
    static void extremes(int[] cols, double[] x, int n, int d, double[] min, double[] max) {
        int m = cols.length;
        java.util.Arrays.fill(min, 0, m, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, 0, m, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int k = 0; k < m; k++) {
                double v = x[base + cols[k]];
                if (v < min[k]) {
                    min[k] = v;
                }
                if (v > max[k]) {
                    max[k] = v;
                }
            }
        }
    }

    /** {@code {min, max}} of column {@code j} by {@link Math#min} and {@link Math#max} (-0.0 below 0.0). */
    static double[] span(double[] x, int n, int d, int j) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = x[i * d + j];
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new double[] {min, max};
    }

    /** The mean of column {@code j}: \( \frac{1}{n} \sum_i x_{ij} \), summed in row order. */
    static double mean(double[] x, int n, int d, int j) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[i * d + j];
        }
        return sum / n;
    }

    /**
     * The population standard deviation of column {@code j} about {@code mean}:
     * \( \sqrt{\frac{1}{n} \sum_i (x_{ij} - \mu)^2} \).
     */
    static double populationSd(double[] x, int n, int d, int j, double mean) {
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double dev = x[i * d + j] - mean;
            ss += dev * dev;
        }
        return Math.sqrt(ss / n);
    }
}
