/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.List;

/**
 * Replaces each encoded categorical column by the index of its category among the frequent categories
 * (0, 1, ... in code-point order), the other bucket after them, and -1 for an unseen category under
 * {@link UnseenCategory#IGNORE}, as scikit-learn's {@code OrdinalEncoder} (see {@link CategoryEncoding}).
 * Model file: as {@link EncoderStep}.
 */
final class OrdinalStep extends EncoderStep {
    static final StepType TYPE = StepType.of("ordinal", StepType.Columns.CATEGORICAL,
            (st, at, idx, in) -> new OrdinalStep(idx, decodeEncodings(st, at, idx, in)),
            StepType.Trait.MAY_HAVE_NO_COLUMN);

    OrdinalStep(int[] columns, ColumnEncoding[] encodings) {
        super(TYPE, columns, encodings, true);
    }

    /** Ordinal encoding of the named categorical columns (null: every categorical column). */
    static StepSpec spec(List<String> columns, CategoryEncoding options) {
        return spec(TYPE, columns, options, (cols, enc, in) -> new OrdinalStep(cols, enc));
    }

    @Override
    Stage output(Stage in) {
        return in.numericAt(columns);
    }

    @Override
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            x[j] = encodings[k].slot(x[j], row, stepIndex, TYPE.name, names.get(cols[k]));
        }
    }
}
