/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Explanations of segment assignments: exact per-feature contributions for nearest-centroid models
 * ({@link dev.segmentation.validation.explain.CentroidExplainer}) and readable rules per segment from a shallow
 * surrogate decision tree, with its fidelity ({@link dev.segmentation.validation.explain.SurrogateTree}).
 */
package dev.segmentation.validation.explain;
