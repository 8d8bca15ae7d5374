/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

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
     * \( F = {}_2F_1(1, b; c; z) \) and its partial derivatives for \( 0 \le z \lt 1 \), \( c \gt b \gt 0 \):
     * writes \( F, \partial F/\partial b, \partial F/\partial c, \partial F/\partial z \) to {@code out[0..3]}.
     * Term \( k \) is \( t_k = \prod_{j \lt k} \frac{b+j}{c+j} z^k \), so
     * \( \partial t_k / \partial b = t_k \sum_{j \lt k} 1/(b+j) \), likewise for \( c \) with a minus sign, and
     * \( \partial t_k/\partial z = k t_k / z \).
     */
    static void hyp2f1OneWithDerivatives(double b, double c, double z, double[] out) {
        double sum = 1;
        double db = 0;
        double dc = 0;
        double dz = 0;
        if (z != 0) {
            double term = 1;
            double sb = 0;
            double sc = 0;
            boolean done = false;
            for (int k = 0; k < MAX_TERMS; k++) {
                term *= (b + k) / (c + k) * z;
                sb += 1 / (b + k);
                sc += 1 / (c + k);
                sum += term;
                db += term * sb;
                dc -= term * sc;
                dz += (k + 1) * term;
                double rho = Math.max((b + k + 1) / (c + k + 1) * z, z);
                // the derivative series decay as k t_k, so stop on the slowest of them
                if (term == 0 || (rho < 1 && (k + 2) * term * rho <= EPS * (1 - rho) * (1 - rho) * sum)) {
                    done = true;
                    break;
                }
            }
            if (!done) {
                throw notConverged(1, b, c, z);
            }
            dz /= z;
        } else {
            dz = b / c;
        }
        out[0] = sum;
        out[1] = db;
        out[2] = dc;
        out[3] = dz;
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
