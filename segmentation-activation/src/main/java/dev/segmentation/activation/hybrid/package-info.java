/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Hybrid segmentation: {@link dev.segmentation.activation.hybrid.HybridSegmenter} (precedence rules, a cluster
 * model, merges and splits; model type {@code "hybrid-segmenter"}).
 *
 * @since 0.1
 */
package dev.segmentation.activation.hybrid;
