/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing, fitted by maximum
 * likelihood: the estimator. {@link #fit(BtydCustomers)} returns an immutable {@link BgNbdModel}.
 *
 * <pre>{@code
 * BtydCustomers c = BtydCustomers.from(BtydSummary.calibrationEnd(end).inWeeks().compute(tx).table());
 * BgNbdModel m = BgNbd.withDefaults().fit(c);            // r, alpha, a, b
 * double next39 = m.conditionalExpectedPurchases(39, 2, 30.43, 38.86);
 * }</pre>
 *
 * <h2>Model</h2>
 * While active, a customer buys as a Poisson process with rate \( \lambda \sim \mathrm{Gamma}(r, \alpha) \);
 * after each purchase she becomes inactive with probability \( p \sim \mathrm{Beta}(a, b) \). The likelihood of
 * one customer with \( x \) repeat purchases, the last at \( t_x \), observed for \( T \) (Fader, Hardie and Lee
 * 2005, eq. 6) is
 * \[ L = \frac{B(a, b+x)}{B(a,b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+T)^{r+x}}
 *   + \delta_{x \gt 0} \frac{B(a+1, b+x-1)}{B(a,b)} \frac{\Gamma(r+x)\,\alpha^r}{\Gamma(r)\,(\alpha+t_x)^{r+x}}. \]
 *
 * <h2>Fit</h2>
 * The parameters are fitted on the log scale \( \theta = \ln(r, \alpha, a, b) \), which keeps them positive
 * without constraints, minimising the mean negative log-likelihood per customer plus the optional penalty
 * \( \lambda \lVert\theta\rVert^2 \) ({@link FitOptions}). The log-likelihood is evaluated as
 * \( A_1 + A_2 + \ln(e^{A_3} + e^{A_4}) \) with a stable soft-plus, and its analytic gradient is
 * \[ \frac{\partial \ell}{\partial r} = \psi(r+x) - \psi(r) + \ln\alpha - w_3 \ln(\alpha+T) - w_4\ln(\alpha+t_x),
 *   \quad \frac{\partial \ell}{\partial \alpha} = \frac{r}{\alpha} - (r+x)\Bigl(\frac{w_3}{\alpha+T}
 *   + \frac{w_4}{\alpha+t_x}\Bigr), \]
 * \[ \frac{\partial \ell}{\partial a} = \psi(a+b) - \psi(a+b+x) + \frac{w_4}{a}, \quad
 *   \frac{\partial \ell}{\partial b} = \psi(a+b) + \psi(b+x) - \psi(b) - \psi(a+b+x) - \frac{w_4}{b+x-1}, \]
 * with \( w_4 = e^{A_4}/(e^{A_3}+e^{A_4}) \), \( w_3 = 1 - w_4 \) (\( w_4 = 0 \) when \( x = 0 \)), chained by
 * \( \partial/\partial\theta_j = \theta_j' \partial/\partial\theta_j' \). The optimiser is Commons Math 3's
 * non-linear conjugate gradient (Polak-Ribi&egrave;re): it is the gradient-based method Commons Math 3 offers
 * (there is no quasi-Newton one), and on four log-parameters it needs far fewer likelihood evaluations than the
 * derivative-free BOBYQA or simplex. Its search directions are preconditioned with the inverse of a
 * finite-difference Hessian of the analytic gradient (so they are Newton directions), and if it stops short of
 * the tolerance, damped Newton steps finish the fit; on CDNOW it takes 8 iterations in all. It stops when the
 * gradient norm is below {@link FitOptions#tolerance()};
 * a fit that stops otherwise throws {@link NotConvergedException} with the optimiser's state. The start is
 * \( r = a = b = 1 \), \( \alpha \) = the mean age \( T \). Customers are first reduced to distinct
 * \( (x, t_x, T) \) rows with multiplicities, and the terms that depend on \( x \) only are computed once per
 * distinct \( x \).
 *
 * <p>On the CDNOW sample (2,357 customers, weeks 1-39) the fit gives \( r = 0.2426, \alpha = 4.4135,
 * a = 0.7929, b = 2.4258 \), log-likelihood \( -9582.43 \), as published.
 *
 * <h2>Edge cases</h2>
 * An empty population is refused by {@link BtydCustomers}. A population without any repeat purchase has no
 * maximum (the likelihood grows as \( r \to 0 \)) and is refused with an {@link IllegalArgumentException}.
 *
 * <p>References: P. S. Fader, B. G. S. Hardie and K. L. Lee, "'Counting your customers' the easy way: an
 * alternative to the Pareto/NBD model", Marketing Science 24(2) (2005) 275-284, doi:10.1287/mksc.1040.0098;
 * P. S. Fader, B. G. S. Hardie and K. L. Lee, "Computing P(alive) using the BG/NBD model" (2008) and
 * "Implementing the BG/NBD model for customer base analysis in Excel" (2005), brucehardie.com notes.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BgNbd {
    private final FitOptions options;

    private BgNbd(FitOptions options) {
        this.options = options;
    }

    /** The estimator with {@link FitOptions#DEFAULT}. */
    public static BgNbd withDefaults() {
        return new BgNbd(FitOptions.DEFAULT);
    }

    /** The estimator with the given options. */
    public static BgNbd with(FitOptions options) {
        return new BgNbd(Checks.notNull("options", options));
    }

    /** The options. */
    public FitOptions options() {
        return options;
    }

    /**
     * Fits the model.
     *
     * @param customers the calibration population
     * @return the fitted model, with its {@link ClvFit}
     * @throws NotConvergedException if the optimiser stops before the gradient tolerance is met
     */
    public BgNbdModel fit(BtydCustomers customers) {
        Checks.notNull("customers", customers);
        requireRepeatBuyers("BG/NBD", customers);
        Compressed c = Compressed.of(customers.rawX(), customers.rawTx(), customers.rawAge(), null);
        double meanAge = 0;
        for (int i = 0; i < c.rows(); i++) {
            meanAge += c.weight[i] * c.age[i];
        }
        meanAge = Math.max(meanAge / c.total, 1e-3);
        double[] start = {0, Math.log(meanAge), 0, 0};
        Likelihood f = new Likelihood(c);
        LogSpaceFit.Outcome o = LogSpaceFit.minimize(f, start, options.penalizer(), options.maxIterations(),
                options.tolerance());
        double[] p = exp(o.theta());
        if (!o.diagnostics().converged()) {
            throw new NotConvergedException("BG/NBD", o.diagnostics(), p);
        }
        double ll = -f.valueAndGradient(o.theta(), new double[4]) * c.total;
        ClvFit fit = new ClvFit(customers.size(), 0, ll, options.penalizer(), o.diagnostics());
        return new BgNbdModel(p[0], p[1], p[2], p[3], fit);
    }

    /** Refuses a population without repeat purchases: its likelihood has no maximum. */
    static void requireRepeatBuyers(String model, BtydCustomers customers) {
        for (int i = 0; i < customers.size(); i++) {
            if (customers.x(i) > 0) {
                return;
            }
        }
        throw new IllegalArgumentException("None of the " + customers.size() + " customers has a repeat purchase "
                + "(x = 0 for all): the " + model + " likelihood then has no maximum (the purchase rate is not "
                + "identified)");
    }

    static double[] exp(double[] theta) {
        double[] p = new double[theta.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = Math.exp(theta[j]);
        }
        return p;
    }

    /** The mean negative log-likelihood and its gradient in log-parameters. */
    static final class Likelihood implements LogSpaceFit.Objective {
        private final Compressed c;
        private final double[] lnRatio;
        private final double[] inverse;

        Likelihood(Compressed c) {
            this.c = c;
            this.lnRatio = new double[c.xs.length];
            this.inverse = new double[c.xs.length];
        }

        @Override
        public double valueAndGradient(double[] theta, double[] g) {
            double r = Math.exp(theta[0]);
            double al = Math.exp(theta[1]);
            double a = Math.exp(theta[2]);
            double b = Math.exp(theta[3]);
            double lnAl = theta[1];
            double lgr = Gamma.logGamma(r);
            double psr = Gamma.digamma(r);
            double lgb = Gamma.logGamma(b);
            double psb = Gamma.digamma(b);
            double lgab = Gamma.logGamma(a + b);
            double psab = Gamma.digamma(a + b);
            double lnA = theta[2];
            double ll = 0;
            double gr = 0;
            double gal = 0;
            double ga = 0;
            double gb = 0;
            double[] xs = c.xs;
            for (int u = 0; u < xs.length; u++) {
                double x = xs[u];
                double w = c.xWeight[u];
                double pabx = Gamma.digamma(a + b + x);
                ll += w * (Gamma.logGamma(r + x) - lgr + r * lnAl + lgab + Gamma.logGamma(b + x) - lgb
                        - Gamma.logGamma(a + b + x));
                gr += w * (Gamma.digamma(r + x) - psr + lnAl);
                gal += w * r / al;
                ga += w * (psab - pabx);
                gb += w * (psab + Gamma.digamma(b + x) - psb - pabx);
                lnRatio[u] = x > 0 ? lnA - Math.log(b + x - 1) : 0;
                inverse[u] = x > 0 ? 1 / (b + x - 1) : 0;
            }
            double[] cx = c.x;
            double[] ctx = c.tx;
            double[] cage = c.age;
            double[] cw = c.weight;
            int[] xi = c.xIndex;
            for (int i = 0; i < cx.length; i++) {
                double x = cx[i];
                double w = cw[i];
                double rx = r + x;
                double alT = al + cage[i];
                double lnAT = Math.log(alT);
                if (x > 0) {
                    double alTx = al + ctx[i];
                    double lnAtx = Math.log(alTx);
                    int u = xi[i];
                    double d = lnRatio[u] - rx * (lnAtx - lnAT);
                    double p4 = Special.sigmoid(d);
                    double p3 = Special.sigmoid(-d);
                    ll += w * (-rx * lnAT + Special.softplus(d));
                    gr -= w * (p3 * lnAT + p4 * lnAtx);
                    gal -= w * rx * (p3 / alT + p4 / alTx);
                    ga += w * p4 / a;
                    gb -= w * p4 * inverse[u];
                } else {
                    ll -= w * rx * lnAT;
                    gr -= w * lnAT;
                    gal -= w * rx / alT;
                }
            }
            double n = c.total;
            g[0] = -gr * r / n;
            g[1] = -gal * al / n;
            g[2] = -ga * a / n;
            g[3] = -gb * b / n;
            return -ll / n;
        }
    }
}
