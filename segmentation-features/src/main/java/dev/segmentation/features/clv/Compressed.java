/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import java.util.Arrays;

/**
 * A population reduced to its distinct \( (x, t_x, T) \) rows with multiplicities, and its distinct \( x \)
 * values, for likelihood evaluations: the likelihood of a row depends only on these three numbers, and the
 * terms that depend on \( x \) alone (log-gamma and digamma values) are computed once per distinct \( x \).
 * Customers without repeat purchases who started on the same day share one row.
 */
final class Compressed {
    final double[] x;
    final double[] tx;
    final double[] age;
    final double[] weight;
    /** The index into {@link #xs} of each row's x. */
    final int[] xIndex;
    final double[] xs;
    final double[] xWeight;
    final double total;

    private Compressed(double[] x, double[] tx, double[] age, double[] weight, int[] xIndex, double[] xs,
                       double[] xWeight) {
        this.x = x;
        this.tx = tx;
        this.age = age;
        this.weight = weight;
        this.xIndex = xIndex;
        this.xs = xs;
        this.xWeight = xWeight;
        double t = 0;
        for (int i = 0; i < weight.length; i++) {
            t += weight[i];
        }
        this.total = t;
    }

    /** Rows {@code rows} (or all when {@code null}) of x, tx, T. */
    static Compressed of(double[] x, double[] tx, double[] age, int[] rows) {
        int n = rows == null ? x.length : rows.length;
        long[][] keys = new long[n][];
        for (int k = 0; k < n; k++) {
            int i = rows == null ? k : rows[k];
            keys[k] = new long[] {Double.doubleToLongBits(x[i]), Double.doubleToLongBits(tx[i]),
                    Double.doubleToLongBits(age[i])};
        }
        // non-negative doubles order like their bit patterns
        Arrays.sort(keys, Arrays::compare);
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || !Arrays.equals(keys[k], keys[k - 1])) {
                m++;
            }
        }
        double[] ux = new double[m];
        double[] utx = new double[m];
        double[] uage = new double[m];
        double[] w = new double[m];
        int[] xi = new int[m];
        int distinctX = 0;
        for (int k = 0, u = -1; k < n; k++) {
            if (k == 0 || !Arrays.equals(keys[k], keys[k - 1])) {
                u++;
                ux[u] = Double.longBitsToDouble(keys[k][0]);
                utx[u] = Double.longBitsToDouble(keys[k][1]);
                uage[u] = Double.longBitsToDouble(keys[k][2]);
                if (u == 0 || ux[u] != ux[u - 1]) {
                    distinctX++;
                }
            }
            w[u]++;
        }
        double[] xs = new double[distinctX];
        double[] xw = new double[distinctX];
        for (int u = 0, v = -1; u < m; u++) {
            if (u == 0 || ux[u] != ux[u - 1]) {
                v++;
                xs[v] = ux[u];
            }
            xi[u] = v;
            xw[v] += w[u];
        }
        return new Compressed(ux, utx, uage, w, xi, xs, xw);
    }

    int rows() {
        return x.length;
    }
}
