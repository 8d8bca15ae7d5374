/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.internal.Checks;

import java.util.List;

/**
 * How many rows each rule of a {@link TransactionFilter} dropped, in rule order. Each dropped row is counted
 * once, by the first rule that matched it, so {@code rowsIn() == rowsKept() + sum of dropped}.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class FilterReport {
    private final long rowsIn;
    private final long rowsKept;
    private final List<RuleCount> rules;

    FilterReport(long rowsIn, long rowsKept, List<RuleCount> rules) {
        this.rowsIn = rowsIn;
        this.rowsKept = rowsKept;
        this.rules = List.copyOf(rules);
    }

    /**
     * The rows one rule dropped.
     *
     * @param rule the rule's name
     * @param dropped rows dropped by this rule (and by no earlier rule)
     */
    public record RuleCount(String rule, long dropped) {
    }

    /** Rows given to the filter. */
    public long rowsIn() {
        return rowsIn;
    }

    /** Rows kept. */
    public long rowsKept() {
        return rowsKept;
    }

    /** Rows dropped by any rule. */
    public long rowsDropped() {
        return rowsIn - rowsKept;
    }

    /** The count of every rule, in rule order. */
    public List<RuleCount> rules() {
        return rules;
    }

    /**
     * The rows the named rule dropped.
     *
     * @throws IllegalArgumentException if there is no such rule
     */
    public long dropped(String rule) {
        Checks.notNull("rule", rule);
        for (int r = 0; r < rules.size(); r++) {
            if (rules.get(r).rule().equals(rule)) {
                return rules.get(r).dropped();
            }
        }
        throw new IllegalArgumentException("No rule '" + rule + "'; the rules are " + rules);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FilterReport[in=").append(rowsIn).append(", kept=").append(rowsKept);
        for (int r = 0; r < rules.size(); r++) {
            sb.append(", ").append(rules.get(r).rule()).append('=').append(rules.get(r).dropped());
        }
        return sb.append(']').toString();
    }
}
