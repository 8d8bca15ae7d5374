/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.internal.Duplicates;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Named cleaning rules for {@link Transactions}, applied in order, with a count of the rows each rule drops.
 *
 * <pre>{@code
 * FilterResult clean = TransactionFilter.builder()
 *     .dropMissingCustomer()
 *     .dropOrderIdPrefix("C", "cancelled invoice")
 *     .dropNonPositiveQuantity()
 *     .dropNonPositiveUnitPrice()
 *     .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
 *     .build()
 *     .apply(transactions);
 * Transactions kept = clean.transactions();
 * long cancelled = clean.report().dropped("cancelled invoice");
 * }</pre>
 *
 * <p>Each row is tested against the rules in the order they were added and is counted by the <em>first</em>
 * rule that drops it; later rules never see it. The counts therefore depend on the order, and add up to the
 * number of dropped rows. Rows that no rule drops are kept, in their original order.
 *
 * <p>Before any row is tested, {@link #apply} checks that the transactions have what every rule needs
 * (order ids, quantity and unit price, the named string column) and throws an
 * {@link IllegalArgumentException} naming the rule otherwise.
 *
 * <p>{@link #rules()} describes each rule as data ({@link RuleSpec}: name, {@link Kind}, column, argument), so
 * that another engine (the Spark module's filter) can evaluate the same rules without restating them.
 *
 * <p>Instances are immutable and thread-safe, provided the predicates given to {@link Builder#dropIf} are
 * pure functions.
 *
 * @since 0.1
 */
public final class TransactionFilter {
    private final List<Rule> rules;

    private TransactionFilter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rule names, in order. */
    public List<String> ruleNames() {
        List<String> out = new ArrayList<>(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            out.add(rules.get(r).spec.name());
        }
        return List.copyOf(out);
    }

    /** The rules as data, in order. */
    public List<RuleSpec> rules() {
        List<RuleSpec> out = new ArrayList<>(rules.size());
        for (int r = 0; r < rules.size(); r++) {
            out.add(rules.get(r).spec);
        }
        return List.copyOf(out);
    }

    /** What a rule tests; each kind is one {@link Builder} method. */
    public enum Kind {
        /** No customer id ({@link Builder#dropMissingCustomer}). */
        MISSING_CUSTOMER,
        /** The order id starts with the argument, case-sensitive ({@link Builder#dropOrderIdPrefix}). */
        ORDER_ID_PREFIX,
        /** Quantity {@code <= 0} ({@link Builder#dropNonPositiveQuantity}). */
        NON_POSITIVE_QUANTITY,
        /** Unit price {@code <= 0} ({@link Builder#dropNonPositiveUnitPrice}). */
        NON_POSITIVE_UNIT_PRICE,
        /** Amount {@code <= 0} ({@link Builder#dropNonPositiveAmount}). */
        NON_POSITIVE_AMOUNT,
        /** Equal to an earlier row in every column ({@link Builder#dropExactDuplicates}). */
        EXACT_DUPLICATE,
        /**
         * The string column's value does not match the argument, a regular expression, as a whole
         * ({@link Builder#dropUnlessMatches}).
         */
        STRING_NOT_MATCHING,
        /** A predicate on the string column's value ({@link Builder#dropIf}); the predicate is not data. */
        STRING_PREDICATE
    }

    /**
     * One rule as data.
     *
     * @param name the rule's name in the report
     * @param kind what it tests
     * @param column the string column it reads ({@link Kind#STRING_NOT_MATCHING}, {@link Kind#STRING_PREDICATE}),
     *     else null
     * @param argument the order-id prefix ({@link Kind#ORDER_ID_PREFIX}) or the regular expression
     *     ({@link Kind#STRING_NOT_MATCHING}), else null
     */
    public record RuleSpec(String name, Kind kind, String column, String argument) {
        /** Checks the kind. */
        public RuleSpec {
            Checks.notNull("kind", kind);
        }

        /**
         * The exception for a rule that needs something the input lacks: {@code Rule '<name>' needs <what>}.
         */
        public IllegalArgumentException missing(String what) {
            return new IllegalArgumentException("Rule '" + name + "' needs " + what);
        }
    }

    /**
     * Applies the rules.
     *
     * @param transactions the input. Not modified.
     * @return the kept transactions and the count per rule
     * @throws IllegalArgumentException if a rule needs a column the transactions do not have
     */
    public FilterResult apply(Transactions transactions) {
        Checks.notNull("transactions", transactions);
        TransactionColumns c = TransactionsAccess.columns(transactions);
        int nRules = rules.size();
        Matcher[] matchers = new Matcher[nRules];
        for (int r = 0; r < nRules; r++) {
            matchers[r] = rules.get(r).prepare(c);
        }
        long[] counts = new long[nRules];
        int[] kept = new int[c.size];
        int nKept = 0;
        rows:
        for (int i = 0; i < c.size; i++) {
            for (int r = 0; r < nRules; r++) {
                if (matchers[r].drops(i)) {
                    counts[r]++;
                    continue rows;
                }
            }
            kept[nKept++] = i;
        }
        Transactions out = nKept == c.size ? transactions : transactions.select(Arrays.copyOf(kept, nKept));
        List<FilterReport.RuleCount> perRule = new ArrayList<>(nRules);
        for (int r = 0; r < nRules; r++) {
            perRule.add(new FilterReport.RuleCount(rules.get(r).spec.name(), counts[r]));
        }
        return new FilterResult(out, new FilterReport(c.size, nKept, perRule));
    }

    @Override
    public String toString() {
        return "TransactionFilter" + ruleNames();
    }

    /** Decides, for one input, whether a row is dropped. */
    @FunctionalInterface
    private interface Matcher {
        boolean drops(int row);
    }

    /** A rule; {@link #prepare} validates the input and precomputes per-dictionary-entry decisions. */
    private abstract static class Rule {
        final RuleSpec spec;

        Rule(String name, Kind kind, String column, String argument) {
            this.spec = new RuleSpec(name, kind, column, argument);
        }

        Rule(String name, Kind kind) {
            this(name, kind, null, null);
        }

        abstract Matcher prepare(TransactionColumns c);

        IllegalArgumentException missing(String what) {
            return spec.missing(what);
        }
    }

    /**
     * Builds a {@link TransactionFilter}. Rule names must be unique and not blank.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        private Builder add(Rule rule) {
            String name = rule.spec.name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A rule name must not be blank but was '" + name + "'");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("Rule name '" + name + "' is used twice");
            }
            rules.add(rule);
            return this;
        }

        /** Drops rows without a customer id; named {@code "missing customer"}. */
        public Builder dropMissingCustomer() {
            return add(new Rule("missing customer", Kind.MISSING_CUSTOMER) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    int[] customer = c.customer;
                    return i -> customer[i] < 0;
                }
            });
        }

        /**
         * Drops rows whose order id starts with {@code prefix} (case-sensitive), such as the cancellation
         * invoices {@code C536379} of the Online Retail data.
         *
         * @param prefix a non-empty prefix
         * @param name the rule's name in the report
         * @throws IllegalArgumentException if the prefix is empty or the name is blank or taken
         */
        public Builder dropOrderIdPrefix(String prefix, String name) {
            Checks.notNull("prefix", prefix);
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("prefix must not be empty");
            }
            return add(new Rule(name, Kind.ORDER_ID_PREFIX, null, prefix) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    if (c.order == null) {
                        throw missing("order ids, but the transactions were read without an order column");
                    }
                    boolean[] drop = new boolean[c.orderIds.length];
                    for (int k = 0; k < drop.length; k++) {
                        drop[k] = c.orderIds[k].startsWith(prefix);
                    }
                    int[] order = c.order;
                    return i -> drop[order[i]];
                }
            });
        }

        /** Drops rows with quantity {@code <= 0}; named {@code "non-positive quantity"}. */
        public Builder dropNonPositiveQuantity() {
            return add(new Rule("non-positive quantity", Kind.NON_POSITIVE_QUANTITY) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    if (c.quantity == null) {
                        throw missing("a quantity, but the transactions were read with an amount column");
                    }
                    double[] q = c.quantity;
                    return i -> !(q[i] > 0);
                }
            });
        }

        /** Drops rows with unit price {@code <= 0}; named {@code "non-positive unit price"}. */
        public Builder dropNonPositiveUnitPrice() {
            return add(new Rule("non-positive unit price", Kind.NON_POSITIVE_UNIT_PRICE) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    if (c.unitPrice == null) {
                        throw missing("a unit price, but the transactions were read with an amount column");
                    }
                    double[] p = c.unitPrice;
                    return i -> !(p[i] > 0);
                }
            });
        }

        /**
         * Drops exact duplicates: rows equal to an earlier row in every column (customer, order, time, amount,
         * quantity, unit price, kept strings); the first copy stays. Named {@code "exact duplicate"}. For data
         * built in memory; the readers have the same policy ({@code onDuplicate}).
         */
        public Builder dropExactDuplicates() {
            return add(new Rule("exact duplicate", Kind.EXACT_DUPLICATE) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    int[] first = Duplicates.firstCopies(c);
                    return i -> first[i] >= 0;
                }
            });
        }

        /** Drops rows with amount {@code <= 0}; named {@code "non-positive amount"}. */
        public Builder dropNonPositiveAmount() {
            return add(new Rule("non-positive amount", Kind.NON_POSITIVE_AMOUNT) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    double[] a = c.amount;
                    return i -> !(a[i] > 0);
                }
            });
        }

        /**
         * Drops rows whose value in a kept string column satisfies {@code test}. The predicate is called
         * once per distinct value, so it must be a pure function of the value.
         *
         * @param column a string column kept by the reader
         * @param test true for values to drop
         * @param name the rule's name in the report
         * @throws IllegalArgumentException if the name is blank or taken
         */
        public Builder dropIf(String column, Predicate<String> test, String name) {
            Checks.notNull("column", column);
            Checks.notNull("test", test);
            return add(stringRule(column, test, name, Kind.STRING_PREDICATE, null));
        }

        /**
         * Drops rows whose value in a kept string column does not match {@code regex} as a whole
         * ({@link java.util.regex.Matcher#matches()}): {@code dropIf(column, v -> !v.matches(regex), name)}, with
         * the rule described as data ({@link Kind#STRING_NOT_MATCHING}). A null value is tested as the empty
         * string.
         *
         * @param column a string column kept by the reader
         * @param regex the pattern a kept value matches
         * @param name the rule's name in the report
         * @throws java.util.regex.PatternSyntaxException if the pattern is invalid
         * @throws IllegalArgumentException if the name is blank or taken
         */
        public Builder dropUnlessMatches(String column, String regex, String name) {
            Checks.notNull("column", column);
            Pattern p = Pattern.compile(Checks.notNull("regex", regex));
            return add(stringRule(column, v -> !p.matcher(v == null ? "" : v).matches(), name,
                    Kind.STRING_NOT_MATCHING, regex));
        }

        private static Rule stringRule(String column, Predicate<String> test, String name, Kind kind,
                                       String argument) {
            return new Rule(name, kind, column, argument) {
                @Override
                Matcher prepare(TransactionColumns c) {
                    int k = -1;
                    for (int j = 0; j < c.stringNames.length; j++) {
                        if (c.stringNames[j].equals(column)) {
                            k = j;
                        }
                    }
                    if (k < 0) {
                        throw missing("the string column '" + column + "', but the kept string columns are "
                                + Arrays.toString(c.stringNames));
                    }
                    String[] values = c.stringValues[k];
                    boolean[] drop = new boolean[values.length];
                    for (int v = 0; v < drop.length; v++) {
                        drop[v] = test.test(values[v]);
                    }
                    int[] codes = c.stringCodes[k];
                    return i -> drop[codes[i]];
                }
            };
        }

        /** The filter (an empty one keeps every row). */
        public TransactionFilter build() {
            return new TransactionFilter(rules);
        }
    }
}
