/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces each encoded categorical column, where it stands, by one 0/1 column per frequent category
 * ({@code <column>=<category>}, in code-point order) and, if there is one, the other bucket
 * ({@code <column>=(other)}), as scikit-learn's {@code OneHotEncoder} (see {@link CategoryEncoding}).
 */
final class OneHotStep extends Step {
    static final String TYPE = "onehot";

    /** Per step column (ascending input index), its encoding. */
    final ColumnEncoding[] encodings;
    /** Per input column, the step column that encodes it, or -1. */
    private final int[] encoderOf;

    OneHotStep(int[] columns, ColumnEncoding[] encodings, int inWidth) {
        super(columns);
        this.encodings = encodings;
        this.encoderOf = new int[inWidth];
        java.util.Arrays.fill(encoderOf, -1);
        for (int k = 0; k < columns.length; k++) {
            encoderOf[columns[k]] = k;
        }
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
            int s = e.slot(in[inOff + j], row, stepIndex, TYPE, names.get(j));
            for (int t = 0; t < slots; t++) {
                out[o + t] = t == s ? 1.0 : 0.0;
            }
            o += slots;
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
                .putSections("encodings", encodeColumns(columns, encodings, in));
    }

    static List<Section> encodeColumns(int[] columns, ColumnEncoding[] encodings, Stage in) {
        List<Section> out = new ArrayList<>(columns.length);
        for (int k = 0; k < columns.length; k++) {
            String[] vocab = in.vocabulary[columns[k]];
            out.add(Section.builder()
                    .put("categories", ColumnEncoding.strings(encodings[k].frequent, vocab))
                    .put("rare", ColumnEncoding.strings(encodings[k].rare, vocab))
                    .build());
        }
        return out;
    }

    static ColumnEncoding[] decodeColumns(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
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
                if (java.util.Arrays.binarySearch(frequent, rare[r]) >= 0) {
                    throw new ModelFormatException("Parameter '" + p + ".rare[" + r + "]' = \"" + vocab[rare[r]]
                            + "\" is also a frequent category");
                }
            }
            out[k] = new ColumnEncoding(policy, frequent, rare, vocab.length);
        }
        return out;
    }
}
