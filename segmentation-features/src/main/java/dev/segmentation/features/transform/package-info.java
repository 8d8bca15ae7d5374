/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Fitted feature transforms that are saved with a model and replayed, allocation-free, at scoring time:
 * {@link dev.segmentation.features.transform.FeaturePipeline} (imputation, scaling, winsorizing, encoding,
 * PCA, composite and n-tile scores, protected columns) and
 * {@link dev.segmentation.features.transform.FittedPipeline}, persisted by
 * {@link dev.segmentation.features.transform.FeaturePipelineCodec}.
 *
 * <h2>Inside: one class per step type</h2>
 * Every step type lives in one package-private class, {@code <Name>Step}, which holds all there is to know
 * about it:
 * <ul>
 *   <li>{@code static final StepType TYPE}: the name written to the model file, the columns it reads
 *       (numeric, categorical or any), its traits (written by the first release, may have no column, accepts
 *       missing values) and its decoder;</li>
 *   <li>{@code static StepSpec spec(...)}: the unfitted configuration, whose fitter calls the class's
 *       {@code fit};</li>
 *   <li>the fitted step itself: its transform ({@code apply}; a per-column function extends
 *       {@code ElementwiseStep}, an encoder of categories {@code EncoderStep}) and its output columns;</li>
 *   <li>{@code encodeParameters(StepParameters)}: the one encoder, which writes every fitted parameter once,
 *       to the model file and to the canonical form at the same time;</li>
 *   <li>{@code static decode(Section, String, int[], Stage)}: the reader, which checks every parameter and
 *       names the offending one.</li>
 * </ul>
 * To add a step type: write that class, add its {@code TYPE} to {@code FeaturePipelineCodec.STEP_TYPES} (one
 * line), and add the public builder method to {@link dev.segmentation.features.transform.FeaturePipeline.Builder}
 * that adds its spec. Nothing else names the types: the fit loop, the codec's column checks, the decoding
 * switch and the fingerprint all go through {@code StepType}, {@code StepSpec} and {@code Step}. The new type
 * needs layout version 2 of the file (it is not {@code FIRST_RELEASE}); pipelines without it keep their files
 * and their fingerprints.
 *
 * <h2>How the fingerprint is derived</h2>
 * {@link dev.segmentation.features.transform.FittedPipeline#fingerprint()} is the SHA-256 of a canonical byte
 * form of the pipeline. The form of each step is written by the same {@code encodeParameters} call that writes
 * the step to the model file: each {@code StepParameters} method puts one field in the file and appends the
 * same value, in a fixed binary layout (texts as modified UTF-8, numbers as their IEEE-754 bits, arrays after
 * their length, column references as indices), to the canonical form, so the fingerprint follows the encoding
 * field by field and cannot drift from it. Fields that do not change the output (diagnostics such as
 * explained-variance ratios, the missing shares of dropped columns, the training row count) are written to the
 * file only; where the file keeps a value in another form than the computation uses (the divisor of a
 * constant column in robust scaling, the unseen policy that the file writes once per step and the canonical
 * form once per column) the step writes each form once, side by side. Around the steps come the input
 * columns and, only when present, their categories and the protected columns
 * ({@code FeaturePipelineCodec.fingerprint}). The layout is the one the first releases hashed, so the
 * fingerprints of pipelines saved by them do not change.
 */
package dev.segmentation.features.transform;
