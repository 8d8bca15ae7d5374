/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Lift: {@link dev.segmentation.activation.lift.LiftAnalysis} and its
 * {@link dev.segmentation.activation.lift.LiftReport}.
 *
 * @since 0.1
 */
package dev.segmentation.activation.lift;
