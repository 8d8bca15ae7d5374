/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Drift between a reference period (usually the training data) and a current one: the population stability
 * index per feature and over the segment mix ({@link dev.segmentation.validation.drift.PopulationStabilityIndex}),
 * the two-sample Kolmogorov-Smirnov test ({@link dev.segmentation.validation.drift.KolmogorovSmirnov}), centroid
 * drift and segment-size shifts, gathered by a {@link dev.segmentation.validation.drift.DriftMonitor} into a
 * {@link dev.segmentation.validation.drift.DriftReport} that lists what moved and which alerts fire.
 */
package dev.segmentation.validation.drift;
