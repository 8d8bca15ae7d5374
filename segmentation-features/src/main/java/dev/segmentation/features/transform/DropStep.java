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
 * Removes columns: those named by {@link FeaturePipeline.Builder#drop(String...)}, or those whose share of
 * missing values at fit time exceeded the threshold of {@link FeaturePipeline.Builder#dropSparseColumns}.
 * The dropped columns and their missing shares are in {@link FitReport#droppedColumns()}.
 */
final class DropStep extends Step {
    static final String TYPE = "drop";

    /** The missing-share threshold, or NaN for an explicit drop. */
    final double threshold;
    /** The missing share of each dropped column at fit time (0 for an explicit drop). */
    final double[] missingShare;
    private final int[] keep;

    DropStep(int[] columns, double threshold, double[] missingShare, int inWidth) {
        super(columns);
        this.threshold = threshold;
        this.missingShare = missingShare;
        this.keep = new int[inWidth - columns.length];
        for (int j = 0, p = 0, k = 0; j < inWidth; j++) {
            if (k < columns.length && columns[k] == j) {
                k++;
            } else {
                keep[p++] = j;
            }
        }
    }

    @Override
    String type() {
        return TYPE;
    }

    @Override
    boolean inPlace() {
        return columns.length == 0;
    }

    @Override
    Stage output(Stage in) {
        return columns.length == 0 ? in : in.select(keep);
    }

    @Override
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        // nothing dropped
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int[] k = keep;
        for (int p = 0; p < k.length; p++) {
            out[outOff + p] = in[inOff + k[p]];
        }
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        if (threshold == threshold) {
            b.put("maxMissingShare", threshold);
        }
        b.put("missingShare", missingShare);
    }

    static DropStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        double threshold = st.has("maxMissingShare") ? st.getDouble("maxMissingShare") : Double.NaN;
        if (threshold == threshold && !(threshold >= 0 && threshold < 1)) {
            throw new ModelFormatException("Parameter '" + at + ".maxMissingShare' must be in [0, 1) but is "
                    + threshold);
        }
        double[] share = st.getDoubles("missingShare", idx.length);
        for (int k = 0; k < idx.length; k++) {
            if (!(share[k] >= 0 && share[k] <= 1)) {
                throw new ModelFormatException("Parameter '" + at + ".missingShare[" + k + "]' must be in [0, 1] but "
                        + "is " + share[k]);
            }
            if (k > 0 && idx[k] <= idx[k - 1]) {
                throw new ModelFormatException("Parameter '" + at + ".columns' must be in column order");
            }
        }
        if (idx.length == in.width()) {
            throw new ModelFormatException("Parameter '" + at + ".columns' drops every column");
        }
        return new DropStep(idx, threshold, share, in.width());
    }
}
