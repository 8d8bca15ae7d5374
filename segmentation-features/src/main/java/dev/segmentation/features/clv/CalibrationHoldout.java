/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.rfm.BtydSummary;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction log split at a date into a calibration summary and holdout counts, with the standard checks of
 * a fitted transaction model on the holdout (Fader, Hardie and Lee 2005, section 4): weekly tracking of
 * cumulative repeat transactions, conditional expectations by calibration frequency, and per-customer errors.
 *
 * <pre>{@code
 * CalibrationHoldout ch = CalibrationHoldout.split(transactions, LocalDate.parse("1997-09-30"),
 *     LocalDate.parse("1998-06-30"));
 * BgNbdModel m = BgNbd.withDefaults().fit(ch.calibration());
 * HoldoutErrors e = ch.errors(m);          // MAE, RMSE, totals
 * Tracking t = ch.tracking(m);             // expected vs actual cumulative repeat transactions per week
 * }</pre>
 *
 * <h2>Definitions</h2>
 * Time is in <b>weeks</b> (days / 7, unrounded). Purchases of one calendar day (in the transactions' zone) are
 * one transaction, as in {@link BtydSummary}. The calibration population is every customer whose first purchase
 * is on or before the calibration end \( e \), summarised by {@code BtydSummary.calibrationEnd(e).inWeeks()};
 * its holdout count is the number of purchase days in \( (e, h] \), and the holdout length is
 * \( t^* = (h - e)/7 \) weeks. Customers whose first purchase falls in the holdout are not part of the cohort
 * and are counted ({@link #holdoutNewCustomers()}). Rows after \( h \) are ignored.
 *
 * <p>Instances are immutable.
 *
 * @since 0.1
 */
public final class CalibrationHoldout {
    private final BtydCustomers calibration;
    private final double[] holdout;
    private final double holdoutWeeks;
    private final long cohortStart;
    private final long calibrationEnd;
    private final long holdoutEnd;
    /** Each customer's first purchase day (epoch day). */
    private final long[] firstDay;
    /** Repeat purchase days (epoch day) of all customers up to the holdout end, sorted. */
    private final long[] repeatDays;
    private final int newCustomers;

    private CalibrationHoldout(BtydCustomers calibration, double[] holdout, long cohortStart, long calibrationEnd,
                               long holdoutEnd, long[] firstDay, long[] repeatDays, int newCustomers) {
        this.calibration = calibration;
        this.holdout = holdout;
        this.holdoutWeeks = (holdoutEnd - calibrationEnd) / 7.0;
        this.cohortStart = cohortStart;
        this.calibrationEnd = calibrationEnd;
        this.holdoutEnd = holdoutEnd;
        this.firstDay = firstDay;
        this.repeatDays = repeatDays;
        this.newCustomers = newCustomers;
    }

    /**
     * Splits the log.
     *
     * @param transactions the transactions (not modified)
     * @param calibrationEnd the last calibration day, inclusive
     * @param holdoutEnd the last holdout day, inclusive
     * @throws IllegalArgumentException if {@code holdoutEnd} is not after {@code calibrationEnd}, or no customer
     *     bought on or before {@code calibrationEnd}
     */
    public static CalibrationHoldout split(Transactions transactions, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        Checks.notNull("transactions", transactions);
        Checks.notNull("calibrationEnd", calibrationEnd);
        Checks.notNull("holdoutEnd", holdoutEnd);
        if (!holdoutEnd.isAfter(calibrationEnd)) {
            throw new IllegalArgumentException("The holdout end " + holdoutEnd + " must be after the calibration end "
                    + calibrationEnd);
        }
        CustomerTable summary = BtydSummary.calibrationEnd(calibrationEnd).inWeeks().compute(transactions).table();
        if (summary.size() == 0) {
            throw new IllegalArgumentException("No customer bought on or before the calibration end " + calibrationEnd
                    + ": the calibration population is empty");
        }
        BtydCustomers cal = BtydCustomers.from(summary);
        int n = summary.size();
        Map<String, Integer> index = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            index.put(summary.customerId(i), i);
        }
        long e = calibrationEnd.toEpochDay();
        long h = holdoutEnd.toEpochDay();
        long[] keys = new long[transactions.size()];
        int m = 0;
        java.util.Set<String> late = new java.util.HashSet<>();
        for (int r = 0; r < transactions.size(); r++) {
            String id = transactions.customerId(r);
            if (id == null) {
                continue;
            }
            long day = LocalDate.ofInstant(transactions.instant(r), transactions.zone()).toEpochDay();
            if (day > h) {
                continue;
            }
            Integer i = index.get(id);
            if (i == null) {
                late.add(id);
                continue;
            }
            keys[m++] = ((long) i << 32) | (day - e + (1L << 31));
        }
        long[] k = Arrays.copyOf(keys, m);
        Arrays.sort(k);
        double[] hold = new double[n];
        long[] first = new long[n];
        Arrays.fill(first, Long.MAX_VALUE);
        long[] repeats = new long[m];
        int nr = 0;
        long cohortStart = Long.MAX_VALUE;
        for (int q = 0; q < m; q++) {
            if (q > 0 && k[q] == k[q - 1]) {
                continue;
            }
            int i = (int) (k[q] >>> 32);
            long day = (k[q] & 0xFFFFFFFFL) - (1L << 31) + e;
            if (first[i] == Long.MAX_VALUE) {
                first[i] = day;
                cohortStart = Math.min(cohortStart, day);
            } else {
                repeats[nr++] = day;
                if (day > e) {
                    hold[i]++;
                }
            }
        }
        long[] rep = Arrays.copyOf(repeats, nr);
        Arrays.sort(rep);
        return new CalibrationHoldout(cal, hold, cohortStart, e, h, first, rep, late.size());
    }

    /** The calibration population (weeks). */
    public BtydCustomers calibration() {
        return calibration;
    }

    /** A copy of the holdout purchase-day counts, in the calibration population's order. */
    public double[] holdoutCounts() {
        return holdout.clone();
    }

    /** The holdout length \( t^* \) in weeks. */
    public double holdoutWeeks() {
        return holdoutWeeks;
    }

    /** Customers whose first purchase falls in the holdout (not in the cohort). */
    public int holdoutNewCustomers() {
        return newCustomers;
    }

    /**
     * Expected and actual cumulative repeat transactions of the cohort at the end of each week from the cohort's
     * first purchase day to the holdout end: week \( k \) ends at day \( d_s + 7k \) (exclusive), the expected
     * value is \( \sum_i E[X((d_s + 7k - d_{0,i})/7)] \) over the customers who had started, computed once per
     * distinct first-purchase day.
     */
    public Tracking tracking(TransactionModel model) {
        Checks.notNull("model", model);
        int weeks = (int) Math.ceil((holdoutEnd + 1 - cohortStart) / 7.0);
        long[] days = firstDay.clone();
        Arrays.sort(days);
        double[] expected = new double[weeks];
        double[] actual = new double[weeks];
        int w = 0;
        for (int k = 1; k <= weeks; k++) {
            long boundary = cohortStart + 7L * k;
            double s = 0;
            for (int a = 0; a < days.length; ) {
                int b = a;
                while (b < days.length && days[b] == days[a]) {
                    b++;
                }
                if (days[a] < boundary) {
                    s += (b - a) * model.expectedPurchases((boundary - days[a]) / 7.0);
                }
                a = b;
            }
            expected[k - 1] = s;
            while (w < repeatDays.length && repeatDays[w] < boundary) {
                w++;
            }
            actual[k - 1] = w;
        }
        int calibrationWeeks = (int) Math.ceil((calibrationEnd + 1 - cohortStart) / 7.0);
        return new Tracking(LocalDate.ofEpochDay(cohortStart), calibrationWeeks, expected, actual);
    }

    /**
     * Mean actual and mean conditionally expected holdout transactions by calibration frequency
     * \( x = 0, 1, \dots, \) {@code maxFrequency - 1} and a last group \( x \ge \) {@code maxFrequency}.
     *
     * @throws IllegalArgumentException if {@code maxFrequency < 1}
     */
    public FrequencyTable byFrequency(TransactionModel model, int maxFrequency) {
        Checks.notNull("model", model);
        if (maxFrequency < 1) {
            throw new IllegalArgumentException("maxFrequency must be >= 1 but was " + maxFrequency);
        }
        long[] counts = new long[maxFrequency + 1];
        double[] actual = new double[maxFrequency + 1];
        double[] expected = new double[maxFrequency + 1];
        for (int i = 0; i < calibration.size(); i++) {
            int g = (int) Math.min(calibration.x(i), maxFrequency);
            counts[g]++;
            actual[g] += holdout[i];
            expected[g] += model.conditionalExpectedPurchases(holdoutWeeks, calibration.x(i), calibration.tx(i),
                    calibration.age(i));
        }
        for (int g = 0; g <= maxFrequency; g++) {
            if (counts[g] > 0) {
                actual[g] /= counts[g];
                expected[g] /= counts[g];
            } else {
                actual[g] = Double.NaN;
                expected[g] = Double.NaN;
            }
        }
        return new FrequencyTable(counts, actual, expected);
    }

    /** Per-customer predicted (conditional expectation over \( t^* \)) and actual holdout transactions. */
    public HoldoutErrors errors(TransactionModel model) {
        Checks.notNull("model", model);
        double[] predicted = model.conditionalExpectedPurchases(holdoutWeeks, calibration);
        return new HoldoutErrors(calibration.customerIds(), predicted, holdout.clone());
    }

    /** The cohort's weekly tracking data. */
    public static final class Tracking {
        private final LocalDate start;
        private final int calibrationWeeks;
        private final double[] expected;
        private final double[] actual;

        Tracking(LocalDate start, int calibrationWeeks, double[] expected, double[] actual) {
            this.start = start;
            this.calibrationWeeks = calibrationWeeks;
            this.expected = expected;
            this.actual = actual;
        }

        /** The cohort's first purchase day; week 1 is the seven days from it. */
        public LocalDate start() {
            return start;
        }

        /** The number of weeks, calibration and holdout. */
        public int weeks() {
            return expected.length;
        }

        /** Weeks that end within the calibration period (the last one may reach past its end). */
        public int calibrationWeeks() {
            return calibrationWeeks;
        }

        /** Expected cumulative repeat transactions at the end of each week. */
        public double[] expectedCumulative() {
            return expected.clone();
        }

        /** Actual cumulative repeat transactions at the end of each week. */
        public double[] actualCumulative() {
            return actual.clone();
        }
    }

    /** Holdout means by calibration frequency; group {@code g} is \( x = g \), the last \( x \ge g \). */
    public static final class FrequencyTable {
        private final long[] counts;
        private final double[] actual;
        private final double[] expected;

        FrequencyTable(long[] counts, double[] actual, double[] expected) {
            this.counts = counts;
            this.actual = actual;
            this.expected = expected;
        }

        /** The number of groups. */
        public int groups() {
            return counts.length;
        }

        /** Customers in group {@code g}. */
        public long count(int g) {
            return counts[g];
        }

        /** Mean actual holdout transactions of group {@code g} (NaN for an empty group). */
        public double meanActual(int g) {
            return actual[g];
        }

        /** Mean conditional expectation of group {@code g} (NaN for an empty group). */
        public double meanExpected(int g) {
            return expected[g];
        }
    }

    /** Per-customer holdout errors and their aggregates. */
    public static final class HoldoutErrors {
        private final List<String> ids;
        private final double[] predicted;
        private final double[] actual;

        HoldoutErrors(List<String> ids, double[] predicted, double[] actual) {
            this.ids = ids;
            this.predicted = predicted;
            this.actual = actual;
        }

        /** The customers. */
        public List<String> customerIds() {
            return ids;
        }

        /** A copy of the predicted holdout transactions. */
        public double[] predicted() {
            return predicted.clone();
        }

        /** A copy of the actual holdout transactions. */
        public double[] actual() {
            return actual.clone();
        }

        /** Customer {@code i}'s error, predicted minus actual. */
        public double error(int i) {
            return predicted[i] - actual[i];
        }

        /** The mean absolute error per customer. */
        public double mae() {
            double s = 0;
            for (int i = 0; i < predicted.length; i++) {
                s += Math.abs(predicted[i] - actual[i]);
            }
            return s / predicted.length;
        }

        /** The root mean squared error per customer. */
        public double rmse() {
            double s = 0;
            for (int i = 0; i < predicted.length; i++) {
                double d = predicted[i] - actual[i];
                s += d * d;
            }
            return Math.sqrt(s / predicted.length);
        }

        /** Total predicted holdout transactions. */
        public double totalPredicted() {
            double s = 0;
            for (int i = 0; i < predicted.length; i++) {
                s += predicted[i];
            }
            return s;
        }

        /** Total actual holdout transactions. */
        public double totalActual() {
            double s = 0;
            for (int i = 0; i < actual.length; i++) {
                s += actual[i];
            }
            return s;
        }

        /** The aggregate error, (total predicted - total actual) / total actual. */
        public double aggregateRelativeError() {
            return (totalPredicted() - totalActual()) / totalActual();
        }
    }
}
