/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/** Appends a {@link CompositeScore}: \( s = \sum_j w_j (x_j - a_j) / b_j \), constant components skipped. */
final class CompositeStep extends Step {
    static final String TYPE = "composite";

    final String name;
    final CompositeScore.Normalisation normalisation;
    final double[] weights;
    final double[] center;
    final double[] scale;

    CompositeStep(int[] columns, String name, CompositeScore.Normalisation normalisation, double[] weights,
            double[] center, double[] scale) {
        super(columns);
        this.name = name;
        this.normalisation = normalisation;
        this.weights = weights;
        this.center = center;
        this.scale = scale;
    }

    @Override
    String type() {
        return TYPE;
    }

    @Override
    boolean inPlace() {
        return false;
    }

    @Override
    Stage output(Stage in) {
        return in.append(List.of(name));
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int w = names.size();
        System.arraycopy(in, inOff, out, outOff, w);
        double s = 0;
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            double v = in[inOff + cols[k]];
            if (v - v != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE, names.get(cols[k]));
                }
                throw new IllegalArgumentException("composite score '" + name + "' needs finite values but "
                        + where(row, stepIndex, TYPE, names.get(cols[k])) + " has " + v);
            }
            if (scale[k] > 0) {
                s += weights[k] * ((v - center[k]) / scale[k]);
            }
        }
        if (s - s != 0) {
            throw new IllegalArgumentException("composite score '" + name + "' overflows (" + s + ")"
                    + (row >= 0 ? " at " + row(row) : ""));
        }
        out[outOff + w] = s;
    }

    @Override
    int[] constantColumns() {
        boolean[] flags = new boolean[columns.length];
        for (int k = 0; k < flags.length; k++) {
            flags[k] = !(scale[k] > 0);
        }
        return MinMaxStep.flagged(columns, flags);
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
        out.writeUTF(name);
        out.writeUTF(normalisation.id);
        writeDoubles(out, weights);
        writeDoubles(out, center);
        writeDoubles(out, scale);
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        b.put("name", name).put("normalisation", normalisation.id).put("weights", weights).put("center", center)
                .put("scale", scale);
    }

    static CompositeStep decode(Section st, String at, int[] idx) throws ModelFormatException {
        String name = st.getString("name");
        if (name.isBlank()) {
            throw new ModelFormatException("Parameter '" + at + ".name' is blank");
        }
        String id = st.getString("normalisation");
        CompositeScore.Normalisation norm = CompositeScore.Normalisation.of(id);
        if (norm == null) {
            throw new ModelFormatException("Parameter '" + at + ".normalisation' = \"" + id + "\" is not one of "
                    + "[minmax, zscore]");
        }
        double[] weights = st.getDoubles("weights", idx.length);
        double[] center = st.getDoubles("center", idx.length);
        double[] scale = st.getDoubles("scale", idx.length);
        for (int k = 0; k < idx.length; k++) {
            if (!(scale[k] >= 0)) {
                throw new ModelFormatException("Parameter '" + at + ".scale[" + k + "]' must be >= 0 but is "
                        + scale[k]);
            }
        }
        return new CompositeStep(idx, name, norm, weights, center, scale);
    }

    static CompositeStep fit(int[] cols, double[] x, int n, int d, CompositeScore score) {
        int m = cols.length;
        double[] center = new double[m];
        double[] scale = new double[m];
        for (int k = 0; k < m; k++) {
            int j = cols[k];
            if (score.normalisationKind() == CompositeScore.Normalisation.MIN_MAX) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    double v = x[i * d + j];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                center[k] = min;
                scale[k] = max - min;
            } else {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += x[i * d + j];
                }
                double mean = sum / n;
                double ss = 0;
                for (int i = 0; i < n; i++) {
                    double dev = x[i * d + j] - mean;
                    ss += dev * dev;
                }
                center[k] = mean;
                scale[k] = Math.sqrt(ss / n);
            }
            if (!(scale[k] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("The spread of component '" + score.columns().get(k)
                        + "' of composite score '" + score.name() + "' overflows; rescale it first");
            }
        }
        return new CompositeStep(cols, score.name(), score.normalisationKind(), score.weights(), center, scale);
    }
}
