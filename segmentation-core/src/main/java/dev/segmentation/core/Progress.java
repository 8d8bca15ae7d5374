/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * One progress report of a running fit.
 *
 * @param algorithm the algorithm's name, for example {@code "k-means (hamerly)"}
 * @param run the restart (initialisation) being run, from 0
 * @param runs the number of restarts in the fit
 * @param iteration the iteration just completed, from 1
 * @param maxIterations the iteration limit of a run
 * @param objective the objective after this iteration (K-means: inertia; smaller is better)
 * @since 0.1
 */
public record Progress(String algorithm, int run, int runs, int iteration, int maxIterations, double objective) {
}
