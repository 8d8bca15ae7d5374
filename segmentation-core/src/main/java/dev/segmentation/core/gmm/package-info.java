/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Gaussian mixture models: {@link dev.segmentation.core.gmm.GaussianMixture} (EM with full, tied, diagonal
 * or spherical covariances, as scikit-learn's {@code GaussianMixture}), the fitted
 * {@link dev.segmentation.core.gmm.GaussianMixtureModel} with soft memberships, log-likelihoods, BIC and
 * AIC, the allocation-free {@link dev.segmentation.core.gmm.GaussianMixtureScorer}, and the model-file codec.
 *
 * @since 0.1
 */
package dev.segmentation.core.gmm;
