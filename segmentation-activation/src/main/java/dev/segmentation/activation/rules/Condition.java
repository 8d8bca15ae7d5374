/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A condition over named customer features: the unit of the rule language, written as text or built in Java.
 * <pre>{@code
 * Condition vip = Condition.parse("recency_days <= 30 and monetary >= 1000 and not country in (\"US\", \"CA\")");
 * Condition same = Condition.feature("recency_days").atMost(30)
 *         .and(Condition.feature("monetary").atLeast(1000))
 *         .and(Condition.feature("country").in("US", "CA").not());
 * assert vip.equals(same);                       // and vip.toString() prints the text back
 * }</pre>
 *
 * <h2>The language</h2>
 * <pre>
 * condition  := or
 * or         := and ( "or" and )*
 * and        := not ( "and" not )*
 * not        := "not" not | "(" condition ")" | predicate | "true" | "false"
 * predicate  := feature op literal                          op is &lt; &lt;= &gt; &gt;= = == != &lt;&gt;
 *             | feature [ "not" ] "in" "(" literal ( "," literal )* ")"
 *             | feature [ "not" ] "between" number "and" number        (both ends included)
 *             | feature "is" [ "not" ] ( "missing" | "null" )
 * feature    := a name [A-Za-z_][A-Za-z0-9_.]*, or any name in back quotes: `order count`
 * literal    := number | string          numbers as in Java or JSON (-12, 3.5, 1e6); strings in "..." or '...'
 *                                        with \" \' \\ as escapes
 * </pre>
 * Keywords are case-insensitive. {@code not} binds tighter than {@code and}, which binds tighter than
 * {@code or}; {@code not country in ("US")} is {@code not (country in ("US"))}. Ordering comparisons and
 * {@code between} need a numeric feature; {@code =}, {@code !=} and {@code in} take numbers for a numeric feature
 * and strings for a categorical one. These type rules, and the existence of every feature, are checked when a
 * rule set is {@linkplain RuleSet#bind(RuleSchema) bound to a schema}, never at scoring time.
 *
 * <h2>Missing values</h2>
 * A missing value (NaN in a numeric feature, no value in a categorical one) follows SQL's three-valued logic: a
 * comparison with it is <em>unknown</em>; {@code not unknown} is unknown; {@code false and unknown} is false and
 * {@code true or unknown} is true (Kleene's strong logic). A rule matches only when its condition is
 * <em>true</em>, so {@code not country in ("US")} does not match a customer whose country is missing: write
 * {@code country is missing or not country in ("US")} to include them.
 *
 * <h2>Equality</h2>
 * Conditions are immutable values: two conditions are equal when they have the same structure (the same features,
 * operators, literals and nesting), and {@code toString()} prints the canonical text, which parses back to an
 * equal condition. Literal order in {@code in} lists is kept as written.
 *
 * @since 0.1
 */
public sealed interface Condition
        permits Nodes.Compare, Nodes.Between, Nodes.NumberIn, Nodes.TextIn, Nodes.Missing, Nodes.Not, Nodes.And,
        Nodes.Or, Nodes.Constant {

    /**
     * Parses a condition.
     *
     * @param text the condition in the rule language (see the class documentation)
     * @throws RuleSyntaxException if the text is not a condition; the exception names the column and what was
     *     expected there
     */
    static Condition parse(String text) {
        return RuleParser.parseCondition(Checks.notNull("text", text));
    }

    /**
     * The start of a predicate on a feature, for the fluent API: {@code feature("monetary").atLeast(1000)}.
     *
     * @param name the feature name; any non-blank string
     * @throws IllegalArgumentException if the name is blank
     */
    static FeatureTerm feature(String name) {
        return new FeatureTerm(name);
    }

    /** The condition that is always true ({@code true}). */
    static Condition always() {
        return Nodes.Constant.TRUE;
    }

    /** The condition that is never true ({@code false}). */
    static Condition never() {
        return Nodes.Constant.FALSE;
    }

    /** All of the conditions ({@code a and b and ...}); at least one. */
    static Condition allOf(Condition... conditions) {
        return Nodes.And.of(list("conditions", conditions));
    }

    /** Any of the conditions ({@code a or b or ...}); at least one. */
    static Condition anyOf(Condition... conditions) {
        return Nodes.Or.of(list("conditions", conditions));
    }

    /** This condition and {@code other}. */
    default Condition and(Condition other) {
        return Nodes.And.of(List.of(this, Checks.notNull("other", other)));
    }

    /** This condition or {@code other}. */
    default Condition or(Condition other) {
        return Nodes.Or.of(List.of(this, Checks.notNull("other", other)));
    }

    /** The negation of this condition. */
    default Condition not() {
        return new Nodes.Not(this);
    }

    /** The names of the features this condition reads, in order of first appearance. */
    default Set<String> features() {
        Set<String> out = new LinkedHashSet<>();
        Nodes.collectFeatures(this, out);
        return out;
    }

    private static List<Condition> list(String name, Condition[] conditions) {
        Checks.notNull(name, conditions);
        if (conditions.length == 0) {
            throw new IllegalArgumentException(name + " must hold at least one condition");
        }
        List<Condition> out = new ArrayList<>(conditions.length);
        for (int i = 0; i < conditions.length; i++) {
            out.add(Checks.notNull(name + "[" + i + "]", conditions[i]));
        }
        return out;
    }
}
