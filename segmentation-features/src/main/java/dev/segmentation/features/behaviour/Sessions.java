/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.behaviour;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Events;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.Quantiles;
import dev.segmentation.features.internal.TransactionColumns;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;

/**
 * Sessions from an event stream, as of a date: a customer's events, in time order, belong to one session
 * while each follows the previous one within the inactivity gap (30 minutes by default, the web-analytics
 * convention); a longer pause starts a new session.
 *
 * <pre>{@code
 * FeatureTable s = Sessions.asOf(LocalDate.parse("2011-12-10")).compute(events);
 * }</pre>
 *
 * <h2>Features</h2>
 * For a customer with sessions \( 1..S \), session \( s \) having \( m_s \) events from \( a_s \) to
 * \( b_s \) (epoch seconds):
 * <ul>
 *   <li>{@code session_count} \( S \);</li>
 *   <li>{@code session_duration_mean_s} and {@code session_duration_median_s}: the mean and the median of
 *       \( b_s - a_s \) in seconds (a single-event session lasts 0; the median of an even count is the mean of
 *       the two middle durations);</li>
 *   <li>{@code events_per_session}: \( \sum m_s / S \);</li>
 *   <li>{@code days_since_last_session}: \( (t_0 - b_S) / 86400 \), fractional days from the end of the last
 *       session to the start \( t_0 \) of the as-of day.</li>
 * </ul>
 * A pause of exactly the gap continues the session (a new one starts when the pause is <em>longer</em>).
 * Events at or after the start of the as-of day are excluded and counted, as are events without a customer
 * and, with {@link #lookback(Period)}, events before the look-back window. Events may come in any order;
 * events with equal times keep their input order. Customers with no used event do not appear (join with a
 * fill of 0 to give them zero sessions).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Sessions {
    /** Column names. */
    public static final String COUNT = "session_count";
    /** Mean session duration in seconds. */
    public static final String DURATION_MEAN = "session_duration_mean_s";
    /** Median session duration in seconds. */
    public static final String DURATION_MEDIAN = "session_duration_median_s";
    /** Mean number of events per session. */
    public static final String EVENTS_PER_SESSION = "events_per_session";
    /** Days from the end of the last session to the as-of date. */
    public static final String DAYS_SINCE_LAST = "days_since_last_session";
    /** The default inactivity gap, 30 minutes. */
    public static final Duration DEFAULT_GAP = Duration.ofMinutes(30);

    private final LocalDate asOf;
    private final Duration gap;
    private final Period lookback;

    private Sessions(LocalDate asOf, Duration gap, Period lookback) {
        this.asOf = asOf;
        this.gap = gap;
        this.lookback = lookback;
    }

    /** Sessions as of the start of {@code asOf} (exclusive), with the default gap and no look-back limit. */
    public static Sessions asOf(LocalDate asOf) {
        return new Sessions(Checks.notNull("asOf", asOf), DEFAULT_GAP, null);
    }

    /**
     * The same with another inactivity gap.
     *
     * @throws IllegalArgumentException if the gap is not positive or not a whole number of seconds
     */
    public Sessions inactivityGap(Duration value) {
        Checks.notNull("gap", value);
        if (value.isNegative() || value.isZero() || value.getNano() != 0) {
            throw new IllegalArgumentException("The inactivity gap must be a positive whole number of seconds but was "
                    + value);
        }
        return new Sessions(asOf, value, lookback);
    }

    /**
     * The same using only events in {@code [asOf - lookback, asOf)}.
     *
     * @throws IllegalArgumentException if the period is not positive
     */
    public Sessions lookback(Period value) {
        Checks.notNull("lookback", value);
        AsOf.checkLookback(asOf, value);
        return new Sessions(asOf, gap, value);
    }

    /** The inactivity gap. */
    public Duration gap() {
        return gap;
    }

    /**
     * Computes the session features.
     *
     * @param events the events. Not modified.
     */
    public FeatureTable compute(Events events) {
        Checks.notNull("events", events);
        TransactionColumns c = EventsAccess.columns(events);
        AsOf w = new AsOf(c, asOf, lookback);
        int n = w.customers.length;
        double[] count = new double[n];
        double[] mean = new double[n];
        double[] median = new double[n];
        double[] perSession = new double[n];
        double[] since = new double[n];
        long g = gap.getSeconds();
        long[] time = c.epochSecond;
        double[] durations = new double[16];
        for (int p = 0; p < n; p++) {
            int k = w.customers[p];
            int a = w.rows.start[k];
            int b = w.rows.start[k + 1];
            int sessions = 0;
            double sum = 0;
            long first = time[w.rows.rows[a]];
            long last = first;
            for (int q = a + 1; q <= b; q++) {
                long t = q < b ? time[w.rows.rows[q]] : Long.MAX_VALUE;
                if (q == b || t - last > g) {
                    if (sessions == durations.length) {
                        durations = Arrays.copyOf(durations, 2 * sessions);
                    }
                    double d = last - first;
                    durations[sessions++] = d;
                    sum += d;
                    first = t;
                }
                last = t;
            }
            long end = time[w.rows.rows[b - 1]];
            count[p] = sessions;
            mean[p] = sum / sessions;
            Arrays.sort(durations, 0, sessions);
            median[p] = Quantiles.medianSorted(durations, sessions);
            perSession[p] = (double) (b - a) / sessions;
            since[p] = (w.to - end) / 86_400.0;
        }
        CustomerTable t = CustomerTable.builder(w.ids()).numeric(COUNT, count).numeric(DURATION_MEAN, mean)
                .numeric(DURATION_MEDIAN, median).numeric(EVENTS_PER_SESSION, perSession)
                .numeric(DAYS_SINCE_LAST, since).build();
        return new FeatureTable(t, w.report());
    }

    @Override
    public String toString() {
        return "Sessions[asOf=" + asOf + ", gap=" + gap + (lookback == null ? "" : ", lookback=" + lookback) + "]";
    }
}
