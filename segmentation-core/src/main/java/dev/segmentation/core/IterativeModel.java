/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * A model fitted by an iterative algorithm with restarts (K-means, Gaussian-mixture EM): what its fit did, as
 * one {@link FitRun}, with scikit-learn's names as shortcuts ({@code n_iter_}, {@code converged_}).
 *
 * @since 0.1
 */
public interface IterativeModel extends ClusterModel {
    /** How the fit ran. */
    FitRun fitRun();

    /** The iterations of the kept run (scikit-learn's {@code n_iter_}). */
    default int iterations() {
        return fitRun().iterations();
    }

    /** Whether the kept run stopped on its tolerance before its iteration limit ({@code converged_}). */
    default boolean converged() {
        return fitRun().converged();
    }

    /** The seed of the fit. */
    default long seed() {
        return fitRun().seed();
    }

    /** The index of the run that was kept, in {@code [0, nInit)}. */
    default int bestRun() {
        return fitRun().bestRun();
    }

    /** The number of runs (0 for a model built from given parameters rather than fitted). */
    default int nInit() {
        return fitRun().nInit();
    }
}
