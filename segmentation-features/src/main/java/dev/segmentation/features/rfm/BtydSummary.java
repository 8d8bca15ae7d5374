/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.features.AsOfReport;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.CustomerRows;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The per-customer summary used by buy-till-you-die models (Pareto/NBD, BG/NBD, Gamma-Gamma): frequency,
 * recency, age and average repeat spend over a calibration period, with same-day purchases merged.
 *
 * <pre>{@code
 * FeatureTable s = BtydSummary.calibrationEnd(LocalDate.parse("1997-09-30"))
 *     .inWeeks().roundTo(2)
 *     .compute(transactions);
 * // columns: frequency, recency, T, monetary_value
 * }</pre>
 *
 * <h2>Definitions</h2>
 * Rows up to and including the calibration end day \( e \) are used (later rows are the holdout and are
 * excluded and counted, like rows without a customer id). Each customer's rows are grouped by calendar day
 * in the transactions' zone; all purchases of one day are one <em>purchase occasion</em> whose value is the
 * sum of the day's amounts (Fader, Hardie and Lee 2005; BTYD's {@code dc.MergeTransactionsOnSameDate}). With
 * the customer's purchase days \( d_0 \lt d_1 \lt \dots \lt d_x \):
 * <ul>
 *   <li>{@code frequency} \( x \): the number of <em>repeat</em> purchase days (all days but the first);</li>
 *   <li>{@code recency} \( t_x = d_x - d_0 \): from the first to the last purchase day (0 when
 *       \( x = 0 \));</li>
 *   <li>{@code T} \( = e - d_0 \): from the first purchase day to the calibration end;</li>
 *   <li>{@code monetary_value}: the mean value of the repeat purchase days \( d_1 .. d_x \) (the first is
 *       left out, as the Gamma-Gamma model requires), 0 when \( x = 0 \). Sums are compensated (Neumaier), so
 *       the row order does not matter.</li>
 * </ul>
 * Times are in days, or in weeks (days / 7) with {@link #inWeeks()}; {@link #roundTo(int)} rounds them as
 * NumPy's {@code round} does (\( \mathrm{rint}(t \cdot 10^k) / 10^k \)), which is how the published CDNOW
 * summary was written. Customers are in ascending id order. This reproduces the lifetimes package's
 * {@code summary_data_from_transaction_data} (the CDNOW summary of the library's tests is rebuilt exactly).
 *
 * <p>References: P. S. Fader, B. G. S. Hardie and K. L. Lee, "Counting your customers the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24 (2005) 275-284, doi:10.1287/mksc.1040.0098;
 * P. S. Fader, B. G. S. Hardie and K. L. Lee, "RFM and CLV: using iso-value curves for customer base
 * analysis", Journal of Marketing Research 42 (2005) 415-430, doi:10.1509/jmkr.2005.42.4.415.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BtydSummary {
    /** Column names. */
    public static final String FREQUENCY = "frequency";
    /** Recency column. */
    public static final String RECENCY = "recency";
    /** Age column. */
    public static final String T = "T";
    /** Average repeat spend column. */
    public static final String MONETARY_VALUE = "monetary_value";

    private final LocalDate end;
    private final int daysPerUnit;
    private final int decimals;

    private BtydSummary(LocalDate end, int daysPerUnit, int decimals) {
        this.end = end;
        this.daysPerUnit = daysPerUnit;
        this.decimals = decimals;
    }

    /**
     * A summary over the calibration period ending with {@code end} (inclusive), in days, unrounded.
     *
     * @param end the last calibration day
     */
    public static BtydSummary calibrationEnd(LocalDate end) {
        return new BtydSummary(Checks.notNull("end", end), 1, -1);
    }

    /**
     * The same summary with recency and T in weeks (days / 7).
     *
     * @throws IllegalStateException if the unit was already set
     */
    public BtydSummary inWeeks() {
        if (daysPerUnit != 1) {
            throw new IllegalStateException("The time unit was already set");
        }
        return new BtydSummary(end, 7, decimals);
    }

    /**
     * The same summary with recency and T rounded to {@code decimals} decimals (half to even on the binary
     * value, as NumPy).
     *
     * @throws IllegalArgumentException if {@code decimals} is not in 0..10
     * @throws IllegalStateException if rounding was already set
     */
    public BtydSummary roundTo(int decimals) {
        if (decimals < 0 || decimals > 10) {
            throw new IllegalArgumentException("decimals must be in 0..10 but was " + decimals);
        }
        if (this.decimals >= 0) {
            throw new IllegalStateException("Rounding was already set to " + this.decimals + " decimals");
        }
        return new BtydSummary(end, daysPerUnit, decimals);
    }

    /**
     * Computes the summary.
     *
     * @param transactions the transactions. Not modified.
     * @return the summary and the rows used and excluded (rows after the calibration end count as at or after
     *     the as-of day, the day after {@code end})
     */
    public FeatureTable compute(Transactions transactions) {
        Checks.notNull("transactions", transactions);
        TransactionColumns c = TransactionsAccess.columns(transactions);
        LocalDate asOf = end.plusDays(1);
        long to = asOf.atStartOfDay(c.zone).toEpochSecond();
        CustomerRows g = CustomerRows.group(c, Long.MIN_VALUE, to);
        int nc = c.customerIds.length;
        int present = 0;
        for (int k = 0; k < nc; k++) {
            if (g.start[k + 1] > g.start[k]) {
                present++;
            }
        }
        int[] codes = new int[present];
        for (int k = 0, p = 0; k < nc; k++) {
            if (g.start[k + 1] > g.start[k]) {
                codes[p++] = k;
            }
        }
        String[] ids = c.customerIds;
        IndexSort.sort(codes, (a, b) -> ids[a].compareTo(ids[b]));
        double[] frequency = new double[present];
        double[] recency = new double[present];
        double[] age = new double[present];
        double[] value = new double[present];
        String[] outIds = new String[present];
        long endDay = end.toEpochDay();
        Neumaier daySum = new Neumaier();
        Neumaier repeatSum = new Neumaier();
        for (int p = 0; p < present; p++) {
            int k = codes[p];
            outIds[p] = ids[k];
            long firstDay = Long.MIN_VALUE;
            long day = Long.MIN_VALUE;
            int repeatDays = 0;
            // Compensated sums, so that the result does not depend on the order of the rows
            daySum.reset();
            repeatSum.reset();
            for (int q = g.start[k]; q < g.start[k + 1]; q++) {
                int i = g.rows[q];
                long d = CustomerRows.epochDay(c.epochSecond[i], c.zone);
                if (d != day) {
                    if (day != Long.MIN_VALUE && day != firstDay) {
                        repeatSum.add(daySum.value());
                    }
                    if (firstDay == Long.MIN_VALUE) {
                        firstDay = d;
                    } else {
                        repeatDays++;
                    }
                    day = d;
                    daySum.reset();
                }
                daySum.add(c.amount[i]);
            }
            if (day != firstDay) {
                repeatSum.add(daySum.value());
            }
            frequency[p] = repeatDays;
            recency[p] = unit(day - firstDay);
            age[p] = unit(endDay - firstDay);
            value[p] = repeatDays == 0 ? 0 : repeatSum.value() / repeatDays;
        }
        CustomerTable table = CustomerTable.builder(List.of(outIds)).numeric(FREQUENCY, frequency)
                .numeric(RECENCY, recency).numeric(T, age).numeric(MONETARY_VALUE, value).build();
        Optional<LocalDate> first = g.firstSecond == Long.MAX_VALUE ? Optional.empty()
                : Optional.of(LocalDate.ofEpochDay(CustomerRows.epochDay(g.firstSecond, c.zone)));
        AsOfReport report = new AsOfReport(asOf, c.zone, g.used(), g.missingCustomer, g.atOrAfter, g.before, first,
                List.of());
        return new FeatureTable(table, report);
    }

    private double unit(long days) {
        double t = daysPerUnit == 1 ? days : days / (double) daysPerUnit;
        if (decimals < 0) {
            return t;
        }
        double scale = Math.pow(10, decimals);
        return Math.rint(t * scale) / scale;
    }

    @Override
    public String toString() {
        return "BtydSummary[calibrationEnd=" + end + ", unit=" + (daysPerUnit == 7 ? "weeks" : "days")
                + (decimals >= 0 ? ", rounded to " + decimals + " decimals" : "") + "]";
    }
}
