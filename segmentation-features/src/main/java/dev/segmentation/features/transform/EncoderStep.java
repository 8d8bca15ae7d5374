/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.Arrays;
import java.util.List;

/**
 * A step that encodes categorical columns, one {@link ColumnEncoding} per column (one-hot and ordinal).
 * Model file: the {@code unseen} policy and, per column, its frequent {@code categories} and its {@code rare}
 * ones, by name; canonically, per column, the policy and the two lists.
 */
abstract class EncoderStep extends Step {
    /** Per step column (ascending input index), its encoding. */
    final ColumnEncoding[] encodings;

    EncoderStep(StepType type, int[] columns, ColumnEncoding[] encodings, boolean inPlace) {
        super(type, columns, inPlace);
        this.encodings = encodings;
    }

    /** Builds the fitted step from its encodings. */
    @FunctionalInterface
    interface Factory {
        Step of(int[] columns, ColumnEncoding[] encodings, Stage in);
    }

    /**
     * The unfitted step on the named categorical columns (null: every categorical column), which are fitted
     * in column order.
     */
    static StepSpec spec(StepType type, List<String> columns, CategoryEncoding options, Factory factory) {
        return new StepSpec(type, columns, (st, cols, x, n, s) -> {
            ColumnEncoding[] enc = new ColumnEncoding[cols.length];
            for (int k = 0; k < cols.length; k++) {
                enc[k] = ColumnEncoding.fit(x, n, st.width(), cols[k], st.vocabulary[cols[k]].length, options, s,
                        type.name, st.names.get(cols[k]));
            }
            return factory.of(cols, enc, st);
        }) {
            @Override
            int[] resolve(Stage st, int s, List<String> prot) {
                int[] sorted = super.resolve(st, s, prot).clone();
                Arrays.sort(sorted);
                return sorted;
            }
        };
    }

    @Override
    final void encodeParameters(StepParameters p) {
        p.fileOnly().text("unseen", encodings.length == 0 ? UnseenCategory.ERROR.id : encodings[0].policy.id);
        p.sections("encodings", columns.length, (k, e) -> {
            e.canonicalOnly().text("unseen", encodings[k].policy.id);
            e.categories("categories", columns[k], encodings[k].frequent)
                    .categories("rare", columns[k], encodings[k].rare);
        });
    }

    /** Reads the encodings of the step's columns. */
    static ColumnEncoding[] decodeEncodings(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        String id = st.getString("unseen");
        UnseenCategory policy = UnseenCategory.of(id);
        if (policy == null) {
            throw new ModelFormatException("Parameter '" + at + ".unseen' = \"" + id + "\" is not one of "
                    + "[error, ignore, other]");
        }
        List<Section> sections = st.getSections("encodings");
        if (sections.size() != idx.length) {
            throw new ModelFormatException("Parameter '" + at + ".encodings' has " + sections.size()
                    + " entries but the step has " + idx.length + " columns");
        }
        ColumnEncoding[] out = new ColumnEncoding[idx.length];
        for (int k = 0; k < idx.length; k++) {
            if (!in.categorical[idx[k]]) {
                throw new ModelFormatException("Parameter '" + at + ".columns[" + k + "]' = \""
                        + in.names.get(idx[k]) + "\" is not a categorical column");
            }
            if (k > 0 && idx[k] <= idx[k - 1]) {
                throw new ModelFormatException("Parameter '" + at + ".columns' must be in column order");
            }
            String[] vocab = in.vocabulary[idx[k]];
            String p = at + ".encodings[" + k + "]";
            int[] frequent = ColumnEncoding.codes(sections.get(k).getStrings("categories", -1), vocab,
                    p + ".categories");
            int[] rare = ColumnEncoding.codes(sections.get(k).getStrings("rare", -1), vocab, p + ".rare");
            for (int r = 0; r < rare.length; r++) {
                if (Arrays.binarySearch(frequent, rare[r]) >= 0) {
                    throw new ModelFormatException("Parameter '" + p + ".rare[" + r + "]' = \"" + vocab[rare[r]]
                            + "\" is also a frequent category");
                }
            }
            out[k] = new ColumnEncoding(policy, frequent, rare, vocab.length);
        }
        return out;
    }
}
