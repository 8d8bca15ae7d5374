/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * A step as configured in a {@link FeaturePipeline}, before fitting: its type, the column names it was given
 * (null for the type's default selection) and how it fits. Each step class makes its own (a static
 * {@code spec} factory next to its {@code fit}); a spec whose column selection or data needs differ from
 * the common case overrides {@link #resolve} or is made with {@code needsData = false}. Immutable.
 */
class StepSpec {
    /** Fits a step on the rows of {@code x} ({@code n} rows of the stage's width), at step index {@code s}. */
    @FunctionalInterface
    interface Fitter {
        Step fit(Stage st, int[] cols, double[] x, int n, int s);
    }

    final StepType type;
    final List<String> columns;
    private final boolean needsData;
    private final Fitter fitter;

    StepSpec(StepType type, List<String> columns, boolean needsData, Fitter fitter) {
        this.type = type;
        this.columns = columns;
        this.needsData = needsData;
        this.fitter = fitter;
    }

    StepSpec(StepType type, List<String> columns, Fitter fitter) {
        this(type, columns, true, fitter);
    }

    /** Whether fitting needs at least one row. */
    final boolean needsData() {
        return needsData;
    }

    /** Whether missing values may reach the step at fit time. */
    final boolean acceptsMissing() {
        return type.has(StepType.Trait.ACCEPTS_MISSING);
    }

    /** A category the step adds to the vocabulary of the categorical columns it names, or null. */
    String addedCategory() {
        return null;
    }

    final Step fit(Stage st, int[] cols, double[] x, int n, int s) {
        return fitter.fit(st, cols, x, n, s);
    }

    /**
     * The input indices of the step's columns: the named ones, or the type's default selection.
     *
     * @throws IllegalArgumentException if a named column is absent, protected or of the wrong type
     */
    int[] resolve(Stage st, int s, List<String> prot) {
        StepType.Columns kind = type.columns;
        if (columns == null) {
            List<Integer> all = new ArrayList<>();
            for (int j = 0; j < st.width(); j++) {
                if (kind == StepType.Columns.ANY || (kind == StepType.Columns.CATEGORICAL) == st.categorical[j]) {
                    all.add(j);
                }
            }
            return toArray(all);
        }
        int[] out = new int[columns.size()];
        for (int k = 0; k < out.length; k++) {
            String c = columns.get(k);
            out[k] = st.names.indexOf(c);
            if (out[k] < 0) {
                if (prot.contains(c)) {
                    throw new IllegalArgumentException("Step " + (s + 1) + " (" + type + ") names column '" + c
                            + "', which is protected: protected columns are carried for audits and never used "
                            + "as features");
                }
                throw new IllegalArgumentException("Step " + (s + 1) + " (" + type + ") names column '" + c
                        + "' but the data have columns " + st.names);
            }
            if (kind == StepType.Columns.NUMERIC && st.categorical[out[k]]) {
                throw new IllegalArgumentException("Step " + (s + 1) + " (" + type + ") needs a numeric column "
                        + "but '" + c + "' is categorical; encode it first (oneHot or ordinal)");
            }
            if (kind == StepType.Columns.CATEGORICAL && !st.categorical[out[k]]) {
                throw new IllegalArgumentException("Step " + (s + 1) + " (" + type + ") needs a categorical "
                        + "column but '" + c + "' is numeric");
            }
        }
        return out;
    }

    static int[] toArray(List<Integer> values) {
        int[] out = new int[values.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = values.get(k);
        }
        return out;
    }

    @Override
    public String toString() {
        return type + (columns == null ? "(default columns)" : columns.toString());
    }
}
