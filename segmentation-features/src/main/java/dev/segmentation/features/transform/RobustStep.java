/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.Quantiles;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * \( y = (x - \tilde{x}) / (Q_{hi} - Q_{lo}) \): centring on the median and scaling by the interquartile
 * range (by default the 25th and 75th percentiles), as scikit-learn's {@code RobustScaler}. Percentiles use
 * NumPy's linear interpolation ({@link Quantiles}); a range below \( 10 \epsilon \) is replaced by 1.
 */
final class RobustStep extends Step {
    static final String TYPE = "robust";

    final double lowPercentile;
    final double highPercentile;
    final double[] center;
    final double[] scale;
    final boolean[] constant;

    RobustStep(int[] columns, double lowPercentile, double highPercentile, double[] center, double[] range) {
        super(columns);
        this.lowPercentile = lowPercentile;
        this.highPercentile = highPercentile;
        this.center = center;
        int m = columns.length;
        this.scale = new double[m];
        this.constant = new boolean[m];
        double eps = Math.ulp(1.0);
        for (int k = 0; k < m; k++) {
            constant[k] = range[k] < 10 * eps;
            scale[k] = constant[k] ? 1.0 : range[k];
        }
    }

    @Override
    String type() {
        return TYPE;
    }

    @Override
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            double v = x[j];
            double y = (v - center[k]) / scale[k];
            if (y - y != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE, names.get(cols[k]));
                }
                throw new IllegalArgumentException("robust scaling gives a non-finite result " + y + " for "
                        + where(row, stepIndex, TYPE, names.get(cols[k])) + " = " + v);
            }
            x[j] = y;
        }
    }

    @Override
    int[] constantColumns() {
        return MinMaxStep.flagged(columns, constant);
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
        out.writeLong(Double.doubleToLongBits(lowPercentile));
        out.writeLong(Double.doubleToLongBits(highPercentile));
        writeDoubles(out, center);
        writeDoubles(out, scale);
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        double[] range = new double[columns.length];
        for (int k = 0; k < range.length; k++) {
            range[k] = constant[k] ? 0.0 : scale[k];
        }
        b.put("percentiles", new double[] {lowPercentile, highPercentile}).put("center", center)
                .put("range", range);
    }

    static RobustStep decode(Section st, String at, int[] idx) throws ModelFormatException {
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

    /** Fits the medians and the percentile ranges. */
    static RobustStep fit(int[] cols, double[] x, int n, int d, double low, double high) {
        int m = cols.length;
        double[] center = new double[m];
        double[] range = new double[m];
        for (int k = 0; k < m; k++) {
            double[] v = Quantiles.sortedColumn(x, n, d, cols[k]);
            center[k] = Quantiles.medianSorted(v, v.length);
            range[k] = Quantiles.percentileSorted(v, v.length, high) - Quantiles.percentileSorted(v, v.length, low);
        }
        return new RobustStep(cols, low, high, center, range);
    }
}
