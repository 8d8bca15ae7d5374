/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import java.util.concurrent.ForkJoinPool;

/**
 * The settings every iterative fit with restarts holds once built (K-means, Gaussian-mixture EM, the K-means stage
 * of a two-stage Ward fit): the number of runs ({@code n_init} in scikit-learn), the iteration limit of a run
 * ({@code max_iter}), the convergence tolerance ({@code tol}), the seed ({@code random_state}) and the pool of
 * the row-parallel passes. They are set with an {@link IterativeEstimatorBuilder}; what the tolerance measures is
 * the estimator's own, stated in its javadoc.
 *
 * <p>Immutable; a subclass keeps its other settings immutable too, so one estimator may fit from several threads.
 *
 * @param <M> the type of the fitted model
 * @since 0.1
 */
public abstract class IterativeClusterer<M extends ClusterModel> implements Clusterer<M> {
    private final int nInit;
    private final int maxIter;
    private final double tol;
    private final long seed;
    private final ForkJoinPool pool;

    /**
     * For subclasses, with the values their builder resolved.
     *
     * @param pool the pool of the row-parallel passes, or {@code null} to run in the calling thread
     */
    protected IterativeClusterer(int nInit, int maxIter, double tol, long seed, ForkJoinPool pool) {
        this.nInit = nInit;
        this.maxIter = maxIter;
        this.tol = tol;
        this.seed = seed;
        this.pool = pool;
    }

    /** The number of runs from different initialisations; the fit keeps the best. */
    public final int nInit() {
        return nInit;
    }

    /** The iteration limit of one run. */
    public final int maxIter() {
        return maxIter;
    }

    /** The convergence tolerance of one run (what it measures: see the estimator). */
    public final double tol() {
        return tol;
    }

    /** The seed every random choice of the fit derives from. */
    public final long seed() {
        return seed;
    }

    /** The pool of the row-parallel passes, or {@code null} when they run in the calling thread. */
    protected final ForkJoinPool pool() {
        return pool;
    }

    /**
     * Gives {@code builder} this estimator's pool (or makes it single-threaded), so that a fit run inside this one
     * uses the same threads.
     *
     * @return {@code builder}
     */
    protected final <B extends EstimatorBuilder<B>> B samePool(B builder) {
        return pool == null ? builder.singleThreaded() : builder.pool(pool);
    }
}
