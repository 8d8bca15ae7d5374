/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.scoring.NearestCentroidScorer;

import java.util.List;
import java.util.Optional;

/**
 * What the K-means models share: columns, centres, training labels, and prediction by the nearest centre
 * (lowest index on ties). Immutable; arrays are copied in and out.
 */
abstract class CentroidModelBase implements ClusterModel {
    final List<String> columns;
    final double[] centres;
    final int k;
    final int[] labels;
    private final Centroids centroids;
    private final NearestCentroidScorer assigner;

    CentroidModelBase(List<String> columns, double[] centres, int k, int[] labels) {
        this.columns = List.copyOf(columns);
        this.centres = centres.clone();
        this.k = k;
        this.labels = labels.clone();
        this.centroids = Centroids.ofRowMajor(this.centres, k, this.columns);
        this.assigner = NearestCentroidScorer.of(centroids);
    }

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
        return Optional.of(centroids);
    }

    /** The cluster centres (scikit-learn's {@code cluster_centers_}). */
    public final Centroids clusterCenters() {
        return centroids;
    }

    /** The number of training rows in each cluster. */
    public final int[] clusterSizes() {
        int[] out = new int[k];
        for (int i = 0; i < labels.length; i++) {
            out[labels[i]]++;
        }
        return out;
    }

    @Override
    public final boolean isInductive() {
        return true;
    }

    /** The nearest-centre assigner (confidence: the margin), whose labels equal {@link #predict}'s. */
    @Override
    public final Assigner assigner() {
        return assigner;
    }

    /**
     * The nearest centre of each row.
     *
     * @throws IllegalArgumentException if the columns differ from the training columns
     */
    @Override
    public final int[] predict(Dataset data) {
        Checks.notNull("data", data);
        if (!data.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The model was fitted on columns " + columns
                    + " but the data have " + data.columnNames());
        }
        int n = data.rows();
        int d = columns.size();
        int[] out = new int[n];
        if (n > 0) {
            CentroidKernel.nearest(DatasetAccess.data(data), d, 0, n, centres, k, out, 0, null, 0, null,
                    new CentroidKernel.Scratch(d));
        }
        return out;
    }

    /**
     * The nearest centre of one row.
     *
     * @param row {@code dimension()} finite values. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public final int predict(double[] row) {
        Checks.rowLength("row", row, columns.size());
        Checks.finite(row, 1, row.length, columns, "row");
        int label = CentroidKernel.nearestOne(row, 0, centres, k, columns.size());
        if (label < 0) {
            throw new IllegalArgumentException("The row is too far from every centre: the squared distances "
                    + "overflow to infinity");
        }
        return label;
    }
}
