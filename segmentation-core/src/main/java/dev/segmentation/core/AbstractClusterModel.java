/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every fitted clustering holds, written once: the training columns, the number of clusters, the training
 * labels and, where the model has them, its centroids. A model class extends this (or
 * {@link AbstractCentroidModel} when it labels new rows by the nearest centre) and adds only its own parameters
 * and its own rule; the library's models and the worked example of a third-party model do.
 *
 * <p>Immutable: the constructor copies the columns and the labels, {@link #trainingLabels()} returns a copy, and
 * a subclass reads the labels through {@link #trainingLabel(int)} without copying them.
 *
 * @since 0.1
 */
public abstract class AbstractClusterModel implements ClusterModel {
    private final List<String> columns;
    private final int k;
    private final int[] labels;
    private final Centroids centroids;

    /**
     * Copies the shared state.
     *
     * @param columns the training columns. Not modified.
     * @param k the number of clusters, noise excluded, {@code >= 0}
     * @param labels one label per training row, in {@code [0, k)} or {@link #NOISE}. Not modified.
     * @param centroids the model's centroids, or {@code null} when it has none
     * @throws IllegalArgumentException if {@code k < 0}, or the centroids' count or columns disagree
     */
    protected AbstractClusterModel(List<String> columns, int k, int[] labels, Centroids centroids) {
        this.columns = List.copyOf(Checks.notNull("columns", columns));
        this.k = Checks.atLeast("k", k, 0);
        this.labels = Checks.notNull("labels", labels).clone();
        if (centroids != null && (centroids.k() != k || !centroids.columnNames().equals(this.columns))) {
            throw new IllegalArgumentException("The centroids have k = " + centroids.k() + " and columns "
                    + centroids.columnNames() + " but the model has k = " + k + " and columns " + this.columns);
        }
        this.centroids = centroids;
    }

    /** The number of clusters, noise excluded (0 when every training row is noise). */
    @Override
    public final int k() {
        return k;
    }

    @Override
    public final List<String> columnNames() {
        return columns;
    }

    @Override
    public final int trainingRows() {
        return labels.length;
    }

    @Override
    public final int[] trainingLabels() {
        return labels.clone();
    }

    @Override
    public final Optional<Centroids> centroids() {
        return Optional.ofNullable(centroids);
    }

    /** The number of training rows in each cluster, noise excluded. */
    public final int[] clusterSizes() {
        int[] out = new int[k];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                out[labels[i]]++;
            }
        }
        return out;
    }

    /** The label of training row {@code row}, without copying the labels. */
    protected final int trainingLabel(int row) {
        return labels[row];
    }

    /**
     * Checks that {@code data} has the training columns, in order.
     *
     * @throws IllegalArgumentException if the columns differ
     */
    protected final void requireTrainingColumns(Dataset data) {
        Checks.notNull("data", data);
        requireColumns(columns, data);
    }

    /** The check behind {@link #requireTrainingColumns} and {@link ClusterModel#predict}'s default. */
    static void requireColumns(List<String> columns, Dataset data) {
        if (!data.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The model was fitted on columns " + columns + " but the data have "
                    + data.columnNames());
        }
    }

    /**
     * Whether {@code other} holds the same shared state: k, columns, training labels and centroids (doubles bit
     * for bit). A subclass's {@code equals} adds its own parameters to this.
     */
    protected final boolean sameClustering(AbstractClusterModel other) {
        return k == other.k && columns.equals(other.columns) && Arrays.equals(labels, other.labels)
                && Objects.equals(centroids, other.centroids);
    }

    /** A hash of the shared state, consistent with {@link #sameClustering}. */
    protected final int clusteringHash() {
        return 31 * Objects.hashCode(centroids) + Arrays.hashCode(labels);
    }
}
