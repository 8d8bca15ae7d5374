/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;

/**
 * An optional interface for fitted models that have a likelihood (Gaussian mixtures, for example): implement
 * it, and {@link KSweep} computes the BIC of every fit with {@link Bic#of(LikelihoodModel, Dataset)} without
 * further configuration.
 *
 * <p>A model class that cannot depend on this module (the core module's mixtures) plugs in instead through a
 * {@link ModelCriterion} given to {@link KSweep#withBic}, typically a method reference to its own
 * {@code bic(Dataset)}.
 *
 * @since 0.1
 */
public interface LikelihoodModel {
    /**
     * The log-likelihood of the data under the fitted model (natural logarithm).
     *
     * @param data rows with the model's columns. Not modified.
     */
    double logLikelihood(Dataset data);

    /** The number of free parameters of the model (for a full-covariance mixture of k components in d dimensions, \( k - 1 + k d + k d (d + 1)/2 \)). */
    int freeParameters();
}
