/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;

import dev.segmentation.validation.internal.Hungarian;
import dev.segmentation.validation.internal.Ranks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Names RFM segments with the vocabulary marketing teams use (Champions, Loyal, At Risk, ...), from where
 * each segment sits on recency and on value, by a configurable rule table.
 * <pre>{@code
 * List<String> names = RfmSegmentNamer.of("recency_days", "frequency", "monetary")
 *     .name(rfmRaw, model.trainingLabels(), model.k());
 * // a house vocabulary: each name at a (recency, value) position in [0, 1] x [0, 1]
 * RfmSegmentNamer custom = RfmSegmentNamer.of("recency_days", "frequency", "monetary").withRules(List.of(
 *     new RfmSegmentNamer.Rule("VIP", 0.9, 0.9), new RfmSegmentNamer.Rule("Regulars", 0.6, 0.5),
 *     new RfmSegmentNamer.Rule("Win back", 0.2, 0.7), new RfmSegmentNamer.Rule("Dormant", 0.1, 0.2)));
 * }</pre>
 *
 * <h2>Positions</h2>
 * Every customer gets a percentile score per column, its mid-rank divided by n (ties share the average
 * rank), so the scores do not depend on scaling or skew. A segment's position is the mean over its customers
 * of
 * \[ r = 1 - p_{recency} \quad (\text{recent buyers score high}), \qquad
 *    v = \tfrac12 (p_{frequency} + p_{monetary}) . \]
 *
 * <h2>The rule table</h2>
 * A rule is a name with a prototype position \( (r^*, v^*) \). The default table ({@link #standardRules()})
 * puts nine names at \( r^*, v^* \in \{5/6, 1/2, 1/6\} \) (high, mid, low):
 * <table>
 *   <caption>Default segment names by recency (rows) and value (columns)</caption>
 *   <tr><th>recency \ value</th><th>high</th><th>mid</th><th>low</th></tr>
 *   <tr><th>high</th><td>Champions</td><td>Potential Loyalists</td><td>New Customers</td></tr>
 *   <tr><th>mid</th><td>Loyal</td><td>Need Attention</td><td>About to Sleep</td></tr>
 *   <tr><th>low</th><td>At Risk</td><td>Hibernating</td><td>Lost</td></tr>
 * </table>
 * {@link #withRules} replaces the table with any list of uniquely named rules.
 *
 * <h2>Assignment</h2>
 * Segments get distinct names by an exact minimum-cost assignment: the total squared distance from each
 * segment's (r, v) to its name's prototype, \( \sum_s (r_s - r^*_{\pi(s)})^2 + (v_s - v^*_{\pi(s)})^2 \), is
 * minimised over all one-to-one assignments (the Hungarian method, exact in \( O(k^2 m) \) for m rules; ties
 * go to the lowest segment and rule indices). With more segments than rules, the assignment leaves some
 * segments without a name; each of those takes its nearest rule's name with a suffix " (2)", " (3)", ... in
 * label order. The result depends only on the data, the labels and the table, so it is deterministic; it does
 * not depend on the order of the rows.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RfmSegmentNamer {
    private static final List<Rule> STANDARD = List.of(
            new Rule("Champions", 5.0 / 6, 5.0 / 6),
            new Rule("Potential Loyalists", 5.0 / 6, 0.5),
            new Rule("New Customers", 5.0 / 6, 1.0 / 6),
            new Rule("Loyal", 0.5, 5.0 / 6),
            new Rule("Need Attention", 0.5, 0.5),
            new Rule("About to Sleep", 0.5, 1.0 / 6),
            new Rule("At Risk", 1.0 / 6, 5.0 / 6),
            new Rule("Hibernating", 1.0 / 6, 0.5),
            new Rule("Lost", 1.0 / 6, 1.0 / 6));

    /**
     * One row of the rule table: a name and the (recency, value) position of its prototype segment.
     *
     * @param name the segment name, not blank
     * @param recency the prototype's recency score in [0, 1] (1 = bought most recently)
     * @param value the prototype's value score in [0, 1] (1 = highest frequency and spend)
     */
    public record Rule(String name, double recency, double value) {
        /**
         * Validates the rule.
         *
         * @throws IllegalArgumentException if the name is blank or a score is outside [0, 1]
         */
        public Rule {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A rule needs a name");
            }
            if (!(recency >= 0 && recency <= 1) || !(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("Rule '" + name + "': recency and value must be in [0, 1] but "
                        + "were " + recency + " and " + value);
            }
        }
    }

    /**
     * A segment's position and name.
     *
     * @param label the segment label
     * @param size its number of customers
     * @param recency its mean recency score r (NaN for an empty segment)
     * @param value its mean value score v (NaN for an empty segment)
     * @param name the assigned name ("Empty segment j" for an empty segment)
     */
    public record Placement(int label, long size, double recency, double value, String name) {
    }

    private final String recency;
    private final String frequency;
    private final String monetary;
    private final List<Rule> rules;

    private RfmSegmentNamer(String recency, String frequency, String monetary, List<Rule> rules) {
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
        this.rules = rules;
    }

    /** A namer reading the given recency, frequency and monetary columns, with the standard rule table. */
    public static RfmSegmentNamer of(String recencyColumn, String frequencyColumn, String monetaryColumn) {
        return new RfmSegmentNamer(Objects.requireNonNull(recencyColumn), Objects.requireNonNull(frequencyColumn),
                Objects.requireNonNull(monetaryColumn), STANDARD);
    }

    /** The standard nine rules, row by row of the table above. */
    public static List<Rule> standardRules() {
        return STANDARD;
    }

    /** The names of the standard table, in the order of its rules (row by row). */
    public static List<String> vocabulary() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < STANDARD.size(); i++) {
            out.add(STANDARD.get(i).name());
        }
        return List.copyOf(out);
    }

    /**
     * A copy with another rule table.
     *
     * @param newRules at least one rule, names unique
     * @throws IllegalArgumentException if the list is empty or a name repeats
     */
    public RfmSegmentNamer withRules(List<Rule> newRules) {
        Objects.requireNonNull(newRules, "rules");
        if (newRules.isEmpty()) {
            throw new IllegalArgumentException("The rule table needs at least one rule");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < newRules.size(); i++) {
            Rule r = Objects.requireNonNull(newRules.get(i), "rule " + i);
            if (!seen.add(r.name())) {
                throw new IllegalArgumentException("The rule name '" + r.name() + "' is used twice");
            }
        }
        return new RfmSegmentNamer(recency, frequency, monetary, List.copyOf(newRules));
    }

    /** The rule table. */
    public List<Rule> rules() {
        return rules;
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
        List<Placement> p = place(data, labels, k);
        List<String> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            out.add(p.get(s).name());
        }
        return List.copyOf(out);
    }

    /**
     * Each segment's position and name, by label.
     *
     * @throws IllegalArgumentException as {@link #name}
     */
    public List<Placement> place(Dataset data, int[] labels, int k) {
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
        int m = rules.size();
        double[][] cost = new double[placed.size()][m];
        for (int t = 0; t < placed.size(); t++) {
            int l = placed.get(t);
            for (int c = 0; c < m; c++) {
                double dr = r[l] - rules.get(c).recency();
                double dv = v[l] - rules.get(c).value();
                cost[t][c] = dr * dr + dv * dv;
            }
        }
        String[] out = new String[k];
        for (int l = 0; l < k; l++) {
            if (size[l] == 0) {
                out[l] = "Empty segment " + l;
            }
        }
        int[] assigned = Hungarian.solve(cost);
        int[] uses = new int[m];
        for (int t = 0; t < placed.size(); t++) {
            if (assigned[t] >= 0) {
                out[placed.get(t)] = rules.get(assigned[t]).name();
                uses[assigned[t]] = 1;
            }
        }
        for (int t = 0; t < placed.size(); t++) {
            if (assigned[t] < 0) {
                int best = 0;
                for (int c = 1; c < m; c++) {
                    if (cost[t][c] < cost[t][best]) {
                        best = c;
                    }
                }
                out[placed.get(t)] = rules.get(best).name() + " (" + (++uses[best]) + ")";
            }
        }
        List<Placement> result = new ArrayList<>(k);
        for (int l = 0; l < k; l++) {
            result.add(new Placement(l, size[l], size[l] == 0 ? Double.NaN : r[l], size[l] == 0 ? Double.NaN : v[l],
                    out[l]));
        }
        return List.copyOf(result);
    }

    /** Mid-rank percentiles in (0, 1) of one column: (rank - 1/2) / n, ties sharing their average rank. */
    private static double[] percentiles(Dataset data, String column) {
        double[] values = data.column(column);
        int n = values.length;
        Ranks.Result ranks = Ranks.of(values);
        if (n > 0 && ranks.distinct == 1) {
            throw new IllegalArgumentException("Column '" + column + "' is constant; it cannot tell segments apart");
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (0.5 * ranks.doubledRanks[i] - 0.5) / n;
        }
        return p;
    }
}
