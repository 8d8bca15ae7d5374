/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Fitted feature transforms that are saved with a model and replayed, allocation-free, at scoring time:
 * {@link dev.segmentation.features.transform.FeaturePipeline} and
 * {@link dev.segmentation.features.transform.FittedPipeline}.
 */
package dev.segmentation.features.transform;
