/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * Customer-lifetime-value models on the buy-till-you-die summary ({@link dev.segmentation.features.rfm.BtydSummary}):
 * the BG/NBD and Pareto/NBD transaction models, the Gamma-Gamma spend model, discounted CLV, and
 * calibration/holdout evaluation. Estimators are immutable configuration whose {@code fit} returns an immutable
 * model; fitted models persist through {@link dev.segmentation.core.io.ModelIO}.
 *
 * @since 0.1
 */
package dev.segmentation.features.clv;
