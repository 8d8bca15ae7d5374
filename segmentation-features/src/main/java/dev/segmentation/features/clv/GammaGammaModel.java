/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import org.apache.commons.math3.special.Gamma;

import java.util.Optional;

/**
 * A fitted Gamma-Gamma spend model (see {@link GammaGamma}): parameters \( p, q, \gamma \gt 0 \).
 *
 * <p>The conditional expected average spend of a customer with \( x \) repeat transactions of average value
 * \( \bar z \) (Fader, Hardie and Lee 2005, JMR, eq. 5) is
 * \[ E[Z \mid x, \bar z] = \frac{p(\gamma + x\bar z)}{px + q - 1}
 *   = \frac{q-1}{px+q-1}\,\frac{p\gamma}{q-1} + \frac{px}{px+q-1}\,\bar z, \]
 * a weighted mean of the population mean \( p\gamma/(q-1) \) and the customer's own average; for \( x = 0 \)
 * it is the population mean. It exists only for \( q \gt 1 \) (otherwise the mean spend is infinite, and the
 * method throws an {@link IllegalStateException}).
 *
 * <p>Instances are immutable and thread-safe; the one-customer methods do not allocate.
 *
 * @since 0.1
 */
public final class GammaGammaModel {
    private final double p;
    private final double q;
    private final double gamma;
    private final ClvFit fit;
    private final int withoutRepeats;
    private final int zeroSpend;

    GammaGammaModel(double p, double q, double gamma, ClvFit fit, int withoutRepeats, int zeroSpend) {
        this.p = BgNbdModel.checkParameter("p", p);
        this.q = BgNbdModel.checkParameter("q", q);
        this.gamma = BgNbdModel.checkParameter("gamma", gamma);
        this.fit = fit;
        this.withoutRepeats = withoutRepeats;
        this.zeroSpend = zeroSpend;
    }

    /**
     * A model with known parameters.
     *
     * @throws IllegalArgumentException if a parameter is not finite and positive
     */
    public static GammaGammaModel of(double p, double q, double gamma) {
        return new GammaGammaModel(p, q, gamma, null, 0, 0);
    }

    /** \( p \), the shape of the transaction-value distribution. */
    public double p() {
        return p;
    }

    /** \( q \), the shape of the distribution of the transaction-value rate \( \nu \). */
    public double q() {
        return q;
    }

    /** \( \gamma \), the scale of the distribution of \( \nu \). */
    public double gamma() {
        return gamma;
    }

    /** {@code {p, q, gamma}}. */
    public double[] parameters() {
        return new double[] {p, q, gamma};
    }

    /** The fit, when the model was fitted. */
    public Optional<ClvFit> fit() {
        return Optional.ofNullable(fit);
    }

    /** Customers left out of the fit because they had no repeat purchase (0 for a model of known parameters). */
    public int excludedWithoutRepeats() {
        return withoutRepeats;
    }

    /** Repeat buyers left out of the fit because their average repeat spend was 0. */
    public int excludedZeroSpend() {
        return zeroSpend;
    }

    /**
     * The log-likelihood of one repeat buyer's average spend.
     *
     * @throws IllegalArgumentException if \( x \) is not an integer \( \ge 1 \) or the spend is not finite and
     *     positive
     */
    public double logLikelihood(double x, double spend) {
        if (!(x >= 1) || x != Math.rint(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("x (repeat purchases) must be a finite integer >= 1 for the spend "
                    + "likelihood but was " + x);
        }
        if (!(spend > 0) || Double.isInfinite(spend)) {
            throw new IllegalArgumentException("The average repeat spend must be finite and > 0 but was " + spend);
        }
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(spend) + px * Math.log(x) - (px + q) * Math.log(gamma + x * spend);
    }

    /**
     * The population mean spend per transaction \( p\gamma/(q-1) \).
     *
     * @throws IllegalStateException if \( q \le 1 \)
     */
    public double meanSpend() {
        requireMean();
        return p * gamma / (q - 1);
    }

    /**
     * \( E[Z \mid x, \bar z] \), the expected average spend per future transaction.
     *
     * @param x repeat purchases, an integer \( \ge 0 \)
     * @param spend the average repeat spend \( \bar z \ge 0 \) (ignored when \( x = 0 \))
     * @throws IllegalArgumentException if an argument is out of range or not finite
     * @throws IllegalStateException if \( q \le 1 \)
     */
    public double conditionalExpectedAverageSpend(double x, double spend) {
        if (!(x >= 0) || x != Math.rint(x) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("x (repeat purchases) must be a finite integer >= 0 but was " + x);
        }
        if (!(spend >= 0) || Double.isInfinite(spend)) {
            throw new IllegalArgumentException("The average repeat spend must be finite and >= 0 but was " + spend);
        }
        requireMean();
        return x == 0 ? p * gamma / (q - 1) : p * (gamma + x * spend) / (p * x + q - 1);
    }

    /** {@link #conditionalExpectedAverageSpend(double, double)} for every customer of a population with spend. */
    public double[] conditionalExpectedAverageSpend(BtydCustomers customers) {
        double[] out = new double[customers.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = conditionalExpectedAverageSpend(customers.x(i), customers.spend(i));
        }
        return out;
    }

    private void requireMean() {
        if (!(q > 1)) {
            throw new IllegalStateException("The expected spend exists only for q > 1, but q = " + q);
        }
    }

    @Override
    public String toString() {
        return "GammaGammaModel[p=" + p + ", q=" + q + ", gamma=" + gamma
                + (fit != null ? ", logLikelihood=" + fit.logLikelihood() : "") + "]";
    }
}
