/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;

/**
 * A reusable holder for the result of assigning one row: the segment, its confidence and, for models that
 * have them, the membership probabilities. An {@link Assigner} fills it in without allocating, so a service
 * keeps one per thread and reuses it for every request:
 * <pre>{@code
 * Assignment a = scorer.newAssignment();           // once per thread
 * scorer.assign(rawValues, a);
 * int segment = a.segment();                        // or ClusterModel.NOISE
 * double confidence = a.confidence();               // meaning: scorer.confidenceKind()
 * double pTop = a.hasProbabilities() ? a.probability(segment) : Double.NaN;
 * }</pre>
 *
 * <p>Not thread-safe: a mutable per-thread buffer. Before the first assignment it holds no result
 * ({@link #segment()} throws).
 *
 * @since 0.1
 */
public final class Assignment {
    private final double[] probabilities;
    private int segment;
    private boolean assigned;
    private double confidence;
    private boolean hasConfidence;
    private boolean hasProbabilities;

    /**
     * A holder for models of {@code k} segments.
     *
     * @throws IllegalArgumentException if {@code k} is negative
     */
    public Assignment(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0 but was " + k);
        }
        this.probabilities = new double[k];
    }

    /** The number of segments this holder has room for. */
    public int k() {
        return probabilities.length;
    }

    /**
     * The segment of the last assigned row, or {@link ClusterModel#NOISE}.
     *
     * @throws IllegalStateException if nothing has been assigned yet
     */
    public int segment() {
        if (!assigned) {
            throw new IllegalStateException("Nothing has been assigned to this holder yet");
        }
        return segment;
    }

    /** Whether the last row was left out of every segment (DBSCAN noise). */
    public boolean isNoise() {
        return segment() == ClusterModel.NOISE;
    }

    /** Whether the model reported a confidence for the last row. */
    public boolean hasConfidence() {
        return assigned && hasConfidence;
    }

    /**
     * The confidence of the last row's segment, in the model's {@link ConfidenceKind}.
     *
     * @throws IllegalStateException if the model reports no confidence or nothing has been assigned
     */
    public double confidence() {
        if (!hasConfidence()) {
            throw new IllegalStateException(assigned ? "The model reports no confidence"
                    : "Nothing has been assigned to this holder yet");
        }
        return confidence;
    }

    /** Whether the model reported membership probabilities for the last row. */
    public boolean hasProbabilities() {
        return assigned && hasProbabilities;
    }

    /**
     * The membership probability of segment {@code c} for the last row.
     *
     * @throws IllegalStateException if the model has no probabilities or nothing has been assigned
     * @throws IndexOutOfBoundsException if {@code c} is outside {@code [0, k)}
     */
    public double probability(int c) {
        requireProbabilities();
        if (c < 0 || c >= probabilities.length) {
            throw new IndexOutOfBoundsException("segment " + c + " is outside [0, " + probabilities.length + ")");
        }
        return probabilities[c];
    }

    /**
     * Copies the membership probabilities of the last row into {@code out[0 .. k)}.
     *
     * @param out at least {@code k()} values. Modified.
     * @return {@code out}
     * @throws IllegalStateException if the model has no probabilities or nothing has been assigned
     */
    public double[] probabilities(double[] out) {
        requireProbabilities();
        Checks.notNull("out", out);
        if (out.length < probabilities.length) {
            throw new IllegalArgumentException("out has " + out.length + " values for " + probabilities.length
                    + " segments");
        }
        System.arraycopy(probabilities, 0, out, 0, probabilities.length);
        return out;
    }

    private void requireProbabilities() {
        if (!hasProbabilities()) {
            throw new IllegalStateException(assigned ? "The model reports no membership probabilities"
                    : "Nothing has been assigned to this holder yet");
        }
    }

    // ------------------------------------------------------------------------ for Assigner implementations

    /** Records a segment without a confidence. For {@link Assigner} implementations. */
    public void set(int segment) {
        record(segment, 0, false, false);
    }

    /** Records a segment and its confidence. For {@link Assigner} implementations. */
    public void set(int segment, double confidence) {
        record(segment, confidence, true, false);
    }

    /**
     * The buffer an implementation writes the membership probabilities into (k values) before it calls
     * {@link #setWithProbabilities}. For {@link Assigner} implementations; callers read probabilities with
     * {@link #probability} or {@link #probabilities(double[])}.
     */
    public double[] probabilityBuffer() {
        return probabilities;
    }

    /**
     * Records a segment, its confidence, and the probabilities already written to {@link #probabilityBuffer()}.
     * For {@link Assigner} implementations.
     */
    public void setWithProbabilities(int segment, double confidence) {
        record(segment, confidence, true, true);
    }

    private void record(int s, double c, boolean withConfidence, boolean withProbabilities) {
        if (s < ClusterModel.NOISE || s >= probabilities.length) {
            throw new IllegalArgumentException("segment " + s + " is outside [-1, " + probabilities.length + ")");
        }
        segment = s;
        confidence = c;
        hasConfidence = withConfidence;
        hasProbabilities = withProbabilities;
        assigned = true;
    }

    @Override
    public String toString() {
        if (!assigned) {
            return "Assignment[none]";
        }
        return "Assignment[segment=" + segment + (hasConfidence ? ", confidence=" + confidence : "")
                + (hasProbabilities ? ", probabilities=" + Arrays.toString(probabilities) : "") + "]";
    }
}
