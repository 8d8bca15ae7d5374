/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * \( z = (x - \mu) / s \) with the fitted mean \( \mu \) and scale \( s \) of each column (see
 * {@link FeaturePipeline.Builder#standardize(String...)} for how they are fitted). Model file: {@code mean},
 * {@code scale} and the names of the {@code constantColumns} (scale 1); canonically, as the first release
 * wrote it, one record (column, mean, scale) per column.
 */
final class StandardizeStep extends ElementwiseStep {
    static final StepType TYPE = StepType.of("standardize", StepType.Columns.NUMERIC, StandardizeStep::decode,
            StepType.Trait.FIRST_RELEASE);

    final double[] mean;
    final double[] scale;

    StandardizeStep(int[] columns, double[] mean, double[] scale, boolean[] constant) {
        super(TYPE, columns, constant, Formula.CENTER_SCALE, mean, scale);
        this.mean = mean;
        this.scale = scale;
    }

    /** The step on the named columns, or on every numeric column if {@code columns} is null. */
    static StepSpec spec(List<String> columns) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), st.names, s));
    }

    @Override
    String outOfDomain(int k, double v, double z, String where) {
        return nonFinite("standardize", z, where, v) + " (mean " + mean[k] + ", scale " + scale[k] + ")";
    }

    @Override
    void encodeColumnsAndParameters(StepParameters p) {
        p.columnRecords("columns", columns, new String[] {"mean", "scale"}, mean, scale);
        p.fileOnly().columns("constantColumns", constantColumns());
    }

    static StandardizeStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        double[] mean = st.getDoubles("mean", idx.length);
        double[] scale = st.getDoubles("scale", idx.length);
        for (int k = 0; k < idx.length; k++) {
            if (!(scale[k] > 0 && scale[k] < Double.POSITIVE_INFINITY)) {
                throw new ModelFormatException("Parameter '" + at + ".scale[" + k + "]' must be finite and > 0"
                        + " but is " + scale[k]);
            }
            if (!(mean[k] - mean[k] == 0)) {
                throw new ModelFormatException("Parameter '" + at + ".mean[" + k + "]' is not finite: " + mean[k]);
            }
        }
        List<String> cols = new ArrayList<>(idx.length);
        for (int k = 0; k < idx.length; k++) {
            cols.add(in.names.get(idx[k]));
        }
        List<String> constantNames = st.getStrings("constantColumns", -1);
        boolean[] constant = new boolean[idx.length];
        for (int c = 0; c < constantNames.size(); c++) {
            int k = cols.indexOf(constantNames.get(c));
            if (k < 0) {
                throw new ModelFormatException("Parameter '" + at + ".constantColumns[" + c + "]' = \""
                        + constantNames.get(c) + "\" is not one of the step's columns " + cols);
            }
            if (scale[k] != 1.0) {
                throw new ModelFormatException("Parameter '" + at + ".scale[" + k + "]' must be 1 for the "
                        + "constant column \"" + cols.get(k) + "\" but is " + scale[k]);
            }
            constant[k] = true;
        }
        return new StandardizeStep(idx, mean, scale, constant);
    }

    /**
     * Fits mean and scale over rows of {@code x} (row-major, {@code d} columns), sklearn-compatible.
     *
     * <p>Invariants: two passes, the mean \( \bar{x} = \frac{1}{n} \sum x_i \), then the corrected two-pass
     * variance \( \sigma^2 = \frac{1}{n} \left( \sum (x_i - \bar{x})^2 - \frac{1}{n} \big(\sum (x_i -
     * \bar{x})\big)^2 \right) \), whose correction term removes most of the rounding error of \( \bar{x} \)
     * (Chan, Golub and LeVeque 1983). A column is constant when \( \sigma^2 \le n \epsilon \sigma^2 + (n
     * \bar{x} \epsilon)^2 \) (scikit-learn's {@code _is_constant_feature}); its scale is 1, and if all its
     * values are equal the mean is set to that value so that the output is exactly 0.
     */
    static StandardizeStep fit(int[] cols, double[] x, int n, int d, List<String> names, int stepIndex) {
        int m = cols.length;
        double[] min = new double[m];
        double[] max = new double[m];
        ColumnStats.extremes(cols, x, n, d, min, max);
        double[] mean = new double[m];
        for (int k = 0; k < m; k++) {
            mean[k] = ColumnStats.mean(x, n, d, cols[k]);
        }
        double[] ss = new double[m];
        double[] correction = new double[m];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int k = 0; k < m; k++) {
                double dev = x[base + cols[k]] - mean[k];
                ss[k] += dev * dev;
                correction[k] += dev;
            }
        }
        double eps = Math.ulp(1.0);
        double[] scale = new double[m];
        boolean[] constant = new boolean[m];
        for (int k = 0; k < m; k++) {
            double var = (ss[k] - correction[k] * correction[k] / n) / n;
            requireFinite("variance", var, stepIndex, TYPE.name, names.get(cols[k]));
            double bound = n * eps * var + (n * mean[k] * eps) * (n * mean[k] * eps);
            if (min[k] == max[k]) {
                mean[k] = min[k];
                constant[k] = true;
            } else {
                constant[k] = var <= bound;
            }
            scale[k] = constant[k] ? 1.0 : Math.sqrt(var);
        }
        return new StandardizeStep(cols, mean, scale, constant);
    }
}
