/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

/**
 * What a CLV model's maximum-likelihood fit saw and reached.
 *
 * @param customers the customers the likelihood was summed over
 * @param excluded customers left out of the fit (Gamma-Gamma: those without repeat purchases or with zero
 *     repeat spend; 0 for the transaction models)
 * @param logLikelihood the (unpenalised) log-likelihood summed over the customers, at the fitted parameters
 * @param penalizer the L2 penalty \( \lambda \) on the log-parameters
 * @param diagnostics the optimiser's state at the end (always converged for a returned model)
 * @since 0.1
 */
public record ClvFit(int customers, int excluded, double logLikelihood, double penalizer, FitDiagnostics diagnostics) {
}
