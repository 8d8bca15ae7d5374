/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/** Per-column statistics of a row-major matrix, shared by the estimators. Not API. */
public final class ColumnStats {
    private ColumnStats() {
    }

    /**
     * The population variance of each column: two passes (means, then squared deviations), each reading the
     * rows in order.
     *
     * @param x {@code n} rows of {@code d} values, row-major. Not modified.
     * @return {@code d} variances
     */
    public static double[] variances(double[] x, int n, int d) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                mean[j] += x[row + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] ss = new double[d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < d; j++) {
                double t = x[row + j] - mean[j];
                ss[j] += t * t;
            }
        }
        for (int j = 0; j < d; j++) {
            ss[j] /= n;
        }
        return ss;
    }
}
