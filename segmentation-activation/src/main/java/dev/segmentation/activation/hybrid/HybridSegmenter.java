/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.hybrid;

import dev.segmentation.activation.rules.BoundRuleSet;
import dev.segmentation.activation.rules.Condition;
import dev.segmentation.activation.rules.RuleFinding;
import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.activation.rules.RuleSet;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.CustomerTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hybrid segmentation: ordered business rules that take precedence ("VIP" by contract, "New" by tenure), a
 * cluster model for everyone else, and post-clustering rules that merge or split clusters for operational
 * clarity. All of it is one model, saved and loaded with {@link dev.segmentation.core.io.ModelIO} (model type
 * {@code "hybrid-segmenter"}), so the rules travel with the clusters they adjust.
 * <pre>{@code
 * HybridSegmenter segments = HybridSegmenter.builder(schema)
 *         .rules(RuleSet.parse("VIP: monetary >= 10000\nNew: tenure_days <= 30"))
 *         .clusters(scorer)                                        // a SegmentScorer over recency, frequency, monetary
 *         .merge("Low value", 0, 4)                                // two clusters the business treats alike
 *         .split(2, "country = \"United Kingdom\"", "Champions UK", "Champions abroad")
 *         .build();
 * int segment = segments.assign(record);                           // a record of the schema; no allocation
 * }</pre>
 *
 * <h2>How a record is assigned</h2>
 * <ol>
 *   <li>The precedence rules are tried in order; the first that is true decides (segment = that rule).</li>
 *   <li>Otherwise the cluster model scores the record's raw inputs (found by name in the schema) to cluster
 *       \( c \). If one of them is missing, the record goes to the fallback segment if one is set, else
 *       {@link #assign(double[])} throws an exception naming the input.</li>
 *   <li>Cluster \( c \) maps to its output segment: its own (named after the model's segment name, or renamed),
 *       a merged segment, or, if the cluster is split, the first of its two segments when the split condition is
 *       true and the second when it is false or unknown.</li>
 * </ol>
 * Output segments are numbered: the rules' segments in rule order, then the cluster segments in the order of
 * their first cluster (a split contributes two), then the fallback. {@link #segment(int)} says where each comes
 * from, and {@link #table(int[])} prints them with their sizes.
 *
 * <h2>Checks</h2>
 * Building binds every rule and split condition to the schema (unknown or mistyped features fail here), checks
 * that the schema holds the model's inputs as numbers, that merges and splits name existing clusters, that no
 * cluster is both merged and split or used twice, and that every output segment has a distinct name. Rules that
 * can never match are reported in {@link #findings()}.
 *
 * <p>Immutable and thread-safe; {@link #assign(double[])} allocates nothing.
 *
 * @since 0.1
 */
public final class HybridSegmenter {
    /** Where an output segment comes from. */
    public enum Source {
        /** A precedence rule. */
        RULE,
        /** One cluster, or several merged. */
        CLUSTERS,
        /** The part of a split cluster where the split condition is true. */
        SPLIT_TRUE,
        /** The rest of a split cluster. */
        SPLIT_OTHERWISE,
        /** Records the cluster model cannot score (a missing input). */
        FALLBACK
    }

    /**
     * An output segment.
     *
     * @param name its name
     * @param source where it comes from
     * @param rule the precedence rule's condition text, or the split condition for the split sources, else empty
     * @param clusters the clusters it holds (empty for a rule or the fallback)
     */
    public record Segment(String name, Source source, String rule, List<Integer> clusters) {
        /** The origin in words: "rule: monetary >= 10000", "clusters 0 + 4", "cluster 2 where ...". */
        public String describe() {
            switch (source) {
                case RULE:
                    return "rule: " + rule;
                case CLUSTERS:
                    if (clusters.size() == 1) {
                        return "cluster " + clusters.get(0);
                    }
                    StringBuilder sb = new StringBuilder("clusters ");
                    for (int i = 0; i < clusters.size(); i++) {
                        sb.append(i == 0 ? "" : " + ").append(clusters.get(i));
                    }
                    return sb.toString();
                case SPLIT_TRUE:
                    return "cluster " + clusters.get(0) + " where " + rule;
                case SPLIT_OTHERWISE:
                    return "cluster " + clusters.get(0) + " otherwise";
                default:
                    return "a cluster input is missing";
            }
        }
    }

    private final RuleSchema schema;
    private final BoundRuleSet rules;
    private final ClusterStage clusters;
    private final List<Segment> segments;
    private final int[] clusterSegment;
    private final BoundRuleSet[] splitRules;
    private final int[] splitTrue;
    private final int[] splitFalse;
    private final int fallback;
    private final List<RuleFinding> findings;
    private final Builder spec;

    private HybridSegmenter(Builder b) {
        this.spec = b.copy();
        this.schema = b.schema;
        this.rules = b.rules == null ? null : b.rules.bind(schema);
        this.clusters = ClusterStage.bind(b.scorer, schema);
        int k = clusters.k();
        List<Segment> out = new ArrayList<>();
        List<RuleFinding> found = new ArrayList<>();
        if (rules != null) {
            for (int i = 0; i < b.rules.size(); i++) {
                out.add(new Segment(b.rules.rules().get(i).name(), Source.RULE, b.rules.rules().get(i).when().toString(),
                        List.of()));
            }
            found.addAll(rules.findings());
        }
        clusterSegment = new int[k];
        Arrays.fill(clusterSegment, -1);
        splitRules = new BoundRuleSet[k];
        splitTrue = new int[k];
        splitFalse = new int[k];
        for (int c = 0; c < k; c++) {
            if (clusterSegment[c] >= 0) {
                continue;
            }
            Merge m = b.mergeOf(c);
            Split s = b.splits.get(c);
            if (m != null) {
                int seg = out.size();
                out.add(new Segment(m.name, Source.CLUSTERS, "", m.clusters));
                for (int member : m.clusters) {
                    clusterSegment[member] = seg;
                }
            } else if (s != null) {
                BoundRuleSet bound;
                try {
                    bound = RuleSet.builder().rule(s.whenTrue, s.when).build().bind(schema);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("The split of cluster " + c + ": " + e.getMessage(), e);
                }
                for (RuleFinding f : bound.findings()) {
                    found.add(new RuleFinding(f.rule(), f.name(), f.kind(), "The split of cluster " + c + ": "
                            + f.message()));
                }
                splitRules[c] = bound;
                splitTrue[c] = out.size();
                out.add(new Segment(s.whenTrue, Source.SPLIT_TRUE, s.when.toString(), List.of(c)));
                splitFalse[c] = out.size();
                out.add(new Segment(s.otherwise, Source.SPLIT_OTHERWISE, s.when.toString(), List.of(c)));
            } else {
                String name = b.renames.getOrDefault(c, clusters.segmentName(c));
                clusterSegment[c] = out.size();
                out.add(new Segment(name, Source.CLUSTERS, "", List.of(c)));
            }
        }
        fallback = b.fallback == null ? -1 : out.size();
        if (b.fallback != null) {
            out.add(new Segment(b.fallback, Source.FALLBACK, "", List.of()));
        }
        Set<String> names = new HashSet<>();
        for (Segment s : out) {
            if (!names.add(s.name)) {
                throw new IllegalArgumentException("Two output segments are named '" + s.name + "'; rename a cluster "
                        + "(rename(cluster, name)) or a rule so that every segment has its own name");
            }
        }
        this.segments = List.copyOf(out);
        this.findings = List.copyOf(found);
    }

    /**
     * A builder over records of {@code schema}.
     *
     * @param schema the features of a record: those of the rules, of the split conditions and the model's inputs
     */
    public static Builder builder(RuleSchema schema) {
        return new Builder(Checks.notNull("schema", schema));
    }

    /** The schema of a record. */
    public RuleSchema schema() {
        return schema;
    }

    /** The output segments, by label. */
    public List<Segment> segments() {
        return segments;
    }

    /** Output segment {@code label}. */
    public Segment segment(int label) {
        return segments.get(label);
    }

    /** The segment names, by label. */
    public List<String> segmentNames() {
        List<String> out = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            out.add(s.name);
        }
        return List.copyOf(out);
    }

    /** The number of output segments. */
    public int k() {
        return segments.size();
    }

    /** The cluster model. */
    public SegmentScorer clusterModel() {
        return clusters.scorer();
    }

    /** The precedence rules, if any. */
    public java.util.Optional<RuleSet> rules() {
        return java.util.Optional.ofNullable(spec.rules);
    }

    /** Rules and split conditions that can never match (see {@link BoundRuleSet#findings()}). */
    public List<RuleFinding> findings() {
        return findings;
    }

    /**
     * The segment of one record. Allocates nothing.
     *
     * @param record a record of {@link #schema()}. Not modified.
     * @throws IllegalArgumentException if the record has the wrong length, or no rule matched, an input of the
     *     cluster model is missing and there is no fallback segment
     */
    public int assign(double[] record) {
        Checks.rowLength("record", record, schema.size());
        return assignAt(record, 0);
    }

    private int assignAt(double[] record, int offset) {
        if (rules != null) {
            int r = rules.matchAt(record, offset);
            if (r >= 0) {
                return r;
            }
        }
        int c = clusters.assign(record, offset);
        if (c < 0) {
            if (fallback >= 0) {
                return fallback;
            }
            throw new IllegalArgumentException("No precedence rule matched and the cluster model's input '"
                    + clusters.missingInput(record, offset) + "' is missing; set a fallback segment to assign such "
                    + "records");
        }
        int s = clusterSegment[c];
        if (s >= 0) {
            return s;
        }
        return splitRules[c].matchesAt(0, record, offset) ? splitTrue[c] : splitFalse[c];
    }

    /**
     * The segment of every customer of a table.
     *
     * @throws IllegalArgumentException if the table lacks a feature of the schema, or a record cannot be assigned
     *     (the message names the customer)
     */
    public int[] assign(CustomerTable table) {
        double[] records = schema.records(table);
        int d = schema.size();
        int[] out = new int[table.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = assignAt(records, i * d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Customer '" + table.customerId(i) + "' (row " + i + "): "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The segments with where they come from and how many of {@code labels} each holds.
     *
     * @param labels the result of {@link #assign(CustomerTable)}
     */
    public String table(int[] labels) {
        Checks.notNull("labels", labels);
        long[] counts = new long[segments.size()];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= counts.length) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not a segment");
            }
            counts[labels[i]]++;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-3s %-24s %9s %7s  %s%n", "id", "segment", "customers", "share",
                "from"));
        for (int s = 0; s < segments.size(); s++) {
            sb.append(String.format(Locale.ROOT, "  %-3d %-24s %,9d %6.1f%%  %s%n", s, segments.get(s).name, counts[s],
                    labels.length == 0 ? 0.0 : 100.0 * counts[s] / labels.length, segments.get(s).describe()));
        }
        return sb.toString();
    }

    /** The builder this model was made from (for the codec). */
    Builder spec() {
        return spec;
    }

    @Override
    public String toString() {
        return "HybridSegmenter[" + segmentNames() + "]";
    }

    /** Clusters merged into one segment. */
    record Merge(String name, List<Integer> clusters) {
    }

    /** A cluster split by a condition. */
    record Split(int cluster, String whenTrue, Condition when, String otherwise) {
    }

    /** Builds a {@link HybridSegmenter}. */
    public static final class Builder {
        private final RuleSchema schema;
        private RuleSet rules;
        private SegmentScorer scorer;
        private final List<Merge> merges = new ArrayList<>();
        private final Map<Integer, Split> splits = new LinkedHashMap<>();
        private final Map<Integer, String> renames = new LinkedHashMap<>();
        private String fallback;

        private Builder(RuleSchema schema) {
            this.schema = schema;
        }

        Builder copy() {
            Builder b = new Builder(schema);
            b.rules = rules;
            b.scorer = scorer;
            b.merges.addAll(merges);
            b.splits.putAll(splits);
            b.renames.putAll(renames);
            b.fallback = fallback;
            return b;
        }

        /**
         * The rules that take precedence over the clusters.
         *
         * @throws IllegalArgumentException if the rule set has a default segment (everyone no rule matches goes to
         *     the clusters)
         * @throws IllegalStateException if rules were already set
         */
        public Builder rules(RuleSet value) {
            Checks.notYetSet("rules", rules != null);
            Checks.notNull("rules", value);
            if (value.otherwise().isPresent()) {
                throw new IllegalArgumentException("The precedence rules must not have a default segment ('"
                        + value.otherwise().get() + "'): the customers they do not match go to the clusters");
            }
            rules = value;
            return this;
        }

        /**
         * The cluster model for the customers no rule takes.
         *
         * @throws IllegalStateException if already set
         */
        public Builder clusters(SegmentScorer value) {
            Checks.notYetSet("clusters", scorer != null);
            scorer = Checks.notNull("clusters", value);
            return this;
        }

        /**
         * Merges clusters into one segment.
         *
         * @throws IllegalArgumentException if fewer than two clusters are given, one repeats, or the name is blank
         */
        public Builder merge(String name, int... clusterLabels) {
            name(name);
            Checks.notNull("clusters", clusterLabels);
            if (clusterLabels.length < 2) {
                throw new IllegalArgumentException("merge('" + name + "') needs at least two clusters but was given "
                        + Arrays.toString(clusterLabels));
            }
            List<Integer> list = new ArrayList<>();
            for (int c : clusterLabels) {
                if (list.contains(c)) {
                    throw new IllegalArgumentException("merge('" + name + "') names cluster " + c + " twice");
                }
                list.add(c);
            }
            java.util.Collections.sort(list);
            merges.add(new Merge(name, List.copyOf(list)));
            return this;
        }

        /**
         * Splits a cluster in two by a condition.
         *
         * @param cluster the cluster
         * @param when the condition, in the rule language
         * @param whenTrue the segment of the cluster's records for which it is true
         * @param otherwise the segment of the rest (false or unknown)
         * @throws dev.segmentation.activation.rules.RuleSyntaxException if the condition does not parse
         * @throws IllegalStateException if the cluster is already split
         */
        public Builder split(int cluster, String when, String whenTrue, String otherwise) {
            return split(cluster, Condition.parse(Checks.notNull("when", when)), whenTrue, otherwise);
        }

        /**
         * Splits a cluster in two by a condition.
         *
         * @throws IllegalStateException if the cluster is already split
         * @throws IllegalArgumentException if a name is blank or the two names are equal
         */
        public Builder split(int cluster, Condition when, String whenTrue, String otherwise) {
            Checks.notNull("when", when);
            name(whenTrue);
            name(otherwise);
            if (whenTrue.equals(otherwise)) {
                throw new IllegalArgumentException("The two sides of the split of cluster " + cluster
                        + " are both named '" + whenTrue + "'");
            }
            Checks.notYetSet("split of cluster " + cluster, splits.containsKey(cluster));
            splits.put(cluster, new Split(cluster, whenTrue, when, otherwise));
            return this;
        }

        /**
         * Names a cluster's segment (instead of the model's segment name).
         *
         * @throws IllegalStateException if the cluster was already renamed
         */
        public Builder rename(int cluster, String name) {
            name(name);
            Checks.notYetSet("name of cluster " + cluster, renames.containsKey(cluster));
            renames.put(cluster, name);
            return this;
        }

        /**
         * The segment of records that no rule takes and the cluster model cannot score because an input is
         * missing. Without it, such a record is an error.
         *
         * @throws IllegalStateException if already set
         */
        public Builder fallback(String name) {
            name(name);
            Checks.notYetSet("fallback", fallback != null);
            fallback = name;
            return this;
        }

        private static void name(String name) {
            Checks.notNull("name", name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("A segment name must not be blank");
            }
        }

        Merge mergeOf(int cluster) {
            for (Merge m : merges) {
                if (m.clusters.contains(cluster)) {
                    return m;
                }
            }
            return null;
        }

        RuleSchema schema() {
            return schema;
        }

        RuleSet rules() {
            return rules;
        }

        SegmentScorer scorer() {
            return scorer;
        }

        List<Merge> merges() {
            return merges;
        }

        java.util.Collection<Split> splits() {
            return splits.values();
        }

        Map<Integer, String> renames() {
            return renames;
        }

        String fallbackName() {
            return fallback;
        }

        /**
         * The hybrid segmentation.
         *
         * @throws IllegalStateException if no cluster model was set
         * @throws IllegalArgumentException if a rule or split names an unknown or mistyped feature, the schema
         *     lacks an input of the model, a merge, split or rename names a cluster outside {@code [0, k)}, a
         *     cluster is merged twice, both merged and split, or renamed while merged or split, or two output
         *     segments share a name
         */
        public HybridSegmenter build() {
            if (scorer == null) {
                throw new IllegalStateException("Set the cluster model with clusters(scorer)");
            }
            int k = scorer.k();
            Set<Integer> merged = new HashSet<>();
            for (Merge m : merges) {
                for (int c : m.clusters) {
                    checkCluster("merge('" + m.name + "')", c, k);
                    if (!merged.add(c)) {
                        throw new IllegalArgumentException("Cluster " + c + " is merged twice");
                    }
                }
            }
            for (int c : splits.keySet()) {
                checkCluster("split", c, k);
                if (merged.contains(c)) {
                    throw new IllegalArgumentException("Cluster " + c + " is both merged and split");
                }
            }
            for (int c : renames.keySet()) {
                checkCluster("rename", c, k);
                if (merged.contains(c) || splits.containsKey(c)) {
                    throw new IllegalArgumentException("Cluster " + c + " is renamed but also "
                            + (merged.contains(c) ? "merged" : "split") + ", which names its segments already");
                }
            }
            return new HybridSegmenter(this);
        }

        private static void checkCluster(String what, int c, int k) {
            if (c < 0 || c >= k) {
                throw new IllegalArgumentException(what + " names cluster " + c + ", but the model has clusters 0.."
                        + (k - 1));
            }
        }
    }
}
