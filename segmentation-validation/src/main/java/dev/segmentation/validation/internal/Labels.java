/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

import dev.segmentation.core.Dataset;

import java.util.Arrays;

/**
 * Checks and compact encodings of label arrays. Not API.
 *
 * <p>Cluster labels are {@code >= 0}, and {@code -1} marks noise (a row in no cluster). An encoding maps the
 * distinct labels, in increasing order, to codes {@code 0 .. k-1}, so that a labelling such as
 * {@code {3, 7, 3}} becomes {@code {0, 1, 0}} with {@code values = {3, 7}}.
 */
public final class Labels {
    /** The noise label. */
    public static final int NOISE = -1;

    private Labels() {
    }

    /** A labelling with its distinct values mapped to codes {@code 0 .. k-1} (noise stays -1). */
    public static final class Encoded {
        /** One code per row in {@code [0, k)}, or -1 for noise. */
        public final int[] codes;
        /** The number of distinct non-noise labels. */
        public final int k;
        /** The original label of each code, increasing. */
        public final int[] values;
        /** The number of rows with each code. */
        public final int[] sizes;
        /** The number of rows that are not noise. */
        public final int assigned;

        Encoded(int[] codes, int k, int[] values, int[] sizes, int assigned) {
            this.codes = codes;
            this.k = k;
            this.values = values;
            this.sizes = sizes;
            this.assigned = assigned;
        }

        /** The code of an original label, or -1 if the label does not occur. */
        public int codeOf(int label) {
            int c = Arrays.binarySearch(values, label);
            return c >= 0 ? c : -1;
        }
    }

    /**
     * Checks that there is one label per row.
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static void checkLength(int[] labels, int rows) {
        if (labels == null) {
            throw new NullPointerException("labels must not be null");
        }
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels were given for " + rows + " rows");
        }
    }

    /** Checks the length against a dataset. */
    public static void checkLength(int[] labels, Dataset data) {
        if (data == null) {
            throw new NullPointerException("data must not be null");
        }
        checkLength(labels, data.rows());
    }

    /**
     * Encodes cluster labels: every label must be {@code >= -1}; -1 is noise.
     *
     * @throws IllegalArgumentException if a label is below -1
     */
    public static Encoded encodeClusters(int[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < NOISE) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i]
                        + " is not a cluster label (>= 0) or noise (-1)");
            }
        }
        return encode(labels, true);
    }

    /**
     * Encodes arbitrary labels; every distinct value, -1 included, is a class of its own (as scikit-learn
     * treats labels in ARI and NMI).
     */
    public static Encoded encodeAll(int[] labels) {
        return encode(labels, false);
    }

    private static Encoded encode(int[] labels, boolean noise) {
        int n = labels.length;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (noise && l == NOISE) {
                continue;
            }
            if (l < min) {
                min = l;
            }
            if (l > max) {
                max = l;
            }
        }
        int[] codes = new int[n];
        if (min > max) { // no labelled row
            Arrays.fill(codes, NOISE);
            return new Encoded(codes, 0, new int[0], new int[0], 0);
        }
        long span = (long) max - min + 1;
        int[] values;
        if (span <= (long) n + 1024) { // the count arrays take at most 8 n + 8 KiB
            int[] count = new int[(int) span];
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                if (!(noise && l == NOISE)) {
                    count[l - min]++;
                }
            }
            int k = 0;
            for (int v = 0; v < count.length; v++) {
                if (count[v] > 0) {
                    k++;
                }
            }
            values = new int[k];
            int[] code = new int[count.length];
            for (int v = 0, c = 0; v < count.length; v++) {
                if (count[v] > 0) {
                    values[c] = v + min;
                    code[v] = c++;
                }
            }
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                codes[i] = noise && l == NOISE ? NOISE : code[l - min];
            }
        } else {
            int[] sorted = labels.clone();
            Arrays.sort(sorted);
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!(noise && sorted[i] == NOISE) && (k == 0 || sorted[i] != sorted[k - 1])) {
                    sorted[k++] = sorted[i];
                }
            }
            values = Arrays.copyOf(sorted, k);
            for (int i = 0; i < n; i++) {
                int l = labels[i];
                codes[i] = noise && l == NOISE ? NOISE : Arrays.binarySearch(values, l);
            }
        }
        int k = values.length;
        int[] sizes = new int[k];
        int assigned = 0;
        for (int i = 0; i < n; i++) {
            if (codes[i] >= 0) {
                sizes[codes[i]]++;
                assigned++;
            }
        }
        return new Encoded(codes, k, values, sizes, assigned);
    }

    /**
     * Checks that a labelling has at least two clusters and at most {@code assigned - 1}, the range in which
     * the silhouette, Davies-Bouldin and Calinski-Harabasz indices are defined (scikit-learn's rule).
     *
     * @param what the index, for the message
     * @throws IllegalArgumentException if not
     */
    public static void checkInternalIndexRange(Encoded e, String what) {
        if (e.assigned == 0) {
            throw new IllegalArgumentException(what + " is not defined: every row is labelled noise (-1)");
        }
        if (e.k < 2) {
            throw new IllegalArgumentException(what + " needs at least 2 clusters but the labels hold only "
                    + e.k + " (label " + e.values[0] + ", " + e.assigned + " rows)");
        }
        if (e.k > e.assigned - 1) {
            throw new IllegalArgumentException(what + " needs at most n - 1 = " + (e.assigned - 1)
                    + " clusters but the labels hold " + e.k + " for " + e.assigned + " rows: every row is its "
                    + "own cluster");
        }
    }

    /** Checks that every value is finite; the message names the array and the index. */
    public static void checkFinite(String name, double[] values) {
        if (values == null) {
            throw new NullPointerException(name + " must not be null");
        }
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v - v != 0) {
                throw new IllegalArgumentException("Non-finite value " + v + " in " + name + " at index " + i);
            }
        }
    }
}
