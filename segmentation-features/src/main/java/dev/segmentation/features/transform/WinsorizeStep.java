/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.Quantiles;

import java.util.List;

/**
 * \( y = \min(\max(x, l), u) \): clips each column to bounds fitted on the training data, by one of three
 * rules (see {@link FeaturePipeline.Builder#winsorizeQuantiles}, {@link FeaturePipeline.Builder#winsorizeIqr}
 * and {@link FeaturePipeline.Builder#winsorizeZScore}). Model file: {@code method}, {@code parameters},
 * {@code lower} and {@code upper}.
 */
final class WinsorizeStep extends ElementwiseStep {
    static final StepType TYPE = StepType.of("winsorize", StepType.Columns.NUMERIC, WinsorizeStep::decode,
            StepType.Trait.MAY_HAVE_NO_COLUMN);

    /** How the bounds were fitted. */
    enum Method {
        QUANTILE("quantile"),
        IQR("iqr"),
        ZSCORE("zscore");

        final String id;

        Method(String id) {
            this.id = id;
        }

        static Method of(String id) {
            Method[] all = values();
            for (int i = 0; i < all.length; i++) {
                if (all[i].id.equals(id)) {
                    return all[i];
                }
            }
            return null;
        }
    }

    final Method method;
    /** The rule's parameters: percentiles (low, high), the IQR multiple, or the z limit. */
    final double[] parameters;
    final double[] lower;
    final double[] upper;

    WinsorizeStep(int[] columns, Method method, double[] parameters, double[] lower, double[] upper) {
        super(TYPE, columns, Formula.CLIP, lower, upper);
        this.method = method;
        this.parameters = parameters;
        this.lower = lower;
        this.upper = upper;
    }

    /** Winsorizing of the named columns (null: every numeric column) by {@code method}. */
    static StepSpec spec(List<String> columns, Method method, double... parameters) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), st.names, s, method, parameters));
    }

    @Override
    String outOfDomain(int k, double v, double y, String where) {
        return null;
    }

    @Override
    void encodeParameters(StepParameters p) {
        p.text("method", method.id).numbers("parameters", parameters).numbers("lower", lower)
                .numbers("upper", upper);
    }

    static WinsorizeStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        String id = st.getString("method");
        Method method = Method.of(id);
        if (method == null) {
            throw new ModelFormatException("Parameter '" + at + ".method' = \"" + id + "\" is not one of "
                    + "[quantile, iqr, zscore]");
        }
        double[] parameters = st.getDoubles("parameters", method == Method.QUANTILE ? 2 : 1);
        double[] lower = st.getDoubles("lower", idx.length);
        double[] upper = st.getDoubles("upper", idx.length);
        for (int k = 0; k < idx.length; k++) {
            if (!(lower[k] <= upper[k])) {
                throw new ModelFormatException("Parameter '" + at + ".lower[" + k + "]' = " + lower[k]
                        + " is above upper[" + k + "] = " + upper[k]);
            }
        }
        return new WinsorizeStep(idx, method, parameters, lower, upper);
    }

    /**
     * Fits the bounds: percentiles \( [Q(p_{lo}), Q(p_{hi})] \); or \( [Q_1 - c \cdot IQR, Q_3 + c \cdot IQR] \);
     * or \( [\mu - z\sigma, \mu + z\sigma] \) with the population standard deviation.
     *
     * @throws IllegalArgumentException if a column's standard deviation, interquartile range or a bound overflows
     */
    static WinsorizeStep fit(int[] cols, double[] x, int n, int d, List<String> names, int stepIndex,
                             Method method, double[] parameters) {
        int m = cols.length;
        double[] lower = new double[m];
        double[] upper = new double[m];
        for (int k = 0; k < m; k++) {
            if (method == Method.ZSCORE) {
                double mean = ColumnStats.mean(x, n, d, cols[k]);
                double sd = ColumnStats.populationSd(x, n, d, cols[k], mean);
                lower[k] = mean - parameters[0] * sd;
                upper[k] = mean + parameters[0] * sd;
                continue;
            }
            double[] v = Quantiles.sortedColumn(x, n, d, cols[k]);
            if (method == Method.QUANTILE) {
                lower[k] = Quantiles.percentileSorted(v, v.length, parameters[0]);
                upper[k] = Quantiles.percentileSorted(v, v.length, parameters[1]);
            } else {
                double q1 = Quantiles.percentileSorted(v, v.length, 25);
                double q3 = Quantiles.percentileSorted(v, v.length, 75);
                double iqr = q3 - q1;
                lower[k] = q1 - parameters[0] * iqr;
                upper[k] = q3 + parameters[0] * iqr;
            }
        }
        for (int k = 0; k < m; k++) {
            requireFinite("lower bound", lower[k], stepIndex, TYPE.name, names.get(cols[k]));
            requireFinite("upper bound", upper[k], stepIndex, TYPE.name, names.get(cols[k]));
        }
        return new WinsorizeStep(cols, method, parameters.clone(), lower, upper);
    }
}
