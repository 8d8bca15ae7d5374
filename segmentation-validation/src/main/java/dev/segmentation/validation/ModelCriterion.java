/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;

/**
 * A number computed from a fitted model and its training data, such as an information criterion. Models that
 * implement {@link dev.segmentation.core.LikelihoodModel} (Gaussian mixtures) need none: {@link KSweep} uses
 * their own BIC. This is how another criterion, or a model type without a likelihood, plugs in:
 * <pre>{@code
 * KSweep.of(k -> KMeans.builder().k(k).seed(42).build())
 *     .withBic(Bic.hardSphericalGaussian())      // the BIC of K-means read as a spherical mixture
 *     .recommendBy(KSweep.Criterion.BIC)
 *     .run(features);
 * }</pre>
 *
 * @param <M> the model type
 * @since 0.1
 */
@FunctionalInterface
public interface ModelCriterion<M extends ClusterModel> {
    /**
     * The criterion of a model on the data it was fitted on.
     *
     * @param model the fitted model
     * @param data its training data. Not modified.
     * @return a finite value
     */
    double evaluate(M model, Dataset data);
}
