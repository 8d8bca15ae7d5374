/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.DatasetAccess;

import java.util.List;
import java.util.Optional;

/**
 * A fitted clustering: immutable, thread-safe, and never changed by the tools that read it.
 *
 * <p>Inductive models label rows they have not seen: {@link #isInductive()} is true and {@link #assigner()}
 * returns the model's {@link Assigner}, the one seam through which every model type is scored (labels, a
 * confidence, and membership probabilities where the model has them); {@link #predict} labels a dataset with
 * it. Transductive models only label the rows they were fitted on ({@link #trainingLabels()}), and say so
 * when asked for an assigner; they are never silently replaced by some other rule.
 *
 * <p>Models with centroids (K-means, Gaussian-mixture means, hierarchical cluster means) also return them
 * from {@link #centroids()}, for profiles and drift measures; having centroids does not make a model
 * nearest-centroid (a mixture assigns by posterior probability, not by the nearest mean).
 *
 * <h2>For implementations</h2>
 * An inductive model overrides {@link #isInductive()} to return true and {@link #assigner()} to return its
 * assigner; the default {@link #predict} then labels through it. The two must agree: {@code isInductive()} is
 * true exactly when {@code assigner()} returns.
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

    /** Whether the model can label rows it has not seen ({@link #assigner()} and {@link #predict}). */
    default boolean isInductive() {
        return false;
    }

    /**
     * The model's assigner: labels (and confidence, probabilities where defined) for new rows, allocation-free
     * and thread-safe. Its labels equal {@link #predict}'s.
     *
     * @throws UnsupportedOperationException if the model is transductive, with the reason
     */
    default Assigner assigner() {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " is transductive: it labels only its training rows (trainingLabels()) and cannot label new rows");
    }

    /**
     * Labels new rows with {@link #assigner()}.
     *
     * @param data rows with the model's columns, in order. Not modified.
     * @return one label per row
     * @throws UnsupportedOperationException if the model is transductive
     * @throws IllegalArgumentException if the columns differ from the model's, or a row cannot be scored
     */
    default int[] predict(Dataset data) {
        if (!isInductive()) {
            throw new UnsupportedOperationException(getClass().getSimpleName()
                    + " is transductive: it labels only its training rows; use trainingLabels()");
        }
        AbstractClusterModel.requireColumns(columnNames(), data);
        int[] out = new int[data.rows()];
        assigner().assign(DatasetAccess.data(data), data.rows(), out);
        return out;
    }
}
