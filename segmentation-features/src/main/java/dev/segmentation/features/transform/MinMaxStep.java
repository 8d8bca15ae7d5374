/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * \( y = x s + m \) with \( s = (b - a) / (x_{\max} - x_{\min}) \) and \( m = a - x_{\min} s \), mapping the
 * training range to \( [a, b] \) (scikit-learn's {@code MinMaxScaler}, with its {@code scale_} and
 * {@code min_}). A range below \( 10 \epsilon \) counts as zero and is replaced by 1.
 */
final class MinMaxStep extends Step {
    static final String TYPE = "minmax";

    final double low;
    final double high;
    final double[] dataMin;
    final double[] dataMax;
    final double[] scale;
    final double[] offset;
    final boolean[] constant;

    MinMaxStep(int[] columns, double low, double high, double[] dataMin, double[] dataMax) {
        super(columns);
        this.low = low;
        this.high = high;
        this.dataMin = dataMin;
        this.dataMax = dataMax;
        int m = columns.length;
        this.scale = new double[m];
        this.offset = new double[m];
        this.constant = new boolean[m];
        double eps = Math.ulp(1.0);
        for (int k = 0; k < m; k++) {
            double range = dataMax[k] - dataMin[k];
            constant[k] = range < 10 * eps;
            scale[k] = (high - low) / (constant[k] ? 1.0 : range);
            offset[k] = low - dataMin[k] * scale[k];
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
            double y = v * scale[k] + offset[k];
            if (y - y != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE, names.get(cols[k]));
                }
                throw new IllegalArgumentException("minmax gives a non-finite result " + y + " for "
                        + where(row, stepIndex, TYPE, names.get(cols[k])) + " = " + v);
            }
            x[j] = y;
        }
    }

    @Override
    int[] constantColumns() {
        return flagged(columns, constant);
    }

    static int[] flagged(int[] columns, boolean[] flags) {
        int m = 0;
        for (int k = 0; k < flags.length; k++) {
            if (flags[k]) {
                m++;
            }
        }
        int[] out = new int[m];
        for (int k = 0, p = 0; k < flags.length; k++) {
            if (flags[k]) {
                out[p++] = columns[k];
            }
        }
        return out;
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
        out.writeLong(Double.doubleToLongBits(low));
        out.writeLong(Double.doubleToLongBits(high));
        writeDoubles(out, dataMin);
        writeDoubles(out, dataMax);
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        b.put("featureRange", new double[] {low, high}).put("dataMin", dataMin).put("dataMax", dataMax);
    }

    static MinMaxStep decode(Section st, String at, int[] idx) throws ModelFormatException {
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

    /** Fits the column minima and maxima over the rows of {@code x}. */
    static MinMaxStep fit(int[] cols, double[] x, int n, int d, double low, double high) {
        int m = cols.length;
        double[] min = new double[m];
        double[] max = new double[m];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int k = 0; k < m; k++) {
                double v = x[base + cols[k]];
                if (v < min[k]) {
                    min[k] = v;
                }
                if (v > max[k]) {
                    max[k] = v;
                }
            }
        }
        return new MinMaxStep(cols, low, high, min, max);
    }
}
