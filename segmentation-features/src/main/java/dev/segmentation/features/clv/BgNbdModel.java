/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

import java.util.Optional;

/**
 * A fitted BG/NBD model (see {@link BgNbd} for the model and the fit): parameters \( r, \alpha, a, b \gt 0 \) and
 * the customer-level quantities of Fader, Hardie and Lee (2005).
 *
 * <h2>Formulas</h2>
 * <ul>
 *   <li>\( P(\text{alive} \mid x, t_x, T) = 1 \big/ \bigl(1 + \delta_{x\gt 0} \frac{a}{b+x-1}
 *       \bigl(\frac{\alpha+T}{\alpha+t_x}\bigr)^{r+x}\bigr) \);</li>
 *   <li>\( E[X(t)] = \frac{a+b-1}{a-1}\Bigl[1 - \bigl(\frac{\alpha}{\alpha+t}\bigr)^r
 *       {}_2F_1\bigl(r, b; a+b-1; \frac{t}{\alpha+t}\bigr)\Bigr] \) (eq. 9);</li>
 *   <li>\( E[Y(t) \mid x, t_x, T] = \frac{a+b+x-1}{a-1}\Bigl[1 - \bigl(\frac{\alpha+T}{\alpha+T+t}\bigr)^{r+x}
 *       {}_2F_1\bigl(r+x, b+x; a+b+x-1; \frac{t}{\alpha+T+t}\bigr)\Bigr] \cdot P(\text{alive}) \) (eq. 10);</li>
 *   <li>\( P(X(t) = n) = \frac{B(a, b+n)}{B(a,b)} \frac{\Gamma(r+n)}{\Gamma(r)\, n!}
 *       \bigl(\frac{\alpha}{\alpha+t}\bigr)^r \bigl(\frac{t}{\alpha+t}\bigr)^n + \delta_{n \gt 0}
 *       \frac{B(a+1, b+n-1)}{B(a,b)} \Bigl[1 - \bigl(\frac{\alpha}{\alpha+t}\bigr)^r \sum_{j=0}^{n-1}
 *       \frac{\Gamma(r+j)}{\Gamma(r)\, j!} \bigl(\frac{t}{\alpha+t}\bigr)^j\Bigr] \) (eq. 8).</li>
 * </ul>
 *
 * <h2>Numerics</h2>
 * The two expectations use Euler's transformation: with \( z = t/(\alpha+T+t) \),
 * \( (1-z)^{r+x}\,{}_2F_1(r+x, b+x; a+b+x-1; z) = (1-z)^{a-1}\,{}_2F_1(a+b-1-r, a-1; a+b+x-1; z) \), whose
 * parameters do not grow with \( x \), so the series neither overflows nor cancels for customers with hundreds
 * of purchases (see {@code Special}); \( 1 - (1-z)^{a-1}F \) is formed as
 * \( -\mathrm{expm1}((a-1)\ln(1-z)) - (1-z)^{a-1}(F - 1) \). At \( a = 1 \) the expectations are \( 0/0 \);
 * within \( 10^{-6} \) of it they are the mean of the values at \( a \pm 10^{-6} \) (the error is
 * \( O(10^{-12}) \)). The bracket of \( P(X(t) = n) \) is the negative-binomial tail
 * \( I_{t/(\alpha+t)}(n, r) \) (the regularised incomplete beta function), not 1 minus a sum, so that small
 * probabilities keep their digits.
 *
 * <p>Instances are immutable and thread-safe; the one-customer methods do not allocate.
 *
 * @since 0.1
 */
public final class BgNbdModel implements TransactionModel {
    private static final String WHO = "the customer";
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    private final ClvFit fit;

    BgNbdModel(double r, double alpha, double a, double b, ClvFit fit) {
        this.r = checkParameter("r", r);
        this.alpha = checkParameter("alpha", alpha);
        this.a = checkParameter("a", a);
        this.b = checkParameter("b", b);
        this.fit = fit;
    }

    /**
     * A model with known parameters (for example published ones).
     *
     * @throws IllegalArgumentException if a parameter is not finite and positive
     */
    public static BgNbdModel of(double r, double alpha, double a, double b) {
        return new BgNbdModel(r, alpha, a, b, null);
    }

    static double checkParameter(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("The parameter " + name + " must be finite and > 0 but was " + v);
        }
        return v;
    }

    @Override
    public String name() {
        return "BG/NBD";
    }

    /** \( r \), the shape of the purchase-rate gamma distribution. */
    public double r() {
        return r;
    }

    /** \( \alpha \), the scale (a rate, in time units) of the purchase-rate gamma distribution. */
    public double alpha() {
        return alpha;
    }

    /** \( a \) of the dropout-probability beta distribution. */
    public double a() {
        return a;
    }

    /** \( b \) of the dropout-probability beta distribution. */
    public double b() {
        return b;
    }

    /** {@code {r, alpha, a, b}}. */
    @Override
    public double[] parameters() {
        return new double[] {r, alpha, a, b};
    }

    @Override
    public Optional<ClvFit> fit() {
        return Optional.ofNullable(fit);
    }

    @Override
    public double logLikelihood(double x, double tx, double age) {
        checkCustomer(x, tx, age);
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double lnAT = Math.log(alpha + age);
        double a3 = -(r + x) * lnAT;
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double d = Math.log(a) - Math.log(b + x - 1) - (r + x) * (Math.log(alpha + tx) - lnAT);
        return a1 + a2 + a3 + Special.softplus(d);
    }

    @Override
    public double probabilityAlive(double x, double tx, double age) {
        checkCustomer(x, tx, age);
        if (x == 0) {
            return 1;
        }
        return Special.sigmoid(-logOdds(x, tx, age));
    }

    /** \( \ln\bigl(\frac{a}{b+x-1}(\frac{\alpha+T}{\alpha+t_x})^{r+x}\bigr) \), the log-odds of having dropped out. */
    private double logOdds(double x, double tx, double age) {
        return Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((age - tx) / (alpha + tx));
    }

    @Override
    public double expectedPurchases(double t) {
        BtydCustomers.checkHorizon(t);
        return scaledRemainder(0, t, 0);
    }

    @Override
    public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
        checkCustomer(x, tx, age);
        BtydCustomers.checkHorizon(t);
        double e = scaledRemainder(x, t, age);
        return x == 0 ? e : e * Special.sigmoid(-logOdds(x, tx, age));
    }

    /**
     * \( P(X(t) = n) \), the probability of exactly \( n \) repeat transactions in \( (0, t] \) for a new
     * customer.
     *
     * @throws IllegalArgumentException if \( n \lt 0 \) or \( t \) is negative or not finite
     */
    public double probabilityOfPurchases(double t, int n) {
        BtydCustomers.checkHorizon(t);
        if (n < 0) {
            throw new IllegalArgumentException("The number of purchases n must be >= 0 but was " + n);
        }
        if (t == 0) {
            return n == 0 ? 1 : 0;
        }
        double lnB = Beta.logBeta(a, b);
        double lnP = -Math.log1p(t / alpha);
        double lnQ = Math.log(t) - Math.log(alpha + t);
        double first = Math.exp(Beta.logBeta(a, b + n) - lnB + Gamma.logGamma(r + n) - Gamma.logGamma(r)
                - Gamma.logGamma(n + 1.0) + r * lnP + n * lnQ);
        if (n == 0) {
            return first;
        }
        double tail = Beta.regularizedBeta(t / (alpha + t), n, r);
        return first + Math.exp(Beta.logBeta(a + 1, b + n - 1) - lnB) * tail;
    }

    /**
     * \( \frac{a+b+x-1}{a-1}\bigl[1 - (1-z)^{a-1}{}_2F_1(a+b-1-r, a-1; a+b+x-1; z)\bigr] \),
     * \( z = t/(\alpha+T+t) \).
     */
    private double scaledRemainder(double x, double t, double age) {
        if (t == 0) {
            return 0;
        }
        if (Math.abs(a - 1) < 1e-6) {
            return 0.5 * (scaledRemainder(1 + 1e-6, x, t, age) + scaledRemainder(1 - 1e-6, x, t, age));
        }
        return scaledRemainder(a, x, t, age);
    }

    private double scaledRemainder(double aa, double x, double t, double age) {
        double s = alpha + age;
        double z = t / (s + t);
        double lnOneMinusZ = -Math.log1p(t / s);
        double lead = (aa - 1) * lnOneMinusZ;
        double tail = Special.hyp2f1Minus1(aa + b - 1 - r, aa - 1, aa + b + x - 1, z);
        double remainder = -Math.expm1(lead) - Math.exp(lead) * tail;
        return (aa + b + x - 1) / (aa - 1) * remainder;
    }

    private static void checkCustomer(double x, double tx, double age) {
        BtydCustomers.check(WHO, x, tx, age);
    }

    @Override
    public String toString() {
        return "BgNbdModel[r=" + r + ", alpha=" + alpha + ", a=" + a + ", b=" + b
                + (fit != null ? ", logLikelihood=" + fit.logLikelihood() : "") + "]";
    }
}
