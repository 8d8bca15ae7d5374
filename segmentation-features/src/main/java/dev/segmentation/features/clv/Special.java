/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import org.apache.commons.math3.special.Gamma;

/**
 * Numerics shared by the CLV models: a guarded Gaussian hypergeometric series and log-space helpers.
 *
 * <h2>Design note: the hypergeometric series</h2>
 * Both transaction models need \( {}_2F_1(a, b; c; z) = \sum_k \frac{(a)_k (b)_k}{(c)_k k!} z^k \). In the
 * forms the papers print, \( a \) and \( b \) grow with the customer's purchase count \( x \), so the terms grow
 * like \( (1-z)^{-x} \) before they decay: for \( x = 300 \) the series overflows or loses every digit to
 * cancellation against the \( (1-z)^{x} \) prefactor it is multiplied by. The callers therefore apply Euler's
 * transformation \( {}_2F_1(a,b;c;z) = (1-z)^{c-a-b}\, {}_2F_1(c-a, c-b; c; z) \) first, which leaves
 * parameters that do not grow with \( x \) (BG/NBD: \( (a+b-1-r,\ a-1;\ a+b+x-1) \); Pareto/NBD:
 * \( (1,\ r+x \text{ or } s+1;\ r+s+x+1) \)), and fold the prefactor into a logarithm. This class only sums
 * the transformed series for \( 0 \le z \lt 1 \) and refuses (an {@link ArithmeticException} naming the
 * arguments) rather than return a truncated sum.
 *
 * <h2>Near \( z = 1 \)</h2>
 * When a fit drifts towards \( \beta \gg \alpha \) (or \( \alpha \gg \beta \)), the Pareto/NBD argument
 * \( z \) reaches \( 1 - 10^{-9} \) and the series would need billions of terms. {@link #hyp2f1One} then uses the
 * \( 1 - z \) connection formula (Abramowitz and Stegun 15.3.6), which for \( a = 1 \) reads, with
 * \( \delta = c - 1 - b \) and \( w = 1 - z \) passed in by the caller,
 * \( {}_2F_1(1, b; c; z) = \frac{c-1}{\delta}{}_2F_1(1, b; 1 - \delta; w) + \frac{\Gamma(c)\Gamma(-\delta)}{\Gamma(b)}
 * w^{\delta} z^{1-c} \): its series converges like \( (bw)^k/k! \), so it is chosen when \( bw \le 1 \) and the
 * direct series would need more than 50,000 terms; \( \ln\Gamma(c) - \ln\Gamma(b) \) is taken from the Stirling
 * difference, not as a difference of two large logarithms. When \( \delta \) is within \( 10^{-4} \) of an
 * integer (the degenerate case 15.3.10/15.3.11, which occurs at the fit's start \( r = s = 1 \)) the poles of the
 * two halves cancel: the value is the cubic interpolant through \( \delta = n \pm 10^{-4}, n \pm 2\cdot 10^{-4} \)
 * (F is analytic in \( c \)). Checked against mpmath at 50 digits for \( w = 10^{-3}, 10^{-6}, 10^{-9} \),
 * \( b \) up to \( 2\cdot 10^5 \): values to \( 10^{-9} \) relative, derivatives to \( 10^{-7} \)
 * (\( 10^{-5} \) next to an integer \( \delta \)).
 *
 * <p>Stopping rule: after term \( k \) with ratio \( \rho_k = t_{k+1}/t_k \), the remainder is bounded by
 * \( |t_k| \rho^* / (1 - \rho^*) \) with \( \rho^* = \max(|\rho_k|, z) \) once \( \rho^* \lt 1 \) (the ratios
 * tend to \( z \) monotonically for the parameter ranges used here); the sum stops when that bound is below
 * \( 10^{-17} \) of the sum.
 */
final class Special {
    /** The largest number of series terms before the evaluation is refused. */
    static final int MAX_TERMS = 2_000_000;
    private static final double EPS = 1e-17;

    private Special() {
    }

    /**
     * \( {}_2F_1(a, b; c; z) \) by its power series, for \( 0 \le z \lt 1 \) and \( c \gt 0 \).
     *
     * @throws ArithmeticException if the series has not converged after {@link #MAX_TERMS} terms
     */
    static double hyp2f1(double a, double b, double c, double z) {
        return 1 + hyp2f1Minus1(a, b, c, z);
    }

    /**
     * \( {}_2F_1(a, b; c; z) - 1 \), summed without the leading 1 so that a small remainder keeps its digits.
     *
     * @throws ArithmeticException if the series has not converged after {@link #MAX_TERMS} terms
     */
    static double hyp2f1Minus1(double a, double b, double c, double z) {
        if (z == 0) {
            return 0;
        }
        double term = 1;
        double sum = 0;
        double ratio = a * b / c * z;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= ratio;
            sum += term;
            if (term == 0) {
                return sum;
            }
            // the next term's ratio, reused in the next iteration
            ratio = (a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2)) * z;
            double rho = Math.max(Math.abs(ratio), z);
            if (rho < 1 && Math.abs(term) * rho <= EPS * (1 - rho) * Math.abs(sum)) {
                return sum;
            }
        }
        throw notConverged(a, b, c, z);
    }

    /**
     * \( F = {}_2F_1(1, b; c; z) \) for \( 0 \le z \lt 1 \), \( c \gt b \gt 0 \), given also \( w = 1 - z \)
     * computed without cancellation by the caller (near \( z = 1 \) the rounding of \( z \) would otherwise cost
     * digits). Chooses the power series or the \( 1 - z \) connection formula as described in the class comment.
     *
     * @throws ArithmeticException if the chosen series has not converged after {@link #MAX_TERMS} terms
     */
    static double hyp2f1One(double b, double c, double z, double w) {
        return one(b, c, z, w, null);
    }

    /**
     * \( F = {}_2F_1(1, b; c; z) \) and its partial derivatives, as {@link #hyp2f1One}: writes
     * \( F, \partial F/\partial b, \partial F/\partial c, \partial F/\partial z \) to {@code out[0..3]}.
     * Term \( k \) of the series is \( t_k = \prod_{j \lt k} \frac{b+j}{c+j} z^k \), so
     * \( \partial t_k / \partial b = t_k \sum_{j \lt k} 1/(b+j) \), likewise for \( c \) with a minus sign, and
     * \( \partial t_k/\partial z = k t_k / z \); the connection formula is differentiated term by term.
     */
    static void hyp2f1OneWithDerivatives(double b, double c, double z, double w, double[] out) {
        one(b, c, z, w, out);
    }

    /** The direct series is used when \( z^k \) falls below \( e^{-40} \) within this many terms. */
    static final int DIRECT_TERMS = 50_000;
    /** Above this \( b w \) the connection formula's series cancels digits and the direct series is used. */
    static final double CONNECTION_MAX_BW = 1;
    /** Below this distance from an integer, \( c - 1 - b \) is treated by interpolation (15.3.10 neighbourhood). */
    static final double NEAR_INTEGER = 1e-4;

    private static double one(double b, double c, double z, double w, double[] out) {
        double delta = c - 1 - b;
        // the direct series' stopping bound needs z^k to reach about e^-40 (its terms' polynomial decay does not
        // help the bound), so it is cheap when w DIRECT_TERMS >= 40; it is also used when the connection formula's
        // own series, whose terms grow like (b w)^k / k! before they fall, would cancel digits (b w > 1)
        boolean direct = z <= 0.5 || b * w > CONNECTION_MAX_BW || DIRECT_TERMS * w >= 40;
        if (direct) {
            return series(b, c, z, out);
        }
        double n = Math.rint(delta);
        double e = delta - n;
        if (Math.abs(e) >= NEAR_INTEGER) {
            return connection(b, c, z, w, out);
        }
        if (MAX_TERMS / 2 * w >= 40) {
            // the direct series is still affordable, and needs no interpolation
            return series(b, c, z, out);
        }
        // c - a - b (almost) an integer (A&S 15.3.10/15.3.11): the two halves of 15.3.6 have poles that cancel.
        // F is analytic in c, so interpolate by the cubic through c - 1 - b = n - 2h, n - h, n + h, n + 2h (error
        // O(h^4) times the fourth derivative; rounding grows like eps / h for F and eps / h^2 for the derivatives)
        double h = NEAR_INTEGER;
        double[] nodes = {-2 * h, -h, h, 2 * h};
        double[] part = out == null ? null : new double[4];
        double value = 0;
        if (out != null) {
            java.util.Arrays.fill(out, 0);
        }
        for (int j = 0; j < 4; j++) {
            double weight = 1;
            for (int m = 0; m < 4; m++) {
                if (m != j) {
                    weight *= (e - nodes[m]) / (nodes[j] - nodes[m]);
                }
            }
            value += weight * connection(b, c - e + nodes[j], z, w, part);
            if (out != null) {
                for (int q = 0; q < 4; q++) {
                    out[q] += weight * part[q];
                }
            }
        }
        return value;
    }

    /**
     * Abramowitz and Stegun 15.3.6 for \( a = 1 \), with \( \delta = c - 1 - b \) and \( w = 1 - z \); the second
     * series collapses because its third parameter equals its second:
     * \[ {}_2F_1(1, b; c; z) = \frac{c-1}{\delta}\, {}_2F_1(1, b; 1-\delta; w)
     *   + \frac{\Gamma(c)\Gamma(-\delta)}{\Gamma(b)}\, w^{\delta} z^{1-c}. \]
     */
    private static double connection(double b, double c, double z, double w, double[] out) {
        double delta = c - 1 - b;
        double cp = 1 - delta;
        double n = Math.rint(delta);
        double f = delta - n;
        double sinPiDelta = (((long) n) % 2 == 0 ? 1 : -1) * Math.sin(Math.PI * f);
        // Gamma(-delta) by reflection: Gamma(-delta) Gamma(1 + delta) = -pi / sin(pi delta)
        double sign = sinPiDelta > 0 ? -1 : 1;
        double lnZ = Math.log1p(-w);
        double lnW = Math.log(w);
        double logH = logGammaRatio(b, 1 + delta) + Math.log(Math.PI) - Math.log(Math.abs(sinPiDelta))
                - Gamma.logGamma(1 + delta) + delta * lnW + (1 - c) * lnZ;
        double hh = sign * Math.exp(logH);
        double k = (c - 1) / delta;
        double[] g = out == null ? null : new double[4];
        double gg = series(b, cp, w, g);
        double value = k * gg + hh;
        if (out != null) {
            double cot = Math.cos(Math.PI * f) / Math.sin(Math.PI * f);
            double psiMinusDelta = Gamma.digamma(1 + delta) + Math.PI * cot;
            double lb = psiMinusDelta - Gamma.digamma(b) - lnW;
            double lc = Gamma.digamma(c) - psiMinusDelta + lnW - lnZ;
            double lz = -delta / w + (1 - c) / z;
            out[0] = value;
            out[1] = (c - 1) / (delta * delta) * gg + k * (g[1] + g[2]) + hh * lb;
            out[2] = (1 / delta - (c - 1) / (delta * delta)) * gg - k * g[2] + hh * lc;
            out[3] = -k * g[3] + hh * lz;
        }
        return value;
    }

    /** \( \ln\Gamma(x + d) - \ln\Gamma(x) \) for \( x \gt 0, x + d \gt 0 \), without cancellation for large x. */
    static double logGammaRatio(double x, double d) {
        double y = x + d;
        if (Math.min(x, y) < 100) {
            return Gamma.logGamma(y) - Gamma.logGamma(x);
        }
        // Stirling: ln G(y) = (y - 1/2) ln y - y + ln(2 pi)/2 + 1/(12 y) - 1/(360 y^3) + 1/(1260 y^5) - ...
        double main = (x - 0.5) * Math.log1p(d / x) + d * Math.log(y) - d;
        return main + stirlingTail(y) - stirlingTail(x);
    }

    private static double stirlingTail(double y) {
        double i = 1 / y;
        double i2 = i * i;
        return i * (1.0 / 12 - i2 * (1.0 / 360 - i2 * (1.0 / 1260 - i2 / 1680)));
    }

    /**
     * The power series of \( {}_2F_1(1, b; c; z) \) for \( |z| \lt 1 \) and any real \( c \) that is not a
     * non-positive integer (terms may change sign while \( c + k \lt 0 \)); with {@code out != null} also the
     * derivatives by b, c and z.
     */
    private static double series(double b, double c, double z, double[] out) {
        double sum = 1;
        double db = 0;
        double dc = 0;
        double dz = 0;
        if (z != 0) {
            double term = 1;
            double sb = 0;
            double sc = 0;
            boolean done = false;
            boolean derivs = out != null;
            for (int k = 0; k < MAX_TERMS; k++) {
                term *= (b + k) / (c + k) * z;
                sum += term;
                if (derivs) {
                    sb += 1 / (b + k);
                    sc += 1 / (c + k);
                    db += term * sb;
                    dc -= term * sc;
                    dz += (k + 1) * term;
                }
                if (term == 0) {
                    done = true;
                    break;
                }
                // past the last negative c + j the ratios are positive and decrease towards z
                if (c + k + 1 > 0) {
                    double rho = Math.max((b + k + 1) / (c + k + 1) * z, z);
                    double bound = derivs ? (k + 2) * Math.abs(term) * rho / ((1 - rho) * (1 - rho))
                            : Math.abs(term) * rho / (1 - rho);
                    if (rho < 1 && bound <= EPS * Math.abs(sum)) {
                        done = true;
                        break;
                    }
                }
            }
            if (!done) {
                throw notConverged(1, b, c, z);
            }
            dz /= z;
        } else {
            dz = b / c;
        }
        if (out != null) {
            out[0] = sum;
            out[1] = db;
            out[2] = dc;
            out[3] = dz;
        }
        return sum;
    }

    private static ArithmeticException notConverged(double a, double b, double c, double z) {
        return new ArithmeticException("The hypergeometric series 2F1(" + a + ", " + b + "; " + c + "; " + z
                + ") did not converge in " + MAX_TERMS + " terms");
    }

    /** \( \ln(1 + e^{d}) \) without overflow. */
    static double softplus(double d) {
        return d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
    }

    /** The logistic function \( 1/(1 + e^{-d}) \). */
    static double sigmoid(double d) {
        return d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
    }

    /** \( \ln(1 - e^{d}) \) for \( d \le 0 \), accurate near both ends (Maechler 2012). */
    static double log1mexp(double d) {
        return d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
    }
}
