/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.drift;

import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.Locale;

/**
 * The two-sample Kolmogorov-Smirnov test: the largest gap between two empirical distribution functions,
 * \( D = \sup_x |F_{ref}(x) - F_{cur}(x)| \), and its p-value. Computed with Apache Commons Math 3.6.1.
 *
 * <p>The p-value \( P(D \ge d) \) is exact (Commons Math's {@code exactP}) when \( n m \lt 10{,}000 \) and
 * asymptotic (the Kolmogorov distribution with the effective size \( nm/(n+m) \), {@code approximateP})
 * otherwise. The exact p-value assumes no ties; with ties it is conservative. No randomness is used (Commons
 * Math's tie-breaking jitter is not called).
 *
 * <p>With drift-monitoring sample sizes, tiny differences are "significant": read D (an effect size in [0, 1])
 * before the p-value. Bad input: empty samples, NaN or infinity throw {@link IllegalArgumentException}.
 * Thread-safe.
 *
 * <p>Reference: N. Smirnov, "Table for estimating the goodness of fit of empirical distributions", Annals of
 * Mathematical Statistics 19 (1948) 279-281, doi:10.1214/aoms/1177730256.
 *
 * @since 0.1
 */
public final class KolmogorovSmirnov {
    private static final long LARGE_SAMPLE_PRODUCT = 10_000;

    private KolmogorovSmirnov() {
    }

    /**
     * The test of two samples.
     *
     * @throws IllegalArgumentException if a sample is empty or not finite
     */
    public static Result test(double[] reference, double[] current) {
        Labels.checkFinite("reference", reference);
        Labels.checkFinite("current", current);
        if (reference.length == 0 || current.length == 0) {
            throw new IllegalArgumentException("The " + (reference.length == 0 ? "reference" : "current")
                    + " sample is empty");
        }
        // The statistic, exactP and approximateP draw no random numbers (only Commons Math's tie jitter and
        // bootstrap would use the instance's generator, and they are not called).
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double d = ks.kolmogorovSmirnovStatistic(reference, current);
        int n = reference.length;
        int m = current.length;
        double p = (long) n * m < LARGE_SAMPLE_PRODUCT ? ks.exactP(d, n, m, false) : ks.approximateP(d, n, m);
        return new Result(d, Math.min(1.0, Math.max(0.0, p)), n, m);
    }

    /**
     * The outcome of the test.
     *
     * @param statistic D, in [0, 1]
     * @param pValue the p-value
     * @param referenceSize n
     * @param currentSize m
     */
    public record Result(double statistic, double pValue, int referenceSize, int currentSize) {
        /** The statistic, p-value and sample sizes. */
        public String table() {
            return TextTable.of("test", "D", "p", "reference n", "current n").row("two-sample KS",
                    TextTable.fmt("%.4f", statistic), TextTable.fmt("%.4g", pValue), referenceSize, currentSize)
                    .render();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "KS[D = %.4f, p = %.4g, n = %d, m = %d]", statistic, pValue,
                    referenceSize, currentSize);
        }
    }
}
