/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.internal.Checks;

/**
 * A named condition: the customers for whom {@code when} is true belong to segment {@code name} (unless an earlier
 * rule of the same {@link RuleSet} took them).
 *
 * @param name the segment name; not blank
 * @param when the condition
 * @since 0.1
 */
public record Rule(String name, Condition when) {
    /**
     * Validates the parts.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public Rule {
        Checks.notNull("name", name);
        Checks.notNull("when", when);
        if (name.isBlank()) {
            throw new IllegalArgumentException("A rule name must not be blank but was '" + name + "'");
        }
    }

    /** The rule as a line of the rule-set text format: {@code name: condition}. */
    @Override
    public String toString() {
        return name + ": " + when;
    }
}
