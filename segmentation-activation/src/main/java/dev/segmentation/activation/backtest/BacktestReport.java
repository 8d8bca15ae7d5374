/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.backtest;

import dev.segmentation.activation.internal.Stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The result of a {@link Backtest}: outcome rates per segment, the gain table and the AUC comparisons, with a
 * plain-text {@link #table()}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BacktestReport {
    private final OutcomeWindow window;
    private final String valueName;
    private final List<SegmentRow> rows;
    private final long customers;
    private final long buyers;
    private final double revenue;
    private final double auc;
    private final double aucSe;
    private final double aucUpper;
    private final List<Comparison> comparisons;
    private final double alpha;

    BacktestReport(OutcomeWindow window, String valueName, List<SegmentRow> rows, long customers, long buyers,
                   double revenue, double auc, double aucSe, double aucUpper, List<Comparison> comparisons,
                   double alpha) {
        this.window = window;
        this.valueName = valueName;
        this.rows = List.copyOf(rows);
        this.customers = customers;
        this.buyers = buyers;
        this.revenue = revenue;
        this.auc = auc;
        this.aucSe = aucSe;
        this.aucUpper = aucUpper;
        this.comparisons = List.copyOf(comparisons);
        this.alpha = alpha;
    }

    /**
     * One segment's outcomes in the window.
     *
     * @param segment the label
     * @param name the name
     * @param value the value that orders the segments
     * @param customers customers in the segment
     * @param buyers those who purchased in the window
     * @param purchaseRate buyers / customers
     * @param rateLow Wilson interval, lower end
     * @param rateHigh Wilson interval, upper end
     * @param meanRevenue revenue per customer in the window
     * @param revenueLow Student-t interval of the mean, lower end (NaN below two customers)
     * @param revenueHigh upper end
     * @param revenue the segment's revenue in the window
     * @param lift purchase rate over the overall purchase rate
     */
    public record SegmentRow(int segment, String name, double value, long customers, long buyers, double purchaseRate,
                             double rateLow, double rateHigh, double meanRevenue, double revenueLow,
                             double revenueHigh, double revenue, double lift) {
        /** The churn rate (no purchase in the window): {@code 1 - purchaseRate}. */
        public double churnRate() {
            return 1 - purchaseRate;
        }
    }

    /**
     * The segmentation's AUC against a baseline score's, on the same customers (DeLong's paired test).
     *
     * @param baseline the baseline's name
     * @param auc the baseline's AUC
     * @param se its standard error
     * @param difference the segmentation's AUC minus the baseline's
     * @param differenceSe the standard error of the difference
     * @param z the difference over its standard error
     * @param pValue the two-sided p-value
     */
    public record Comparison(String baseline, double auc, double se, double difference, double differenceSe, double z,
                             double pValue) {
    }

    /**
     * A row of the gain table.
     *
     * @param segment the segment's label
     * @param name its name
     * @param customerShare cumulative share of customers, from the most valuable segment down to this one
     * @param buyerShare cumulative share of the window's buyers (the gain)
     * @param revenueShare cumulative share of the window's revenue
     * @param cumulativeLift cumulative purchase rate over the overall rate
     */
    public record GainRow(int segment, String name, double customerShare, double buyerShare, double revenueShare,
                          double cumulativeLift) {
    }

    /** The outcome window. */
    public OutcomeWindow window() {
        return window;
    }

    /** The segments, by label. */
    public List<SegmentRow> segments() {
        return rows;
    }

    /** The number of customers followed. */
    public long customers() {
        return customers;
    }

    /** The overall purchase rate in the window. */
    public double purchaseRate() {
        return (double) buyers / customers;
    }

    /** The AUC of the segment (scored by its value) for the purchase outcome. */
    public double auc() {
        return auc;
    }

    /** DeLong's standard error of {@link #auc()}. */
    public double aucStandardError() {
        return aucSe;
    }

    /** The AUC if the segments were ordered by their observed purchase rate: an in-sample upper bound. */
    public double aucUpperBound() {
        return aucUpper;
    }

    /** The comparisons with each baseline, in the order given. */
    public List<Comparison> comparisons() {
        return comparisons;
    }

    /** The gain table: non-empty segments by value, highest first (ties by label). */
    public List<GainRow> gains() {
        List<SegmentRow> order = new ArrayList<>();
        for (SegmentRow r : rows) {
            if (r.customers > 0) {
                order.add(r);
            }
        }
        order.sort(Comparator.comparingDouble(SegmentRow::value).reversed().thenComparingInt(SegmentRow::segment));
        List<GainRow> out = new ArrayList<>();
        long c = 0;
        long b = 0;
        double rev = 0;
        for (SegmentRow r : order) {
            c += r.customers;
            b += r.buyers;
            rev += r.revenue;
            double overall = (double) buyers / customers;
            out.add(new GainRow(r.segment, r.name, (double) c / customers, buyers == 0 ? 0 : (double) b / buyers,
                    revenue == 0 ? 0 : rev / revenue, overall == 0 ? Double.NaN : ((double) b / c) / overall));
        }
        return out;
    }

    /**
     * The report as text: segments by value with their outcomes, the gain columns, and the AUCs.
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        int ci = (int) Math.round(100 * (1 - alpha));
        sb.append(String.format(Locale.ROOT, "  outcomes %s .. %s (%d days) of %,d customers; %.1f%% purchased; "
                        + "segments ordered by %s%n", window.start(), window.end(), window.days(), customers,
                100 * purchaseRate(), valueName));
        sb.append(String.format(Locale.ROOT, "  %-22s %10s %8s %20s %7s %24s %6s %8s %8s %8s%n", "segment", "value",
                "n", "purchased [" + ci + "% CI]", "churn", "revenue/cust [" + ci + "% CI]", "lift", "cum n",
                "gain", "cum rev"));
        List<GainRow> gains = gains();
        for (GainRow g : gains) {
            SegmentRow r = rows.get(g.segment);
            sb.append(String.format(Locale.ROOT, "  %-22s %10.2f %,8d %6.1f%% [%4.1f, %4.1f] %6.1f%% %8.2f [%6.2f, %6.2f] "
                            + "%6.2f %7.1f%% %7.1f%% %7.1f%%%n", cut(r.name), r.value, r.customers, 100 * r.purchaseRate,
                    100 * r.rateLow, 100 * r.rateHigh, 100 * r.churnRate(), r.meanRevenue, r.revenueLow,
                    r.revenueHigh, r.lift, 100 * g.customerShare, 100 * g.buyerShare, 100 * g.revenueShare));
        }
        double z = Stats.normalQuantile(1 - alpha / 2);
        sb.append(String.format(Locale.ROOT, "  AUC of the segment as a score: %.4f [%.4f, %.4f] (DeLong); ordered by the "
                + "observed rates instead: %.4f (in-sample upper bound)%n", auc, auc - z * aucSe, auc + z * aucSe,
                aucUpper));
        for (Comparison c : comparisons) {
            sb.append(String.format(Locale.ROOT, "  AUC of %s: %.4f [%.4f, %.4f]; segments minus it: %+.4f [%+.4f, %+.4f],"
                            + " p = %s%n", c.baseline, c.auc, c.auc - z * c.se, c.auc + z * c.se, c.difference,
                    c.difference - z * c.differenceSe, c.difference + z * c.differenceSe, p(c.pValue)));
        }
        return sb.toString();
    }

    private static String p(double p) {
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String cut(String s) {
        return s.length() <= 22 ? s : s.substring(0, 21) + "~";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BacktestReport[%d segments, AUC %.4f]", rows.size(), auc);
    }
}
