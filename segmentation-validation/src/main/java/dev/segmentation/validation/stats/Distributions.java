/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * Upper-tail probabilities from Commons Math's regularised incomplete beta and gamma functions, computed
 * directly in the tail (never as {@code 1 - cdf}, which loses every digit of a small p-value).
 * Package-private.
 */
final class Distributions {
    private Distributions() {
    }

    /**
     * \( P(F > f) \) for an F distribution with (d1, d2) degrees of freedom:
     * \( I_{d_2/(d_2 + d_1 f)}(d_2/2, d_1/2) \) (SciPy's {@code fdtrc}).
     */
    static double fSurvival(double f, double d1, double d2) {
        if (f <= 0) {
            return 1.0;
        }
        if (f == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        double x = d2 / (d2 + d1 * f);
        return Beta.regularizedBeta(x, d2 / 2, d1 / 2, 1e-15, Integer.MAX_VALUE);
    }

    /** \( P(\chi^2_{df} > x) = Q(df/2, x/2) \) (SciPy's {@code chdtrc}). */
    static double chiSquareSurvival(double x, double df) {
        if (x <= 0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return Gamma.regularizedGammaQ(df / 2, x / 2, 1e-15, Integer.MAX_VALUE);
    }
}
