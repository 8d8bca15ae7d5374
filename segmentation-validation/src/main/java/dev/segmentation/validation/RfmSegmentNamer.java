/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Names RFM segments with the vocabulary marketing teams use (Champions, Loyal, At Risk, ...), from where
 * each segment sits on recency and on value.
 *
 * <h2>Rule</h2>
 * For each segment, the mean of each of the recency, frequency and monetary feature columns is turned into a
 * z-score against the whole population of that column: \( z = (\bar x_{seg} - \bar x) / s_x \) (population
 * standard deviation). Two scores place the segment:
 * \[ r = -z_{recency} \quad (\text{recent buyers score high}), \qquad v = \tfrac12 (z_{frequency} +
 * z_{monetary}) . \]
 * Each score is <em>low</em> below {@code -cut}, <em>high</em> above {@code +cut} (default cut 0.5) and
 * <em>mid</em> otherwise, and the cell gives the name:
 * <table>
 *   <caption>Segment names by recency (rows) and value (columns)</caption>
 *   <tr><th>recency \ value</th><th>high</th><th>mid</th><th>low</th></tr>
 *   <tr><th>high</th><td>Champions</td><td>Potential Loyalists</td><td>New Customers</td></tr>
 *   <tr><th>mid</th><td>Loyal</td><td>Need Attention</td><td>About to Sleep</td></tr>
 *   <tr><th>low</th><td>At Risk</td><td>Hibernating</td><td>Lost</td></tr>
 * </table>
 * Names are unique: when several segments fall in one cell, they are ranked by \( r + v \) (ties: lower
 * label first) and all but the first get a suffix " (2)", " (3)", ... The result depends only on the data and
 * labels, so it is deterministic. Use the feature columns the model was fitted on (log-scaled, say), where
 * means are not dominated by a few extreme customers.
 *
 * @since 0.1
 */
public final class RfmSegmentNamer {
    private static final String[][] NAMES = {
        {"Champions", "Potential Loyalists", "New Customers"},
        {"Loyal", "Need Attention", "About to Sleep"},
        {"At Risk", "Hibernating", "Lost"},
    };

    private final String recency;
    private final String frequency;
    private final String monetary;
    private final double cut;

    private RfmSegmentNamer(String recency, String frequency, String monetary, double cut) {
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
        this.cut = cut;
    }

    /** A namer reading the given recency, frequency and monetary columns, with cut 0.5. */
    public static RfmSegmentNamer of(String recencyColumn, String frequencyColumn, String monetaryColumn) {
        return new RfmSegmentNamer(Objects.requireNonNull(recencyColumn), Objects.requireNonNull(frequencyColumn),
                Objects.requireNonNull(monetaryColumn), 0.5);
    }

    /**
     * A copy with another cut between low, mid and high.
     *
     * @throws IllegalArgumentException if not finite and positive
     */
    public RfmSegmentNamer withCut(double value) {
        if (!(value > 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("cut must be finite and > 0 but was " + value);
        }
        return new RfmSegmentNamer(recency, frequency, monetary, value);
    }

    /**
     * One unique name per segment.
     *
     * @param features rows holding the three columns. Not modified.
     * @param labels one label per row, in {@code [0, k)} or -1
     * @param k the number of segments
     * @return the names, by label; an empty segment is named "Empty segment j"
     * @throws IllegalArgumentException if a column is missing, the lengths differ, a label is out of range, or
     *     a column is constant (it cannot place segments)
     */
    public List<String> name(Dataset features, int[] labels, int k) {
        Inertia.checkLabels(features, labels, k);
        double[][] z = {zScores(features, recency, labels, k), zScores(features, frequency, labels, k),
            zScores(features, monetary, labels, k)};
        long[] sizes = new long[k];
        for (int l : labels) {
            if (l >= 0) {
                sizes[l]++;
            }
        }
        String[] base = new String[k];
        double[] score = new double[k];
        for (int l = 0; l < k; l++) {
            if (sizes[l] == 0) {
                base[l] = "Empty segment " + l;
                continue;
            }
            double r = -z[0][l];
            double v = 0.5 * (z[1][l] + z[2][l]);
            base[l] = NAMES[level(r)][level(v)];
            score[l] = r + v;
        }
        Map<String, List<Integer>> byName = new HashMap<>();
        for (int l = 0; l < k; l++) {
            byName.computeIfAbsent(base[l], x -> new ArrayList<>()).add(l);
        }
        String[] out = base.clone();
        for (List<Integer> group : byName.values()) {
            if (group.size() < 2) {
                continue;
            }
            group.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
            for (int rank = 1; rank < group.size(); rank++) {
                out[group.get(rank)] = base[group.get(rank)] + " (" + (rank + 1) + ")";
            }
        }
        return List.of(out);
    }

    private int level(double score) {
        return score > cut ? 0 : score < -cut ? 2 : 1;
    }

    private static double[] zScores(Dataset data, String column, int[] labels, int k) {
        int j = data.columnIndex(column);
        int n = data.rows();
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += data.get(i, j);
        }
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double t = data.get(i, j) - mean;
            ss += t * t;
        }
        double sd = Math.sqrt(ss / n);
        if (!(sd > 0)) {
            throw new IllegalArgumentException("Column '" + column + "' is constant; it cannot tell segments apart");
        }
        double[] sums = new double[k];
        long[] counts = new long[k];
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                sums[labels[i]] += data.get(i, j);
                counts[labels[i]]++;
            }
        }
        double[] z = new double[k];
        for (int l = 0; l < k; l++) {
            z[l] = counts[l] == 0 ? 0 : (sums[l] / counts[l] - mean) / sd;
        }
        return z;
    }
}
