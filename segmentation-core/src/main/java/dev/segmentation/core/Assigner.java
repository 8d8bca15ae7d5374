/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

import java.util.List;

/**
 * Labels rows that a model has not seen: the one assignment seam that every inductive {@link ClusterModel}
 * provides ({@link ClusterModel#assigner()}) and that {@code SegmentScorer} serves, whatever the model type.
 *
 * <p>What each of the library's models provides:
 * <table>
 *   <caption>Assigners of the library's models</caption>
 *   <tr><th>model</th><th>label</th><th>confidence</th><th>probabilities</th></tr>
 *   <tr><td>K-means, mini-batch K-means, merged centroid models</td><td>nearest centre</td>
 *       <td>{@link ConfidenceKind#MARGIN}</td><td>no</td></tr>
 *   <tr><td>hierarchical models</td><td>nearest cut mean (the mean of each flat cluster's training rows)</td>
 *       <td>{@link ConfidenceKind#MARGIN}</td><td>no</td></tr>
 *   <tr><td>Gaussian mixtures</td><td>most probable component</td><td>{@link ConfidenceKind#POSTERIOR}</td>
 *       <td>yes</td></tr>
 *   <tr><td>DBSCAN</td><td>cluster of the nearest core row within eps, else {@link ClusterModel#NOISE}</td>
 *       <td>{@link ConfidenceKind#CORE_PROXIMITY}</td><td>no</td></tr>
 * </table>
 * An assigner's labels equal its model's {@link ClusterModel#predict} on every row, bit for bit.
 *
 * <h2>Contract for implementations</h2>
 * <ul>
 *   <li>immutable and thread-safe: any number of threads call it at once;</li>
 *   <li>{@link #assign(double[], int)} and {@link #assign(double[], int, Assignment)} allocate nothing and
 *       never modify the input;</li>
 *   <li>labels are in {@code [0, k)} or {@link ClusterModel#NOISE};</li>
 *   <li>a row with a NaN or infinite value, or one the model cannot score (its distances overflow), is an
 *       {@link IllegalArgumentException} naming the column, never a silent label.</li>
 * </ul>
 * Only {@link #columnNames()}, {@link #k()} and {@link #assign(double[], int)} must be written; the defaults
 * report no confidence and no probabilities.
 *
 * @since 0.1
 */
public interface Assigner {

    /** The feature names, in the order a row must hold them. */
    List<String> columnNames();

    /** The number of features of a row. */
    default int dimension() {
        return columnNames().size();
    }

    /** The number of segments, noise excluded. */
    int k();

    /**
     * The segment of the row at {@code x[offset .. offset + dimension())}. Allocates nothing.
     *
     * @param x values. Not modified.
     * @param offset where the row starts
     * @return a label in {@code [0, k)}, or {@link ClusterModel#NOISE}
     * @throws IllegalArgumentException if a value is not finite or the row cannot be scored
     * @throws IndexOutOfBoundsException if the row does not fit in {@code x}
     */
    int assign(double[] x, int offset);

    /**
     * The segment of one row with its confidence and, where the model has them, its membership probabilities,
     * into {@code out}. Allocates nothing. The default records the label only.
     *
     * @param x values. Not modified.
     * @param offset where the row starts
     * @param out receives the result; its {@link Assignment#k()} must be at least {@link #k()}. Modified.
     * @return the label, as {@link #assign(double[], int)}
     * @throws IllegalArgumentException as {@link #assign(double[], int)}, or if {@code out} is too small
     */
    default int assign(double[] x, int offset, Assignment out) {
        checkHolder(out);
        int label = assign(x, offset);
        out.set(label);
        return label;
    }

    /** What {@link Assignment#confidence()} measures for this assigner. */
    default ConfidenceKind confidenceKind() {
        return ConfidenceKind.NONE;
    }

    /** Whether {@link #assign(double[], int, Assignment)} reports membership probabilities. */
    default boolean hasProbabilities() {
        return false;
    }

    /**
     * Labels {@code nRows} row-major rows into {@code out[0 .. nRows)}. The default calls
     * {@link #assign(double[], int)} per row; centroid assigners run a blocked kernel.
     *
     * @param rows {@code nRows * dimension()} values. Not modified.
     * @param nRows the number of rows
     * @param out receives the labels. Modified.
     * @throws IllegalArgumentException if an array is too short or a row cannot be scored (the message names the
     *     row)
     */
    default void assign(double[] rows, int nRows, int[] out) {
        Checks.notNull("rows", rows);
        Checks.notNull("out", out);
        int d = dimension();
        if (nRows < 0 || (long) nRows * d > rows.length) {
            throw new IllegalArgumentException(nRows + " rows of " + d + " values do not fit in an array of "
                    + rows.length);
        }
        if (out.length < nRows) {
            throw new IllegalArgumentException("out has " + out.length + " slots for " + nRows + " rows");
        }
        for (int i = 0; i < nRows; i++) {
            try {
                out[i] = assign(rows, i * d);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Row " + i + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks that {@code out} can hold this assigner's result. For implementations.
     *
     * @throws IllegalArgumentException if {@code out} is null or has room for fewer than {@link #k()} segments
     */
    default void checkHolder(Assignment out) {
        Checks.notNull("out", out);
        if (out.k() < k()) {
            throw new IllegalArgumentException("The Assignment has room for " + out.k() + " segments but the model has "
                    + k() + "; use new Assignment(k())");
        }
    }
}
