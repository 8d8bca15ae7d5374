/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

import dev.segmentation.core.internal.Quantiles;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * The cut points and bins of the population stability index, from the order statistics of the reference sample,
 * wherever they come from (a sorted array, or the ranks a distributed sort returns). Not API.
 *
 * <p>With B bins, n reference values and \( x_{(r)} \) the r-th smallest (1-based), cut point i = 1 .. B - 1 is
 * <ul>
 *   <li>linear (NumPy's default quantile, type 7): with \( h = (n - 1) i / B \), \( j = \lfloor h \rfloor \)
 *       and \( \gamma = h - j \): \( x_{(n)} \) when \( h \ge n - 1 \), else NumPy's lerp of
 *       \( a = x_{(j + 1)} \) and \( b = x_{(j + 2)} \): \( b - (b - a)(1 - \gamma) \) when
 *       \( \gamma \ge 1/2 \), \( a + (b - a) \gamma \) otherwise ({@link Quantiles#lerp}: finite even where
 *       \( b - a \) overflows);</li>
 *   <li>lower empirical (type 1): \( x_{(\max(1, \lceil i n / B \rceil))} \).</li>
 * </ul>
 * A cut point equal to the previous one is dropped, and -0.0 is written 0.0. Bins are closed on the right:
 * \( (-\infty, q_1], (q_1, q_2], \dots, (q_m, \infty) \).
 */
public final class PsiEdges {
    private PsiEdges() {
    }

    /**
     * The 0-based ranks whose order statistics the cut points need, increasing, without repeats.
     *
     * @param linear the linear rule (else the lower empirical one)
     * @param bins B, at least 2
     * @param n the reference size, at least 1
     */
    public static long[] ranks(boolean linear, int bins, long n) {
        long[] out = new long[2 * (bins - 1)];
        int m = 0;
        for (int i = 1; i < bins; i++) {
            if (linear) {
                double h = (n - 1) * ((double) i / bins);
                long j = (long) Math.floor(h);
                if (j >= n - 1) {
                    out[m++] = n - 1;
                } else {
                    out[m++] = j;
                    out[m++] = j + 1;
                }
            } else {
                out[m++] = lowerRank(i, bins, n);
            }
        }
        long[] sorted = Arrays.copyOf(out, m);
        Arrays.sort(sorted);
        int u = 0;
        for (int r = 0; r < sorted.length; r++) {
            if (u == 0 || sorted[r] != sorted[u - 1]) {
                sorted[u++] = sorted[r];
            }
        }
        return Arrays.copyOf(sorted, u);
    }

    /**
     * The cut points.
     *
     * @param linear the linear rule (else the lower empirical one)
     * @param bins B, at least 2
     * @param n the reference size, at least 1
     * @param orderStatistic the value of 0-based rank r (only the ranks of {@link #ranks} are asked for)
     */
    public static double[] cuts(boolean linear, int bins, long n, LongToDoubleFunction orderStatistic) {
        double[] cuts = new double[bins - 1];
        int m = 0;
        for (int i = 1; i < bins; i++) {
            double q;
            if (linear) {
                double h = (n - 1) * ((double) i / bins);
                long j = (long) Math.floor(h);
                if (j >= n - 1) {
                    q = orderStatistic.applyAsDouble(n - 1);
                } else {
                    double gamma = h - j;
                    double a = orderStatistic.applyAsDouble(j);
                    double b = orderStatistic.applyAsDouble(j + 1);
                    q = Quantiles.lerp(a, b, gamma);
                }
            } else {
                q = orderStatistic.applyAsDouble(lowerRank(i, bins, n));
            }
            if (m == 0 || q != cuts[m - 1]) {
                cuts[m++] = q == 0 ? 0.0 : q; // -0.0 and 0.0 are one cut
            }
        }
        return Arrays.copyOf(cuts, m);
    }

    /** The 0-based rank of the lower empirical cut point i: \( \max(1, \lceil i n / B \rceil) - 1 \). */
    private static long lowerRank(int i, int bins, long n) {
        long pos = (i * n + bins - 1) / bins;
        return Math.max(1, pos) - 1;
    }

    /** The bin of v: the number of cut points strictly below it (bins are closed on the right). */
    public static int bin(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
