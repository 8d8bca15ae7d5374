/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.TextTable;

import java.util.Locale;

/**
 * One-way analysis of variance: do the group means of one variable differ?
 * <pre>{@code
 * OneWayAnova.Result r = OneWayAnova.test(monetary, segmentLabels);
 * r.f(); r.pValue(); r.etaSquared();
 * }</pre>
 *
 * <h2>Definition</h2>
 * For k groups of sizes \( n_g \) (n in all), group means \( \bar y_g \) and grand mean \( \bar y \),
 * \[ SS_B = \sum_g n_g (\bar y_g - \bar y)^2, \quad SS_W = \sum_g \sum_{i \in g} (y_i - \bar y_g)^2, \quad
 *    F = \frac{SS_B / (k - 1)}{SS_W / (n - k)} , \]
 * and the p-value is \( P(F_{k-1, n-k} > F) \), the regularised incomplete beta function evaluated in the
 * upper tail (SciPy's {@code f_oneway}). Effect sizes: \( \eta^2 = SS_B / SS_T \),
 * \( \varepsilon^2 = (SS_B - (k-1) MS_W) / SS_T \) (Kelley 1935) and
 * \( \omega^2 = (SS_B - (k-1) MS_W) / (SS_T + MS_W) \) (Hays 1963), with \( SS_T = SS_B + SS_W \).
 *
 * <h2>Numerical method</h2>
 * Sums of squares of data far from zero cancel catastrophically in the textbook formula
 * \( \sum y^2 - (\sum y)^2 / n \). This class makes three passes: (1) the grand mean \( m_0 \) by a compensated
 * sum; (2) shifted values \( z_i = y_i - m_0 \) (exact when \( y_i \) is within a factor of two of
 * \( m_0 \), by Sterbenz's lemma) summed per group, compensated, giving \( \bar z_g \) and \( \bar z \);
 * (3) \( SS_W = \sum (z_i - \bar z_g)^2 \), compensated, and \( SS_B = \sum_g n_g (\bar z_g - \bar z)^2 \).
 * On the NIST StRD ANOVA data sets this gives the certified F to 13 or more significant digits on the lower-
 * and average-difficulty sets, and on the higher-difficulty sets (13 constant leading digits) to what their
 * inputs hold as doubles, about four digits (see the test fixture).
 *
 * <h2>Edge cases and bad input</h2>
 * <ul>
 *   <li>fewer than two groups, no within-group degrees of freedom (every group a single value), an empty
 *       group given as an array, labels and values of different lengths, NaN or infinite values:
 *       {@link IllegalArgumentException};</li>
 *   <li>finite values whose sums of squares overflow (magnitudes near {@code 1e154} and above):
 *       {@link IllegalArgumentException} naming the largest value, never a NaN statistic;</li>
 *   <li>every value equal (\( SS_B = SS_W = 0 \)): F is undefined; {@link IllegalArgumentException} (SciPy
 *       returns NaN with a warning);</li>
 *   <li>constant groups with different means (\( SS_W = 0 \lt SS_B \)): F is infinite and p = 0, as in SciPy;</li>
 *   <li>values labelled -1 (noise) are left out.</li>
 * </ul>
 *
 * <p>Thread-safe. References: NIST/SEMATECH, Statistical Reference Datasets, ANOVA,
 * https://www.itl.nist.gov/div898/strd/anova/anova.html; S. D. Simon, J. P. Lesage, "Assessing the accuracy
 * of ANOVA calculations in statistical software", Computational Statistics and Data Analysis 8 (1989) 325-332,
 * doi:10.1016/0167-9473(89)90048-4; T. L. Kelley, "An unbiased correlation ratio measure", PNAS 21 (1935)
 * 554-559, doi:10.1073/pnas.21.9.554.
 *
 * @since 0.1
 */
public final class OneWayAnova {
    private OneWayAnova() {
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

    /**
     * The test for samples given one array per group (SciPy's {@code f_oneway(*samples)}).
     *
     * @param samples at least two non-empty arrays. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public static Result test(double[]... samples) {
        return test(Groups.ofSamples(samples));
    }

    static Result test(Groups g) {
        g.requireTwoGroups("One-way ANOVA");
        int n = g.total();
        int k = g.k;
        if (n - k < 1) {
            throw new IllegalArgumentException("One-way ANOVA needs n > k but there are " + n + " values in " + k
                    + " groups: no within-group degrees of freedom");
        }
        double[] y = g.values;
        double m0 = Neumaier.sum(y) / n;
        double[] groupMean = new double[k];
        Neumaier all = new Neumaier();
        for (int q = 0; q < k; q++) {
            Neumaier s = new Neumaier();
            for (int i = g.start[q]; i < g.start[q + 1]; i++) {
                double z = y[i] - m0;
                s.add(z);
                all.add(z);
            }
            groupMean[q] = s.value() / g.size(q);
        }
        double grand = all.value() / n;
        Neumaier within = new Neumaier();
        Neumaier between = new Neumaier();
        for (int q = 0; q < k; q++) {
            double mq = groupMean[q];
            for (int i = g.start[q]; i < g.start[q + 1]; i++) {
                double t = (y[i] - m0) - mq;
                within.add(t * t);
            }
            double b = mq - grand;
            between.add(g.size(q) * (b * b));
        }
        double ssw = within.value();
        double ssb = between.value();
        if (!(Math.abs(m0) < Double.POSITIVE_INFINITY && ssw + ssb < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("One-way ANOVA: the sums of squares of these values overflow (largest "
                    + "magnitude " + Checks.largestMagnitude(y) + "); rescale the values first");
        }
        if (ssw == 0 && ssb == 0) {
            throw new IllegalArgumentException("One-way ANOVA is undefined: all " + n + " values are equal");
        }
        int dfb = k - 1;
        int dfw = n - k;
        double msb = ssb / dfb;
        double msw = ssw / dfw;
        double f = msw == 0 ? Double.POSITIVE_INFINITY : msb / msw;
        double p = Distributions.fSurvival(f, dfb, dfw);
        double sst = ssb + ssw;
        double eta = ssb / sst;
        double eps = (ssb - dfb * msw) / sst;
        double omega = (ssb - dfb * msw) / (sst + msw);
        return new Result(f, p, dfb, dfw, ssb, ssw, eta, eps, omega);
    }

    /**
     * The outcome of the test.
     *
     * @param f the F statistic (infinite when the within-group sum of squares is 0)
     * @param pValue \( P(F_{k-1, n-k} > f) \)
     * @param dfBetween k - 1
     * @param dfWithin n - k
     * @param ssBetween the between-group sum of squares
     * @param ssWithin the within-group sum of squares
     * @param etaSquared \( SS_B / SS_T \), the share of variance explained by the groups
     * @param epsilonSquared Kelley's bias-corrected \( \varepsilon^2 \) (may be slightly negative)
     * @param omegaSquared Hays' \( \omega^2 \) (may be slightly negative)
     */
    public record Result(double f, double pValue, int dfBetween, int dfWithin, double ssBetween, double ssWithin,
                         double etaSquared, double epsilonSquared, double omegaSquared) {
        /** The ANOVA table (source, sum of squares, df, mean square, F, p) and the effect sizes. */
        public String table() {
            TextTable t = TextTable.of("source", "SS", "df", "MS", "F", "p");
            t.row("between", TextTable.fmt("%.6g", ssBetween), dfBetween, TextTable.fmt("%.6g", ssBetween / dfBetween),
                    TextTable.fmt("%.6g", f), TextTable.fmt("%.4g", pValue));
            t.row("within", TextTable.fmt("%.6g", ssWithin), dfWithin, TextTable.fmt("%.6g", ssWithin / dfWithin), "",
                    "");
            t.row("total", TextTable.fmt("%.6g", ssBetween + ssWithin), dfBetween + dfWithin, "", "", "");
            return TextTable.line("One-way ANOVA: eta^2 = %.4f, epsilon^2 = %.4f, omega^2 = %.4f", etaSquared,
                    epsilonSquared, omegaSquared) + t.render();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "ANOVA[F(%d, %d) = %.6g, p = %.4g, eta^2 = %.4f]", dfBetween, dfWithin,
                    f, pValue, etaSquared);
        }
    }
}
