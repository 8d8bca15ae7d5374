/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/**
 * Neumaier's compensated summation (an improved Kahan-Babuska sum). Not API.
 *
 * <p>The error of the sum is bounded by about one rounding of the exact result plus \( O(n u^2) \) times the
 * sum of magnitudes, so long sums of values of one sign are accurate to the last bit or two, whatever n.
 *
 * <p>Reference: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen",
 * ZAMM 54 (1974) 39-51, doi:10.1002/zamm.19740540106.
 *
 * <p>The library's one home for compensated sums: the accumulator object, the sum of an array range, and
 * {@link #addTo} for per-key accumulators held in two parallel arrays (per-customer sums in one pass).
 */
public final class Neumaier {
    private double sum;
    private double compensation;

    /** Adds one value. */
    public void add(double v) {
        double t = sum + v;
        if (Math.abs(sum) >= Math.abs(v)) {
            compensation += (sum - t) + v;
        } else {
            compensation += (v - t) + sum;
        }
        sum = t;
    }

    /** Starts again from zero, so that one accumulator serves many sums. */
    public void reset() {
        sum = 0;
        compensation = 0;
    }

    /** The compensated sum so far. */
    public double value() {
        return sum + compensation;
    }

    /** The compensated sum of {@code values[from .. to)}. */
    public static double sum(double[] values, int from, int to) {
        double s = 0;
        double c = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + c;
    }

    /**
     * Adds {@code v} to the compensated accumulator {@code (sum[i], compensation[i])}; the value is
     * {@code sum[i] + compensation[i]}.
     */
    public static void addTo(double[] sum, double[] compensation, int i, double v) {
        double s = sum[i];
        double t = s + v;
        compensation[i] += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
        sum[i] = t;
    }

    /** The compensated sum of all values. */
    public static double sum(double[] values) {
        return sum(values, 0, values.length);
    }
}
