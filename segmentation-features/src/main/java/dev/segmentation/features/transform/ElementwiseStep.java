/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.List;

/**
 * A step that replaces each of its columns, in place, by a function of the value alone: \( y = f_k(x) \) for
 * step column \( k \) (log1p, standardize, min-max, robust and quantile scaling, winsorizing). A missing value
 * is refused with the message of {@link Step#missing}; a value for which \( f_k \) is not finite is refused
 * with the message of {@link #outOfDomain}, unless that gives none.
 */
abstract class ElementwiseStep extends Step {
    /** Whether each step column was found constant at fit time (its divisor then set to 1). */
    final boolean[] constant;

    ElementwiseStep(StepType type, int[] columns, boolean[] constant) {
        super(type, columns, true);
        this.constant = constant;
    }

    /** A step that finds no column constant. */
    ElementwiseStep(StepType type, int[] columns) {
        this(type, columns, new boolean[columns.length]);
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

    @Override
    final int[] constantColumns() {
        return flagged(columns, constant);
    }

    /** \( f_k(v) \): the new value of {@code v} in step column {@code k}. */
    abstract double map(int k, double v);

    /**
     * Why {@code v} (not NaN) in step column {@code k} cannot be transformed, given that {@code map} gave the
     * non-finite {@code y}; {@code where} names the row, column and step. Null to accept {@code y}.
     */
    abstract String outOfDomain(int k, double v, double y, String where);

    @Override
    final void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            double v = x[j];
            double y = map(k, v);
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
