/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import java.util.OptionalInt;

/**
 * Finds the knee ("elbow") of a decreasing, convex curve such as inertia against k, with the Kneedle
 * algorithm (Satopää, Albrecht, Irwin and Raghavan 2011).
 *
 * <p>The points are scaled to the unit square,
 * \( \hat x_i = (x_i - x_1)/(x_n - x_1) \), \( \hat y_i = (y_i - y_{\min})/(y_{\max} - y_{\min}) \), and the
 * difference curve \( D_i = (1 - \hat x_i) - \hat y_i \) measures how far the curve falls below the chord from
 * its first to its last point. Each local maximum \( D_m \) of the difference curve sets a threshold
 * \( T_m = D_m - S \cdot \overline{\Delta \hat x} \) (S is the sensitivity, 1 by default, and
 * \( \overline{\Delta \hat x} \) the mean spacing); the first local maximum whose curve then drops below its
 * threshold before the next local maximum is the knee. A curve that is a straight line, too short (fewer
 * than three points) or never drops below a threshold has no knee.
 *
 * <p>Reference: V. Satopää, J. Albrecht, D. Irwin, B. Raghavan, "Finding a 'kneedle' in a haystack:
 * detecting knee points in system behavior", ICDCS Workshops 2011, doi:10.1109/ICDCSW.2011.20.
 *
 * @since 0.1
 */
public final class KneeLocator {
    private final double sensitivity;

    private KneeLocator(double sensitivity) {
        this.sensitivity = sensitivity;
    }

    /** A locator with sensitivity 1 (the paper's recommendation for offline data). */
    public static KneeLocator defaults() {
        return new KneeLocator(1.0);
    }

    /**
     * A copy with another sensitivity; larger values are more conservative.
     *
     * @throws IllegalArgumentException if not finite and positive
     */
    public KneeLocator withSensitivity(double s) {
        if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("sensitivity must be finite and > 0 but was " + s);
        }
        return new KneeLocator(s);
    }

    /**
     * The index of the knee of a decreasing convex curve.
     *
     * @param x strictly increasing abscissae (for example k). Not modified.
     * @param y the curve (for example inertia), one value per x. Not modified.
     * @return the index of the knee, or empty if there is none
     * @throws IllegalArgumentException if the lengths differ, x is not strictly increasing or a value is not
     *     finite
     */
    public OptionalInt knee(double[] x, double[] y) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Point " + i + " is not finite: (" + x[i] + ", " + y[i] + ")");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("x must be strictly increasing but x[" + i + "] = " + x[i]
                        + " <= x[" + (i - 1) + "] = " + x[i - 1]);
            }
        }
        if (n < 3) {
            return OptionalInt.empty();
        }
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            yMin = Math.min(yMin, y[i]);
            yMax = Math.max(yMax, y[i]);
        }
        if (!(yMax > yMin)) {
            return OptionalInt.empty();
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            double xn = (x[i] - x[0]) / (x[n - 1] - x[0]);
            double yn = (y[i] - yMin) / (yMax - yMin);
            diff[i] = (1 - xn) - yn;
        }
        double meanStep = 1.0 / (n - 1);
        for (int i = 1; i < n - 1; i++) {
            if (!(diff[i] >= diff[i - 1] && diff[i] > diff[i + 1]) || !(diff[i] > 0)) {
                continue;
            }
            double threshold = diff[i] - sensitivity * meanStep;
            for (int j = i + 1; j < n; j++) {
                if (j < n - 1 && diff[j] > diff[j - 1] && diff[j] >= diff[j + 1]) {
                    break; // a new local maximum: this one was not a knee
                }
                if (diff[j] < threshold) {
                    return OptionalInt.of(i);
                }
            }
        }
        return OptionalInt.empty();
    }
}
