/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import java.util.Arrays;

/**
 * Exact running sums of doubles: Shewchuk's non-overlapping partials (the algorithm of Python's
 * {@code math.fsum}), rounded once, correctly, by {@link #value(double[])}. The result does not depend on the
 * order in which values or partial sums are added, so sums reduced over any partitioning of the rows are the same
 * bit for bit. Not API.
 *
 * <p>A sum is a plain {@code double[]} <em>state</em>, so that Spark can ship it in task results and tree
 * aggregates without any class of the library: {@code state[0]} is the number m of partials (a small integer,
 * exact as a double), {@code state[1 .. m]} the partials in increasing magnitude, and the rest spare capacity.
 * {@link #zero()} is an empty state; {@link #add(double[], double)} and {@link #add(double[], double[])} return
 * the state to keep, the same array or a larger copy when it is full (the argument must then no longer be used).
 *
 * <p>Reference: J. R. Shewchuk, "Adaptive precision floating-point arithmetic and fast robust geometric
 * predicates", Discrete &amp; Computational Geometry 18 (1997) 305-363, doi:10.1007/PL00009321.
 */
public final class ExactSum {
    /** Partials an empty state has room for. */
    private static final int CAPACITY = 4;

    private ExactSum() {
    }

    /** An empty sum (0): {@code {0, spare x 4}}. */
    public static double[] zero() {
        return new double[1 + CAPACITY];
    }

    /** {@code n} empty sums. */
    public static double[][] zeros(int n) {
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = zero();
        }
        return out;
    }

    /**
     * Adds a finite value.
     *
     * @return the state holding the new sum: {@code state}, or a larger copy of it
     */
    public static double[] add(double[] state, double x) {
        double[] p = state;
        final int size = (int) p[0];
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = p[1 + j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                p[1 + i++] = lo;
            }
            x = hi;
        }
        if (1 + i == p.length) {
            p = Arrays.copyOf(p, 1 + 2 * (p.length - 1));
        }
        p[1 + i++] = x;
        p[0] = i;
        return p;
    }

    /**
     * Adds another sum's partials to {@code state} ({@code other} is not modified).
     *
     * @return the state holding the new sum: {@code state}, or a larger copy of it
     */
    public static double[] add(double[] state, double[] other) {
        double[] s = state;
        final int size = (int) other[0];
        for (int j = 0; j < size; j++) {
            s = add(s, other[1 + j]);
        }
        return s;
    }

    /** Adds {@code other[j]} to {@code states[j]} for every j, in place; returns {@code states}. */
    public static double[][] addAll(double[][] states, double[][] other) {
        for (int j = 0; j < states.length; j++) {
            states[j] = add(states[j], other[j]);
        }
        return states;
    }

    /** The sum, correctly rounded to the nearest double (ties to even). */
    public static double value(double[] state) {
        final double[] p = state;
        int n = (int) p[0];
        if (n == 0) {
            return 0.0;
        }
        double hi = p[n--];
        double lo = 0;
        while (n > 0) {
            double x = hi;
            double y = p[n--];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        if (n > 0 && ((lo < 0 && p[n] < 0) || (lo > 0 && p[n] > 0))) {
            double y = lo * 2;
            double x = hi + y;
            double yr = x - hi;
            if (y == yr) {
                hi = x;
            }
        }
        return hi;
    }

    /** The exact sum of the values, correctly rounded. */
    public static double of(double[] values) {
        double[] s = zero();
        for (int i = 0; i < values.length; i++) {
            s = add(s, values[i]);
        }
        return value(s);
    }
}
