/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Stability of a segmentation: under resampling ({@link dev.segmentation.validation.stability.BootstrapStability},
 * Hennig 2007), across retraining ({@link dev.segmentation.validation.stability.LabelMatching}, so that a
 * segment keeps its identity and name), for the same customers at two dates
 * ({@link dev.segmentation.validation.stability.Migration}), and across time periods
 * ({@link dev.segmentation.validation.stability.TimeSliceStability}).
 */
package dev.segmentation.validation.stability;
