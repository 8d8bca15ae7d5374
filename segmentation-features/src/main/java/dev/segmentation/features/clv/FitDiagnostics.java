/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

/**
 * The state of a maximum-likelihood fit when the optimiser stopped.
 *
 * @param optimizer the optimiser, for example {@code "commons-math3 NonLinearConjugateGradient (Polak-Ribiere)"}
 * @param converged whether the gradient norm reached the tolerance; a fit that did not is never returned as a
 *     model, it is thrown as a {@link NotConvergedException} carrying these diagnostics
 * @param iterations optimiser iterations
 * @param evaluations objective evaluations (line-search steps included)
 * @param gradientNorm the Euclidean norm of the gradient of the objective (mean negative log-likelihood per
 *     customer plus the penalty) with respect to the log-parameters, at the last point
 * @param objective that objective at the last point
 * @since 0.1
 */
public record FitDiagnostics(String optimizer, boolean converged, int iterations, int evaluations,
                             double gradientNorm, double objective) {
}
