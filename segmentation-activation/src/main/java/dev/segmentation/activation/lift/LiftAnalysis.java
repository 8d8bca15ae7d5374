/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.lift;

import dev.segmentation.activation.experiment.ArmAssignment;
import dev.segmentation.activation.internal.Stats;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.stats.BenjaminiHochberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the lift of a campaign per segment, each treatment arm against the control arm of the same segment:
 * conversion and revenue per customer, with tests, intervals, incremental totals and a false-discovery-rate
 * correction across the segments.
 * <pre>{@code
 * LiftReport report = LiftAnalysis.builder().alpha(0.05).bootstrap(2000, 42).build()
 *         .analyse(arms, converted, revenue);     // outcomes aligned with the assignment's rows
 * String text = report.table();                 // a plain-text table
 * }</pre>
 *
 * <h2>Per segment and treatment arm</h2>
 * With \( n_t, n_c \) customers, \( x_t, x_c \) conversions and rates \( \hat p = x/n \):
 * <ul>
 *   <li>rates with Wilson intervals; the difference \( \hat p_t - \hat p_c \) with Newcombe's hybrid score
 *       interval (statsmodels {@code confint_proportions_2indep(method="newcomb")}) and the relative lift
 *       \( \hat p_t / \hat p_c - 1 \);</li>
 *   <li>the pooled two-proportion z-test (statsmodels {@code proportions_ztest}) and Fisher's exact test
 *       (SciPy {@code fisher_exact}); the reported conversion p-value is Fisher's when an expected cell count of
 *       the 2x2 table is below {@link Builder#fisherBelow(double) 5} (Cochran's rule), else the z-test's;</li>
 *   <li>revenue per customer (every customer, zero for those who did not buy): the difference of means with
 *       Welch's t-test and interval (SciPy {@code ttest_ind(equal_var=False)}) and a seeded percentile bootstrap
 *       interval;</li>
 *   <li>incremental conversions \( n_t(\hat p_t - \hat p_c) \) and incremental revenue
 *       \( n_t(\bar r_t - \bar r_c) \): what the treatment added among the treated, with the intervals above
 *       scaled by \( n_t \);</li>
 *   <li>Benjamini-Hochberg adjusted p-values across all rows (segments and arms), separately for conversion and
 *       revenue ({@link BenjaminiHochberg}).</li>
 * </ul>
 * A segment with no treated or no control customers is reported as not estimable, with the reason, and takes no
 * part in the correction; so is a revenue comparison with fewer than two customers in an arm or no variance at
 * all. Nothing is divided by zero.
 *
 * <h2>All segments</h2>
 * The total row adds the segments' incremental conversions and revenue (a stratified estimate, valid even when
 * segments have different control shares, where pooling the arms would not be), with a normal interval from the
 * summed variances \( \sum_s n_{t,s}^2 \left(\hat p_{t,s}(1-\hat p_{t,s})/n_{t,s} +
 * \hat p_{c,s}(1-\hat p_{c,s})/n_{c,s}\right) \) (and the same with the sample variances of revenue).
 *
 * <p>References: R. G. Newcombe, Statistics in Medicine 17 (1998) 873-890; B. L. Welch, Biometrika 34 (1947)
 * 28-35, doi:10.1093/biomet/34.1-2.28; B. Efron, R. Tibshirani, <i>An Introduction to the Bootstrap</i> (1993),
 * doi:10.1201/9780429246593; Y. Benjamini, Y. Hochberg, JRSS B 57 (1995) 289-300.
 *
 * <p>Immutable and thread-safe. The bootstrap of row {@code i} uses stream {@code i} of the seed, so results do
 * not depend on threads or on other rows.
 *
 * @since 0.1
 */
public final class LiftAnalysis {
    private final double alpha;
    private final int resamples;
    private final long seed;
    private final double fisherBelow;

    private LiftAnalysis(Builder b) {
        this.alpha = b.alpha;
        this.resamples = b.resamples;
        this.seed = b.seed;
        this.fisherBelow = b.fisherBelow;
    }

    /** A builder: alpha 0.05, Fisher below an expected count of 5, and a bootstrap that must be configured. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The lift of every treatment arm in every segment.
     *
     * @param arms who is in which arm and segment
     * @param converted whether each customer converted, aligned with the assignment's rows. Not modified.
     * @param revenue each customer's revenue in the outcome window (0 for none), aligned. Not modified.
     * @throws IllegalArgumentException if a length differs from the assignment or a revenue is not finite (naming
     *     the row and its customer)
     */
    public LiftReport analyse(ArmAssignment arms, boolean[] converted, double[] revenue) {
        Checks.notNull("arms", arms);
        Checks.notNull("converted", converted);
        Checks.notNull("revenue", revenue);
        int n = arms.size();
        if (converted.length != n || revenue.length != n) {
            throw new IllegalArgumentException("The assignment has " + n + " customers but converted has "
                    + converted.length + " and revenue " + revenue.length + " values");
        }
        for (int i = 0; i < n; i++) {
            if (revenue[i] - revenue[i] != 0) {
                throw new IllegalArgumentException("Non-finite revenue " + revenue[i] + " at row " + i + " (customer '"
                        + arms.customerId(i) + "')");
            }
        }
        int k = arms.segmentNames().size();
        int armCount = arms.armNames().size();
        // rows of each (segment, arm)
        int[][][] rows = new int[k][armCount][];
        int[][] fill = new int[k][armCount];
        for (int s = 0; s < k; s++) {
            for (int a = 0; a < armCount; a++) {
                rows[s][a] = new int[(int) arms.count(s, a)];
            }
        }
        for (int i = 0; i < n; i++) {
            int s = arms.segment(i);
            int a = arms.arm(i);
            rows[s][a][fill[s][a]++] = i;
        }
        List<LiftReport.Row> out = new ArrayList<>();
        int stream = 0;
        for (int s = 0; s < k; s++) {
            for (int a = 1; a < armCount; a++) {
                out.add(row(arms.segmentNames().get(s), arms.armNames().get(a), rows[s][a], rows[s][0], converted,
                        revenue, stream++));
            }
        }
        return new LiftReport(adjust(out), alpha, resamples, seed, arms.experimentId(), arms.armNames().get(0));
    }

    private LiftReport.Row row(String segment, String arm, int[] treated, int[] control, boolean[] converted,
                               double[] revenue, long stream) {
        LiftReport.Row.Builder r = new LiftReport.Row.Builder(segment, arm);
        int nt = treated.length;
        int nc = control.length;
        long xt = conversions(treated, converted);
        long xc = conversions(control, converted);
        r.counts(nt, nc, xt, xc);
        if (nt == 0 || nc == 0) {
            String why = nt == 0 && nc == 0 ? "no treated and no control customers"
                    : nt == 0 ? "no treated customers" : "no control customers";
            return r.notEstimable(why).build();
        }
        double pt = (double) xt / nt;
        double pc = (double) xc / nc;
        double[] wt = Stats.wilson(xt, nt, alpha);
        double[] wc = Stats.wilson(xc, nc, alpha);
        double[] diff = Stats.newcombe(xt, nt, xc, nc, alpha);
        double z = Stats.twoProportionZ(xt, nt, xc, nc);
        double pz = Math.min(1.0, 2 * Stats.normalSf(Math.abs(z)));
        double pf = Stats.fisherTwoSided(xt, nt - xt, xc, nc - xc);
        long total = nt + nc;
        long conv = xt + xc;
        double minExpected = Math.min(Math.min((double) nt * conv / total, (double) nt * (total - conv) / total),
                Math.min((double) nc * conv / total, (double) nc * (total - conv) / total));
        boolean fisher = minExpected < fisherBelow;
        r.conversion(pt, wt, pc, wc, diff, z, pz, pf, fisher);
        double varDiff = pt * (1 - pt) / nt + pc * (1 - pc) / nc;
        r.conversionVariance(varDiff);

        double[] mt = Stats.meanAndVariance(revenue, treated, nt);
        double[] mc = Stats.meanAndVariance(revenue, control, nc);
        r.revenueMeans(mt[0], mc[0], mt[1] / nt + (nc > 0 ? mc[1] / nc : 0));
        if (nt < 2 || nc < 2) {
            r.revenueNotEstimable("fewer than two customers in an arm");
        } else if (!(mt[1] > 0 || mc[1] > 0)) {
            r.revenueNotEstimable("revenue has no variance in either arm");
        } else {
            double[] w = Stats.welch(mt[0], mt[1], nt, mc[0], mc[1], nc, alpha);
            double[] boot = resamples > 0
                    ? Stats.bootstrapMeanDifference(revenue, treated, nt, control, nc, resamples, seed, stream, alpha)
                    : null;
            r.revenue(w, boot);
        }
        return r.build();
    }

    private static long conversions(int[] rows, boolean[] converted) {
        long x = 0;
        for (int i : rows) {
            if (converted[i]) {
                x++;
            }
        }
        return x;
    }

    private static List<LiftReport.Row> adjust(List<LiftReport.Row> rows) {
        double[] pc = adjusted(rows, true);
        double[] pr = adjusted(rows, false);
        List<LiftReport.Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i).withAdjusted(pc[i], pr[i]));
        }
        return out;
    }

    private static double[] adjusted(List<LiftReport.Row> rows, boolean conversion) {
        int m = 0;
        for (LiftReport.Row r : rows) {
            if (conversion ? r.estimable() : r.revenueEstimable()) {
                m++;
            }
        }
        double[] p = new double[m];
        int j = 0;
        for (LiftReport.Row r : rows) {
            if (conversion ? r.estimable() : r.revenueEstimable()) {
                p[j++] = conversion ? r.conversionPValue() : r.revenuePValue();
            }
        }
        double[] adj = BenjaminiHochberg.adjust(p);
        double[] out = new double[rows.size()];
        j = 0;
        for (int i = 0; i < rows.size(); i++) {
            LiftReport.Row r = rows.get(i);
            out[i] = (conversion ? r.estimable() : r.revenueEstimable()) ? adj[j++] : Double.NaN;
        }
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "LiftAnalysis[alpha %.3f, bootstrap %d resamples, seed %d]", alpha,
                resamples, seed);
    }

    /** Builds a {@link LiftAnalysis}. */
    public static final class Builder {
        private double alpha = 0.05;
        private int resamples = -1;
        private long seed;
        private double fisherBelow = 5;

        private Builder() {
        }

        /** The significance level of tests and intervals, in (0, 0.5). */
        public Builder alpha(double value) {
            alpha = Stats.alpha(value);
            return this;
        }

        /**
         * The bootstrap of revenue: {@code resamples} replicates (0 turns it off) drawn from {@code seed}. There
         * is no default seed: the interval depends on it, so it must be chosen and recorded.
         *
         * @throws IllegalArgumentException if {@code resamples} is negative or between 1 and 99
         * @throws IllegalStateException if already set
         */
        public Builder bootstrap(int resamples, long seed) {
            Checks.notYetSet("bootstrap", this.resamples >= 0);
            if (resamples < 0 || (resamples > 0 && resamples < 100)) {
                throw new IllegalArgumentException("resamples must be 0 (no bootstrap) or >= 100 but was "
                        + resamples);
            }
            this.resamples = resamples;
            this.seed = seed;
            return this;
        }

        /** Use Fisher's exact test when an expected count of the 2x2 table is below this (default 5). */
        public Builder fisherBelow(double expectedCount) {
            fisherBelow = Checks.nonNegative("fisherBelow", expectedCount);
            return this;
        }

        /**
         * The analysis.
         *
         * @throws IllegalStateException if the bootstrap was not configured
         */
        public LiftAnalysis build() {
            if (resamples < 0) {
                throw new IllegalStateException("Configure the revenue bootstrap with bootstrap(resamples, seed), "
                        + "or bootstrap(0, 0) for none");
            }
            return new LiftAnalysis(this);
        }
    }
}
