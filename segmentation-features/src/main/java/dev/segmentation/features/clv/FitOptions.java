/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

/**
 * The settings shared by the CLV estimators: the L2 penalty on the log-parameters, the iteration limit and the
 * gradient tolerance. Immutable; validated at construction.
 *
 * @param penalizer \( \lambda \ge 0 \); the objective is the mean negative log-likelihood per customer plus
 *     \( \lambda \sum_j (\ln\theta_j)^2 \) (lifetimes penalises \( \sum_j \theta_j^2 \) instead; on the log scale
 *     the penalty pulls every parameter towards 1 symmetrically and never towards the boundary 0)
 * @param maxIterations the optimiser's iteration limit, \( \ge 1 \)
 * @param tolerance the gradient-norm tolerance, \( \gt 0 \)
 * @since 0.1
 */
public record FitOptions(double penalizer, int maxIterations, double tolerance) {
    /** No penalty, 2,000 iterations, gradient norm \( \le 10^{-9} \). */
    public static final FitOptions DEFAULT = new FitOptions(0, 2_000, 1e-9);

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException if a setting is out of range or not finite
     */
    public FitOptions {
        if (!(penalizer >= 0) || Double.isInfinite(penalizer)) {
            throw new IllegalArgumentException("penalizer must be finite and >= 0 but was " + penalizer);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1 but was " + maxIterations);
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and > 0 but was " + tolerance);
        }
    }

    /** The same options with another penalty. */
    public FitOptions withPenalizer(double value) {
        return new FitOptions(value, maxIterations, tolerance);
    }

    /** The same options with another iteration limit. */
    public FitOptions withMaxIterations(int value) {
        return new FitOptions(penalizer, value, tolerance);
    }

    /** The same options with another gradient tolerance. */
    public FitOptions withTolerance(double value) {
        return new FitOptions(penalizer, maxIterations, value);
    }
}
