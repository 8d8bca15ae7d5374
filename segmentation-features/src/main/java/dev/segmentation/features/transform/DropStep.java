/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Removes columns: those named by {@link FeaturePipeline.Builder#drop(String...)}, or those whose share of
 * missing values at fit time exceeded the threshold of {@link FeaturePipeline.Builder#dropSparseColumns}.
 * The dropped columns and their missing shares are in {@link FitReport#droppedColumns()}. Model file: the
 * threshold ({@code maxMissingShare}, for the drop policy) and the {@code missingShare} of each dropped
 * column, neither of which changes the output and so neither enters the fingerprint.
 */
final class DropStep extends Step {
    static final StepType TYPE = StepType.of("drop", StepType.Columns.ANY, DropStep::decode,
            StepType.Trait.MAY_HAVE_NO_COLUMN, StepType.Trait.ACCEPTS_MISSING);

    /** The missing-share threshold, or NaN for an explicit drop. */
    final double threshold;
    /** The missing share of each dropped column at fit time (0 for an explicit drop). */
    final double[] missingShare;
    private final int[] keep;

    DropStep(int[] columns, double threshold, double[] missingShare, int inWidth) {
        super(TYPE, columns, columns.length == 0);
        this.threshold = threshold;
        this.missingShare = missingShare;
        this.keep = complement(columns, inWidth);
    }

    /**
     * The step: with {@code threshold} NaN, drops the named {@code columns}; otherwise (columns null) drops
     * every column whose missing share exceeds {@code threshold}.
     */
    static StepSpec spec(List<String> columns, double threshold) {
        return new StepSpec(TYPE, columns, threshold == threshold, (st, cols, x, n, s) -> fit(st, cols, x, n, s,
                threshold));
    }

    private static DropStep fit(Stage st, int[] cols, double[] x, int n, int s, double threshold) {
        int d = st.width();
        List<Integer> dropped = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        for (int k = 0; k < cols.length; k++) {
            int miss = 0;
            for (int i = 0; i < n; i++) {
                double v = x[i * d + cols[k]];
                if (v != v) {
                    miss++;
                }
            }
            double share = n == 0 ? 0 : (double) miss / n;
            if (threshold != threshold || share > threshold) {
                dropped.add(cols[k]);
                shares.add(share);
            }
        }
        int[] idx = StepSpec.toArray(dropped);
        Arrays.sort(idx);
        double[] share = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            share[k] = shares.get(dropped.indexOf(idx[k]));
        }
        if (idx.length == d) {
            throw new IllegalArgumentException("Step " + (s + 1) + " (drop) would drop every column "
                    + st.names + (threshold == threshold ? "; their missing shares exceed " + threshold : ""));
        }
        return new DropStep(idx, threshold, share, d);
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
        copyColumns(keep, in, inOff, out, outOff);
    }

    @Override
    void encodeParameters(StepParameters p) {
        if (threshold == threshold) {
            p.fileOnly().number("maxMissingShare", threshold);
        }
        p.fileOnly().numbers("missingShare", missingShare);
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
