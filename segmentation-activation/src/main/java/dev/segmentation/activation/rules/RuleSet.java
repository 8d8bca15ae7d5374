/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Ordered rules, first match wins: a customer belongs to the segment of the first rule whose condition is true,
 * else to the default segment if there is one, else to no segment.
 * <pre>{@code
 * RuleSet stages = RuleSet.builder()
 *         .rule("new", "tenure_days <= 30")
 *         .rule("active", "recency_days <= 90")
 *         .rule("at risk", Condition.feature("recency_days").atMost(180))
 *         .otherwise("lapsed")
 *         .build();
 * BoundRuleSet bound = stages.bind(schema);   // unknown features and type errors fail here
 * int stage = bound.match(record);             // no allocation
 * }</pre>
 *
 * <h2>Text format</h2>
 * {@link #parse(String)} reads one rule per line, {@code name: condition}; the name is everything before the first
 * colon; blank lines and lines starting with {@code #} are skipped; a last line {@code name: otherwise} names the
 * default segment. {@link #toString()} writes this format.
 * <pre>
 * # lifecycle stages
 * new:     tenure_days &lt;= 30
 * active:  recency_days &lt;= 90
 * lapsed:  otherwise
 * </pre>
 *
 * <p>A rule set is a plain value (immutable, thread-safe, equal when its rules are equal). It is checked for
 * features and types only when bound to a {@link RuleSchema}, which is also where rules that can never match are
 * found ({@link BoundRuleSet#findings()}).
 *
 * @since 0.1
 */
public final class RuleSet {
    private final List<Rule> rules;
    private final String otherwise;

    private RuleSet(List<Rule> rules, String otherwise) {
        this.rules = List.copyOf(rules);
        this.otherwise = otherwise;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the text format (see the class documentation).
     *
     * @throws RuleSyntaxException if a line is not {@code name: condition} or a condition does not parse; the
     *     exception gives the line and column
     * @throws IllegalArgumentException if there is no rule, a name repeats, or {@code otherwise} is not last
     */
    public static RuleSet parse(String text) {
        Checks.notNull("text", text);
        Builder b = builder();
        int start = 0;
        int lineNo = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            lineNo++;
            String line = text.substring(start, end);
            String trimmed = line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                int colon = line.indexOf(':');
                if (colon < 0 || line.substring(0, colon).isBlank()) {
                    throw new RuleSyntaxException(line.replace("\r", ""), lineNo, colon < 0 ? 1 : colon + 1,
                            "'name: condition'", colon < 0 ? "no ':'" : "no name before ':'", true);
                }
                String name = line.substring(0, colon).trim();
                if (b.otherwise != null) {
                    throw new IllegalArgumentException("Line " + lineNo + ": rule '" + name + "' comes after the "
                            + "default segment '" + b.otherwise + "'; 'otherwise' must be the last line");
                }
                if (line.substring(colon + 1).trim().equalsIgnoreCase("otherwise")) {
                    b.otherwise(name);
                } else {
                    Condition c;
                    try {
                        c = RuleParser.parseCondition(text, start + colon + 1, end, true);
                    } catch (RuleSyntaxException e) {
                        throw e.in("Rule '" + name + "'");
                    }
                    b.rule(name, c);
                }
            }
            start = end + 1;
        }
        if (b.rules.isEmpty()) {
            throw new IllegalArgumentException("The rule text holds no rule (only blank or comment lines"
                    + (b.otherwise == null ? "" : " and the default segment '" + b.otherwise + "'") + ")");
        }
        return b.build();
    }

    /** The rules, in order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The number of rules (the default segment not counted). */
    public int size() {
        return rules.size();
    }

    /** The name of the default segment, if any. */
    public Optional<String> otherwise() {
        return Optional.ofNullable(otherwise);
    }

    /**
     * The segment names: the rules' names in order, then the default segment's.
     */
    public List<String> labels() {
        List<String> out = new ArrayList<>(rules.size() + 1);
        for (Rule r : rules) {
            out.add(r.name());
        }
        if (otherwise != null) {
            out.add(otherwise);
        }
        return List.copyOf(out);
    }

    /**
     * Binds the rules to a schema: resolves features, checks types and levels, compiles the rules and looks for
     * rules that can never match.
     *
     * @throws IllegalArgumentException naming the rule and feature if a feature is unknown, a predicate does not
     *     suit the feature's type (an ordering comparison on a categorical feature, a string for a numeric one), or
     *     a string is not a level of its feature
     */
    public BoundRuleSet bind(RuleSchema schema) {
        return new BoundRuleSet(this, Checks.notNull("schema", schema));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RuleSet && rules.equals(((RuleSet) o).rules)
                && Objects.equals(otherwise, ((RuleSet) o).otherwise);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules, otherwise);
    }

    /** The rule set in the text format, one rule per line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Rule r : rules) {
            sb.append(r).append('\n');
        }
        if (otherwise != null) {
            sb.append(otherwise).append(": otherwise\n");
        }
        return sb.toString();
    }

    /** Builds a {@link RuleSet}; rules are kept in the order they are added. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final Set<String> names = new HashSet<>();
        private String otherwise;

        private Builder() {
        }

        /**
         * Adds a rule written in the rule language.
         *
         * @throws RuleSyntaxException if the condition does not parse (the message names the rule)
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder rule(String name, String condition) {
            Checks.notNull("condition", condition);
            Condition c;
            try {
                c = Condition.parse(condition);
            } catch (RuleSyntaxException e) {
                throw e.in("Rule '" + name + "'");
            }
            return rule(name, c);
        }

        /**
         * Adds a rule.
         *
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder rule(String name, Condition condition) {
            Rule r = new Rule(name, condition);
            use(name);
            rules.add(r);
            return this;
        }

        /**
         * Names the default segment: customers no rule matches belong to it.
         *
         * @throws IllegalStateException if a default was already named
         * @throws IllegalArgumentException if the name is blank or already used
         */
        public Builder otherwise(String name) {
            Checks.notYetSet("otherwise", otherwise != null);
            Checks.notNull("name", name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("The default segment's name must not be blank");
            }
            use(name);
            otherwise = name;
            return this;
        }

        private void use(String name) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("Segment name '" + name + "' is used twice in the rule set");
            }
        }

        /**
         * The rule set.
         *
         * @throws IllegalStateException if no rule was added (an empty rule set assigns nobody)
         */
        public RuleSet build() {
            if (rules.isEmpty()) {
                throw new IllegalStateException("A rule set needs at least one rule"
                        + (otherwise == null ? "" : " besides the default segment '" + otherwise + "'"));
            }
            return new RuleSet(rules, otherwise);
        }
    }
}
