/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.lift;

import dev.segmentation.activation.internal.Stats;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The lift of a campaign per segment and treatment arm (see {@link LiftAnalysis} for every formula), with the
 * stratified totals per arm, and a plain-text {@link #table()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class LiftReport {
    private final List<Row> rows;
    private final double alpha;
    private final int resamples;
    private final long seed;
    private final String experiment;
    private final String controlArm;

    LiftReport(List<Row> rows, double alpha, int resamples, long seed, String experiment, String controlArm) {
        this.rows = List.copyOf(rows);
        this.alpha = alpha;
        this.resamples = resamples;
        this.seed = seed;
        this.experiment = experiment;
        this.controlArm = controlArm;
    }

    /** One row per segment and treatment arm, segments in the assignment's order. */
    public List<Row> rows() {
        return rows;
    }

    /** The row of a segment and arm. */
    public Row row(String segment, String arm) {
        for (Row r : rows) {
            if (r.segment.equals(segment) && r.arm.equals(arm)) {
                return r;
            }
        }
        throw new IllegalArgumentException("No row for segment '" + segment + "' and arm '" + arm + "'");
    }

    /** The significance level of the tests and intervals. */
    public double alpha() {
        return alpha;
    }

    /** The number of bootstrap replicates (0 when off) and the seed they were drawn from. */
    public int bootstrapResamples() {
        return resamples;
    }

    /** The bootstrap seed. */
    public long bootstrapSeed() {
        return seed;
    }

    /**
     * The stratified totals of one treatment arm over the estimable segments: incremental conversions and revenue
     * with normal intervals from the summed variances (see {@link LiftAnalysis}).
     */
    public Total total(String arm) {
        double conv = 0;
        double convVar = 0;
        double rev = 0;
        double revVar = 0;
        long treated = 0;
        int segments = 0;
        boolean any = false;
        for (Row r : rows) {
            if (!r.arm.equals(arm)) {
                continue;
            }
            any = true;
            if (!r.estimable) {
                continue;
            }
            segments++;
            treated += r.treated;
            conv += r.treated * r.difference;
            convVar += (double) r.treated * r.treated * r.varDifference;
            rev += r.treated * (r.treatedMean - r.controlMean);
            revVar += (double) r.treated * r.treated * r.varMeanDifference;
        }
        if (!any) {
            throw new IllegalArgumentException("No treatment arm '" + arm + "'");
        }
        double z = Stats.normalQuantile(1 - alpha / 2);
        return new Total(arm, segments, treated, conv, conv - z * Math.sqrt(convVar), conv + z * Math.sqrt(convVar),
                rev, rev - z * Math.sqrt(revVar), rev + z * Math.sqrt(revVar));
    }

    /**
     * The stratified total of one treatment arm.
     *
     * @param arm the treatment arm
     * @param segments the estimable segments summed
     * @param treated the treated customers in them
     * @param incrementalConversions \( \sum_s n_{t,s}(\hat p_{t,s} - \hat p_{c,s}) \)
     * @param conversionsLow the interval's lower end
     * @param conversionsHigh the interval's upper end
     * @param incrementalRevenue \( \sum_s n_{t,s}(\bar r_{t,s} - \bar r_{c,s}) \)
     * @param revenueLow the interval's lower end
     * @param revenueHigh the interval's upper end
     */
    public record Total(String arm, int segments, long treated, double incrementalConversions, double conversionsLow,
                        double conversionsHigh, double incrementalRevenue, double revenueLow, double revenueHigh) {
    }

    /**
     * The report as text: conversion per segment and arm, then revenue per customer, then the totals.
     * <pre>
     * conversion              arm          treated control  treated   control   lift (points) [95% CI]   p  test  p BH ...
     * </pre>
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        int ci = (int) Math.round(100 * (1 - alpha));
        sb.append(String.format(Locale.ROOT, "  conversion, each arm against '%s' in the same segment%s%n", controlArm,
                experiment == null ? "" : " (experiment " + experiment + ")"));
        sb.append(String.format(Locale.ROOT, "  %-22s %-14s %8s %8s %7s %7s %22s %9s %-6s %9s %20s%n", "segment",
                "arm", "treated", "control", "rate t", "rate c", "lift, points [" + ci + "% CI]", "p", "test",
                "p (BH)", "incremental [" + ci + "% CI]"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-14s %,8d %,8d ", cut(r.segment, 22), cut(r.arm, 14),
                    r.treated, r.control));
            if (!r.estimable) {
                sb.append("not estimable: ").append(r.reason).append('\n');
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%6.2f%% %6.2f%% %+6.2f [%+6.2f, %+6.2f] %9s %-6s %9s %6.1f [%+.1f, %+.1f]%n",
                    100 * r.treatedRate, 100 * r.controlRate, 100 * r.difference, 100 * r.differenceLow,
                    100 * r.differenceHigh, p(r.conversionPValue()), r.usedFisher ? "Fisher" : "z",
                    p(r.conversionPAdjusted), r.incrementalConversions(), r.treated * r.differenceLow,
                    r.treated * r.differenceHigh));
        }
        sb.append(String.format(Locale.ROOT, "%n  revenue per customer%s%n", resamples > 0
                ? " (Welch's t; bootstrap: " + resamples + " percentile resamples, seed " + seed + ")" : " (Welch's t)"));
        sb.append(String.format(Locale.ROOT, "  %-22s %-14s %10s %10s %26s %9s %9s %22s %28s%n", "segment", "arm",
                "mean t", "mean c", "difference [" + ci + "% CI]", "p", "p (BH)", "bootstrap " + ci + "% CI",
                "incremental revenue [CI]"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "  %-22s %-14s ", cut(r.segment, 22), cut(r.arm, 14)));
            if (!r.estimable || !r.revenueEstimable) {
                sb.append("not estimable: ").append(r.estimable ? r.revenueReason : r.reason).append('\n');
                continue;
            }
            String boot = r.bootstrapLow != r.bootstrapLow ? "-"
                    : String.format(Locale.ROOT, "[%+.2f, %+.2f]", r.bootstrapLow, r.bootstrapHigh);
            sb.append(String.format(Locale.ROOT, "%10.2f %10.2f %+8.2f [%+7.2f, %+7.2f] %9s %9s %22s %10.0f [%+.0f, %+.0f]%n",
                    r.treatedMean, r.controlMean, r.meanDifference(), r.welchLow, r.welchHigh, p(r.revenuePValue()),
                    p(r.revenuePAdjusted), boot, r.incrementalRevenue(), r.treated * r.welchLow,
                    r.treated * r.welchHigh));
        }
        Map<String, Boolean> arms = new LinkedHashMap<>();
        for (Row r : rows) {
            arms.put(r.arm, true);
        }
        sb.append('\n');
        for (String arm : arms.keySet()) {
            Total t = total(arm);
            sb.append(String.format(Locale.ROOT, "  all segments, %s: %,.1f incremental conversions [%+,.1f, %+,.1f] and "
                            + "%,.0f incremental revenue [%+,.0f, %+,.0f] among %,d treated customers in %d segments%n",
                    arm, t.incrementalConversions, t.conversionsLow, t.conversionsHigh, t.incrementalRevenue,
                    t.revenueLow, t.revenueHigh, t.treated, t.segments));
        }
        return sb.toString();
    }

    private static String p(double p) {
        if (p != p) {
            return "-";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.2e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    private static String cut(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "~";
    }

    @Override
    public String toString() {
        return "LiftReport[" + rows.size() + " rows]";
    }

    /**
     * One segment and treatment arm against the segment's control. Statistics of a row that is not
     * {@linkplain #estimable() estimable} throw {@link IllegalStateException} with the reason; revenue statistics
     * likewise when {@link #revenueEstimable()} is false.
     */
    public static final class Row {
        private final String segment;
        private final String arm;
        private final long treated;
        private final long control;
        private final long treatedConversions;
        private final long controlConversions;
        private final boolean estimable;
        private final String reason;
        private final double treatedRate;
        private final double treatedRateLow;
        private final double treatedRateHigh;
        private final double controlRate;
        private final double controlRateLow;
        private final double controlRateHigh;
        private final double difference;
        private final double differenceLow;
        private final double differenceHigh;
        private final double varDifference;
        private final double z;
        private final double zPValue;
        private final double fisherPValue;
        private final boolean usedFisher;
        private final double conversionPAdjusted;
        private final double treatedMean;
        private final double controlMean;
        private final double varMeanDifference;
        private final boolean revenueEstimable;
        private final String revenueReason;
        private final double welchT;
        private final double welchDf;
        private final double welchP;
        private final double welchLow;
        private final double welchHigh;
        private final double bootstrapLow;
        private final double bootstrapHigh;
        private final double revenuePAdjusted;
        private final Builder builder;

        private Row(Builder b, double conversionPAdjusted, double revenuePAdjusted) {
            builder = b;
            segment = b.segment;
            arm = b.arm;
            treated = b.treated;
            control = b.control;
            treatedConversions = b.xt;
            controlConversions = b.xc;
            estimable = b.reason == null;
            reason = b.reason;
            treatedRate = b.pt;
            treatedRateLow = b.wt[0];
            treatedRateHigh = b.wt[1];
            controlRate = b.pc;
            controlRateLow = b.wc[0];
            controlRateHigh = b.wc[1];
            difference = b.pt - b.pc;
            differenceLow = b.diff[0];
            differenceHigh = b.diff[1];
            varDifference = b.varDiff;
            z = b.z;
            zPValue = b.pz;
            fisherPValue = b.pf;
            usedFisher = b.fisher;
            this.conversionPAdjusted = conversionPAdjusted;
            treatedMean = b.mt;
            controlMean = b.mc;
            varMeanDifference = b.varMeanDiff;
            revenueEstimable = estimable && b.revenueReason == null;
            revenueReason = estimable ? b.revenueReason : b.reason;
            welchT = b.welch[0];
            welchDf = b.welch[1];
            welchP = b.welch[2];
            welchLow = b.welch[3];
            welchHigh = b.welch[4];
            bootstrapLow = b.boot == null ? Double.NaN : b.boot[0];
            bootstrapHigh = b.boot == null ? Double.NaN : b.boot[1];
            this.revenuePAdjusted = revenuePAdjusted;
        }

        Row withAdjusted(double conversion, double revenue) {
            return new Row(builder, conversion, revenue);
        }

        /** The segment. */
        public String segment() {
            return segment;
        }

        /** The treatment arm. */
        public String arm() {
            return arm;
        }

        /** Treated customers \( n_t \). */
        public long treated() {
            return treated;
        }

        /** Control customers \( n_c \). */
        public long control() {
            return control;
        }

        /** Treated customers who converted. */
        public long treatedConversions() {
            return treatedConversions;
        }

        /** Control customers who converted. */
        public long controlConversions() {
            return controlConversions;
        }

        /** Whether the row has both treated and control customers. */
        public boolean estimable() {
            return estimable;
        }

        /** Why the row is not estimable ("no control customers"), or empty text when it is. */
        public String reason() {
            return reason == null ? "" : reason;
        }

        private void check() {
            if (!estimable) {
                throw new IllegalStateException("Segment '" + segment + "', arm '" + arm + "' is not estimable: "
                        + reason);
            }
        }

        private void checkRevenue() {
            check();
            if (!revenueEstimable) {
                throw new IllegalStateException("Revenue of segment '" + segment + "', arm '" + arm
                        + "' is not estimable: " + revenueReason);
            }
        }

        /** The treated conversion rate. */
        public double treatedRate() {
            check();
            return treatedRate;
        }

        /** Wilson interval of the treated rate: {@code {low, high}}. */
        public double[] treatedRateInterval() {
            check();
            return new double[] {treatedRateLow, treatedRateHigh};
        }

        /** The control conversion rate. */
        public double controlRate() {
            check();
            return controlRate;
        }

        /** Wilson interval of the control rate. */
        public double[] controlRateInterval() {
            check();
            return new double[] {controlRateLow, controlRateHigh};
        }

        /** The absolute lift \( \hat p_t - \hat p_c \). */
        public double difference() {
            check();
            return difference;
        }

        /** Newcombe's interval of the difference. */
        public double[] differenceInterval() {
            check();
            return new double[] {differenceLow, differenceHigh};
        }

        /** The relative lift \( \hat p_t/\hat p_c - 1 \); empty when the control rate is 0. */
        public OptionalDouble relativeLift() {
            check();
            return controlRate > 0 ? OptionalDouble.of(treatedRate / controlRate - 1) : OptionalDouble.empty();
        }

        /** The pooled two-proportion z statistic. */
        public double z() {
            check();
            return z;
        }

        /** The two-sided p-value of the z-test. */
        public double zPValue() {
            check();
            return zPValue;
        }

        /** The two-sided p-value of Fisher's exact test. */
        public double fisherPValue() {
            check();
            return fisherPValue;
        }

        /** Whether {@link #conversionPValue()} is Fisher's (an expected count below the threshold). */
        public boolean usedFisher() {
            check();
            return usedFisher;
        }

        /** The conversion p-value: Fisher's for small counts, else the z-test's. */
        public double conversionPValue() {
            check();
            return usedFisher ? fisherPValue : zPValue;
        }

        /** The Benjamini-Hochberg adjusted conversion p-value across the report's estimable rows. */
        public double conversionPValueAdjusted() {
            check();
            return conversionPAdjusted;
        }

        /** \( n_t(\hat p_t - \hat p_c) \). */
        public double incrementalConversions() {
            check();
            return treated * difference;
        }

        /** The interval of the incremental conversions (Newcombe's, times \( n_t \)). */
        public double[] incrementalConversionsInterval() {
            check();
            return new double[] {treated * differenceLow, treated * differenceHigh};
        }

        /** Whether the revenue comparison is estimable. */
        public boolean revenueEstimable() {
            return revenueEstimable;
        }

        /** Why the revenue comparison is not estimable, or empty text. */
        public String revenueReason() {
            return revenueReason == null ? "" : revenueReason;
        }

        /** Mean revenue per treated customer. */
        public double treatedMean() {
            check();
            return treatedMean;
        }

        /** Mean revenue per control customer. */
        public double controlMean() {
            check();
            return controlMean;
        }

        /** \( \bar r_t - \bar r_c \). */
        public double meanDifference() {
            check();
            return treatedMean - controlMean;
        }

        /** Welch's t statistic. */
        public double welchT() {
            checkRevenue();
            return welchT;
        }

        /** The Welch-Satterthwaite degrees of freedom. */
        public double welchDf() {
            checkRevenue();
            return welchDf;
        }

        /** The two-sided p-value of Welch's test. */
        public double revenuePValue() {
            checkRevenue();
            return welchP;
        }

        /** The Benjamini-Hochberg adjusted revenue p-value. */
        public double revenuePValueAdjusted() {
            checkRevenue();
            return revenuePAdjusted;
        }

        /** Welch's interval of the difference of means. */
        public double[] meanDifferenceInterval() {
            checkRevenue();
            return new double[] {welchLow, welchHigh};
        }

        /** The percentile bootstrap interval of the difference of means; empty without a bootstrap. */
        public java.util.Optional<double[]> bootstrapInterval() {
            checkRevenue();
            return bootstrapLow != bootstrapLow ? java.util.Optional.empty()
                    : java.util.Optional.of(new double[] {bootstrapLow, bootstrapHigh});
        }

        /** \( n_t(\bar r_t - \bar r_c) \). */
        public double incrementalRevenue() {
            check();
            return treated * (treatedMean - controlMean);
        }

        /** Welch's interval of the incremental revenue (times \( n_t \)). */
        public double[] incrementalRevenueInterval() {
            checkRevenue();
            return new double[] {treated * welchLow, treated * welchHigh};
        }

        @Override
        public String toString() {
            return "Row[" + segment + ", " + arm + ", " + treated + " treated, " + control + " control"
                    + (estimable ? "" : ", not estimable: " + reason) + "]";
        }

        /** Collects a row's values. */
        static final class Builder {
            final String segment;
            final String arm;
            long treated;
            long control;
            long xt;
            long xc;
            String reason;
            double pt;
            double pc;
            double[] wt = {Double.NaN, Double.NaN};
            double[] wc = {Double.NaN, Double.NaN};
            double[] diff = {Double.NaN, Double.NaN};
            double varDiff;
            double z = Double.NaN;
            double pz = Double.NaN;
            double pf = Double.NaN;
            boolean fisher;
            double mt = Double.NaN;
            double mc = Double.NaN;
            double varMeanDiff;
            String revenueReason;
            double[] welch = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            double[] boot;

            Builder(String segment, String arm) {
                this.segment = segment;
                this.arm = arm;
            }

            Builder counts(long nt, long nc, long xtValue, long xcValue) {
                treated = nt;
                control = nc;
                xt = xtValue;
                xc = xcValue;
                return this;
            }

            Builder notEstimable(String why) {
                reason = why;
                return this;
            }

            void conversion(double ptValue, double[] wtValue, double pcValue, double[] wcValue, double[] diffValue,
                            double zValue, double pzValue, double pfValue, boolean useFisher) {
                pt = ptValue;
                wt = wtValue;
                pc = pcValue;
                wc = wcValue;
                diff = diffValue;
                z = zValue;
                pz = pzValue;
                pf = pfValue;
                fisher = useFisher;
            }

            void conversionVariance(double v) {
                varDiff = v;
            }

            void revenueMeans(double treatedMean, double controlMean, double variance) {
                mt = treatedMean;
                mc = controlMean;
                varMeanDiff = variance;
            }

            void revenueNotEstimable(String why) {
                revenueReason = why;
            }

            void revenue(double[] welchValues, double[] bootValues) {
                welch = welchValues;
                boot = bootValues;
            }

            Row build() {
                return new Row(this, Double.NaN, Double.NaN);
            }
        }
    }
}
