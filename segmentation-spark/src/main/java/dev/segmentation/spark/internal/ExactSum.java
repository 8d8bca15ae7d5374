/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An exact running sum of doubles: Shewchuk's non-overlapping partials (the algorithm of Python's
 * {@code math.fsum}), rounded once, correctly, by {@link #value()}. The result does not depend on the order in
 * which values or partial sums are added, so sums reduced over any partitioning of the rows are the same bit for
 * bit. Not API.
 *
 * <p>Reference: J. R. Shewchuk, "Adaptive precision floating-point arithmetic and fast robust geometric
 * predicates", Discrete &amp; Computational Geometry 18 (1997) 305-363, doi:10.1007/PL00009321.
 */
public final class ExactSum implements Serializable {
    private static final long serialVersionUID = 1L;
    private double[] p = new double[4];
    private int size;

    /** Adds a finite value. */
    public void add(double x) {
        int i = 0;
        for (int j = 0; j < size; j++) {
            double y = p[j];
            if (Math.abs(x) < Math.abs(y)) {
                double t = x;
                x = y;
                y = t;
            }
            double hi = x + y;
            double lo = y - (hi - x);
            if (lo != 0.0) {
                p[i++] = lo;
            }
            x = hi;
        }
        if (i == p.length) {
            p = Arrays.copyOf(p, 2 * p.length);
        }
        p[i++] = x;
        size = i;
    }

    /** Adds another exact sum. */
    public void add(ExactSum other) {
        for (int j = 0; j < other.size; j++) {
            add(other.p[j]);
        }
    }

    /** The sum, correctly rounded to the nearest double (ties to even). */
    public double value() {
        int n = size;
        if (n == 0) {
            return 0.0;
        }
        double hi = p[--n];
        double lo = 0;
        while (n > 0) {
            double x = hi;
            double y = p[--n];
            hi = x + y;
            double yr = hi - x;
            lo = y - yr;
            if (lo != 0.0) {
                break;
            }
        }
        if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
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
        ExactSum s = new ExactSum();
        for (double v : values) {
            s.add(v);
        }
        return s.value();
    }
}
