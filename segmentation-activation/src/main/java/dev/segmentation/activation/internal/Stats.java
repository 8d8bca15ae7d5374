/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.internal;

import dev.segmentation.core.internal.Rng;
import dev.segmentation.features.internal.NormalQuantile;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.special.Gamma;

import java.util.Arrays;

/**
 * The statistics of lift and planning, each as the reference implementation named beside it computes it. Not
 * API: the public results ({@code LiftReport}, {@code Planner}, {@code BacktestReport}) expose them.
 *
 * <p>Tails are computed directly (never as {@code 1 - cdf}), so small p-values keep their digits.
 */
public final class Stats {
    /** Relative tolerance under which two tables of Fisher's test count as equally likely (as R's fisher.test). */
    private static final double FISHER_TIES = 1 + 1e-7;

    private Stats() {
    }

    /**
     * Checks a significance level: in (0, 0.5), NaN refused.
     *
     * @return {@code alpha}
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static double alpha(double alpha) {
        if (alpha > 0 && alpha < 0.5) {
            return alpha;
        }
        throw new IllegalArgumentException("alpha must be in (0, 0.5) but was " + alpha);
    }

    /** \( P(Z > z) \) for a standard normal \( Z \) (SciPy {@code norm.sf}). */
    public static double normalSf(double z) {
        return 0.5 * Erf.erfc(z / Math.sqrt(2));
    }

    /** The standard normal quantile (SciPy {@code norm.ppf}), by Wichura's AS 241 (the features module's). */
    public static double normalQuantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1) but was " + p);
        }
        return NormalQuantile.inverseCdf(p);
    }

    /** \( P(T > t) \) for Student's t with {@code df} degrees of freedom (SciPy {@code t.sf}). */
    public static double tSf(double t, double df) {
        double tail = 0.5 * Beta.regularizedBeta(df / (df + t * t), df / 2, 0.5, 1e-15, Integer.MAX_VALUE);
        return t >= 0 ? tail : 1 - tail;
    }

    /**
     * The quantile of Student's t (SciPy {@code t.ppf}): Commons Math's bracketing solution polished by Newton
     * steps on the upper tail {@link #tSf}, which carry it from about 1e-9 to the accuracy of the tail itself.
     */
    public static double tQuantile(double p, double df) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1) but was " + p);
        }
        if (p == 0.5) {
            return 0;
        }
        double tail = Math.min(p, 1 - p);
        double t = new TDistribution(null, df, 1e-14).inverseCumulativeProbability(1 - tail);
        double logNorm = Gamma.logGamma((df + 1) / 2) - Gamma.logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
        for (int i = 0; i < 3; i++) {
            double density = Math.exp(logNorm - (df + 1) / 2 * Math.log1p(t * t / df));
            double step = (tSf(t, df) - tail) / density;
            t += step;
            if (Math.abs(step) <= 1e-15 * Math.abs(t)) {
                break;
            }
        }
        return p > 0.5 ? t : -t;
    }

    /** \( P(\chi^2_{df} > x) \) (SciPy {@code chi2.sf}). */
    public static double chiSquareSf(double x, double df) {
        return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2, x / 2, 1e-15, Integer.MAX_VALUE);
    }

    /**
     * Wilson's score interval for a proportion (statsmodels {@code proportion_confint(count, n, alpha,
     * method="wilson")}): with \( z = \Phi^{-1}(1 - \alpha/2) \) and \( \hat p = c/n \),
     * \[ \frac{\hat p + z^2/2n \pm z\sqrt{\hat p(1-\hat p)/n + z^2/4n^2}}{1 + z^2/n} . \]
     *
     * @return {@code {low, high}}
     */
    public static double[] wilson(long count, long n, double alpha) {
        double z = normalQuantile(1 - alpha / 2);
        double z2 = z * z;
        double p = (double) count / n;
        double denom = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denom;
        double dist = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
        return new double[] {center - dist, center + dist};
    }

    /**
     * Newcombe's hybrid score interval for \( p_1 - p_2 \) (method 10 of Newcombe 1998; statsmodels
     * {@code confint_proportions_2indep(..., method="newcomb")}): with Wilson intervals \( [l_i, u_i] \),
     * \[ \hat d - \sqrt{(\hat p_1 - l_1)^2 + (u_2 - \hat p_2)^2},\quad
     *    \hat d + \sqrt{(u_1 - \hat p_1)^2 + (\hat p_2 - l_2)^2} . \]
     * Reference: R. G. Newcombe, Statistics in Medicine 17 (1998) 873-890,
     * doi:10.1002/(SICI)1097-0258(19980430)17:8&lt;873::AID-SIM779&gt;3.0.CO;2-I.
     */
    public static double[] newcombe(long c1, long n1, long c2, long n2, double alpha) {
        double p1 = (double) c1 / n1;
        double p2 = (double) c2 / n2;
        double[] w1 = wilson(c1, n1, alpha);
        double[] w2 = wilson(c2, n2, alpha);
        double d = p1 - p2;
        double low = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double high = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new double[] {low, high};
    }

    /**
     * The pooled two-proportion z statistic (statsmodels {@code proportions_ztest([c1, c2], [n1, n2])}):
     * \( z = (\hat p_1 - \hat p_2) / \sqrt{\bar p (1 - \bar p)(1/n_1 + 1/n_2)} \) with the pooled
     * \( \bar p = (c_1 + c_2)/(n_1 + n_2) \); 0 when \( \bar p \) is 0 or 1 (both arms identical).
     */
    public static double twoProportionZ(long c1, long n1, long c2, long n2) {
        double pooled = (double) (c1 + c2) / (n1 + n2);
        double var = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (!(var > 0)) {
            return 0;
        }
        return ((double) c1 / n1 - (double) c2 / n2) / Math.sqrt(var);
    }

    /**
     * Fisher's exact test, two-sided, of the table {@code [[a, b], [c, d]]}: the probability, under the
     * hypergeometric distribution with the table's margins, of the tables no more likely than the observed one
     * (relative tolerance 1e-7 for ties, as R's {@code fisher.test}; SciPy {@code fisher_exact}). The probabilities
     * are computed by the ratio recurrence from the mode, normalised by their sum, so no binomial coefficient of a
     * large count is ever formed. Cost \( O(\min(a + b, a + c)) \).
     */
    public static double fisherTwoSided(long a, long b, long c, long d) {
        long r1 = a + b;
        long c1 = a + c;
        long n = a + b + c + d;
        if (r1 == 0 || c1 == 0 || r1 == n || c1 == n) {
            return 1.0;
        }
        long lo = Math.max(0, c1 - (n - r1));
        long hi = Math.min(r1, c1);
        int size = (int) (hi - lo + 1);
        double[] w = new double[size];
        long mode = (long) Math.floor((double) (c1 + 1) * (r1 + 1) / (n + 2));
        mode = Math.max(lo, Math.min(hi, mode));
        int m = (int) (mode - lo);
        w[m] = 1;
        for (int i = m; i < size - 1; i++) {
            long x = lo + i;
            w[i + 1] = w[i] * ((double) (r1 - x) * (c1 - x)) / ((double) (x + 1) * (n - r1 - c1 + x + 1));
        }
        for (int i = m; i > 0; i--) {
            long x = lo + i;
            w[i - 1] = w[i] * ((double) x * (n - r1 - c1 + x)) / ((double) (r1 - x + 1) * (c1 - x + 1));
        }
        double total = 0;
        for (int i = 0; i < size; i++) {
            total += w[i];
        }
        double observed = w[(int) (a - lo)] * FISHER_TIES;
        double tail = 0;
        for (int i = 0; i < size; i++) {
            if (w[i] <= observed) {
                tail += w[i];
            }
        }
        return Math.min(1.0, tail / total);
    }

    /**
     * Welch's unequal-variance t-test and interval for \( \mu_1 - \mu_2 \) (SciPy {@code ttest_ind(x, y,
     * equal_var=False)}; statsmodels {@code CompareMeans.tconfint_diff(usevar="unequal")}), with the
     * Welch-Satterthwaite degrees of freedom. Needs two observations per group and a positive variance.
     *
     * @param var1 the sample variance of group 1 (denominator \( n_1 - 1 \))
     * @return {@code {t, df, two-sided p, low, high}}
     */
    public static double[] welch(double mean1, double var1, long n1, double mean2, double var2, long n2,
                                 double alpha) {
        double v1 = var1 / n1;
        double v2 = var2 / n2;
        double se = Math.sqrt(v1 + v2);
        double df = sq(v1 + v2) / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1));
        double diff = mean1 - mean2;
        double t = diff / se;
        double p = 2 * tSf(Math.abs(t), df);
        double q = tQuantile(1 - alpha / 2, df);
        return new double[] {t, df, Math.min(1.0, p), diff - q * se, diff + q * se};
    }

    /** The mean and the sample variance (denominator \( n - 1 \)), by two passes. */
    public static double[] meanAndVariance(double[] x, int[] rows, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += x[rows[i]];
        }
        double mean = sum / n;
        double ss = 0;
        double comp = 0;
        for (int i = 0; i < n; i++) {
            double dlt = x[rows[i]] - mean;
            ss += dlt * dlt;
            comp += dlt;
        }
        double var = n > 1 ? (ss - comp * comp / n) / (n - 1) : 0;
        return new double[] {mean, Math.max(0, var)};
    }

    /**
     * The percentile bootstrap interval of \( \bar x_1 - \bar x_2 \): each of {@code resamples} replicates draws
     * each group with replacement at its own size (SciPy {@code bootstrap((x1, x2), statistic, method="percentile")}
     * with independent samples), and the interval is the linearly interpolated \( \alpha/2 \) and
     * \( 1 - \alpha/2 \) quantiles of the replicates. Draws come from the library's generator, stream
     * {@code stream} of {@code seed}, so the interval depends only on the data, the seed and the stream.
     *
     * @return {@code {low, high}}
     */
    public static double[] bootstrapMeanDifference(double[] x, int[] rows1, int n1, int[] rows2, int n2,
                                                   int resamples, long seed, long stream, double alpha) {
        Rng rng = Rng.stream(seed, stream);
        double[] reps = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s1 = 0;
            for (int i = 0; i < n1; i++) {
                s1 += x[rows1[rng.nextInt(n1)]];
            }
            double s2 = 0;
            for (int i = 0; i < n2; i++) {
                s2 += x[rows2[rng.nextInt(n2)]];
            }
            reps[b] = s1 / n1 - s2 / n2;
        }
        Arrays.sort(reps);
        return new double[] {quantile(reps, alpha / 2), quantile(reps, 1 - alpha / 2)};
    }

    /** The linearly interpolated quantile of sorted values (NumPy's default {@code percentile}). */
    public static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double sq(double v) {
        return v * v;
    }
}
