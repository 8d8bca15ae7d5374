/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.CustomerRows;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Point-in-time RFM (recency, frequency, monetary value) per customer, computed only from what was known
 * before an as-of date, so that features for a model trained "as of" a day never see later transactions.
 *
 * <pre>{@code
 * RfmTable rfm = Rfm.asOf(LocalDate.parse("2011-12-10")).window(Period.ofMonths(12)).compute(transactions);
 * Dataset x = rfm.toDataset();     // recency_days, frequency, monetary
 * }</pre>
 *
 * <h2>Rules</h2>
 * Let \( t_0 \) be the start of the as-of day in the transactions' {@linkplain Transactions#zone() zone},
 * and, with a look-back window \( w \), let \( t_w \) be the start of the day {@code asOf - w} in that zone.
 * Each row is tested in this order and counted by the first rule that excludes it:
 * <ol>
 *   <li>a row without a customer id is excluded and counted in {@link RfmTable#excludedMissingCustomer()};
 *       </li>
 *   <li>a row at or after \( t_0 \) is excluded and counted in {@link RfmTable#excludedAtOrAfterAsOf()}
 *       (no leakage: the as-of day itself is in the future);</li>
 *   <li>with a window, a row before \( t_w \) is excluded and counted in
 *       {@link RfmTable#excludedBeforeWindow()}; the window is {@code [asOf - w, asOf)} in calendar days.</li>
 * </ol>
 * Every remaining row is used. For each customer with at least one used row:
 * <ul>
 *   <li><b>recency</b> = whole days from the calendar date (in the zone) of the last used purchase to the
 *       as-of date: \( r = \mathrm{asOf} - \mathrm{date}(\max_i t_i) \). A last purchase on 2011-12-09 as of
 *       2011-12-10 gives 1; recency is always at least 1.</li>
 *   <li><b>frequency</b> = the number of distinct order ids among the used rows (several lines of one
 *       invoice are one purchase); without order ids, the number of distinct calendar days (in the zone) with
 *       a used row: one customer-day is one order, the rule of the buy-till-you-die literature and of
 *       {@link BtydSummary}, so that exact duplicate rows and several lines on one day (the CDNOW log) do not
 *       inflate it, and \( \mathrm{frequency} = x + 1 \) for BTYD's repeat count \( x \) on the same rows.</li>
 *   <li><b>monetary</b> = the sum of the used rows' amounts, with Neumaier's compensated summation, so that
 *       the result does not depend on accumulated rounding over many lines. Negative amounts (returns) are
 *       summed as they are: clean them with {@link dev.segmentation.features.TransactionFilter} first if they
 *       should not count.</li>
 * </ul>
 * Customers with no used row do not appear. Customers are listed in ascending order of their id
 * ({@link String#compareTo}), so the table does not depend on row order.
 *
 * <h2>A window longer than the data</h2>
 * When the window reaches back before the first transaction of the input, the data cover only part of it
 * (every customer's frequency and monetary value are then lower than a full window would give). By default
 * the table is computed and flagged ({@link RfmTable#windowTruncated()}, logged as a warning); with
 * {@link #requireFullWindow()} it is an {@link IllegalArgumentException} that gives both dates.
 *
 * <p>Cost: one pass over the rows plus a sort of the customers; \( O(n + c \log c) \) time and
 * \( O(c + o) \) extra memory for \( c \) customers and \( o \) orders.
 *
 * <p>References: A. M. Hughes, <i>Strategic Database Marketing</i> (1994) for RFM; A. Neumaier, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen", ZAMM 54 (1974) 39-51, doi:10.1002/zamm.19740540106.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Rfm {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Rfm.class);

    private final LocalDate asOf;
    private final Period window;
    private final boolean requireFull;

    private Rfm(LocalDate asOf, Period window, boolean requireFull) {
        this.asOf = asOf;
        this.window = window;
        this.requireFull = requireFull;
    }

    /**
     * RFM as of the start of {@code asOf} (exclusive), with no look-back limit.
     *
     * @param asOf the first day that is not used
     */
    public static Rfm asOf(LocalDate asOf) {
        return new Rfm(Checks.notNull("asOf", asOf), null, false);
    }

    /**
     * The same RFM using only transactions in the window {@code [asOf - window, asOf)}.
     *
     * @param window a positive period, such as {@code Period.ofMonths(12)}
     * @throws IllegalArgumentException if the window is zero or negative
     */
    public Rfm window(Period window) {
        Checks.notNull("window", window);
        if (!asOf.minus(window).isBefore(asOf)) {
            throw new IllegalArgumentException("window must be a positive period but was " + window);
        }
        if (this.window != null) {
            throw new IllegalStateException("window was already set (" + this.window + ")");
        }
        return new Rfm(asOf, window, requireFull);
    }

    /**
     * The same RFM, failing when the window reaches back before the first transaction (a window longer than
     * the data) instead of flagging the table.
     *
     * @throws IllegalStateException if there is no window
     */
    public Rfm requireFullWindow() {
        if (window == null) {
            throw new IllegalStateException("requireFullWindow() needs a window; call window(...) first");
        }
        return new Rfm(asOf, window, true);
    }

    /** The as-of date. */
    public LocalDate asOfDate() {
        return asOf;
    }

    /** The look-back window, if any. */
    public Optional<Period> window() {
        return Optional.ofNullable(window);
    }

    /**
     * Computes the RFM table.
     *
     * @param transactions the transactions. Not modified.
     * @return one row per customer with at least one used transaction
     */
    public RfmTable compute(Transactions transactions) {
        Checks.notNull("transactions", transactions);
        TransactionColumns c = TransactionsAccess.columns(transactions);
        ZoneId zone = c.zone;
        long asOfSecond = asOf.atStartOfDay(zone).toEpochSecond();
        long fromSecond = window == null ? Long.MIN_VALUE : asOf.minus(window).atStartOfDay(zone).toEpochSecond();
        int nc = c.customerIds.length;
        long[] last = new long[nc];
        Arrays.fill(last, Long.MIN_VALUE);
        int[] frequency = new int[nc];
        double[] sum = new double[nc];
        double[] compensation = new double[nc];
        int[] customer = c.customer;
        long[] time = c.epochSecond;
        double[] amount = c.amount;
        int[] order = c.order;
        int[] owner = order == null ? null : new int[c.orderIds.length];
        if (owner != null) {
            Arrays.fill(owner, -1);
        }
        // Without order ids one customer-day is one order: (customer, day) keys, counted distinct below.
        long[] dayKeys = owner == null ? new long[c.size] : null;
        int dayKeyCount = 0;
        boolean shared = false;
        long missing = 0;
        long future = 0;
        long early = 0;
        long used = 0;
        long firstSecond = Long.MAX_VALUE;
        for (int i = 0; i < c.size; i++) {
            if (time[i] < firstSecond) {
                firstSecond = time[i];
            }
            int cu = customer[i];
            if (cu < 0) {
                missing++;
                continue;
            }
            long t = time[i];
            if (t >= asOfSecond) {
                future++;
                continue;
            }
            if (t < fromSecond) {
                early++;
                continue;
            }
            used++;
            if (t > last[cu]) {
                last[cu] = t;
            }
            Neumaier.addTo(sum, compensation, cu, amount[i]);
            if (owner == null) {
                dayKeys[dayKeyCount++] = ((long) cu << 32) | ((CustomerRows.epochDay(t, zone) + (1L << 31)) & 0xFFFF_FFFFL);
            } else {
                int o = order[i];
                int w = owner[o];
                if (w < 0) {
                    owner[o] = cu;
                    frequency[cu]++;
                } else if (w != cu) {
                    shared = true;
                }
            }
        }
        if (shared) {
            distinctOrdersPerCustomer(c, asOfSecond, fromSecond, frequency);
        }
        if (dayKeys != null) {
            Arrays.sort(dayKeys, 0, dayKeyCount);
            for (int i = 0; i < dayKeyCount; i++) {
                if (i == 0 || dayKeys[i] != dayKeys[i - 1]) {
                    frequency[(int) (dayKeys[i] >>> 32)]++;
                }
            }
        }
        int present = 0;
        for (int k = 0; k < nc; k++) {
            if (last[k] != Long.MIN_VALUE) {
                present++;
            }
        }
        int[] codes = new int[present];
        for (int k = 0, p = 0; k < nc; k++) {
            if (last[k] != Long.MIN_VALUE) {
                codes[p++] = k;
            }
        }
        String[] ids = c.customerIds;
        IndexSort.sort(codes, (a, b) -> ids[a].compareTo(ids[b]));
        String[] outIds = new String[present];
        int[] outRecency = new int[present];
        int[] outFrequency = new int[present];
        double[] outMonetary = new double[present];
        long asOfDay = asOf.toEpochDay();
        for (int p = 0; p < present; p++) {
            int k = codes[p];
            outIds[p] = ids[k];
            long lastDay = LocalDate.ofInstant(Instant.ofEpochSecond(last[k]), zone).toEpochDay();
            outRecency[p] = Math.toIntExact(asOfDay - lastDay);
            outFrequency[p] = frequency[k];
            outMonetary[p] = sum[k] + compensation[k];
        }
        LocalDate firstDay = firstSecond == Long.MAX_VALUE ? null
                : LocalDate.ofInstant(Instant.ofEpochSecond(firstSecond), zone);
        boolean truncated = window != null && firstDay != null && asOf.minus(window).isBefore(firstDay);
        if (truncated) {
            if (requireFull) {
                throw new IllegalArgumentException("The window " + window + " starts on " + asOf.minus(window)
                        + ", before the first transaction on " + firstDay + ": the data cover only part of it "
                        + "(requireFullWindow)");
            }
            LOG.warn("RFM window {} as of {} starts on {}, before the first transaction on {}: frequency and "
                    + "monetary value cover only part of the window", window, asOf, asOf.minus(window), firstDay);
        }
        return new RfmTable(asOf, window, zone, outIds, outRecency, outFrequency, outMonetary, used, missing,
                future, early, firstDay, truncated);
    }

    /**
     * Exact distinct (customer, order) counting for data where one order id is shared by several customers:
     * sorts the packed pairs of the used rows.
     */
    private static void distinctOrdersPerCustomer(TransactionColumns c, long asOfSecond, long fromSecond,
            int[] frequency) {
        long[] pairs = new long[c.size];
        int n = 0;
        for (int i = 0; i < c.size; i++) {
            int cu = c.customer[i];
            long t = c.epochSecond[i];
            if (cu >= 0 && t < asOfSecond && t >= fromSecond) {
                pairs[n++] = ((long) cu << 32) | c.order[i];
            }
        }
        Arrays.sort(pairs, 0, n);
        Arrays.fill(frequency, 0);
        for (int i = 0; i < n; i++) {
            if (i == 0 || pairs[i] != pairs[i - 1]) {
                frequency[(int) (pairs[i] >>> 32)]++;
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rfm && asOf.equals(((Rfm) o).asOf) && Objects.equals(window, ((Rfm) o).window)
                && requireFull == ((Rfm) o).requireFull;
    }

    @Override
    public int hashCode() {
        return 31 * asOf.hashCode() + Objects.hashCode(window);
    }

    @Override
    public String toString() {
        return "Rfm[asOf=" + asOf + (window == null ? "" : ", window=" + window) + (requireFull ? ", full window"
                : "") + "]";
    }
}
