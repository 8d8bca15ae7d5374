/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

/**
 * Thrown when a Gaussian-mixture component collapses and the fit cannot, or was told not to, recover: its
 * covariance is not positive definite even after {@code regCovar} was added to the diagonal, or it lost all
 * its rows. The message names the component, the iteration and the remedy; {@link #component()},
 * {@link #run()} and {@link #iteration()} give them to code.
 *
 * <p>It extends {@link IllegalArgumentException} because the cause is the data under the chosen
 * configuration (duplicate rows, a constant column, more components than the data support), as for the
 * library's other data errors.
 *
 * @see GaussianMixture.CollapsePolicy
 * @since 0.1
 */
public final class ComponentCollapseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int component;
    private final int run;
    private final int iteration;

    ComponentCollapseException(String message, int component, int run, int iteration) {
        super(message);
        this.component = component;
        this.run = run;
        this.iteration = iteration;
    }

    /** The component that collapsed, or -1 for the covariance that all components share (TIED). */
    public int component() {
        return component;
    }

    /** The initialisation (restart) in which it collapsed, from 0. */
    public int run() {
        return run;
    }

    /** The EM iteration whose M-step produced the collapse, from 1; 0 for the initial parameters. */
    public int iteration() {
        return iteration;
    }
}
