/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.List;

/**
 * \( y = x s + m \) with \( s = (b - a) / (x_{\max} - x_{\min}) \) and \( m = a - x_{\min} s \), mapping the
 * training range to \( [a, b] \) (scikit-learn's {@code MinMaxScaler}, with its {@code scale_} and
 * {@code min_}). A range below \( 10 \epsilon \) counts as zero and is replaced by 1. Model file:
 * {@code featureRange} \( [a, b] \), {@code dataMin} and {@code dataMax}.
 */
final class MinMaxStep extends ElementwiseStep {
    static final StepType TYPE = StepType.of("minmax", StepType.Columns.NUMERIC, MinMaxStep::decode,
            StepType.Trait.MAY_HAVE_NO_COLUMN);

    final double low;
    final double high;
    final double[] dataMin;
    final double[] dataMax;

    MinMaxStep(int[] columns, double low, double high, double[] dataMin, double[] dataMax) {
        this(columns, low, high, dataMin, dataMax, scales(low, high, dataMin, dataMax));
    }

    private MinMaxStep(int[] columns, double low, double high, double[] dataMin, double[] dataMax, double[] scale) {
        super(TYPE, columns, negligible(ranges(dataMin, dataMax)), Formula.SCALE_SHIFT, offsets(low, dataMin, scale),
                scale);
        this.low = low;
        this.high = high;
        this.dataMin = dataMin;
        this.dataMax = dataMax;
    }

    private static double[] ranges(double[] min, double[] max) {
        double[] out = new double[min.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = max[k] - min[k];
        }
        return out;
    }

    /** \( s = (b - a) / (x_{\max} - x_{\min}) \), the range counting as 1 for a constant column. */
    private static double[] scales(double low, double high, double[] min, double[] max) {
        double[] out = divisors(ranges(min, max));
        for (int k = 0; k < out.length; k++) {
            out[k] = (high - low) / out[k];
        }
        return out;
    }

    /** \( m = a - x_{\min} s \). */
    private static double[] offsets(double low, double[] min, double[] scale) {
        double[] out = new double[min.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = low - min[k] * scale[k];
        }
        return out;
    }

    /** Scaling of the named columns (null: every numeric column) to {@code [low, high]}. */
    static StepSpec spec(List<String> columns, double low, double high) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), st.names, s, low, high));
    }

    @Override
    String outOfDomain(int k, double v, double y, String where) {
        return nonFinite("minmax", y, where, v);
    }

    @Override
    void encodeParameters(StepParameters p) {
        p.pair("featureRange", low, high).numbers("dataMin", dataMin).numbers("dataMax", dataMax);
    }

    static MinMaxStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        double[] range = st.getDoubles("featureRange", 2);
        if (!(range[0] < range[1])) {
            throw new ModelFormatException("Parameter '" + at + ".featureRange' must be increasing but is ["
                    + range[0] + ", " + range[1] + "]");
        }
        double[] min = st.getDoubles("dataMin", idx.length);
        double[] max = st.getDoubles("dataMax", idx.length);
        for (int k = 0; k < idx.length; k++) {
            if (!(min[k] <= max[k])) {
                throw new ModelFormatException("Parameter '" + at + ".dataMin[" + k + "]' = " + min[k]
                        + " is above dataMax[" + k + "] = " + max[k]);
            }
        }
        return new MinMaxStep(idx, range[0], range[1], min, max);
    }

    /**
     * Fits the column minima and maxima over the rows of {@code x}.
     *
     * @throws IllegalArgumentException if a column's range \( x_{\max} - x_{\min} \) overflows
     */
    static MinMaxStep fit(int[] cols, double[] x, int n, int d, List<String> names, int stepIndex, double low,
                          double high) {
        int m = cols.length;
        double[] min = new double[m];
        double[] max = new double[m];
        ColumnStats.extremes(cols, x, n, d, min, max);
        for (int k = 0; k < m; k++) {
            requireFinite("range", max[k] - min[k], stepIndex, TYPE.name, names.get(cols[k]));
        }
        return new MinMaxStep(cols, low, high, min, max);
    }
}
