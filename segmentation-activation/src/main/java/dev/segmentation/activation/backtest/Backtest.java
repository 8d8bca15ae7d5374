/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.backtest;

import dev.segmentation.activation.internal.Roc;
import dev.segmentation.activation.internal.Stats;
import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a segmentation against what its customers did afterwards: do the segments it calls valuable buy more in
 * the following window, and does it rank customers better than a simple RFM score?
 * <pre>{@code
 * Outcomes later = OutcomeWindow.starting(cutoff, 90).compute(transactions, rfm.customerIds());
 * BacktestReport report = Backtest.builder()
 *         .segments(labels, segmentNames)                        // as of the cutoff
 *         .value(meanSpendBeforeCutoff, "mean spend before the cutoff")
 *         .baseline("RFM quintile sum", rfmScoreSum)            // one score per customer
 *         .build()
 *         .run(later);
 * String text = report.table();                 // a plain-text table
 * }</pre>
 *
 * <h2>What it reports</h2>
 * <ul>
 *   <li>per segment: customers, the purchase rate in the window with its Wilson interval, the churn rate (no
 *       purchase; the complement), mean revenue per customer with a Student-t interval, and the lift (the segment's
 *       rate over the overall rate);</li>
 *   <li>a gain table with the segments ordered by their value (highest first): cumulative share of customers, of
 *       buyers and of revenue, and the cumulative lift;</li>
 *   <li>the AUC of the segment as a score (every customer scored with its segment's value) for the purchase
 *       outcome, with DeLong's standard error; the same for each baseline score; and DeLong's paired test of the
 *       difference between the segment score and each baseline, on the same customers;</li>
 *   <li>the AUC the segments would reach if they were ordered by their observed purchase rate: an in-sample upper
 *       bound for any ordering of these segments.</li>
 * </ul>
 *
 * <h2>The value of a segment</h2>
 * The ordering must be known at the cutoff (the mean spend of the segment before it, a business ranking), or the
 * AUC measures the outcome against itself. The value is given explicitly; there is no default.
 *
 * <p>Reference: E. R. DeLong et al., Biometrics 44 (1988) 837-845, doi:10.2307/2531595.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Backtest {
    private final int[] labels;
    private final List<String> names;
    private final double[] value;
    private final String valueName;
    private final Map<String, double[]> baselines;
    private final double alpha;

    private Backtest(Builder b) {
        this.labels = b.labels;
        this.names = b.names;
        this.value = b.value;
        this.valueName = b.valueName;
        this.baselines = new LinkedHashMap<>(b.baselines);
        this.alpha = b.alpha;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the backtest.
     *
     * @param outcomes the outcomes of the same customers, in the same order as the labels
     * @throws IllegalArgumentException if the customer count differs from the labels or a baseline, or there are
     *     fewer than two buyers or two non-buyers (no AUC)
     */
    public BacktestReport run(Outcomes outcomes) {
        Checks.notNull("outcomes", outcomes);
        int n = outcomes.size();
        if (n != labels.length) {
            throw new IllegalArgumentException(labels.length + " segment labels but outcomes for " + n + " customers");
        }
        for (Map.Entry<String, double[]> e : baselines.entrySet()) {
            if (e.getValue().length != n) {
                throw new IllegalArgumentException("Baseline '" + e.getKey() + "' scores " + e.getValue().length
                        + " customers but there are " + n);
            }
        }
        int k = names.size();
        long[] size = new long[k];
        long[] buyers = new long[k];
        double[] revenue = new double[k];
        double[] revenueSq = new double[k];
        boolean[] purchased = outcomes.purchased();
        double totalRevenue = 0;
        long totalBuyers = 0;
        for (int i = 0; i < n; i++) {
            int s = labels[i];
            size[s]++;
            double r = outcomes.revenue(i);
            revenue[s] += r;
            totalRevenue += r;
            if (purchased[i]) {
                buyers[s]++;
                totalBuyers++;
            }
        }
        double[] mean = new double[k];
        for (int s = 0; s < k; s++) {
            mean[s] = size[s] == 0 ? 0 : revenue[s] / size[s];
        }
        for (int i = 0; i < n; i++) {
            double d = outcomes.revenue(i) - mean[labels[i]];
            revenueSq[labels[i]] += d * d;
        }
        double overall = (double) totalBuyers / n;
        List<BacktestReport.SegmentRow> rows = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            if (size[s] == 0) {
                rows.add(new BacktestReport.SegmentRow(s, names.get(s), value[s], 0, 0, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN));
                continue;
            }
            double rate = (double) buyers[s] / size[s];
            double[] w = Stats.wilson(buyers[s], size[s], alpha);
            double low = Double.NaN;
            double high = Double.NaN;
            if (size[s] >= 2) {
                double se = Math.sqrt(revenueSq[s] / (size[s] - 1) / size[s]);
                double q = Stats.tQuantile(1 - alpha / 2, size[s] - 1);
                low = mean[s] - q * se;
                high = mean[s] + q * se;
            }
            rows.add(new BacktestReport.SegmentRow(s, names.get(s), value[s], size[s], buyers[s], rate, w[0], w[1],
                    mean[s], low, high, revenue[s], overall > 0 ? rate / overall : Double.NaN));
        }
        double[] segmentScore = new double[n];
        double[] observedScore = new double[n];
        for (int i = 0; i < n; i++) {
            segmentScore[i] = value[labels[i]];
            observedScore[i] = (double) buyers[labels[i]] / size[labels[i]];
        }
        double[] own = Roc.auc(segmentScore, purchased);
        double upper = Roc.auc(observedScore, purchased)[0];
        List<BacktestReport.Comparison> comparisons = new ArrayList<>();
        for (Map.Entry<String, double[]> e : baselines.entrySet()) {
            double[] d = Roc.delong(segmentScore, e.getValue(), purchased);
            double var = d[2] + d[3] - 2 * d[4];
            double z = var > 0 ? (d[0] - d[1]) / Math.sqrt(var) : 0;
            double p = var > 0 ? Math.min(1, 2 * Stats.normalSf(Math.abs(z))) : 1;
            comparisons.add(new BacktestReport.Comparison(e.getKey(), d[1], Math.sqrt(d[3]), d[0] - d[1],
                    Math.sqrt(Math.max(0, var)), z, p));
        }
        return new BacktestReport(outcomes.window(), valueName, rows, n, totalBuyers, totalRevenue, own[0],
                Math.sqrt(own[1]), upper, comparisons, alpha);
    }

    @Override
    public String toString() {
        return "Backtest[" + names + ", value " + valueName + ", baselines " + baselines.keySet() + "]";
    }

    /** Builds a {@link Backtest}. */
    public static final class Builder {
        private int[] labels;
        private List<String> names;
        private double[] value;
        private String valueName;
        private final Map<String, double[]> baselines = new LinkedHashMap<>();
        private double alpha = 0.05;

        private Builder() {
        }

        /**
         * The segmentation as of the cutoff.
         *
         * @param labels each customer's segment, in {@code [0, names.size())}. Copied.
         * @param segmentNames the segment names
         * @throws IllegalArgumentException if a label is out of range
         * @throws IllegalStateException if already set
         */
        public Builder segments(int[] labels, List<String> segmentNames) {
            Checks.notYetSet("segments", this.labels != null);
            Checks.notNull("labels", labels);
            Checks.notNull("segmentNames", segmentNames);
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0 || labels[i] >= segmentNames.size()) {
                    throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not a segment of "
                            + segmentNames);
                }
            }
            this.labels = labels.clone();
            this.names = List.copyOf(segmentNames);
            return this;
        }

        /**
         * The value of each segment, known at the cutoff, that orders the segments (higher is better).
         *
         * @param perSegment one finite value per segment. Copied.
         * @param what what the value is, for the report ("mean spend before the cutoff")
         * @throws IllegalStateException if already set
         */
        public Builder value(double[] perSegment, String what) {
            Checks.notYetSet("value", value != null);
            Checks.notNull("perSegment", perSegment);
            for (int s = 0; s < perSegment.length; s++) {
                if (perSegment[s] - perSegment[s] != 0) {
                    throw new IllegalArgumentException("The value of segment " + s + " is not finite: " + perSegment[s]);
                }
            }
            value = perSegment.clone();
            valueName = Checks.notNull("what", what);
            return this;
        }

        /**
         * A score per customer to compare the segmentation with (an RFM score); several may be given.
         *
         * @throws IllegalArgumentException if the name is used or a score is not finite
         */
        public Builder baseline(String name, double[] scorePerCustomer) {
            Checks.notNull("name", name);
            Checks.notNull("scorePerCustomer", scorePerCustomer);
            if (baselines.containsKey(name)) {
                throw new IllegalArgumentException("Baseline '" + name + "' is given twice");
            }
            for (int i = 0; i < scorePerCustomer.length; i++) {
                if (scorePerCustomer[i] - scorePerCustomer[i] != 0) {
                    throw new IllegalArgumentException("Baseline '" + name + "': the score of customer " + i
                            + " is not finite: " + scorePerCustomer[i]);
                }
            }
            baselines.put(name, scorePerCustomer.clone());
            return this;
        }

        /** The level of the intervals, in (0, 0.5); default 0.05. */
        public Builder alpha(double value) {
            alpha = Stats.alpha(value);
            return this;
        }

        /**
         * The backtest.
         *
         * @throws IllegalStateException if the segments or the value are missing, or the value count differs from
         *     the segments
         */
        public Backtest build() {
            if (labels == null) {
                throw new IllegalStateException("Set the segments with segments(labels, names)");
            }
            if (value == null) {
                throw new IllegalStateException("Set the value that orders the segments with value(perSegment, what): "
                        + "it must be known at the cutoff");
            }
            if (value.length != names.size()) {
                throw new IllegalStateException(value.length + " values for " + names.size() + " segments");
            }
            return new Backtest(this);
        }
    }
}
