/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.validation.internal.Neumaier;
import dev.segmentation.validation.internal.Ranks;

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
 * \( \eta^2_H = (H - k + 1)/(n - k) \).
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
        for (int q = 0; q < k; q++) {
            long doubledRankSum = 0;
            for (int i = g.start[q]; i < g.start[q + 1]; i++) {
                doubledRankSum += r.doubledRanks[i];
            }
            long dev2 = doubledRankSum - (long) g.size(q) * (n + 1L); // 2 n_g (Rbar_g - (n+1)/2)
            double dev = dev2 / 2.0;
            sum.add(dev * dev / g.size(q));
        }
        double h = 12.0 / (nd * (nd + 1)) * sum.value() / correction;
        int df = k - 1;
        double p = Distributions.chiSquareSurvival(h, df);
        double eps = h / (n - 1.0);
        double eta = n > k ? (h - k + 1) / (n - k) : Double.NaN;
        return new Result(h, p, df, correction, eps, eta);
    }

    /**
     * The outcome of the test.
     *
     * @param h the tie-corrected H statistic
     * @param pValue \( P(\chi^2_{k-1} > H) \)
     * @param df k - 1
     * @param tieCorrection \( 1 - \sum (t^3 - t)/(n^3 - n) \), 1 without ties
     * @param epsilonSquared \( H / (n - 1) \)
     * @param etaSquared \( (H - k + 1)/(n - k) \), NaN when n = k
     */
    public record Result(double h, double pValue, int df, double tieCorrection, double epsilonSquared,
                         double etaSquared) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "KruskalWallis[H(%d) = %.6g, p = %.4g, epsilon^2 = %.4f]", df, h,
                    pValue, epsilonSquared);
        }
    }
}
