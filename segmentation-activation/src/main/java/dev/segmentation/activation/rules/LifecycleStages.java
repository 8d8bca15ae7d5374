/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.internal.Checks;

/**
 * Lifecycle stages from tenure and recency: a {@link RuleSet} with the usual four stages, or the start of your
 * own. With the defaults:
 * <pre>
 * new:      tenure_days &lt;= 30        (first purchase within the last 30 days)
 * active:   recency_days &lt;= 90       (bought within 90 days)
 * at risk:  recency_days &lt;= 180      (bought within 180 days, not within 90)
 * lapsed:   otherwise                 (no purchase for more than 180 days, or never)
 * </pre>
 * The rules are ordered, so a new customer is "new" whatever its recency. A customer whose tenure is missing is
 * not "new" (the comparison is unknown) and goes on to the recency rules; one whose recency is missing ends in
 * the default stage. Stages with other names or thresholds are a plain {@link RuleSet}; this class only spares
 * writing the common one.
 * <pre>{@code
 * RuleSet stages = LifecycleStages.builder().newWithinDays(14).activeWithinDays(60).atRiskWithinDays(120).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class LifecycleStages {
    private LifecycleStages() {
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds the stage rules. */
    public static final class Builder {
        private String tenure = "tenure_days";
        private String recency = "recency_days";
        private int newDays = 30;
        private int activeDays = 90;
        private int atRiskDays = 180;

        private Builder() {
        }

        /** The features that hold the days since the first purchase and since the last one. */
        public Builder features(String tenureDays, String recencyDays) {
            Nodes.name(tenureDays);
            Nodes.name(recencyDays);
            tenure = tenureDays;
            recency = recencyDays;
            return this;
        }

        /** A customer is "new" while its tenure is at most this many days (default 30). */
        public Builder newWithinDays(int days) {
            newDays = Checks.atLeast("newWithinDays", days, 1);
            return this;
        }

        /** A customer is "active" while its recency is at most this many days (default 90). */
        public Builder activeWithinDays(int days) {
            activeDays = Checks.atLeast("activeWithinDays", days, 1);
            return this;
        }

        /** A customer is "at risk" while its recency is at most this many days (default 180). */
        public Builder atRiskWithinDays(int days) {
            atRiskDays = Checks.atLeast("atRiskWithinDays", days, 1);
            return this;
        }

        /**
         * The stages: {@code new}, {@code active}, {@code at risk}, and {@code lapsed} by default.
         *
         * @throws IllegalStateException if the at-risk limit is not above the active one
         */
        public RuleSet build() {
            if (atRiskDays <= activeDays) {
                throw new IllegalStateException("atRiskWithinDays (" + atRiskDays + ") must be greater than "
                        + "activeWithinDays (" + activeDays + ")");
            }
            return RuleSet.builder()
                    .rule("new", Condition.feature(tenure).atMost(newDays))
                    .rule("active", Condition.feature(recency).atMost(activeDays))
                    .rule("at risk", Condition.feature(recency).atMost(atRiskDays))
                    .otherwise("lapsed")
                    .build();
        }
    }
}
