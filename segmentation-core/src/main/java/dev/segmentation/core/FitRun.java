/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * How an iterative fit with restarts ran: the iterations and the convergence of the run that was kept, the seed
 * of the fit, the index of the kept run and the number of runs.
 *
 * @param iterations the iterations of the kept run, {@code >= 0}
 * @param converged whether the kept run stopped on its tolerance (or a stable labelling) before its iteration
 *     limit
 * @param seed the seed of every random choice of the fit
 * @param bestRun the index of the kept run, in {@code [0, nInit)}, or 0 when there were no runs
 * @param nInit the number of runs (0 for a model built from given parameters rather than fitted)
 * @since 0.1
 */
public record FitRun(int iterations, boolean converged, long seed, int bestRun, int nInit) {
    /**
     * Validates the run.
     *
     * @throws IllegalArgumentException if a count is negative or {@code bestRun} is not below a positive
     *     {@code nInit}
     */
    public FitRun {
        if (iterations < 0 || nInit < 0 || bestRun < 0 || (nInit > 0 && bestRun >= nInit)) {
            throw new IllegalArgumentException("A fit run needs iterations >= 0 and 0 <= bestRun < nInit but has "
                    + "iterations = " + iterations + ", bestRun = " + bestRun + ", nInit = " + nInit);
        }
    }
}
