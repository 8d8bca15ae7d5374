/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/**
 * The library's one sample quantile: linear interpolation between order statistics (Hyndman and Fan's type 7,
 * the default of NumPy's {@code percentile} and {@code quantile} and of R's {@code quantile}), with NumPy's
 * arithmetic, so that quantiles equal NumPy 1.24's to the last bit. Not API.
 *
 * <p>For a sorted sample \( x_{(0)} \le \dots \le x_{(n-1)} \) and \( p \in [0, 1] \), with the virtual index
 * \( h = (n - 1) p \), \( j = \lfloor h \rfloor \) and \( \gamma = h - j \),
 * \[ Q(p) = \begin{cases} x_{(j)} + (x_{(j+1)} - x_{(j)}) \gamma & \gamma \lt 1/2 \\ x_{(j+1)} - (x_{(j+1)} -
 * x_{(j)}) (1 - \gamma) & \gamma \ge 1/2 \end{cases} \]
 * and \( Q(p) = x_{(n-1)} \) when \( h \ge n - 1 \) ({@code numpy.lib.function_base._lerp} interpolates from the
 * nearer end, so the result is monotone in p and exact at both ends).
 *
 * <p>Reference: R. J. Hyndman and Y. Fan, "Sample quantiles in statistical packages", The American
 * Statistician 50 (1996) 361-365, doi:10.1080/00031305.1996.10473566.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The type-7 quantile of {@code sorted[from .. to)}, a non-empty ascending range. Finite values give a finite
     * quantile however far apart they are: where \( x_{(j+1)} - x_{(j)} \) overflows, the interpolation runs on
     * the halves of the two values.
     *
     * @param sorted ascending values. Not modified.
     * @param p      the probability, in [0, 1] (values outside give the nearer end)
     */
    public static double ofSorted(double[] sorted, int from, int to, double p) {
        int n = to - from;
        double h = (n - 1) * p;
        if (h >= n - 1) {
            return sorted[to - 1];
        }
        if (h < 0) {
            return sorted[from];
        }
        int j = (int) Math.floor(h);
        double gamma = h - j;
        return lerp(sorted[from + j], sorted[from + j + 1], gamma);
    }

    /**
     * NumPy's interpolation between neighbouring order statistics {@code a <= b} at {@code gamma} in [0, 1), from
     * the nearer end: \( b - (b - a)(1 - \gamma) \) when \( \gamma \ge 1/2 \), \( a + (b - a)\gamma \) otherwise.
     * Where \( b - a \) overflows (finite values of opposite signs near the limits), the same line runs on the
     * halves, so finite values give a finite result between them.
     */
    public static double lerp(double a, double b, double gamma) {
        double diff = b - a;
        if (diff == Double.POSITIVE_INFINITY) {
            double half = 0.5 * b - 0.5 * a;
            return gamma >= 0.5 ? b - 2 * (half * (1 - gamma)) : a + 2 * (half * gamma);
        }
        return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }
}
