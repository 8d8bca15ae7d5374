/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * The segmentation report: {@link dev.segmentation.report.SegmentationReport}, one self-contained HTML page
 * for people who will never read the console output, and {@link dev.segmentation.report.Charts}, every chart
 * of it alone as standalone SVG ({@link dev.segmentation.report.Chart}), both drawn from the library's own
 * result objects without refitting anything.
 *
 * <p>Inputs that the library's results do not carry have small types of their own: names and colours of
 * segments ({@link dev.segmentation.report.SegmentStyle}), labels and units of features
 * ({@link dev.segmentation.report.FeatureDescription}), per-segment figures from any source such as a CLV model
 * or a campaign's measured lift ({@link dev.segmentation.report.SegmentFigure}), segment sizes at snapshot
 * dates ({@link dev.segmentation.report.SegmentComposition}) and a two-dimensional view of the customers
 * ({@link dev.segmentation.report.Projection}).
 *
 * <p>The charts are written by the library itself as inline SVG: no JavaScript, no chart library, no font or
 * image file, so the page opens offline from the file system, the output is the same bytes for the same
 * input, and each chart can be tested against a golden file.
 *
 * @since 0.1
 */
package dev.segmentation.report;
