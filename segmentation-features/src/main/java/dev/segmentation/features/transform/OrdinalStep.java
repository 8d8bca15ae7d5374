/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Replaces each encoded categorical column by the index of its category among the frequent categories
 * (0, 1, ... in code-point order), the other bucket after them, and -1 for an unseen category under
 * {@link UnseenCategory#IGNORE}, as scikit-learn's {@code OrdinalEncoder} (see {@link CategoryEncoding}).
 */
final class OrdinalStep extends Step {
    static final String TYPE = "ordinal";

    final ColumnEncoding[] encodings;

    OrdinalStep(int[] columns, ColumnEncoding[] encodings) {
        super(columns);
        this.encodings = encodings;
    }

    @Override
    String type() {
        return TYPE;
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
            x[j] = encodings[k].slot(x[j], row, stepIndex, TYPE, names.get(cols[k]));
        }
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
        for (int k = 0; k < columns.length; k++) {
            encodings[k].fingerprint(out, in.vocabulary[columns[k]]);
        }
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        b.put("unseen", encodings.length == 0 ? UnseenCategory.ERROR.id : encodings[0].policy.id)
                .putSections("encodings", OneHotStep.encodeColumns(columns, encodings, in));
    }
}
