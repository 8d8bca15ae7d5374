/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * The fitted encoding of one categorical column: its frequent categories (each a slot, in code-point
 * order), its rare categories and whether it has an "other" slot after them. Immutable.
 */
final class ColumnEncoding {
    /** Returned by {@link #slot} for an unseen category under {@link UnseenCategory#IGNORE}. */
    static final int NONE = -1;
    private static final int UNSEEN = -1;

    final UnseenCategory policy;
    /** Codes (into the column vocabulary) of the frequent categories, ascending. */
    final int[] frequent;
    /** Codes of the rare categories, ascending. */
    final int[] rare;
    final boolean hasOther;
    /** Per vocabulary code: a slot, the other slot, or UNSEEN. */
    private final int[] slotOfCode;

    ColumnEncoding(UnseenCategory policy, int[] frequent, int[] rare, int vocabularySize) {
        this.policy = policy;
        this.frequent = frequent;
        this.rare = rare;
        this.hasOther = rare.length > 0 || policy == UnseenCategory.OTHER;
        this.slotOfCode = new int[vocabularySize];
        java.util.Arrays.fill(slotOfCode, UNSEEN);
        for (int s = 0; s < frequent.length; s++) {
            slotOfCode[frequent[s]] = s;
        }
        for (int r = 0; r < rare.length; r++) {
            slotOfCode[rare[r]] = frequent.length;
        }
    }

    /** The number of output slots (one-hot columns). */
    int slots() {
        return frequent.length + (hasOther ? 1 : 0);
    }

    /**
     * The slot of a category code: a frequent category's slot, the other slot, or {@link #NONE} for an unseen
     * category under {@link UnseenCategory#IGNORE}.
     *
     * @throws IllegalArgumentException for a missing value, a value that is not a category code, or an unseen
     *     category under {@link UnseenCategory#ERROR}
     */
    int slot(double code, int row, int stepIndex, String type, String column) {
        int c = (int) code;
        if (c == code && c >= 0 && c < slotOfCode.length && slotOfCode[c] != UNSEEN) {
            return slotOfCode[c];
        }
        if (code != code) {
            throw Step.missing(row, stepIndex, type, column);
        }
        if (c != code || c < -1 || c >= slotOfCode.length) {
            throw new IllegalArgumentException("Not a category code: " + code + " at "
                    + Step.where(row, stepIndex, type, column) + "; codes are -1 (unseen) or 0.."
                    + (slotOfCode.length - 1) + " (FittedPipeline.categoryCode)");
        }
        switch (policy) {
            case IGNORE:
                return NONE;
            case OTHER:
                return frequent.length;
            default:
                throw new IllegalArgumentException("Unseen category at " + Step.where(row, stepIndex, type, column)
                        + ": not among the " + frequent.length + " categories seen at fit time (policy ERROR; "
                        + "use UnseenCategory.IGNORE or OTHER to accept it)");
        }
    }

    List<String> names(String column, String[] vocabulary) {
        List<String> out = new ArrayList<>(slots());
        for (int s = 0; s < frequent.length; s++) {
            out.add(column + "=" + vocabulary[frequent[s]]);
        }
        if (hasOther) {
            out.add(column + "=(other)");
        }
        return out;
    }

    /** Codes of the named categories, which must be in the vocabulary, distinct and ascending. */
    static int[] codes(List<String> categories, String[] vocabulary, String at) throws ModelFormatException {
        int[] out = new int[categories.size()];
        List<String> vocab = java.util.Arrays.asList(vocabulary);
        for (int k = 0; k < out.length; k++) {
            out[k] = vocab.indexOf(categories.get(k));
            if (out[k] < 0) {
                throw new ModelFormatException("Parameter '" + at + "[" + k + "]' = \"" + categories.get(k)
                        + "\" is not a category of the column");
            }
            if (k > 0 && out[k] <= out[k - 1]) {
                throw new ModelFormatException("Parameter '" + at + "' must list categories once each, in "
                        + "code-point order");
            }
        }
        return out;
    }

    /**
     * Fits a column: counts the training codes.
     *
     * @throws IllegalArgumentException for a missing value or a code outside the vocabulary
     */
    static ColumnEncoding fit(double[] x, int n, int d, int j, int vocabularySize, CategoryEncoding options,
            int stepIndex, String type, String column) {
        long[] counts = new long[vocabularySize];
        for (int i = 0; i < n; i++) {
            double v = x[i * d + j];
            int c = (int) v;
            if (c != v || c < 0 || c >= vocabularySize) {
                if (v != v) {
                    throw Step.missing(i, stepIndex, type, column);
                }
                throw new IllegalArgumentException("Not a category code: " + v + " at "
                        + Step.where(i, stepIndex, type, column));
            }
            counts[c]++;
        }
        int nf = 0;
        int nr = 0;
        for (int c = 0; c < vocabularySize; c++) {
            if (counts[c] > 0) {
                if (options.rare(counts[c], n)) {
                    nr++;
                } else {
                    nf++;
                }
            }
        }
        int[] frequent = new int[nf];
        int[] rare = new int[nr];
        for (int c = 0, a = 0, b = 0; c < vocabularySize; c++) {
            if (counts[c] > 0) {
                if (options.rare(counts[c], n)) {
                    rare[b++] = c;
                } else {
                    frequent[a++] = c;
                }
            }
        }
        return new ColumnEncoding(options.unseenPolicy(), frequent, rare, vocabularySize);
    }
}
