/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import java.util.List;
import java.util.Optional;

/**
 * A fitted clustering: immutable, thread-safe, and never changed by the tools that read it.
 *
 * <p>Models with centroids (K-means, Gaussian-mixture means, hierarchical cluster means) return them from
 * {@link #centroids()}, which is what {@code NearestCentroidScorer} needs. Inductive models can label new
 * rows ({@link #isInductive()}, {@link #predict}); transductive ones (a dendrogram cut, say) only label the
 * rows they were fitted on.
 *
 * @since 0.1
 */
public interface ClusterModel {
    /** The label of a row that belongs to no cluster (DBSCAN noise). */
    int NOISE = -1;

    /** The number of clusters, noise excluded. */
    int k();

    /** The column names of the data the model was fitted on, in order. */
    List<String> columnNames();

    /** The number of columns the model was fitted on. */
    default int dimension() {
        return columnNames().size();
    }

    /** The number of rows the model was fitted on. */
    int trainingRows();

    /** A copy of the training labels: one per training row, in {@code [0, k)} or {@link #NOISE}. */
    int[] trainingLabels();

    /** The cluster centres, when the model has them. */
    default Optional<Centroids> centroids() {
        return Optional.empty();
    }

    /** Whether {@link #predict} can label rows the model has not seen. */
    default boolean isInductive() {
        return false;
    }

    /**
     * Labels new rows.
     *
     * @param data rows with the model's columns, in order. Not modified.
     * @return one label per row
     * @throws UnsupportedOperationException if the model is not inductive
     * @throws IllegalArgumentException if the columns differ from the model's
     */
    default int[] predict(Dataset data) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is transductive: it labels only its training rows; use trainingLabels()");
    }
}
