/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * A feature named in the fluent API, waiting for its predicate: {@code Condition.feature("tenure_days").atMost(30)}.
 * Each method returns the {@link Condition} that the text form in the comment parses to. Numbers must be finite.
 * Immutable.
 *
 * @since 0.1
 */
public final class FeatureTerm {
    private final String name;

    FeatureTerm(String name) {
        Nodes.name(name);
        this.name = name;
    }

    /** {@code name < value}. */
    public Condition lessThan(double value) {
        return new Nodes.Compare(name, Nodes.Op.LT, value);
    }

    /** {@code name <= value}. */
    public Condition atMost(double value) {
        return new Nodes.Compare(name, Nodes.Op.LE, value);
    }

    /** {@code name > value}. */
    public Condition greaterThan(double value) {
        return new Nodes.Compare(name, Nodes.Op.GT, value);
    }

    /** {@code name >= value}. */
    public Condition atLeast(double value) {
        return new Nodes.Compare(name, Nodes.Op.GE, value);
    }

    /** {@code name = value} for a numeric feature. */
    public Condition equalTo(double value) {
        return new Nodes.Compare(name, Nodes.Op.EQ, value);
    }

    /** {@code name != value} for a numeric feature. */
    public Condition notEqualTo(double value) {
        return new Nodes.Compare(name, Nodes.Op.NE, value);
    }

    /** {@code name = "value"} for a categorical feature. */
    public Condition equalTo(String value) {
        return new Nodes.TextIn(name, List.of(Checks.notNull("value", value)));
    }

    /** {@code name != "value"}, that is {@code not name = "value"}. */
    public Condition notEqualTo(String value) {
        return equalTo(value).not();
    }

    /** {@code name between low and high}, both ends included. */
    public Condition between(double low, double high) {
        return new Nodes.Between(name, low, high);
    }

    /** {@code name in (values)} for a numeric feature; at least one value. */
    public Condition in(double... values) {
        Checks.notNull("values", values);
        List<Double> list = new ArrayList<>(values.length);
        for (double v : values) {
            list.add(v);
        }
        return new Nodes.NumberIn(name, list);
    }

    /** {@code name in ("a", "b")} for a categorical feature; at least one value. */
    public Condition in(String... values) {
        Checks.notNull("values", values);
        List<String> list = new ArrayList<>(values.length);
        for (int i = 0; i < values.length; i++) {
            list.add(Checks.notNull("values[" + i + "]", values[i]));
        }
        return new Nodes.TextIn(name, list);
    }

    /** {@code name not in (values)}. */
    public Condition notIn(double... values) {
        return in(values).not();
    }

    /** {@code name not in ("a", "b")}. */
    public Condition notIn(String... values) {
        return in(values).not();
    }

    /** {@code name is missing}. */
    public Condition isMissing() {
        return new Nodes.Missing(name);
    }

    /** {@code name is not missing}. */
    public Condition isPresent() {
        return isMissing().not();
    }

    @Override
    public String toString() {
        return "feature " + Nodes.quoteName(name);
    }
}
