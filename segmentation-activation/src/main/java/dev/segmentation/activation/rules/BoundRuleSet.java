/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.activation.internal.Program;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link RuleSet} bound to a {@link RuleSchema} and compiled: what scores a record. Saved and loaded with
 * {@link dev.segmentation.core.io.ModelIO} (model type {@code "rule-set"}).
 *
 * <h2>Scoring</h2>
 * {@link #match(double[])} returns the label of the first rule whose condition is true for the record (labels
 * are rule indices; the default segment, if any, is label {@code rules().size()}), or {@link #NO_MATCH}. It
 * allocates nothing and runs a compiled branching program (see the internal {@code Program}): each test reads one
 * feature of the record, and evaluation stops at the first test that decides the outcome.
 *
 * <h2>Findings</h2>
 * Binding checks every rule exactly (see {@link RuleFinding}): a rule whose condition no record satisfies
 * ({@code monetary > 500 and monetary < 100}), a rule whose every match an earlier rule takes, and a default
 * segment that the rules leave nobody for. These are reported in {@link #findings()} and logged as warnings; they
 * are not errors, since a rule set may be written ahead of the data it will see. The check is exact for the
 * language (every test compares one feature with constants) and bounded in work; a rule too large for it is
 * reported as {@link RuleFinding.Kind#UNDECIDED}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BoundRuleSet {
    /** The result of {@link #match(double[])} when no rule matches and there is no default segment. */
    public static final int NO_MATCH = -1;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoundRuleSet.class);

    private final RuleSet rules;
    private final RuleSchema schema;
    private final List<Bound.Node> nodes;
    private final Program program;
    private final Program[] single;
    private final List<RuleFinding> findings;

    BoundRuleSet(RuleSet rules, RuleSchema schema) {
        this.rules = rules;
        this.schema = schema;
        List<Bound.Node> bound = new ArrayList<>(rules.size());
        for (Rule r : rules.rules()) {
            bound.add(Bound.bind(r.when(), schema, "Rule '" + r.name() + "'"));
        }
        this.nodes = List.copyOf(bound);
        int none = rules.otherwise().isPresent() ? rules.size() : -1;
        this.program = Bound.compileFirstMatch(nodes, none < 0 ? rules.size() : none);
        this.single = new Program[rules.size()];
        for (int i = 0; i < single.length; i++) {
            single[i] = Bound.compileTruth(nodes.get(i));
        }
        this.findings = analyse();
        for (RuleFinding f : findings) {
            LOG.warn("{}", f.message());
        }
    }

    /** The rules. */
    public RuleSet ruleSet() {
        return rules;
    }

    /** The schema the rules were bound to, which is also the layout of a record. */
    public RuleSchema schema() {
        return schema;
    }

    /** The segment names by label: the rules', then the default segment's. */
    public List<String> labels() {
        return rules.labels();
    }

    /** The number of labels {@link #match(double[])} can return besides {@link #NO_MATCH}. */
    public int segmentCount() {
        return rules.size() + (rules.otherwise().isPresent() ? 1 : 0);
    }

    /** What binding found (empty when every rule can match and the default, if any, can be reached). */
    public List<RuleFinding> findings() {
        return findings;
    }

    /** The number of tests of the compiled program (a measure of its size). */
    public int compiledSize() {
        return program.size();
    }

    /**
     * The label of the first matching rule, the default segment, or {@link #NO_MATCH}. Allocates nothing.
     *
     * @param record {@code schema().size()} values in schema order (see {@link RuleSchema}). Not modified.
     * @throws IllegalArgumentException if the record has the wrong length
     */
    public int match(double[] record) {
        Checks.rowLength("record", record, schema.size());
        return decode(program.run(record, 0));
    }

    /**
     * The label of the record at {@code records[offset .. offset + schema().size())}; no checks, no allocation.
     * For loops over a row-major block of records.
     */
    public int matchAt(double[] records, int offset) {
        return decode(program.run(records, offset));
    }

    private int decode(int outcome) {
        return outcome == rules.size() && rules.otherwise().isEmpty() ? NO_MATCH : outcome;
    }

    /**
     * Whether rule {@code rule}'s condition is true for the record, whatever the other rules say. Allocates
     * nothing.
     *
     * @throws IllegalArgumentException if the record has the wrong length
     * @throws IndexOutOfBoundsException if there is no such rule
     */
    public boolean matches(int rule, double[] record) {
        Checks.rowLength("record", record, schema.size());
        return single[rule].run(record, 0) == 0;
    }

    /** Whether rule {@code rule} is true for the record at {@code records[offset ..]}; no checks. */
    public boolean matchesAt(int rule, double[] records, int offset) {
        return single[rule].run(records, offset) == 0;
    }

    /** The three-valued truth of a condition (see the missing-value rules of {@link Condition}). */
    public enum Truth {
        /** The condition holds. */
        TRUE,
        /** It does not. */
        FALSE,
        /** It depends on a missing value. */
        UNKNOWN
    }

    private static final Truth[] TRUTHS = Truth.values();

    /**
     * The truth of rule {@code rule}'s condition for the record at {@code records[offset ..]}, whatever the other
     * rules say; no checks, no allocation.
     */
    public Truth truthAt(int rule, double[] records, int offset) {
        return TRUTHS[single[rule].run(records, offset)];
    }

    /**
     * The labels of row-major records.
     *
     * @param records {@code n * schema().size()} values. Not modified.
     * @throws IllegalArgumentException if the length is not a multiple of the record length
     */
    public int[] match(double[] records, int n) {
        Checks.notNull("records", records);
        int d = schema.size();
        if ((long) n * d != records.length) {
            throw new IllegalArgumentException(records.length + " values are not " + n + " records of " + d);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = matchAt(records, i * d);
        }
        return out;
    }

    /**
     * The label of every customer of a table (see {@link RuleSchema#records(CustomerTable)}).
     *
     * @throws IllegalArgumentException if the table lacks a feature or holds it with the other type
     */
    public int[] match(CustomerTable table) {
        return match(schema.records(table), table.size());
    }

    /**
     * The label of every row of a dataset (numeric features only).
     *
     * @throws IllegalArgumentException if the dataset lacks a feature or the schema has a categorical one
     */
    public int[] match(Dataset data) {
        return match(schema.records(data), data.rows());
    }

    // ------------------------------------------------------------------------------------------ findings

    private List<RuleFinding> analyse() {
        List<RuleFinding> out = new ArrayList<>();
        List<Rule> rs = rules.rules();
        for (int i = 0; i < rs.size(); i++) {
            String name = rs.get(i).name();
            try {
                if (!Reachability.satisfiable(List.of(nodes.get(i)), new int[] {Reachability.T}, schema)) {
                    out.add(new RuleFinding(i, name, RuleFinding.Kind.NEVER_MATCHES, "Rule '" + name
                            + "' can never match: no record makes '" + rs.get(i).when() + "' true"));
                    continue;
                }
                if (i > 0 && !reachableAfter(i)) {
                    List<String> by = new ArrayList<>();
                    for (int j = 0; j < i; j++) {
                        if (Reachability.satisfiable(List.of(nodes.get(i), nodes.get(j)),
                                new int[] {Reachability.T, Reachability.T}, schema)) {
                            by.add("'" + rs.get(j).name() + "'");
                        }
                    }
                    out.add(new RuleFinding(i, name, RuleFinding.Kind.SHADOWED, "Rule '" + name
                            + "' never assigns anyone: every record it matches is taken first by the earlier rule"
                            + (by.size() == 1 ? " " : "s ") + String.join(", ", by)));
                }
            } catch (Reachability.Undecided e) {
                out.add(new RuleFinding(i, name, RuleFinding.Kind.UNDECIDED, "Rule '" + name
                        + "' is too large to check whether it can match; it was not checked"));
            }
        }
        if (rules.otherwise().isPresent()) {
            String name = rules.otherwise().get();
            try {
                int[] allowed = new int[nodes.size()];
                java.util.Arrays.fill(allowed, Reachability.NOT_TRUE);
                if (!Reachability.satisfiable(nodes, allowed, schema)) {
                    out.add(new RuleFinding(rs.size(), name, RuleFinding.Kind.DEFAULT_UNREACHABLE,
                            "The default segment '" + name + "' is never used: the rules match every record"));
                }
            } catch (Reachability.Undecided e) {
                out.add(new RuleFinding(rs.size(), name, RuleFinding.Kind.UNDECIDED, "The default segment '" + name
                        + "' could not be checked within the budget"));
            }
        }
        return List.copyOf(out);
    }

    private boolean reachableAfter(int i) throws Reachability.Undecided {
        List<Bound.Node> sub = new ArrayList<>(nodes.subList(0, i + 1));
        int[] allowed = new int[i + 1];
        java.util.Arrays.fill(allowed, Reachability.NOT_TRUE);
        allowed[i] = Reachability.T;
        return Reachability.satisfiable(sub, allowed, schema);
    }

    /** Equal when the rules and the schema are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BoundRuleSet && rules.equals(((BoundRuleSet) o).rules)
                && schema.equals(((BoundRuleSet) o).schema);
    }

    @Override
    public int hashCode() {
        return 31 * rules.hashCode() + schema.hashCode();
    }

    @Override
    public String toString() {
        return "BoundRuleSet[" + labels() + " over " + schema + "]";
    }
}
