/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.Ranks;
import dev.segmentation.validation.internal.TextTable;

import java.util.Arrays;
import java.util.Locale;

/**
 * The Kruskal-Wallis H test: do the groups of one variable come from the same distribution? A rank test,
 * robust to the skew and outliers of spend and frequency data.
 *
 * <h2>Definition</h2>
 * All n values are ranked together (ties share their mean rank); with \( \bar R_g \) the mean rank of group
 * g and \( t \) the sizes of the tie groups,
 * \[ H = \frac{12}{n(n+1)} \sum_g n_g \left(\bar R_g - \frac{n+1}{2}\right)^2 \Big/
 *    \left(1 - \frac{\sum_t (t^3 - t)}{n^3 - n}\right) , \]
 * and the p-value is \( P(\chi^2_{k-1} > H) \) (SciPy's {@code kruskal}). Ranks are kept doubled, as exact
 * integers, so each \( n_g(\bar R_g - (n+1)/2) \) is exact and the sum has no cancellation (the equivalent
 * textbook form \( \frac{12}{n(n+1)} \sum R_g^2 / n_g - 3(n+1) \) subtracts two large numbers).
 * Effect sizes: \( \varepsilon^2_H = H / (n - 1) \) (Tomczak and Tomczak 2014) and
 * \( \eta^2_H = (H - k + 1)/(n - k) \). The result also holds the uncorrected H (before the division by the
 * tie correction) and each group's mean rank \( \bar R_g \), which says which groups sit high or low (SciPy
 * returns neither; they are checked against {@code scipy.stats.rankdata}).
 *
 * <h2>Edge cases and bad input</h2>
 * Fewer than two groups, all values equal (the tie correction is 0; SciPy raises too), labels and values of
 * different lengths, an empty group given as an array, NaN or infinite values: {@link IllegalArgumentException}.
 * Values labelled -1 (noise) are left out.
 *
 * <p>Thread-safe. References: W. H. Kruskal, W. A. Wallis, "Use of ranks in one-criterion variance
 * analysis", JASA 47 (1952) 583-621, doi:10.1080/01621459.1952.10483441; M. Tomczak, E. Tomczak, "The need to
 * report effect size estimates revisited", Trends in Sport Sciences 1(21) (2014) 19-25.
 *
 * @since 0.1
 */
public final class KruskalWallis {
    private KruskalWallis() {
    }

    /**
     * The test for values split by labels.
     *
     * @param values one value per row. Not modified.
     * @param groups the group of each row, {@code >= 0}, or -1 to leave the row out. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public static Result test(double[] values, int[] groups) {
        return test(Groups.ofLabels(values, groups));
    }

    /** The test for samples given one array per group (SciPy's {@code kruskal(*samples)}). */
    public static Result test(double[]... samples) {
        return test(Groups.ofSamples(samples));
    }

    static Result test(Groups g) {
        g.requireTwoGroups("The Kruskal-Wallis test");
        int n = g.total();
        int k = g.k;
        Ranks.Result r = Ranks.of(g.values);
        double nd = n;
        double correction = 1 - r.tieSum / (nd * nd * nd - nd);
        if (r.distinct == 1 || !(correction > 0)) {
            throw new IllegalArgumentException("The Kruskal-Wallis test is undefined: all " + n
                    + " values are equal");
        }
        // n_g (Rbar_g - (n+1)/2) = (2 R_g - n_g (n+1)) / 2, with 2 R_g an exact long.
        Neumaier sum = new Neumaier();
        double[] meanRanks = new double[k];
        for (int q = 0; q < k; q++) {
            long doubledRankSum = 0;
            for (int i = g.start[q]; i < g.start[q + 1]; i++) {
                doubledRankSum += r.doubledRanks[i];
            }
            meanRanks[q] = doubledRankSum / (2.0 * g.size(q));
            long dev2 = doubledRankSum - (long) g.size(q) * (n + 1L); // 2 n_g (Rbar_g - (n+1)/2)
            double dev = dev2 / 2.0;
            sum.add(dev * dev / g.size(q));
        }
        double uncorrected = 12.0 / (nd * (nd + 1)) * sum.value();
        double h = uncorrected / correction;
        int df = k - 1;
        double p = Distributions.chiSquareSurvival(h, df);
        double eps = h / (n - 1.0);
        double eta = n > k ? (h - k + 1) / (n - k) : Double.NaN;
        return new Result(h, uncorrected, p, df, correction, eps, eta, g.labels.clone(), sizes(g), meanRanks);
    }

    /**
     * The result for a variable that is constant over the groups, which cannot separate them: H = 0, p = 1, every
     * mean rank \( (n + 1)/2 \).
     */
    static Result constant(Groups g) {
        double[] meanRanks = new double[g.k];
        Arrays.fill(meanRanks, (g.total() + 1) / 2.0);
        return new Result(0, 0, 1, g.k - 1, 0, 0, 0, g.labels.clone(), sizes(g), meanRanks);
    }

    private static int[] sizes(Groups g) {
        int[] out = new int[g.k];
        for (int q = 0; q < g.k; q++) {
            out[q] = g.size(q);
        }
        return out;
    }

    /** The outcome of the test. Immutable; arrays are copied out. */
    public static final class Result {
        private final double h;
        private final double hUncorrected;
        private final double pValue;
        private final int df;
        private final double tieCorrection;
        private final double epsilonSquared;
        private final double etaSquared;
        private final int[] groups;
        private final int[] sizes;
        private final double[] meanRanks;

        Result(double h, double hUncorrected, double pValue, int df, double tieCorrection, double epsilonSquared,
               double etaSquared, int[] groups, int[] sizes, double[] meanRanks) {
            this.h = h;
            this.hUncorrected = hUncorrected;
            this.pValue = pValue;
            this.df = df;
            this.tieCorrection = tieCorrection;
            this.epsilonSquared = epsilonSquared;
            this.etaSquared = etaSquared;
            this.groups = groups;
            this.sizes = sizes;
            this.meanRanks = meanRanks;
        }

        /** The tie-corrected H statistic (SciPy's {@code kruskal(...).statistic}). */
        public double h() {
            return h;
        }

        /**
         * The H statistic before the tie correction, \( \frac{12}{n(n+1)} \sum_g n_g (\bar R_g - (n+1)/2)^2 \):
         * equal to {@link #h()} without ties, smaller with them.
         */
        public double hUncorrected() {
            return hUncorrected;
        }

        /** \( P(\chi^2_{k-1} > H) \). */
        public double pValue() {
            return pValue;
        }

        /** k - 1. */
        public int df() {
            return df;
        }

        /** \( 1 - \sum (t^3 - t)/(n^3 - n) \), 1 without ties (0 for a constant variable). */
        public double tieCorrection() {
            return tieCorrection;
        }

        /** \( \varepsilon^2_H = H / (n - 1) \). */
        public double epsilonSquared() {
            return epsilonSquared;
        }

        /** \( \eta^2_H = (H - k + 1)/(n - k) \), NaN when n = k. */
        public double etaSquared() {
            return etaSquared;
        }

        /** The group labels, increasing (or 0, 1, ... for samples given as arrays). */
        public int[] groupLabels() {
            return groups.clone();
        }

        /** The number of values of each group, in the order of {@link #groupLabels()}. */
        public int[] groupSizes() {
            return sizes.clone();
        }

        /**
         * The mean rank \( \bar R_g \) of each group among all n values (ties share their mid-rank), in the order
         * of {@link #groupLabels()}: above \( (n+1)/2 \) for a group that tends to larger values.
         */
        public double[] meanRanks() {
            return meanRanks.clone();
        }

        /** The statistic, then each group's size and mean rank. */
        public String table() {
            StringBuilder sb = new StringBuilder(TextTable.line("Kruskal-Wallis H(%d) = %.6g (%.6g before the tie "
                    + "correction %.6f), p = %.4g, epsilon^2 = %.4f", df, h, hUncorrected, tieCorrection, pValue,
                    epsilonSquared));
            TextTable t = TextTable.of("group", "n", "mean rank");
            for (int q = 0; q < groups.length; q++) {
                t.row(groups[q], sizes[q], TextTable.fmt("%.2f", meanRanks[q]));
            }
            return sb.append(t.render()).toString();
        }

        /** Value equality, doubles and arrays compared bit for bit. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Result)) {
                return false;
            }
            Result r = (Result) o;
            return Double.compare(h, r.h) == 0 && Double.compare(hUncorrected, r.hUncorrected) == 0
                    && Double.compare(pValue, r.pValue) == 0 && df == r.df
                    && Double.compare(tieCorrection, r.tieCorrection) == 0
                    && Double.compare(epsilonSquared, r.epsilonSquared) == 0
                    && Double.compare(etaSquared, r.etaSquared) == 0 && Arrays.equals(groups, r.groups)
                    && Arrays.equals(sizes, r.sizes) && Arrays.equals(meanRanks, r.meanRanks);
        }

        @Override
        public int hashCode() {
            return 31 * Double.hashCode(h) + Arrays.hashCode(meanRanks);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "KruskalWallis[H(%d) = %.6g, p = %.4g, epsilon^2 = %.4f]", df, h,
                    pValue, epsilonSquared);
        }
    }
}
