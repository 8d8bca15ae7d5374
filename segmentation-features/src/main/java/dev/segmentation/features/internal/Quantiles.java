/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import java.util.Arrays;

/**
 * Order statistics with NumPy's arithmetic, so that fitted quantiles equal those of NumPy 1.24 (and so of
 * scikit-learn) to the last bit wherever the same operations are done in the same order. Not API.
 *
 * <p>The percentile is NumPy's default {@code method="linear"} (Hyndman and Fan's type 7): for a sorted
 * sample \( x_{(0)} \le \dots \le x_{(n-1)} \) and a percentile \( p \in [0, 100] \), with \( q = p / 100
 * \) and the virtual index \( h = (n - 1) q \), \( j = \lfloor h \rfloor \) and \( \gamma = h - j \),
 * \[ Q(p) = \begin{cases} x_{(j)} + (x_{(j+1)} - x_{(j)}) \gamma & \gamma \lt 1/2 \\ x_{(j+1)} - (x_{(j+1)} -
 * x_{(j)}) (1 - \gamma) & \gamma \ge 1/2 \end{cases} \]
 * and \( Q(p) = x_{(n-1)} \) when \( h \ge n - 1 \) ({@code numpy.lib.function_base._lerp}, which
 * interpolates from the nearer end). The median of an even sample is \( (x_{(n/2-1)} + x_{(n/2)}) / 2 \).
 *
 * <p>Reference: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages", The American
 * Statistician 50 (1996) 361-365, doi:10.1080/00031305.1996.10473566.
 *
 * <p>Thread-safe (stateless).
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The percentile {@code p} (0 to 100) of a sorted, non-empty sample.
     *
     * @param sorted ascending values. Not modified.
     */
    public static double percentileSorted(double[] sorted, int n, double p) {
        return dev.segmentation.core.internal.Quantiles.ofSorted(sorted, 0, n, p / 100.0);
    }

    /** The median of a sorted, non-empty sample, as {@code numpy.median}. */
    public static double medianSorted(double[] sorted, int n) {
        int h = n / 2;
        if ((n & 1) == 1) {
            return sorted[h];
        }
        return (sorted[h - 1] + sorted[h]) / 2.0;
    }

    /**
     * Column {@code j} of a row-major matrix, with NaN values left out, sorted ascending.
     *
     * @param x row-major values. Not modified.
     * @return the sorted non-missing values (the array's length is their count)
     */
    public static double[] sortedColumn(double[] x, int n, int d, int j) {
        double[] v = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            double t = x[i * d + j];
            if (t == t) {
                v[m++] = t;
            }
        }
        v = m == n ? v : Arrays.copyOf(v, m);
        Arrays.sort(v);
        return v;
    }

    /**
     * {@code numpy.linspace(0, 1, m)}: \( i \cdot (1 / (m - 1)) \) for \( i \lt m - 1 \), then exactly 1 (a single
     * point is 0).
     */
    public static double[] linspace01(int m) {
        double[] r = new double[m];
        if (m == 1) {
            return r;
        }
        double step = 1.0 / (m - 1);
        for (int i = 0; i < m; i++) {
            r[i] = i * step;
        }
        r[m - 1] = 1.0;
        return r;
    }

    /**
     * {@code numpy.interp(x, xp, fp)} for increasing {@code xp}: \( fp_0 \) left of the range, \( fp_{m-1} \)
     * right of it and at its right end, \( fp_j \) at a knot \( x = xp_j \), and otherwise
     * \( s (x - xp_j) + fp_j \) with \( s = (fp_{j+1} - fp_j) / (xp_{j+1} - xp_j) \) on the last interval with
     * \( xp_j \le x \) (so repeated knots take their last copy). Where \( xp_{j+1} - xp_j \) overflows, the same line
     * is evaluated on the halves of \( x \) and the knots, so finite arguments give a finite value.
     *
     * @param xp knots, non-decreasing. Not modified.
     * @param fp values at the knots. Not modified.
     */
    public static double interp(double x, double[] xp, double[] fp) {
        int m = xp.length;
        if (x > xp[m - 1] || x == xp[m - 1]) {
            return fp[m - 1];
        }
        if (x < xp[0]) {
            return fp[0];
        }
        // largest j with xp[j] <= x (x < xp[m - 1], so j < m - 1)
        int lo = 0;
        int hi = m - 1;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (xp[mid] <= x) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int j = lo;
        if (x == xp[j]) {
            return fp[j];
        }
        double width = xp[j + 1] - xp[j];
        if (width == Double.POSITIVE_INFINITY) {
            // knots near the opposite limits of the finite range: the same line through the halves
            double t = (0.5 * x - 0.5 * xp[j]) / (0.5 * xp[j + 1] - 0.5 * xp[j]);
            return t * (fp[j + 1] - fp[j]) + fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / width;
        return slope * (x - xp[j]) + fp[j];
    }
}
