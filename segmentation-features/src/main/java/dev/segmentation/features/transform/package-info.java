/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Fitted feature transforms that are saved with a model and replayed, allocation-free, at scoring time:
 * {@link dev.segmentation.features.transform.FeaturePipeline} (imputation, scaling, winsorizing, encoding,
 * PCA, composite and n-tile scores, protected columns) and
 * {@link dev.segmentation.features.transform.FittedPipeline}, persisted by
 * {@link dev.segmentation.features.transform.FeaturePipelineCodec}.
 */
package dev.segmentation.features.transform;
