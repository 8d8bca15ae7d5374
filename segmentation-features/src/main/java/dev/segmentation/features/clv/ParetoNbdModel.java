/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import org.apache.commons.math3.special.Gamma;

import java.util.Optional;

/**
 * A fitted Pareto/NBD model (see {@link ParetoNbd}): purchase rate \( \lambda \sim \mathrm{Gamma}(r, \alpha) \),
 * lifetime exponential with dropout rate \( \mu \sim \mathrm{Gamma}(s, \beta) \), all four parameters \( \gt 0 \).
 *
 * <h2>Formulas (Fader and Hardie 2005, the Pareto/NBD note)</h2>
 * \[ L = \frac{\Gamma(r+x)\,\alpha^r \beta^s}{\Gamma(r)} \Bigl[\frac{1}{(\alpha+T)^{r+x}(\beta+T)^s}
 *   + \frac{s}{r+s+x} A_0\Bigr], \]
 * with, for \( \alpha \ge \beta \),
 * \( A_0 = \frac{{}_2F_1(r+s+x, s+1; r+s+x+1; \frac{\alpha-\beta}{\alpha+t_x})}{(\alpha+t_x)^{r+s+x}}
 *   - \frac{{}_2F_1(r+s+x, s+1; r+s+x+1; \frac{\alpha-\beta}{\alpha+T})}{(\alpha+T)^{r+s+x}} \) and, for
 * \( \alpha \lt \beta \), the same with \( \alpha \leftrightarrow \beta \) and \( s+1 \) replaced by \( r+x \);
 * \( P(\text{alive}) = 1 \big/ \bigl(1 + \frac{s}{r+s+x}(\alpha+T)^{r+x}(\beta+T)^s A_0\bigr) \);
 * \( E[X(t)] = \frac{r\beta}{\alpha(s-1)}\bigl[1 - (\frac{\beta}{\beta+t})^{s-1}\bigr] \);
 * \( E[Y(t) \mid x, t_x, T] = \frac{(r+x)(\beta+T)}{(\alpha+T)(s-1)}
 *   \bigl[1 - (\frac{\beta+T}{\beta+T+t})^{s-1}\bigr] P(\text{alive}) \) (at \( s = 1 \) the bracket over
 * \( s - 1 \) is its limit \( \ln(1 + t/(\beta+T)) \)).
 *
 * <h2>Numerics</h2>
 * In the printed form the series' terms grow like \( (1-z)^{-(r+x)} \) for the \( \alpha \lt \beta \) branch:
 * for \( x = 300 \) they overflow. Euler's transformation turns both branches into
 * \( {}_2F_1(1, b'; r+s+x+1; z) \) with \( b' = r + x \) (\( \alpha \ge \beta \)) or \( s + 1 \)
 * (\( \alpha \lt \beta \)), a series of positive terms bounded by its value at \( z = 1 \), and the powers are
 * folded into logarithms: with \( u \in \{t_x, T\} \),
 * \( \ln g(u) = -s\ln(\beta+u) - (r+x)\ln(\alpha+u) + \ln F(1, r+x; r+s+x+1; \frac{\alpha-\beta}{\alpha+u}) \)
 * or \( (1-r-x)\ln(\alpha+u) - (s+1)\ln(\beta+u) + \ln F(1, s+1; r+s+x+1; \frac{\beta-\alpha}{\beta+u}) \).
 * \( \ln A_0 = \ln g(t_x) + \ln(1 - e^{\ln g(T) - \ln g(t_x)}) \) and the bracket is a log-sum-exp, so
 * customers with hundreds of purchases and long tenure keep full precision (checked against mpmath at 50
 * digits for \( x = 300, T = 500 \) and \( x = 1000, T = 2000 \)).
 *
 * <p>Instances are immutable and thread-safe; the one-customer methods do not allocate.
 *
 * @since 0.1
 */
public final class ParetoNbdModel implements TransactionModel {
    private static final String WHO = "the customer";
    private final double r;
    private final double alpha;
    private final double s;
    private final double beta;
    private final ClvFit fit;

    ParetoNbdModel(double r, double alpha, double s, double beta, ClvFit fit) {
        this.r = BgNbdModel.checkParameter("r", r);
        this.alpha = BgNbdModel.checkParameter("alpha", alpha);
        this.s = BgNbdModel.checkParameter("s", s);
        this.beta = BgNbdModel.checkParameter("beta", beta);
        this.fit = fit;
    }

    /**
     * A model with known parameters.
     *
     * @throws IllegalArgumentException if a parameter is not finite and positive
     */
    public static ParetoNbdModel of(double r, double alpha, double s, double beta) {
        return new ParetoNbdModel(r, alpha, s, beta, null);
    }

    @Override
    public String name() {
        return "Pareto/NBD";
    }

    /** \( r \), the shape of the purchase-rate distribution. */
    public double r() {
        return r;
    }

    /** \( \alpha \), the scale of the purchase-rate distribution. */
    public double alpha() {
        return alpha;
    }

    /** \( s \), the shape of the dropout-rate distribution. */
    public double s() {
        return s;
    }

    /** \( \beta \), the scale of the dropout-rate distribution. */
    public double beta() {
        return beta;
    }

    /** {@code {r, alpha, s, beta}}. */
    @Override
    public double[] parameters() {
        return new double[] {r, alpha, s, beta};
    }

    @Override
    public Optional<ClvFit> fit() {
        return Optional.ofNullable(fit);
    }

    /** \( \ln g(u) \) of the class comment. */
    static double logTerm(double r, double alpha, double s, double beta, double x, double u) {
        double c = r + s + x + 1;
        if (alpha >= beta) {
            double z = (alpha - beta) / (alpha + u);
            double w = (beta + u) / (alpha + u);
            return -s * Math.log(beta + u) - (r + x) * Math.log(alpha + u)
                    + Math.log(Special.hyp2f1One(r + x, c, z, w));
        }
        double z = (beta - alpha) / (beta + u);
        double w = (alpha + u) / (beta + u);
        return (1 - r - x) * Math.log(alpha + u) - (s + 1) * Math.log(beta + u)
                + Math.log(Special.hyp2f1One(s + 1, c, z, w));
    }

    /** \( \ln\bigl(\frac{s}{r+s+x} A_0\bigr) - \ln\bigl((\alpha+T)^{-(r+x)}(\beta+T)^{-s}\bigr) \). */
    private double logRatio(double x, double tx, double age) {
        if (tx == age) {
            return Double.NEGATIVE_INFINITY;
        }
        double l1 = logTerm(r, alpha, s, beta, x, tx);
        double l2 = logTerm(r, alpha, s, beta, x, age);
        double lnA0 = l1 + Special.log1mexp(l2 - l1);
        double p1 = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        return Math.log(s) - Math.log(r + s + x) + lnA0 - p1;
    }

    @Override
    public double logLikelihood(double x, double tx, double age) {
        BtydCustomers.check(WHO, x, tx, age);
        double lead = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
        double p1 = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
        double d = logRatio(x, tx, age);
        return lead + p1 + (d == Double.NEGATIVE_INFINITY ? 0 : Special.softplus(d));
    }

    @Override
    public double probabilityAlive(double x, double tx, double age) {
        BtydCustomers.check(WHO, x, tx, age);
        double d = logRatio(x, tx, age);
        return d == Double.NEGATIVE_INFINITY ? 1 : Special.sigmoid(-d);
    }

    @Override
    public double expectedPurchases(double t) {
        BtydCustomers.checkHorizon(t);
        return r * beta / alpha * powerRemainder(Math.log1p(t / beta));
    }

    @Override
    public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
        BtydCustomers.check(WHO, x, tx, age);
        BtydCustomers.checkHorizon(t);
        if (t == 0) {
            return 0;
        }
        double e = (r + x) * (beta + age) / (alpha + age) * powerRemainder(Math.log1p(t / (beta + age)));
        double d = logRatio(x, tx, age);
        return d == Double.NEGATIVE_INFINITY ? e : e * Special.sigmoid(-d);
    }

    /** \( (1 - e^{-(s-1)L})/(s-1) \), and its limit \( L \) at \( s = 1 \). */
    private double powerRemainder(double logRatio) {
        double k = s - 1;
        if (Math.abs(k * logRatio) < 1e-8) {
            return logRatio * (1 - 0.5 * k * logRatio);
        }
        return -Math.expm1(-k * logRatio) / k;
    }

    @Override
    public String toString() {
        return "ParetoNbdModel[r=" + r + ", alpha=" + alpha + ", s=" + s + ", beta=" + beta
                + (fit != null ? ", logLikelihood=" + fit.logLikelihood() : "") + "]";
    }
}
