/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Experiments: {@link dev.segmentation.activation.experiment.Experiment} (hashed, stratified arms),
 * {@link dev.segmentation.activation.experiment.ArmAssignment} (who is where, realised against target shares) and
 * {@link dev.segmentation.activation.experiment.Planner} (sample sizes and detectable effects).
 *
 * @since 0.1
 */
package dev.segmentation.activation.experiment;
