/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Names RFM segments with the vocabulary marketing teams use (Champions, Loyal, At Risk, ...), from where
 * each segment sits on recency and on value.
 *
 * <h2>Rule</h2>
 * Every customer gets a percentile score per column, its mid-rank divided by n (ties share the average
 * rank), so the scores do not depend on scaling or skew. A segment's position is the mean over its customers
 * of
 * \[ r = 1 - p_{recency} \quad (\text{recent buyers score high}), \qquad
 *    v = \tfrac12 (p_{frequency} + p_{monetary}) . \]
 * The nine names of the table below sit at the prototypes \( r, v \in \{5/6, 1/2, 1/6\} \) (high, mid, low):
 * <table>
 *   <caption>Segment names by recency (rows) and value (columns)</caption>
 *   <tr><th>recency \ value</th><th>high</th><th>mid</th><th>low</th></tr>
 *   <tr><th>high</th><td>Champions</td><td>Potential Loyalists</td><td>New Customers</td></tr>
 *   <tr><th>mid</th><td>Loyal</td><td>Need Attention</td><td>About to Sleep</td></tr>
 *   <tr><th>low</th><td>At Risk</td><td>Hibernating</td><td>Lost</td></tr>
 * </table>
 * Segments get distinct names by an exact minimum-cost assignment: the total squared distance from each
 * segment's (r, v) to its name's prototype is minimised over all one-to-one assignments (dynamic programming
 * over subsets of names; ties go to the assignment found first in label order). With more than nine segments,
 * the nine best placed (by that assignment) keep plain names and the others take their nearest name with a
 * suffix " (2)", " (3)", ... The result depends only on the data and labels, so it is deterministic.
 *
 * @since 0.1
 */
public final class RfmSegmentNamer {
    /** The names, row-major: index = 3 * recencyLevel + valueLevel, levels high, mid, low. */
    private static final String[] NAMES = {
        "Champions", "Potential Loyalists", "New Customers",
        "Loyal", "Need Attention", "About to Sleep",
        "At Risk", "Hibernating", "Lost",
    };
    private static final double[] LEVEL = {5.0 / 6, 0.5, 1.0 / 6};

    private final String recency;
    private final String frequency;
    private final String monetary;

    private RfmSegmentNamer(String recency, String frequency, String monetary) {
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
    }

    /** A namer reading the given recency, frequency and monetary columns. */
    public static RfmSegmentNamer of(String recencyColumn, String frequencyColumn, String monetaryColumn) {
        return new RfmSegmentNamer(Objects.requireNonNull(recencyColumn), Objects.requireNonNull(frequencyColumn),
                Objects.requireNonNull(monetaryColumn));
    }

    /** The nine names, in the order of the rule table (row by row). */
    public static List<String> vocabulary() {
        return List.of(NAMES);
    }

    /**
     * One unique name per segment.
     *
     * @param data rows holding the three columns (raw or transformed: only their order matters). Not modified.
     * @param labels one label per row, in {@code [0, k)} or -1 (left out)
     * @param k the number of segments
     * @return the names, by label; an empty segment is named "Empty segment j"
     * @throws IllegalArgumentException if a column is missing, the lengths differ, a label is out of range, or
     *     a column is constant (it cannot place segments)
     */
    public List<String> name(Dataset data, int[] labels, int k) {
        Inertia.checkLabels(data, labels, k);
        double[] pr = percentiles(data, recency);
        double[] pf = percentiles(data, frequency);
        double[] pm = percentiles(data, monetary);
        double[] r = new double[k];
        double[] v = new double[k];
        long[] size = new long[k];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            size[l]++;
            r[l] += 1 - pr[i];
            v[l] += 0.5 * (pf[i] + pm[i]);
        }
        List<Integer> placed = new ArrayList<>();
        for (int l = 0; l < k; l++) {
            if (size[l] > 0) {
                r[l] /= size[l];
                v[l] /= size[l];
                placed.add(l);
            }
        }
        double[][] cost = new double[k][NAMES.length];
        for (int l = 0; l < k; l++) {
            for (int c = 0; c < NAMES.length; c++) {
                double dr = r[l] - LEVEL[c / 3];
                double dv = v[l] - LEVEL[c % 3];
                cost[l][c] = dr * dr + dv * dv;
            }
        }
        String[] out = new String[k];
        for (int l = 0; l < k; l++) {
            if (size[l] == 0) {
                out[l] = "Empty segment " + l;
            }
        }
        // Exact assignment of up to nine segments to distinct names; the rest get suffixed nearest names.
        List<Integer> first = placed.subList(0, Math.min(placed.size(), NAMES.length));
        int[] assigned = assign(first, cost);
        int[] uses = new int[NAMES.length];
        for (int i = 0; i < first.size(); i++) {
            out[first.get(i)] = NAMES[assigned[i]];
            uses[assigned[i]] = 1;
        }
        for (int i = first.size(); i < placed.size(); i++) {
            int l = placed.get(i);
            int best = 0;
            for (int c = 1; c < NAMES.length; c++) {
                if (cost[l][c] < cost[l][best]) {
                    best = c;
                }
            }
            out[l] = NAMES[best] + " (" + (++uses[best]) + ")";
        }
        return List.of(out);
    }

    /** Minimum-cost one-to-one assignment of segments to names by dynamic programming over name subsets. */
    private static int[] assign(List<Integer> segments, double[][] cost) {
        int m = segments.size();
        int names = NAMES.length;
        int full = 1 << names;
        double[][] best = new double[m + 1][full];
        int[][] choice = new int[m + 1][full];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        best[0][0] = 0;
        for (int i = 0; i < m; i++) {
            double[] c = cost[segments.get(i)];
            for (int mask = 0; mask < full; mask++) {
                if (best[i][mask] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int name = 0; name < names; name++) {
                    if ((mask & (1 << name)) != 0) {
                        continue;
                    }
                    int next = mask | (1 << name);
                    double total = best[i][mask] + c[name];
                    if (total < best[i + 1][next]) {
                        best[i + 1][next] = total;
                        choice[i + 1][next] = name;
                    }
                }
            }
        }
        int bestMask = -1;
        for (int mask = 0; mask < full; mask++) {
            if (Integer.bitCount(mask) == m && (bestMask < 0 || best[m][mask] < best[m][bestMask])) {
                bestMask = mask;
            }
        }
        int[] out = new int[m];
        for (int i = m, mask = bestMask; i > 0; i--) {
            out[i - 1] = choice[i][mask];
            mask &= ~(1 << out[i - 1]);
        }
        return out;
    }

    /** Mid-rank percentiles in (0, 1) of one column; ties share their average rank. */
    private static double[] percentiles(Dataset data, String column) {
        double[] values = data.column(column);
        int n = values.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        if (n > 0 && values[order[0]] == values[order[n - 1]]) {
            throw new IllegalArgumentException("Column '" + column + "' is constant; it cannot tell segments apart");
        }
        double[] p = new double[n];
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double midRank = 0.5 * (start + end) + 0.5; // ranks are 1-based: (start+1 + end+1) / 2 - 0.5
            for (int t = start; t <= end; t++) {
                p[order[t]] = midRank / n;
            }
            start = end + 1;
        }
        return p;
    }
}
