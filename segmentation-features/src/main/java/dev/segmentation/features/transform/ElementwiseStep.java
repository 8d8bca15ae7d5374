/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.List;

/**
 * A step that replaces each of its columns, in place, by a function of the value alone: \( y = f_k(x) \) for
 * step column \( k \) (log1p, standardize, min-max, robust and quantile scaling, winsorizing). The function is
 * one of a few {@link Formula formulas} with two per-column parameter arrays \( a \) and \( b \), evaluated
 * inline in the one transform loop (no call per value), or, for {@link Formula#CUSTOM}, the step's
 * {@link #map}. A missing value is refused with the message of {@link Step#missing}; a value for which
 * \( f_k \) is not finite is refused with the message of {@link #outOfDomain}, unless that gives none.
 */
abstract class ElementwiseStep extends Step {
    /** The function of each column. */
    enum Formula {
        /** \( \ln(1 + x) \). */
        LOG1P,
        /** \( (x - a_k) / b_k \). */
        CENTER_SCALE,
        /** \( x b_k + a_k \). */
        SCALE_SHIFT,
        /** \( \min(\max(x, a_k), b_k) \) (NaN stays NaN). */
        CLIP,
        /** The step's {@link ElementwiseStep#map}. */
        CUSTOM
    }

    private final Formula formula;
    private final double[] a;
    private final double[] b;
    /** Whether each step column was found constant at fit time (its divisor then set to 1). */
    final boolean[] constant;

    ElementwiseStep(StepType type, int[] columns, boolean[] constant, Formula formula, double[] a, double[] b) {
        super(type, columns, true);
        this.constant = constant;
        this.formula = formula;
        this.a = a;
        this.b = b;
    }

    /** A step that finds no column constant. */
    ElementwiseStep(StepType type, int[] columns, Formula formula, double[] a, double[] b) {
        this(type, columns, new boolean[columns.length], formula, a, b);
    }

    /** Whether each range is below \( 10 \epsilon \), and so counts as zero (scikit-learn's rule). */
    static boolean[] negligible(double[] range) {
        double eps = Math.ulp(1.0);
        boolean[] out = new boolean[range.length];
        for (int k = 0; k < range.length; k++) {
            out[k] = range[k] < 10 * eps;
        }
        return out;
    }

    /** Each range, or 1 where it is {@linkplain #negligible negligible}: the divisor of a scaling step. */
    static double[] divisors(double[] range) {
        boolean[] constant = negligible(range);
        double[] out = new double[range.length];
        for (int k = 0; k < range.length; k++) {
            out[k] = constant[k] ? 1.0 : range[k];
        }
        return out;
    }

    /** The message for a scaling step whose result {@code y} for {@code v} at {@code where} is not finite. */
    static String nonFinite(String step, double y, String where, double v) {
        return step + " gives a non-finite result " + y + " for " + where + " = " + v;
    }

    /** \( f_k(v) \) of a {@link Formula#CUSTOM} step. */
    double map(int k, double v) {
        throw new UnsupportedOperationException(type.name + " has the formula " + formula);
    }

    /**
     * Why {@code v} (not NaN) in step column {@code k} cannot be transformed, given that \( f_k \) gave the
     * non-finite {@code y}; {@code where} names the row, column and step. Null to accept {@code y}.
     */
    abstract String outOfDomain(int k, double v, double y, String where);

    @Override
    final int[] constantColumns() {
        return flagged(columns, constant);
    }

    /** \( f_k(v) \). */
    private double value(int k, double v) {
        switch (formula) {
            case LOG1P:
                return Math.log1p(v);
            case CENTER_SCALE:
                return (v - a[k]) / b[k];
            case SCALE_SHIFT:
                return v * b[k] + a[k];
            case CLIP:
                return v < a[k] ? a[k] : (v > b[k] ? b[k] : v);
            default:
                return map(k, v);
        }
    }

    @Override
    final void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            double v = x[j];
            double y = value(k, v);
            if (y - y != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, type.name, names.get(cols[k]));
                }
                String why = outOfDomain(k, v, y, where(row, stepIndex, type.name, names.get(cols[k])));
                if (why != null) {
                    throw new IllegalArgumentException(why);
                }
            }
            x[j] = y;
        }
    }
}
