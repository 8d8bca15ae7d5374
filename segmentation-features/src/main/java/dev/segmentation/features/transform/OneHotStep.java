/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces each encoded categorical column, where it stands, by one 0/1 column per frequent category
 * ({@code <column>=<category>}, in code-point order) and, if there is one, the other bucket
 * ({@code <column>=(other)}), as scikit-learn's {@code OneHotEncoder} (see {@link CategoryEncoding}).
 * Model file: as {@link EncoderStep}.
 */
final class OneHotStep extends EncoderStep {
    static final StepType TYPE = StepType.of("onehot", StepType.Columns.CATEGORICAL,
            (st, at, idx, in) -> new OneHotStep(idx, decodeEncodings(st, at, idx, in), in.width()),
            StepType.Trait.MAY_HAVE_NO_COLUMN);

    /** Per input column, the step column that encodes it, or -1. */
    private final int[] encoderOf;

    OneHotStep(int[] columns, ColumnEncoding[] encodings, int inWidth) {
        super(TYPE, columns, encodings, false);
        this.encoderOf = new int[inWidth];
        java.util.Arrays.fill(encoderOf, -1);
        for (int k = 0; k < columns.length; k++) {
            encoderOf[columns[k]] = k;
        }
    }

    /** One-hot encoding of the named categorical columns (null: every categorical column). */
    static StepSpec spec(List<String> columns, CategoryEncoding options) {
        return spec(TYPE, columns, options, (cols, enc, in) -> new OneHotStep(cols, enc, in.width()));
    }

    @Override
    Stage output(Stage in) {
        List<String> names = new ArrayList<>();
        List<Integer> keepFrom = new ArrayList<>();
        for (int j = 0; j < in.width(); j++) {
            int k = encoderOf[j];
            if (k < 0) {
                names.add(in.names.get(j));
                keepFrom.add(j);
            } else {
                List<String> block = encodings[k].names(in.names.get(j), in.vocabulary[j]);
                names.addAll(block);
                for (int s = 0; s < block.size(); s++) {
                    keepFrom.add(-1);
                }
            }
        }
        boolean[] cat = new boolean[names.size()];
        String[][] vocab = new String[names.size()][];
        for (int p = 0; p < cat.length; p++) {
            int j = keepFrom.get(p);
            if (j >= 0) {
                cat[p] = in.categorical[j];
                vocab[p] = in.vocabulary[j];
            }
        }
        return new Stage(names, cat, vocab);
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int w = encoderOf.length;
        int o = outOff;
        for (int j = 0; j < w; j++) {
            int k = encoderOf[j];
            if (k < 0) {
                out[o++] = in[inOff + j];
                continue;
            }
            ColumnEncoding e = encodings[k];
            int slots = e.slots();
            int s = e.slot(in[inOff + j], row, stepIndex, TYPE.name, names.get(j));
            for (int t = 0; t < slots; t++) {
                out[o + t] = t == s ? 1.0 : 0.0;
            }
            o += slots;
        }
    }
}
