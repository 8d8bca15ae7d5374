/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

import java.util.concurrent.ForkJoinPool;

/**
 * The options every estimator's builder shares, written once: where the fit's row-parallel passes run. An
 * estimator's builder extends this (or {@link IterativeEstimatorBuilder}) and adds its own options; every setter
 * may be called once (a second call throws {@link IllegalStateException}), and results never depend on the pool:
 * a fit is bit-identical on one thread, the common pool or any {@link ForkJoinPool}.
 *
 * @param <B> the builder's own type, which every setter returns
 * @since 0.1
 */
public abstract class EstimatorBuilder<B extends EstimatorBuilder<B>> {
    private ForkJoinPool pool = ForkJoinPool.commonPool();
    private boolean poolSet;

    /** For subclasses. */
    protected EstimatorBuilder() {
    }

    /** This builder, as its own type. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * The pool for the fit's row-parallel passes (default: the common pool).
     *
     * @throws IllegalStateException if the pool or {@link #singleThreaded()} was already set
     */
    public final B pool(ForkJoinPool value) {
        Checks.notYetSet("pool", poolSet);
        pool = Checks.notNull("pool", value);
        poolSet = true;
        return self();
    }

    /**
     * Runs every pass in the calling thread.
     *
     * @throws IllegalStateException if the pool or {@code singleThreaded()} was already set
     */
    public final B singleThreaded() {
        Checks.notYetSet("pool", poolSet);
        pool = null;
        poolSet = true;
        return self();
    }

    /** The pool the fit uses, or {@code null} to run in the calling thread. */
    protected final ForkJoinPool configuredPool() {
        return pool;
    }
}
