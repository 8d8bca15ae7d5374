/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An unfitted sequence of column-wise feature transforms: immutable configuration whose {@link #fit} learns
 * the parameters from training data and returns a {@link FittedPipeline} that is saved with the model and
 * replayed at scoring time.
 *
 * <pre>{@code
 * FittedPipeline features = FeaturePipeline.builder()
 *     .log1p("recency_days", "frequency", "monetary")
 *     .standardize()
 *     .build()
 *     .fit(rfm.toDataset());
 * Dataset x = features.transform(rfm.toDataset());
 * }</pre>
 *
 * <p>Steps run in the order they were added; each step is fitted on the output of the steps before it.
 * Every step maps a column to itself, so the output columns are the input columns. The steps:
 * <ul>
 *   <li>{@link Builder#log1p log1p}: \( y = \ln(1 + x) \), for skewed non-negative values such as spend
 *       and counts. Domain \( x > -1 \); a value outside it is an {@link IllegalArgumentException} naming
 *       the row, column and value, at fit time and at transform time.</li>
 *   <li>{@link Builder#standardize(String...) standardize}: \( z = (x - \mu) / \sigma \) with the mean and
 *       the <em>population</em> standard deviation (\( n \) in the denominator, {@code ddof = 0}), exactly as
 *       scikit-learn's {@code StandardScaler}. A constant column gets \( \sigma = 1 \) (as scikit-learn), so
 *       it becomes 0 rather than NaN, and is listed in {@link FittedPipeline#report()} and logged as a
 *       warning.</li>
 * </ul>
 *
 * <p>Instances are immutable and thread-safe; {@code fit} never modifies its input.
 *
 * @since 0.1
 */
public final class FeaturePipeline {
    private final List<StepSpec> steps;

    private FeaturePipeline(List<StepSpec> steps) {
        this.steps = List.copyOf(steps);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits every step, in order, on {@code data}.
     *
     * @param data the training rows; its columns are the pipeline's input and output columns. Not modified.
     * @return the fitted pipeline
     * @throws IllegalArgumentException if a step names a column the data do not have, standardize is
     *     fitted on zero rows, or a value is outside a step's domain (the message names row, column and
     *     value)
     */
    public FittedPipeline fit(Dataset data) {
        Checks.notNull("data", data);
        List<String> names = data.columnNames();
        int n = data.rows();
        int d = data.cols();
        double[] x = data.toRowMajorArray();
        Step[] fitted = new Step[steps.size()];
        for (int s = 0; s < fitted.length; s++) {
            StepSpec spec = steps.get(s);
            int[] cols = spec.resolve(names, s);
            Step step;
            if (spec.type.equals(Log1pStep.TYPE)) {
                step = new Log1pStep(cols);
            } else {
                if (n == 0) {
                    throw new IllegalArgumentException("Cannot fit step " + (s + 1) + " (standardize) on zero rows");
                }
                step = StandardizeStep.fit(cols, x, n, d, names, s);
            }
            for (int i = 0; i < n; i++) {
                step.apply(x, i * d, i, s, names);
            }
            fitted[s] = step;
        }
        return new FittedPipeline(names, fitted, n);
    }

    @Override
    public String toString() {
        return "FeaturePipeline" + steps;
    }

    /** A step as configured: its type and the column names, or null for all columns. */
    private static final class StepSpec {
        final String type;
        final List<String> columns;

        StepSpec(String type, List<String> columns) {
            this.type = type;
            this.columns = columns;
        }

        int[] resolve(List<String> names, int s) {
            if (columns == null) {
                int[] all = new int[names.size()];
                for (int j = 0; j < all.length; j++) {
                    all[j] = j;
                }
                return all;
            }
            int[] out = new int[columns.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = names.indexOf(columns.get(k));
                if (out[k] < 0) {
                    throw new IllegalArgumentException("Step " + (s + 1) + " (" + type + ") names column '"
                            + columns.get(k) + "' but the data have columns " + names);
                }
            }
            return out;
        }

        @Override
        public String toString() {
            return type + (columns == null ? "(all columns)" : columns.toString());
        }
    }

    /**
     * Builds a {@link FeaturePipeline}; steps run in the order they are added.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<StepSpec> steps = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds \( y = \ln(1 + x) \) on the named columns.
         *
         * @throws IllegalArgumentException if no column is named, or a name is blank or repeated
         */
        public Builder log1p(String... columns) {
            steps.add(new StepSpec(Log1pStep.TYPE, names("log1p", columns)));
            return this;
        }

        /** Adds standardization of every column. */
        public Builder standardize() {
            steps.add(new StepSpec(StandardizeStep.TYPE, null));
            return this;
        }

        /**
         * Adds standardization of the named columns: \( z = (x - \mu) / \sigma \) with the column mean
         * \( \mu \) and population standard deviation \( \sigma \) ({@code ddof = 0}), as scikit-learn's
         * {@code StandardScaler}. Mean and variance are computed in two passes with the corrected two-pass
         * algorithm (Chan, Golub and LeVeque, "Algorithms for computing the sample variance", The American
         * Statistician 37 (1983), doi:10.1080/00031305.1983.10483115). A column is constant, and gets
         * \( \sigma = 1 \), when its variance is within rounding of zero (scikit-learn's rule
         * \( \sigma^2 \le n \epsilon \sigma^2 + (n \mu \epsilon)^2 \)).
         *
         * @throws IllegalArgumentException if no column is named, or a name is blank or repeated
         */
        public Builder standardize(String... columns) {
            steps.add(new StepSpec(StandardizeStep.TYPE, names("standardize", columns)));
            return this;
        }

        private static List<String> names(String step, String[] columns) {
            Checks.notNull("columns", columns);
            if (columns.length == 0) {
                throw new IllegalArgumentException(step + " needs at least one column");
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < columns.length; k++) {
                String c = columns[k];
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException(step + ": column " + k + " is blank");
                }
                if (!seen.add(c)) {
                    throw new IllegalArgumentException(step + ": column '" + c + "' is named twice");
                }
            }
            return List.of(columns);
        }

        /**
         * The pipeline.
         *
         * @throws IllegalStateException if no step was added
         */
        public FeaturePipeline build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("A feature pipeline needs at least one step");
            }
            return new FeaturePipeline(steps);
        }
    }
}
