/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;

import java.util.Arrays;

/**
 * Minimises a smooth objective of log-parameters \( \theta \) with Commons Math 3's
 * {@code NonLinearConjugateGradientOptimizer} (Polak-Ribi&egrave;re update, Brent line search), preconditioned
 * with the inverse of a finite-difference Hessian of the analytic gradient (see {@link #newtonDirection}), adding
 * the optional penalty \( \lambda \lVert\theta\rVert^2 \).
 *
 * <h2>Why this optimiser</h2>
 * The likelihoods have cheap analytic gradients and only three or four parameters, and Commons Math 3 (a
 * dependency of the library anyway) has no quasi-Newton method; of what it has, the conjugate-gradient method
 * is the one that uses the gradient. BOBYQA and the simplex methods ignore it and need several times more
 * evaluations, and the least-squares optimisers do not apply to a likelihood. Convergence is declared on the
 * gradient, not on a small change of the objective. The conjugate-gradient phase gets half of the iteration
 * budget; if it ends short of the tolerance, damped Newton steps (the same finite-difference Hessian, with
 * backtracking) continue from its point within the rest of the budget. A fit converges when
 * \( \lVert \nabla_\theta f \rVert_2 \le \) the tolerance, where \( f \) is the mean negative log-likelihood per
 * customer plus the penalty, so the tolerance does not depend on the population size.
 */
final class LogSpaceFit {
    static final String OPTIMIZER = "commons-math3 NonLinearConjugateGradient (Polak-Ribiere, Brent line search,"
            + " finite-difference Newton preconditioner) + damped Newton refinement";

    /** The objective and its gradient; returns the value and writes the gradient. */
    interface Objective {
        double valueAndGradient(double[] theta, double[] gradient);
    }

    /** The outcome of a minimisation. */
    record Outcome(double[] theta, FitDiagnostics diagnostics) {
    }

    private LogSpaceFit() {
    }

    static Outcome minimize(Objective f, double[] start, double penalizer, int maxIterations, double tolerance) {
        int d = start.length;
        Cache cache = new Cache(f, d, penalizer);
        ConvergenceChecker<PointValuePair> checker = (iteration, previous, current) -> {
            double g = cache.gradientNorm(current.getPoint());
            return g <= tolerance
                    || Math.abs(previous.getValue() - current.getValue()) <= 1e-15 * Math.abs(current.getValue());
        };
        NonLinearConjugateGradientOptimizer opt = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE, checker, 1e-10, 1e-14, 1,
                (point, residual) -> newtonDirection(cache, point, residual));
        int cgBudget = Math.max(1, maxIterations / 2);
        double[] theta;
        try {
            PointValuePair p = opt.optimize(new MaxEval(100 * cgBudget + 1000), new MaxIter(cgBudget),
                    new ObjectiveFunction(cache::value), new ObjectiveFunctionGradient(cache::gradient),
                    GoalType.MINIMIZE, new InitialGuess(start));
            theta = p.getPoint();
        } catch (TooManyIterationsException | TooManyEvaluationsException e) {
            theta = cache.bestPoint() != null ? cache.bestPoint() : start.clone();
        }
        int iterations = opt.getIterations();
        int evaluations = opt.getEvaluations();
        double[] g = new double[d];
        double value = cache.valueAndGradient(theta, g);
        // Newton refinement: the conjugate-gradient phase can stall a little short of the tolerance on the
        // ill-conditioned likelihoods (the preconditioner changes from step to step, which spoils conjugacy);
        // damped Newton steps with backtracking finish the job in a few iterations.
        double[] trial = new double[d];
        double[] gt = new double[d];
        while (norm(g) > tolerance && iterations < maxIterations && Double.isFinite(value)) {
            double[] residual = new double[d];
            for (int j = 0; j < d; j++) {
                residual[j] = -g[j];
            }
            double[] step = newtonDirection(cache, theta, residual);
            double t = 1;
            boolean moved = false;
            for (int half = 0; half < 40; half++, t *= 0.5) {
                for (int j = 0; j < d; j++) {
                    trial[j] = theta[j] + t * step[j];
                }
                double v = cache.valueAndGradient(trial, gt);
                evaluations++;
                // near the optimum the objective changes by less than its rounding: accept a step that does not
                // raise it beyond that and reduces the gradient
                double noise = 1e-14 * Math.abs(value);
                if (v < value - noise || (v <= value + noise && norm(gt) < norm(g))) {
                    System.arraycopy(trial, 0, theta, 0, d);
                    System.arraycopy(gt, 0, g, 0, d);
                    value = v;
                    moved = true;
                    break;
                }
            }
            iterations++;
            if (!moved) {
                break;
            }
        }
        double gnorm = norm(g);
        boolean converged = gnorm <= tolerance && Double.isFinite(value);
        FitDiagnostics diag = new FitDiagnostics(OPTIMIZER, converged, iterations, evaluations, gnorm, value);
        return new Outcome(theta, diag);
    }

    /**
     * The preconditioner: solves \( H s = -\nabla f \) with \( H \) the forward-difference Hessian of the
     * analytic gradient (one gradient per parameter), damped towards the identity until it is positive
     * definite; the search directions are then Newton directions and the fit converges in a few dozen
     * iterations instead of the thousands unpreconditioned conjugate gradients need on these ill-conditioned
     * likelihoods.
     */
    static double[] newtonDirection(Cache cache, double[] point, double[] residual) {
        int d = point.length;
        double[] g0 = new double[d];
        cache.valueAndGradient(point, g0);
        double[] h = new double[d * d];
        double[] shifted = point.clone();
        double[] g = new double[d];
        for (int j = 0; j < d; j++) {
            double step = 1e-6 * Math.max(1, Math.abs(point[j]));
            shifted[j] = point[j] + step;
            cache.valueAndGradient(shifted, g);
            shifted[j] = point[j];
            for (int i = 0; i < d; i++) {
                h[i * d + j] = (g[i] - g0[i]) / step;
            }
        }
        double scale = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i * d + j] + h[j * d + i]);
                h[i * d + j] = m;
                h[j * d + i] = m;
            }
            scale = Math.max(scale, Math.abs(h[i * d + i]));
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            return residual.clone();
        }
        for (double damping = 0; damping <= 1e6 * scale; damping = damping == 0 ? 1e-10 * scale : damping * 10) {
            double[] s = solveCholesky(h, d, damping, residual);
            if (s != null) {
                return s;
            }
        }
        return residual.clone();
    }

    /** Solves \( (H + \mu I) s = r \) by Cholesky; {@code null} when the matrix is not positive definite. */
    private static double[] solveCholesky(double[] h, int d, double mu, double[] r) {
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i * d + j] + (i == j ? mu : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i * d + k] * l[j * d + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
        }
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            double s = r[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * d + k] * y[k];
            }
            y[i] = s / l[i * d + i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < d; k++) {
                s -= l[k * d + i] * x[k];
            }
            x[i] = s / l[i * d + i];
        }
        return x;
    }

    static double norm(double[] g) {
        double s = 0;
        for (int j = 0; j < g.length; j++) {
            s += g[j] * g[j];
        }
        return Math.sqrt(s);
    }

    /** Evaluates value and gradient together and remembers the last point, as the optimiser asks for both. */
    private static final class Cache {
        private final Objective f;
        private final double penalizer;
        private final double[] point;
        private final double[] gradient;
        private double value;
        private boolean valid;
        private double[] bestPoint;
        private double bestValue = Double.POSITIVE_INFINITY;

        Cache(Objective f, int d, double penalizer) {
            this.f = f;
            this.penalizer = penalizer;
            this.point = new double[d];
            this.gradient = new double[d];
        }

        double valueAndGradient(double[] theta, double[] g) {
            double v = f.valueAndGradient(theta, g);
            for (int j = 0; j < theta.length; j++) {
                v += penalizer * theta[j] * theta[j];
                g[j] += 2 * penalizer * theta[j];
            }
            if (!Double.isFinite(v)) {
                // outside the region where the likelihood is representable: a wall for the line search
                Arrays.fill(g, 0);
                return Double.MAX_VALUE;
            }
            return v;
        }

        private void at(double[] theta) {
            if (valid && Arrays.equals(theta, point)) {
                return;
            }
            System.arraycopy(theta, 0, point, 0, theta.length);
            value = valueAndGradient(theta, gradient);
            valid = true;
            if (value < bestValue) {
                bestValue = value;
                bestPoint = theta.clone();
            }
        }

        double value(double[] theta) {
            at(theta);
            return value;
        }

        double[] gradient(double[] theta) {
            at(theta);
            return gradient.clone();
        }

        double gradientNorm(double[] theta) {
            at(theta);
            return norm(gradient);
        }

        double[] bestPoint() {
            return bestPoint;
        }
    }
}
