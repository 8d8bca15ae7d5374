/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.List;

/**
 * Appends a {@link CompositeScore}: \( s = \sum_j w_j (x_j - a_j) / b_j \), constant components skipped.
 * Model file: the score's {@code name}, {@code normalisation}, {@code weights}, and the fitted {@code center}
 * \( a \) and {@code scale} \( b \) of each component.
 */
final class CompositeStep extends Step {
    static final StepType TYPE = StepType.of("composite", StepType.Columns.NUMERIC, CompositeStep::decode);

    final String name;
    final CompositeScore.Normalisation normalisation;
    final double[] weights;
    final double[] center;
    final double[] scale;

    CompositeStep(int[] columns, String name, CompositeScore.Normalisation normalisation, double[] weights,
            double[] center, double[] scale) {
        super(TYPE, columns, false);
        this.name = name;
        this.normalisation = normalisation;
        this.weights = weights;
        this.center = center;
        this.scale = scale;
    }

    /** The score, appended after the columns. */
    static StepSpec spec(CompositeScore score) {
        return new StepSpec(TYPE, score.columns(), (st, cols, x, n, s) -> fit(cols, x, n, st.width(), score));
    }

    @Override
    Stage output(Stage in) {
        return in.append(List.of(name));
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int w = copyRow(in, inOff, out, outOff, names);
        double s = 0;
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            double v = in[inOff + cols[k]];
            if (v - v != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE.name, names.get(cols[k]));
                }
                throw new IllegalArgumentException("composite score '" + name + "' needs finite values but "
                        + where(row, stepIndex, TYPE.name, names.get(cols[k])) + " has " + v);
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
        return flagged(columns, flags);
    }

    @Override
    void encodeParameters(StepParameters p) {
        p.text("name", name).text("normalisation", normalisation.id).numbers("weights", weights)
                .numbers("center", center).numbers("scale", scale);
    }

    static CompositeStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
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
                double[] span = ColumnStats.span(x, n, d, j);
                center[k] = span[0];
                scale[k] = span[1] - span[0];
            } else {
                center[k] = ColumnStats.mean(x, n, d, j);
                scale[k] = ColumnStats.populationSd(x, n, d, j, center[k]);
            }
            if (!(scale[k] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("The spread of component '" + score.columns().get(k)
                        + "' of composite score '" + score.name() + "' overflows; rescale it first");
            }
        }
        return new CompositeStep(cols, score.name(), score.normalisationKind(), score.weights(), center, scale);
    }
}
