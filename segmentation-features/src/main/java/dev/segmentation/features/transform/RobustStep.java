/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.Quantiles;

import java.util.List;

/**
 * \( y = (x - \tilde{x}) / (Q_{hi} - Q_{lo}) \): centring on the median and scaling by the interquartile
 * range (by default the 25th and 75th percentiles), as scikit-learn's {@code RobustScaler}. Percentiles use
 * NumPy's linear interpolation ({@link Quantiles}); a range below \( 10 \epsilon \) is replaced by 1.
 * Model file: {@code percentiles}, {@code center} and {@code range} (0 for a constant column); canonically the
 * divisor (1 for a constant column) stands for the range.
 */
final class RobustStep extends ElementwiseStep {
    static final StepType TYPE = StepType.of("robust", StepType.Columns.NUMERIC, RobustStep::decode,
            StepType.Trait.MAY_HAVE_NO_COLUMN);

    final double lowPercentile;
    final double highPercentile;
    final double[] center;
    final double[] scale;

    RobustStep(int[] columns, double lowPercentile, double highPercentile, double[] center, double[] range) {
        this(columns, lowPercentile, highPercentile, center, divisors(range), negligible(range));
    }

    private RobustStep(int[] columns, double lowPercentile, double highPercentile, double[] center, double[] scale,
            boolean[] constant) {
        super(TYPE, columns, constant, Formula.CENTER_SCALE, center, scale);
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
        this.center = center;
        this.scale = scale;
    }

    /** Robust scaling of the named columns (null: every numeric column) by the given percentiles. */
    static StepSpec spec(List<String> columns, double low, double high) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), st.names, s, low, high));
    }

    @Override
    String outOfDomain(int k, double v, double y, String where) {
        return nonFinite("robust scaling", y, where, v);
    }

    @Override
    void encodeParameters(StepParameters p) {
        double[] range = new double[columns.length];
        for (int k = 0; k < range.length; k++) {
            range[k] = constant[k] ? 0.0 : scale[k];
        }
        p.pair("percentiles", lowPercentile, highPercentile).numbers("center", center);
        p.fileOnly().numbers("range", range);
        p.canonicalOnly().numbers("scale", scale);
    }

    static RobustStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        double[] p = st.getDoubles("percentiles", 2);
        if (!(p[0] >= 0 && p[0] < p[1] && p[1] <= 100)) {
            throw new ModelFormatException("Parameter '" + at + ".percentiles' must satisfy 0 <= low < high <= 100"
                    + " but is [" + p[0] + ", " + p[1] + "]");
        }
        double[] center = st.getDoubles("center", idx.length);
        double[] range = st.getDoubles("range", idx.length);
        for (int k = 0; k < idx.length; k++) {
            if (!(range[k] >= 0)) {
                throw new ModelFormatException("Parameter '" + at + ".range[" + k + "]' must be >= 0 but is "
                        + range[k]);
            }
        }
        return new RobustStep(idx, p[0], p[1], center, range);
    }

    /**
     * Fits the medians and the percentile ranges.
     *
     * @throws IllegalArgumentException if a column's percentile range overflows
     */
    static RobustStep fit(int[] cols, double[] x, int n, int d, List<String> names, int stepIndex, double low,
                          double high) {
        int m = cols.length;
        double[] center = new double[m];
        double[] range = new double[m];
        for (int k = 0; k < m; k++) {
            double[] v = Quantiles.sortedColumn(x, n, d, cols[k]);
            center[k] = Quantiles.medianSorted(v, v.length);
            range[k] = Quantiles.percentileSorted(v, v.length, high) - Quantiles.percentileSorted(v, v.length, low);
            requireFinite("percentile range", range[k], stepIndex, TYPE.name, names.get(cols[k]));
        }
        return new RobustStep(cols, low, high, center, range);
    }
}
