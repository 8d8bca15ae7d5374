/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stability;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Hungarian;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;

import java.util.Arrays;
import java.util.Locale;

/**
 * Matches the clusters of a new model to those of a reference model, so that a segment keeps its label (and
 * its name) across retraining: the one-to-one matching that maximises the rows both put together, or that
 * minimises the total distance between matched centres, found exactly by the Hungarian method.
 * <pre>{@code
 * LabelMatching.Result m = LabelMatching.byOverlap(oldModel.predict(x), newModel.predict(x));
 * int[] stableLabels = m.relabel(newModel.predict(x));     // new clusters carry the old labels
 * }</pre>
 *
 * <h2>Criteria</h2>
 * <ul>
 *   <li>{@link #byOverlap}: for two labellings of the same rows, maximise \( \sum_{j} n_{\pi(j), j} \), the
 *       rows on which matched clusters agree (equivalently, minimise the reassignment rate after relabelling);
 *       </li>
 *   <li>{@link #byCentroids}: for two sets of centres in the same feature space, minimise
 *       \( \sum_j \lVert c^{ref}_{\pi(j)} - c^{new}_j \rVert^2 \); no rows needed.</li>
 * </ul>
 * Both are solved exactly (an optimal one-to-one assignment, \( O(k^3) \)). With more new clusters than
 * reference clusters, the unmatched new clusters get fresh labels {@code kRef, kRef + 1, ...} in increasing
 * order of their own label; with fewer, some reference labels are simply unused. The result is deterministic:
 * ties go to the lowest indices.
 *
 * <p>Labels are in {@code [0, k)} or -1 (noise), which is never matched and stays -1. Bad input (labellings
 * of different lengths, labels below -1, centres of different dimensions or feature names) throws
 * {@link IllegalArgumentException}. Thread-safe.
 *
 * <p>Reference: H. W. Kuhn, "The Hungarian method for the assignment problem", Naval Research Logistics
 * Quarterly 2 (1955) 83-97, doi:10.1002/nav.3800020109.
 *
 * @since 0.1
 */
public final class LabelMatching {
    private LabelMatching() {
    }

    /**
     * Matches the clusters of {@code other} to those of {@code reference}, two labellings of the same rows, by
     * maximum overlap.
     *
     * @param reference the reference labels, {@code [0, kRef)} or -1. Not modified.
     * @param other the new labels, {@code [0, kNew)} or -1. Not modified.
     * @throws IllegalArgumentException if the lengths differ or a label is below -1
     */
    public static Result byOverlap(int[] reference, int[] other) {
        Checks.notNull("reference", reference);
        Labels.checkLength(other, reference.length);
        int kr = maxLabel(reference, "reference") + 1;
        int ko = maxLabel(other, "other") + 1;
        long[][] overlap = new long[ko][kr];
        for (int i = 0; i < reference.length; i++) {
            if (reference[i] >= 0 && other[i] >= 0) {
                overlap[other[i]][reference[i]]++;
            }
        }
        long max = 0;
        for (int o = 0; o < ko; o++) {
            for (int r = 0; r < kr; r++) {
                max = Math.max(max, overlap[o][r]);
            }
        }
        double[][] cost = new double[ko][kr];
        for (int o = 0; o < ko; o++) {
            for (int r = 0; r < kr; r++) {
                cost[o][r] = max - overlap[o][r];
            }
        }
        int[] mapping = Hungarian.solve(cost);
        double[] score = new double[ko];
        for (int o = 0; o < ko; o++) {
            score[o] = mapping[o] < 0 ? 0 : overlap[o][mapping[o]];
        }
        return new Result(mapping, kr, score, "rows in common");
    }

    /**
     * Matches the centres of a new model to those of a reference model by minimum total squared distance.
     *
     * @param reference the reference centres. Not modified.
     * @param other the new centres, with the same feature names. Not modified.
     * @throws IllegalArgumentException if the feature names differ
     */
    public static Result byCentroids(Centroids reference, Centroids other) {
        Checks.notNull("reference", reference);
        Checks.notNull("other", other);
        if (!reference.columnNames().equals(other.columnNames())) {
            throw new IllegalArgumentException("The centres have different features: " + reference.columnNames()
                    + " and " + other.columnNames());
        }
        int kr = reference.k();
        int ko = other.k();
        int d = reference.dimension();
        double[] a = reference.toRowMajorArray();
        double[] b = other.toRowMajorArray();
        double[][] cost = new double[ko][kr];
        for (int o = 0; o < ko; o++) {
            for (int r = 0; r < kr; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = b[o * d + j] - a[r * d + j];
                    s += t * t;
                }
                cost[o][r] = s;
            }
        }
        int[] mapping = Hungarian.solve(cost);
        double[] score = new double[ko];
        for (int o = 0; o < ko; o++) {
            score[o] = mapping[o] < 0 ? Double.NaN : Math.sqrt(cost[o][mapping[o]]);
        }
        return new Result(mapping, kr, score, "centre distance");
    }

    private static int maxLabel(int[] labels, String name) {
        int max = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + labels[i]
                        + " is not a cluster label (>= 0) or noise (-1)");
            }
            max = Math.max(max, labels[i]);
        }
        return max;
    }

    /** A matching of new clusters to reference clusters. Immutable. */
    public static final class Result {
        private final int[] mapping;
        private final int[] relabelling;
        private final int referenceK;
        private final double[] score;
        private final String scoreName;

        Result(int[] mapping, int referenceK, double[] score, String scoreName) {
            this.mapping = mapping;
            this.referenceK = referenceK;
            this.score = score;
            this.scoreName = scoreName;
            this.relabelling = new int[mapping.length];
            int fresh = referenceK;
            for (int o = 0; o < mapping.length; o++) {
                relabelling[o] = mapping[o] >= 0 ? mapping[o] : fresh++;
            }
        }

        /** The number of new clusters. */
        public int otherK() {
            return mapping.length;
        }

        /** The number of reference clusters. */
        public int referenceK() {
            return referenceK;
        }

        /** The reference cluster matched to each new cluster, or -1 if it has none. */
        public int[] mapping() {
            return mapping.clone();
        }

        /** The reference cluster matched to new cluster {@code label}, or -1. */
        public int matchOf(int label) {
            return mapping[label];
        }

        /** The label each new cluster takes: its match, or a fresh label from {@code referenceK()} up. */
        public int[] relabelling() {
            return relabelling.clone();
        }

        /**
         * New labels rewritten to the reference's numbering (noise stays -1).
         *
         * @param otherLabels labels of the new model, {@code [0, otherK())} or -1. Not modified.
         * @throws IllegalArgumentException if a label is out of range
         */
        public int[] relabel(int[] otherLabels) {
            Checks.notNull("otherLabels", otherLabels);
            int[] out = new int[otherLabels.length];
            for (int i = 0; i < out.length; i++) {
                int l = otherLabels[i];
                if (l < -1 || l >= mapping.length) {
                    throw new IllegalArgumentException("otherLabels[" + i + "] = " + l + " is not in [-1, "
                            + mapping.length + ")");
                }
                out[i] = l < 0 ? -1 : relabelling[l];
            }
            return out;
        }

        /**
         * The criterion for each new cluster and its match: rows in common (by overlap) or the distance between
         * the centres (by centroids; NaN when unmatched).
         */
        public double[] matchScores() {
            return score.clone();
        }

        /** One row per new cluster: the reference cluster it was matched to, the label it takes and the score. */
        public String table() {
            TextTable t = TextTable.of("new", "matched to", "takes label", scoreName);
            for (int o = 0; o < mapping.length; o++) {
                t.row(o, mapping[o] < 0 ? "-" : Integer.toString(mapping[o]), relabelling[o],
                        Double.isNaN(score[o]) ? "-" : TextTable.fmt("%.6g", score[o]));
            }
            return TextTable.line("Label matching by %s: %d new clusters onto %d reference clusters", scoreName,
                    mapping.length, referenceK) + t.render();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "LabelMatching[%s, new -> reference %s]", scoreName,
                    Arrays.toString(mapping));
        }
    }
}
