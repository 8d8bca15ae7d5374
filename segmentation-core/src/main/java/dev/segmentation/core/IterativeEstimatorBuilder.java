/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

/**
 * The options of an iterative fit with restarts (K-means, Gaussian-mixture EM, the K-means stage of a two-stage
 * Ward fit), written once with scikit-learn's names: the number of runs ({@code n_init}), the iteration limit of
 * a run ({@code max_iter}), the convergence tolerance ({@code tol}) and the seed ({@code random_state}). What a
 * run's tolerance measures and the defaults are the estimator's own, stated in its javadoc; an option left unset
 * takes that default.
 *
 * @param <B> the builder's own type, which every setter returns
 * @since 0.1
 */
public abstract class IterativeEstimatorBuilder<B extends IterativeEstimatorBuilder<B>> extends EstimatorBuilder<B> {
    private int nInit = -1;
    private int maxIter = -1;
    private double tol = Double.NaN;
    private long seed;
    private boolean seedSet;

    /** For subclasses. */
    protected IterativeEstimatorBuilder() {
    }

    /**
     * The number of runs from different initialisations; the fit keeps the best.
     *
     * @throws IllegalArgumentException if {@code value < 1}
     * @throws IllegalStateException if already set
     */
    public final B nInit(int value) {
        Checks.notYetSet("nInit", nInit != -1);
        nInit = Checks.atLeast("nInit", value, 1);
        return self();
    }

    /**
     * The iteration limit of a run.
     *
     * @throws IllegalArgumentException if {@code value < 1}
     * @throws IllegalStateException if already set
     */
    public final B maxIter(int value) {
        Checks.notYetSet("maxIter", maxIter != -1);
        maxIter = Checks.atLeast("maxIter", value, 1);
        return self();
    }

    /**
     * The convergence tolerance of a run (what it measures: see the estimator); 0 runs until the fit stops
     * changing or {@code maxIter} is reached.
     *
     * @throws IllegalArgumentException if negative, NaN or infinite
     * @throws IllegalStateException if already set
     */
    public final B tol(double value) {
        Checks.notYetSet("tol", !Double.isNaN(tol));
        tol = Checks.nonNegative("tol", value);
        return self();
    }

    /**
     * The seed of every random choice of the fit, recorded in the model.
     *
     * @throws IllegalStateException if already set
     */
    public final B seed(long value) {
        Checks.notYetSet("seed", seedSet);
        seed = value;
        seedSet = true;
        return self();
    }

    /** The configured number of runs, or {@code otherwise} when unset. */
    protected final int nInitOr(int otherwise) {
        return nInit == -1 ? otherwise : nInit;
    }

    /** The configured iteration limit, or {@code otherwise} when unset. */
    protected final int maxIterOr(int otherwise) {
        return maxIter == -1 ? otherwise : maxIter;
    }

    /** The configured tolerance, or {@code otherwise} when unset. */
    protected final double tolOr(double otherwise) {
        return Double.isNaN(tol) ? otherwise : tol;
    }

    /** The configured seed, or {@code otherwise} when unset. */
    protected final long seedOr(long otherwise) {
        return seedSet ? seed : otherwise;
    }
}
