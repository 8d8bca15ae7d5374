/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import dev.segmentation.core.Assignment;
import dev.segmentation.core.ConfidenceKind;

import java.util.Arrays;

/**
 * A reusable holder for one answer of a {@link LiveScorer}: the segment (a model label, or none for a segment
 * of the fallback policy), its name, the confidence or membership probabilities, the model version that
 * answered and the fallback reason. Filled without allocation; keep one per thread.
 *
 * <p>Not thread-safe.
 *
 * @since 0.1
 */
public final class ScoreResult {
    /** {@link #segment()} of an answer that is not one of the model's segments. */
    public static final int NO_MODEL_SEGMENT = Integer.MIN_VALUE;

    private int segment = NO_MODEL_SEGMENT;
    private String segmentName;
    private double confidence = Double.NaN;
    private ConfidenceKind confidenceKind = ConfidenceKind.NONE;
    private double[] probabilities = new double[0];
    private int k;
    private boolean hasProbabilities;
    private String modelVersion;
    private FallbackReason fallback;
    private String detail;
    private double distance = Double.NaN;

    /** An empty holder. */
    public ScoreResult() {
    }

    void begin(String version, ConfidenceKind kind) {
        segment = NO_MODEL_SEGMENT;
        segmentName = null;
        confidence = Double.NaN;
        confidenceKind = kind;
        hasProbabilities = false;
        modelVersion = version;
        fallback = null;
        detail = null;
        distance = Double.NaN;
    }

    void model(int label, String name, Assignment a) {
        segment = label;
        segmentName = name;
        confidence = a.hasConfidence() ? a.confidence() : Double.NaN;
        if (a.hasProbabilities()) {
            if (probabilities.length < a.k()) {
                probabilities = new double[a.k()];
            }
            a.probabilities(probabilities);
            k = a.k();
            hasProbabilities = true;
        }
    }

    void fallback(int label, String name, FallbackReason reason) {
        segment = label;
        segmentName = name;
        fallback = reason;
        confidence = Double.NaN;
        hasProbabilities = false;
    }

    void stored(Membership m, FallbackReason reason) {
        fallback(m.segmentOrNull() == null ? NO_MODEL_SEGMENT : m.segmentOrNull(), m.segmentName(), reason);
        modelVersion = m.modelVersion();
    }

    void detail(String text) {
        detail = text;
    }

    void distance(double d) {
        distance = d;
    }

    /** The model's label, or {@link #NO_MODEL_SEGMENT} for a policy segment or when no segment is served. */
    public int segment() {
        return segment;
    }

    /** Whether the answer is one of the model's segments. */
    public boolean isModelSegment() {
        return segment != NO_MODEL_SEGMENT;
    }

    /** The segment's name, or null when no segment is served (consent revoked). */
    public String segmentName() {
        return segmentName;
    }

    /** The model's confidence in its segment ({@link #confidenceKind()}), NaN for fallbacks and models without. */
    public double confidence() {
        return confidence;
    }

    /** What {@link #confidence()} measures. */
    public ConfidenceKind confidenceKind() {
        return confidenceKind;
    }

    /** Whether the answer carries membership probabilities (mixtures, model segments only). */
    public boolean hasProbabilities() {
        return hasProbabilities;
    }

    /** The number of probabilities, when there are any. */
    public int probabilityCount() {
        return hasProbabilities ? k : 0;
    }

    /**
     * The membership probability of label {@code c}.
     *
     * @throws IllegalStateException if the answer has none
     * @throws IndexOutOfBoundsException if {@code c} is out of range
     */
    public double probability(int c) {
        if (!hasProbabilities) {
            throw new IllegalStateException("This answer carries no membership probabilities");
        }
        if (c < 0 || c >= k) {
            throw new IndexOutOfBoundsException("segment " + c + " is outside [0, " + k + ")");
        }
        return probabilities[c];
    }

    /** The model version that answered (for a stored membership, the version that assigned it). */
    public String modelVersion() {
        return modelVersion;
    }

    /** The fallback reason, or null for the model's own segment. */
    public FallbackReason fallback() {
        return fallback;
    }

    /** A human-readable detail of a scorer failure (it may quote the record's values; never log it above DEBUG). */
    public String detail() {
        return detail;
    }

    /** The distance to the segment's centre when the far rule measured one, else NaN. */
    public double distance() {
        return distance;
    }

    @Override
    public String toString() {
        return "ScoreResult[segment=" + (isModelSegment() ? Integer.toString(segment) : "-") + ", name=" + segmentName
                + ", confidence=" + confidence + (hasProbabilities ? ", p=" + Arrays.toString(Arrays.copyOf(probabilities, k))
                : "") + ", version=" + modelVersion + ", fallback=" + fallback + "]";
    }
}
