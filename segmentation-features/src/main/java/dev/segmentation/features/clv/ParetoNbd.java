/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;
import org.apache.commons.math3.special.Gamma;

/**
 * The Pareto/NBD model of Schmittlein, Morrison and Colombo (1987), fitted by maximum likelihood: the estimator.
 * {@link #fit(BtydCustomers)} returns an immutable {@link ParetoNbdModel}, which documents the likelihood and its
 * numerics.
 *
 * <h2>Fit</h2>
 * As for {@link BgNbd}: log-parameters \( \theta = \ln(r, \alpha, s, \beta) \), mean negative log-likelihood
 * plus the optional penalty, Commons Math 3's preconditioned non-linear conjugate gradient on the analytic
 * gradient, convergence on the gradient norm, {@link NotConvergedException} otherwise. The gradient goes through
 * the transformed series \( F = {}_2F_1(1, b'; c; z) \): each term \( t_k = \prod_{j \lt k}\frac{b'+j}{c+j} z^k \)
 * gives \( \partial t_k/\partial b' = t_k\sum_{j\lt k} \frac{1}{b'+j} \), \( \partial t_k/\partial c =
 * -t_k\sum_{j \lt k}\frac{1}{c+j} \) and \( \partial t_k / \partial z = k t_k / z \), summed in the same loop,
 * with \( b' = r+x \) or \( s+1 \), \( c = r+s+x+1 \) and \( z \) a function of \( \alpha, \beta \) and
 * \( u \in \{t_x, T\} \). The start is \( r = s = 1 \), \( \alpha = \beta \) = the mean age.
 *
 * <p>On the CDNOW sample (weeks 1-39) the fit gives \( r = 0.553, \alpha = 10.578, s = 0.606, \beta = 11.668 \),
 * log-likelihood \( -9594.97 \), as published.
 *
 * <p>References: D. C. Schmittlein, D. G. Morrison and R. Colombo, "Counting your customers: who are they and
 * what will they do next?", Management Science 33(1) (1987) 1-24, doi:10.1287/mnsc.33.1.1; P. S. Fader and
 * B. G. S. Hardie, "A note on deriving the Pareto/NBD model and related expressions" (2005), brucehardie.com.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ParetoNbd {
    private final FitOptions options;

    private ParetoNbd(FitOptions options) {
        this.options = options;
    }

    /** The estimator with {@link FitOptions#DEFAULT}. */
    public static ParetoNbd withDefaults() {
        return new ParetoNbd(FitOptions.DEFAULT);
    }

    /** The estimator with the given options. */
    public static ParetoNbd with(FitOptions options) {
        return new ParetoNbd(Checks.notNull("options", options));
    }

    /** The options. */
    public FitOptions options() {
        return options;
    }

    /**
     * Fits the model.
     *
     * @throws IllegalArgumentException if no customer has a repeat purchase
     * @throws NotConvergedException if the optimiser stops before the gradient tolerance is met
     */
    public ParetoNbdModel fit(BtydCustomers customers) {
        Checks.notNull("customers", customers);
        BgNbd.requireRepeatBuyers("Pareto/NBD", customers);
        Compressed c = Compressed.of(customers.rawX(), customers.rawTx(), customers.rawAge(), null);
        double meanAge = 0;
        for (int i = 0; i < c.rows(); i++) {
            meanAge += c.weight[i] * c.age[i];
        }
        double lm = Math.log(Math.max(meanAge / c.total, 1e-3));
        Likelihood f = new Likelihood(c);
        LogSpaceFit.Outcome o = LogSpaceFit.minimize(f, new double[] {0, lm, 0, lm}, options.penalizer(),
                options.maxIterations(), options.tolerance());
        double[] p = BgNbd.exp(o.theta());
        if (!o.diagnostics().converged()) {
            throw new NotConvergedException("Pareto/NBD", o.diagnostics(), p);
        }
        double ll = -f.valueAndGradient(o.theta(), new double[4]) * c.total;
        return new ParetoNbdModel(p[0], p[1], p[2], p[3],
                new ClvFit(customers.size(), 0, ll, options.penalizer(), o.diagnostics()));
    }

    /** The mean negative log-likelihood and its gradient in log-parameters. */
    static final class Likelihood implements LogSpaceFit.Objective {
        private final Compressed c;
        private final double[] series = new double[4];
        private final double[] d1 = new double[4];
        private final double[] d2 = new double[4];

        Likelihood(Compressed c) {
            this.c = c;
        }

        /** Writes \( \ln g(u) \) and its derivatives by (r, alpha, s, beta) to {@code out[0..4]}. */
        private double logTerm(double r, double al, double s, double be, double x, double u, double[] out) {
            double cc = r + s + x + 1;
            double[] f = series;
            if (al >= be) {
                double z = (al - be) / (al + u);
                Special.hyp2f1OneWithDerivatives(r + x, cc, z, (be + u) / (al + u), f);
                double fb = f[1] / f[0];
                double fc = f[2] / f[0];
                double fz = f[3] / f[0];
                out[0] = -Math.log(al + u) + fb + fc;
                out[1] = -(r + x) / (al + u) + fz * (be + u) / ((al + u) * (al + u));
                out[2] = -Math.log(be + u) + fc;
                out[3] = -s / (be + u) - fz / (al + u);
                return -s * Math.log(be + u) - (r + x) * Math.log(al + u) + Math.log(f[0]);
            }
            double z = (be - al) / (be + u);
            Special.hyp2f1OneWithDerivatives(s + 1, cc, z, (al + u) / (be + u), f);
            double fb = f[1] / f[0];
            double fc = f[2] / f[0];
            double fz = f[3] / f[0];
            out[0] = -Math.log(al + u) + fc;
            out[1] = (1 - r - x) / (al + u) - fz / (be + u);
            out[2] = -Math.log(be + u) + fb + fc;
            out[3] = -(s + 1) / (be + u) + fz * (al + u) / ((be + u) * (be + u));
            return (1 - r - x) * Math.log(al + u) - (s + 1) * Math.log(be + u) + Math.log(f[0]);
        }

        @Override
        public double valueAndGradient(double[] theta, double[] g) {
            double r = Math.exp(theta[0]);
            double al = Math.exp(theta[1]);
            double s = Math.exp(theta[2]);
            double be = Math.exp(theta[3]);
            double lgr = Gamma.logGamma(r);
            double psr = Gamma.digamma(r);
            double ll = 0;
            double gr = 0;
            double gal = 0;
            double gs = 0;
            double gbe = 0;
            for (int u = 0; u < c.xs.length; u++) {
                double x = c.xs[u];
                double w = c.xWeight[u];
                ll += w * (Gamma.logGamma(r + x) - lgr + r * theta[1] + s * theta[3]);
                gr += w * (Gamma.digamma(r + x) - psr + theta[1]);
                gal += w * r / al;
                gs += w * theta[3];
                gbe += w * s / be;
            }
            for (int i = 0; i < c.x.length; i++) {
                double x = c.x[i];
                double w = c.weight[i];
                double tx = c.tx[i];
                double age = c.age[i];
                double lnAT = Math.log(al + age);
                double lnBT = Math.log(be + age);
                double p1 = -(r + x) * lnAT - s * lnBT;
                if (tx == age) {
                    ll += w * p1;
                    gr -= w * lnAT;
                    gal -= w * (r + x) / (al + age);
                    gs -= w * lnBT;
                    gbe -= w * s / (be + age);
                    continue;
                }
                double l1 = logTerm(r, al, s, be, x, tx, d1);
                double l2 = logTerm(r, al, s, be, x, age, d2);
                double q = Math.exp(l2 - l1);
                double lnA0 = l1 + Special.log1mexp(l2 - l1);
                double rsx = r + s + x;
                double qq = Math.log(s) - Math.log(rsx) + lnA0;
                double d = qq - p1;
                double wq = Special.sigmoid(d);
                double wp = Special.sigmoid(-d);
                ll += w * (p1 + Special.softplus(d));
                double inv = 1 / (1 - q);
                double ar = (d1[0] - q * d2[0]) * inv;
                double aal = (d1[1] - q * d2[1]) * inv;
                double as = (d1[2] - q * d2[2]) * inv;
                double abe = (d1[3] - q * d2[3]) * inv;
                gr += w * (wp * -lnAT + wq * (-1 / rsx + ar));
                gal += w * (wp * -(r + x) / (al + age) + wq * aal);
                gs += w * (wp * -lnBT + wq * (1 / s - 1 / rsx + as));
                gbe += w * (wp * -s / (be + age) + wq * abe);
            }
            double n = c.total;
            g[0] = -gr * r / n;
            g[1] = -gal * al / n;
            g[2] = -gs * s / n;
            g[3] = -gbe * be / n;
            return -ll / n;
        }
    }
}
