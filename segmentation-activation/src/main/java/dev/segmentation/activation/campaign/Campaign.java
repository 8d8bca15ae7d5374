/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.campaign;

import dev.segmentation.activation.rules.BoundRuleSet;
import dev.segmentation.activation.rules.Condition;
import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.activation.rules.RuleSet;
import dev.segmentation.activation.rules.RuleSyntaxException;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who a campaign may contact: inclusion criteria, exclusion criteria, suppression lists and a contact-frequency
 * rule, applied in the order they are declared, with a count of the customers each one removed.
 * <pre>{@code
 * Audience audience = Campaign.builder("autumn-2011").on(LocalDate.parse("2011-09-01"))
 *         .include("ships to the UK", "country = \"United Kingdom\"")
 *         .suppress("no marketing consent", optedOut)
 *         .suppress("complaint in the last 30 days", complained)
 *         .exclude("wholesale accounts", "monetary > 50000")
 *         .notContactedWithin(14, history)
 *         .build()
 *         .select(customers);
 * String waterfall = audience.table();
 * }</pre>
 *
 * <h2>Counting</h2>
 * Each customer is removed by the <em>first</em> criterion it fails, in declaration order, so the removals add up
 * to the population minus the audience (a waterfall). Each criterion's count on its own, as if it were the only
 * one, is reported beside it, because the waterfall's numbers depend on the order.
 *
 * <h2>Missing values</h2>
 * An inclusion criterion keeps a customer only when its condition is true: a condition that is unknown because
 * of a missing value removes the customer, and those removals are counted separately, so that a criterion
 * quietly dropping everyone with an unknown country is visible. An exclusion criterion removes a customer only when
 * its condition is true.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Campaign {
    /** The kinds of criterion. */
    public enum Kind {
        /** Keep only customers for whom the condition is true. */
        INCLUDE,
        /** Remove customers for whom the condition is true. */
        EXCLUDE,
        /** Remove customers on a list. */
        SUPPRESS,
        /** Remove customers contacted within a number of days before the campaign date. */
        RECENTLY_CONTACTED
    }

    private final String name;
    private final LocalDate date;
    private final List<Criterion> criteria;

    private Campaign(Builder b) {
        this.name = b.name;
        this.date = b.date;
        this.criteria = List.copyOf(b.criteria);
    }

    /**
     * A builder for a campaign.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The campaign name. */
    public String name() {
        return name;
    }

    /**
     * The audience among the customers of a table: the table's columns are the features the conditions may read.
     *
     * @throws IllegalArgumentException if a condition names a column the table does not have, misuses its type, or
     *     names a category the column does not hold (see {@link RuleSet#bind(RuleSchema)})
     */
    public Audience select(CustomerTable customers) {
        Checks.notNull("customers", customers);
        RuleSchema schema = RuleSchema.of(customers);
        int n = customers.size();
        int d = schema.size();
        double[] records = schema.records(customers);
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        String[] removedBy = new String[n];
        List<Audience.Step> steps = new ArrayList<>();
        long remaining = n;
        for (Criterion c : criteria) {
            long removed = 0;
            long unknown = 0;
            long alone = 0;
            BoundRuleSet bound = null;
            if (c.condition != null) {
                try {
                    bound = RuleSet.builder().rule(c.name, c.condition).build().bind(schema);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Campaign '" + name + "', criterion '" + c.name + "': "
                            + e.getMessage(), e);
                }
            }
            for (int i = 0; i < n; i++) {
                boolean out;
                boolean isUnknown = false;
                switch (c.kind) {
                    case INCLUDE: {
                        BoundRuleSet.Truth t = bound.truthAt(0, records, i * d);
                        out = t != BoundRuleSet.Truth.TRUE;
                        isUnknown = t == BoundRuleSet.Truth.UNKNOWN;
                        break;
                    }
                    case EXCLUDE:
                        out = bound.matchesAt(0, records, i * d);
                        break;
                    case SUPPRESS:
                        out = c.list.contains(customers.customerId(i));
                        break;
                    default:
                        out = c.history.contactedWithin(customers.customerId(i), date, c.days);
                        break;
                }
                if (out) {
                    alone++;
                    if (keep[i]) {
                        keep[i] = false;
                        removedBy[i] = c.name;
                        removed++;
                        if (isUnknown) {
                            unknown++;
                        }
                    }
                }
            }
            remaining -= removed;
            steps.add(new Audience.Step(c.name, c.kind, c.describe(), removed, unknown, alone, remaining));
        }
        return new Audience(name, customers.customerIds(), keep, removedBy, steps);
    }

    @Override
    public String toString() {
        return "Campaign[" + name + ", " + criteria.size() + " criteria]";
    }

    private static final class Criterion {
        final String name;
        final Kind kind;
        final Condition condition;
        final Set<String> list;
        final ContactHistory history;
        final int days;

        Criterion(String name, Kind kind, Condition condition, Set<String> list, ContactHistory history, int days) {
            this.name = name;
            this.kind = kind;
            this.condition = condition;
            this.list = list;
            this.history = history;
            this.days = days;
        }

        String describe() {
            switch (kind) {
                case INCLUDE:
                    return "keep " + condition;
                case EXCLUDE:
                    return "drop " + condition;
                case SUPPRESS:
                    return "list of " + list.size();
                default:
                    return "contacted in the " + days + " days before";
            }
        }
    }

    /** Builds a {@link Campaign}; criteria apply in the order they are added. */
    public static final class Builder {
        private final String name;
        private LocalDate date;
        private final List<Criterion> criteria = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder(String name) {
            Checks.notNull("name", name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("The campaign name must not be blank");
            }
            this.name = name;
        }

        /**
         * The campaign date (needed by {@link #notContactedWithin}).
         *
         * @throws IllegalStateException if already set
         */
        public Builder on(LocalDate value) {
            Checks.notYetSet("date", date != null);
            date = Checks.notNull("date", value);
            return this;
        }

        /**
         * Keeps only the customers for whom the condition is true.
         *
         * @throws IllegalArgumentException if the condition does not parse (the cause is the
         *     {@link RuleSyntaxException}), or the name is blank or already used
         */
        public Builder include(String criterion, String condition) {
            return include(criterion, parse(criterion, condition));
        }

        /** Keeps only the customers for whom the condition is true. */
        public Builder include(String criterion, Condition condition) {
            return add(new Criterion(criterion, Kind.INCLUDE, Checks.notNull("condition", condition), null, null, 0));
        }

        /**
         * Removes the customers for whom the condition is true.
         *
         * @throws IllegalArgumentException if the condition does not parse (the cause is the
         *     {@link RuleSyntaxException}), or the name is blank or already used
         */
        public Builder exclude(String criterion, String condition) {
            return exclude(criterion, parse(criterion, condition));
        }

        /** Removes the customers for whom the condition is true. */
        public Builder exclude(String criterion, Condition condition) {
            return add(new Criterion(criterion, Kind.EXCLUDE, Checks.notNull("condition", condition), null, null, 0));
        }

        /**
         * Removes the customers on a list (opted out of marketing, a recent complaint, a legal hold). The list is
         * copied.
         *
         * @throws IllegalArgumentException if the name is blank or already used, or an id is null
         */
        public Builder suppress(String reason, Collection<String> customerIds) {
            Checks.notNull("customerIds", customerIds);
            Set<String> list = new HashSet<>();
            for (String id : customerIds) {
                if (id == null) {
                    throw new IllegalArgumentException("The suppression list '" + reason + "' holds a null id");
                }
                list.add(id);
            }
            return add(new Criterion(reason, Kind.SUPPRESS, null, Set.copyOf(list), null, 0));
        }

        /**
         * Removes the customers contacted within {@code days} days before the campaign date.
         *
         * @throws IllegalArgumentException if {@code days < 1}
         * @throws IllegalStateException if the campaign date is not set yet
         */
        public Builder notContactedWithin(int days, ContactHistory history) {
            Checks.atLeast("days", days, 1);
            Checks.notNull("history", history);
            if (date == null) {
                throw new IllegalStateException("Set the campaign date with on(date) before notContactedWithin");
            }
            return add(new Criterion("contacted in the last " + days + " days", Kind.RECENTLY_CONTACTED, null, null,
                    history, days));
        }

        private static Condition parse(String criterion, String condition) {
            Checks.notNull("condition", condition);
            try {
                return Condition.parse(condition);
            } catch (RuleSyntaxException e) {
                throw new IllegalArgumentException("Criterion '" + criterion + "': " + e.getMessage(), e);
            }
        }

        private Builder add(Criterion c) {
            Checks.notNull("name", c.name);
            if (c.name.isBlank()) {
                throw new IllegalArgumentException("A criterion name must not be blank");
            }
            if (!names.add(c.name)) {
                throw new IllegalArgumentException("Criterion '" + c.name + "' is declared twice");
            }
            criteria.add(c);
            return this;
        }

        /**
         * The campaign.
         *
         * @throws IllegalStateException if there is no criterion (a campaign to everyone still says so:
         *     {@code include("everyone", "true")})
         */
        public Campaign build() {
            if (criteria.isEmpty()) {
                throw new IllegalStateException("Campaign '" + name + "' has no criterion; add include(\"everyone\", "
                        + "\"true\") to target the whole population");
            }
            return new Campaign(this);
        }
    }
}
