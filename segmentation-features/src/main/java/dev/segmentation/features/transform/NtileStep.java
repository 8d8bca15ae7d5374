/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.Ntiles;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends a score {@code <column>_score} in {@code 1..g} per column: the group of the value among the
 * training values, with the tie rule of {@link Ntiles} (equal values share a score).
 */
final class NtileStep extends Step {
    static final String TYPE = "ntile";
    static final String SUFFIX = "_score";

    final int groups;
    final boolean higherIsBetter;
    /** Per step column, the {@code groups - 1} cut points of {@link Ntiles}. */
    final double[][] cuts;

    NtileStep(int[] columns, int groups, boolean higherIsBetter, double[][] cuts) {
        super(columns);
        this.groups = groups;
        this.higherIsBetter = higherIsBetter;
        this.cuts = cuts;
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
        List<String> extra = new ArrayList<>(columns.length);
        for (int k = 0; k < columns.length; k++) {
            extra.add(in.names.get(columns[k]) + SUFFIX);
        }
        return in.append(extra);
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int w = names.size();
        System.arraycopy(in, inOff, out, outOff, w);
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            double v = in[inOff + cols[k]];
            if (v != v) {
                throw missing(row, stepIndex, TYPE, names.get(cols[k]));
            }
            out[outOff + w + k] = Ntiles.score(higherIsBetter ? v : -v, cuts[k]);
        }
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
        out.writeInt(groups);
        out.writeBoolean(higherIsBetter);
        for (int k = 0; k < cuts.length; k++) {
            writeDoubles(out, cuts[k]);
        }
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        double[] flat = new double[columns.length * (groups - 1)];
        for (int k = 0; k < columns.length; k++) {
            System.arraycopy(cuts[k], 0, flat, k * (groups - 1), groups - 1);
        }
        b.put("groups", groups).put("higherIsBetter", higherIsBetter)
                .putMatrix("cuts", flat, columns.length, groups - 1);
    }

    static NtileStep decode(Section st, String at, int[] idx) throws ModelFormatException {
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
