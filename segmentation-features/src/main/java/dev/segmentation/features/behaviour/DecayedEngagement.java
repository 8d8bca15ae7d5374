/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.behaviour;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Events;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.Map;

/**
 * Exponentially decayed engagement as of a date: every event (or purchase) counts with a weight that halves
 * every half-life, so recent activity dominates and old activity fades without a hard window edge.
 * \[ E = \sum_i w_i \, 2^{-(t_0 - t_i) / h} \]
 * with \( t_0 \) the start of the as-of day, \( t_i \) the event times before it, \( h \) the half-life and
 * \( w_i \) the event's weight: for events, the weight of its name ({@link #weight(String, double)}, default
 * {@link #defaultWeight(double) 1}); for transactions, the row's amount (decayed spend) or 1 per row with
 * {@link #countingRows()}.
 *
 * <pre>{@code
 * FeatureTable e = DecayedEngagement.asOf(LocalDate.parse("2011-12-10"))
 *     .halfLife(Duration.ofDays(30))
 *     .weight("purchase", 5).weight("add_to_cart", 2)
 *     .compute(events);                                   // column "engagement"
 * }</pre>
 *
 * <p>Events at or after the as-of day are excluded and counted, as are events without a customer and, with
 * {@link #lookback(Period)}, events before the window. Customers without a used event do not appear. The sum
 * runs in time order per customer.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DecayedEngagement {
    /** The default output column. */
    public static final String COLUMN = "engagement";

    private final LocalDate asOf;
    private final Duration halfLife;
    private final Map<String, Double> weights;
    private final double defaultWeight;
    private final boolean countRows;
    private final Period lookback;
    private final String column;

    private DecayedEngagement(LocalDate asOf, Duration halfLife, Map<String, Double> weights, double defaultWeight,
            boolean countRows, Period lookback, String column) {
        this.asOf = asOf;
        this.halfLife = halfLife;
        this.weights = weights;
        this.defaultWeight = defaultWeight;
        this.countRows = countRows;
        this.lookback = lookback;
        this.column = column;
    }

    /** Engagement as of the start of {@code asOf}; set the half-life next. */
    public static DecayedEngagement asOf(LocalDate asOf) {
        return new DecayedEngagement(Checks.notNull("asOf", asOf), null, Map.of(), 1.0, false, null, COLUMN);
    }

    /**
     * The half-life.
     *
     * @throws IllegalArgumentException if not positive
     */
    public DecayedEngagement halfLife(Duration value) {
        Checks.notNull("halfLife", value);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("The half-life must be positive but was " + value);
        }
        return new DecayedEngagement(asOf, value, weights, defaultWeight, countRows, lookback, column);
    }

    /**
     * The weight of events with this name.
     *
     * @throws IllegalArgumentException if the weight is not finite or the name is blank
     */
    public DecayedEngagement weight(String eventName, double weight) {
        Checks.notNull("eventName", eventName);
        if (eventName.isBlank() || weight - weight != 0) {
            throw new IllegalArgumentException("weight needs a name and a finite weight but got '" + eventName + "', "
                    + weight);
        }
        Map<String, Double> w = new HashMap<>(weights);
        w.put(eventName, weight);
        return new DecayedEngagement(asOf, halfLife, Map.copyOf(w), defaultWeight, countRows, lookback, column);
    }

    /**
     * The weight of events whose name has no weight of its own (default 1).
     *
     * @throws IllegalArgumentException if not finite
     */
    public DecayedEngagement defaultWeight(double weight) {
        if (weight - weight != 0) {
            throw new IllegalArgumentException("defaultWeight must be finite but was " + weight);
        }
        return new DecayedEngagement(asOf, halfLife, weights, weight, countRows, lookback, column);
    }

    /** For transactions: weight 1 per row instead of the row's amount. */
    public DecayedEngagement countingRows() {
        return new DecayedEngagement(asOf, halfLife, weights, defaultWeight, true, lookback, column);
    }

    /**
     * Only events in {@code [asOf - lookback, asOf)}.
     *
     * @throws IllegalArgumentException if the period is not positive
     */
    public DecayedEngagement lookback(Period value) {
        Checks.notNull("lookback", value);
        AsOf.checkLookback(asOf, value);
        return new DecayedEngagement(asOf, halfLife, weights, defaultWeight, countRows, value, column);
    }

    /**
     * The output column name (default {@value #COLUMN}).
     *
     * @throws IllegalArgumentException if blank
     */
    public DecayedEngagement column(String name) {
        Checks.notNull("name", name);
        if (name.isBlank()) {
            throw new IllegalArgumentException("The column name must not be blank");
        }
        return new DecayedEngagement(asOf, halfLife, weights, defaultWeight, countRows, lookback, name);
    }

    /**
     * The engagement of each customer with events.
     *
     * @throws IllegalStateException if no half-life was set
     */
    public FeatureTable compute(Events events) {
        Checks.notNull("events", events);
        TransactionColumns c = EventsAccess.columns(events);
        double[] w = new double[c.orderIds.length];
        for (int e = 0; e < w.length; e++) {
            Double v = weights.get(c.orderIds[e]);
            w[e] = v == null ? defaultWeight : v;
        }
        return compute(c, w, null);
    }

    /**
     * The decayed spend (or, with {@link #countingRows()}, decayed purchase count) of each customer.
     *
     * @throws IllegalStateException if no half-life was set
     */
    public FeatureTable compute(Transactions transactions) {
        Checks.notNull("transactions", transactions);
        TransactionColumns c = TransactionsAccess.columns(transactions);
        return compute(c, null, countRows ? null : c.amount);
    }

    private FeatureTable compute(TransactionColumns c, double[] byEvent, double[] byRow) {
        if (halfLife == null) {
            throw new IllegalStateException("Set the half-life first: halfLife(Duration)");
        }
        AsOf a = new AsOf(c, asOf, lookback);
        double h = halfLife.getSeconds() + halfLife.getNano() / 1e9;
        int n = a.customers.length;
        double[] e = new double[n];
        for (int p = 0; p < n; p++) {
            int k = a.customers[p];
            double s = 0;
            for (int q = a.rows.start[k]; q < a.rows.start[k + 1]; q++) {
                int i = a.rows.rows[q];
                double weight = byEvent != null ? byEvent[c.order[i]] : byRow != null ? byRow[i] : 1.0;
                s += weight * Math.pow(2.0, -(a.to - c.epochSecond[i]) / h);
            }
            e[p] = s;
        }
        return new FeatureTable(CustomerTable.builder(a.ids()).numeric(column, e).build(), a.report());
    }

    @Override
    public String toString() {
        return "DecayedEngagement[asOf=" + asOf + ", halfLife=" + halfLife + ", weights=" + weights + ", default="
                + defaultWeight + (lookback == null ? "" : ", lookback=" + lookback) + "]";
    }
}
