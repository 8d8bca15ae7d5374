/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.Ntiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends a score {@code <column>_score} in {@code 1..g} per column: the group of the value among the
 * training values, with the tie rule of {@link Ntiles} (equal values share a score). Model file:
 * {@code groups}, {@code higherIsBetter} and the {@code cuts} matrix, one row of {@code groups - 1} cut points
 * per column.
 */
final class NtileStep extends Step {
    static final StepType TYPE = StepType.of("ntile", StepType.Columns.NUMERIC, NtileStep::decode);
    static final String SUFFIX = "_score";

    final int groups;
    final boolean higherIsBetter;
    /** Per step column, the {@code groups - 1} cut points of {@link Ntiles}. */
    final double[][] cuts;

    NtileStep(int[] columns, int groups, boolean higherIsBetter, double[][] cuts) {
        super(TYPE, columns, false);
        this.groups = groups;
        this.higherIsBetter = higherIsBetter;
        this.cuts = cuts;
    }

    /** Scores of the named columns in {@code 1 .. groups}, appended after the columns. */
    static StepSpec spec(List<String> columns, int groups, boolean higherIsBetter) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), groups,
                higherIsBetter));
    }

    @Override
    Stage output(Stage in) {
        List<String> extra = new ArrayList<>(columns.length);
        for (int k = 0; k < columns.length; k++) {
            extra.add(in.names.get(columns[k]) + SUFFIX);
        }
        return in.append(extra);
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int w = copyRow(in, inOff, out, outOff, names);
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            double v = in[inOff + cols[k]];
            if (v != v) {
                throw missing(row, stepIndex, TYPE.name, names.get(cols[k]));
            }
            out[outOff + w + k] = Ntiles.score(higherIsBetter ? v : -v, cuts[k]);
        }
    }

    @Override
    void encodeParameters(StepParameters p) {
        p.count("groups", groups).flag("higherIsBetter", higherIsBetter).rows("cuts", cuts, groups - 1);
    }

    static NtileStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        int groups = st.getInt("groups", 2, 1000);
        boolean higher = st.getBoolean("higherIsBetter");
        double[] flat = st.getMatrix("cuts", idx.length, groups - 1);
        double[][] cuts = new double[idx.length][];
        for (int k = 0; k < idx.length; k++) {
            cuts[k] = java.util.Arrays.copyOfRange(flat, k * (groups - 1), (k + 1) * (groups - 1));
            for (int s = 1; s < cuts[k].length; s++) {
                if (cuts[k][s] < cuts[k][s - 1]) {
                    throw new ModelFormatException("Parameter '" + at + ".cuts[" + k + "]' must be non-decreasing");
                }
            }
        }
        return new NtileStep(idx, groups, higher, cuts);
    }

    static NtileStep fit(int[] cols, double[] x, int n, int d, int groups, boolean higherIsBetter) {
        double[][] cuts = new double[cols.length][];
        double[] v = new double[n];
        for (int k = 0; k < cols.length; k++) {
            for (int i = 0; i < n; i++) {
                double t = x[i * d + cols[k]];
                v[i] = higherIsBetter ? t : -t;
            }
            cuts[k] = Ntiles.cuts(v, n, groups);
        }
        return new NtileStep(cols, groups, higherIsBetter, cuts);
    }
}
