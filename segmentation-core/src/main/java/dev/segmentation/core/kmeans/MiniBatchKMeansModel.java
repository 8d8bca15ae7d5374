/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.List;
import java.util.Optional;

/**
 * A mini-batch K-means model: centres, the weight each centre has absorbed, and the labels and inertia of
 * the last data it labelled (all rows for {@link MiniBatchKMeans#fit}, the last chunk for
 * {@link MiniBatchKMeans#partialFit}). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class MiniBatchKMeansModel implements ClusterModel {
    private final List<String> columns;
    private final double[] centres;
    private final int k;
    private final double[] weightSums;
    private final int[] labels;
    private final double inertia;
    private final long steps;
    private final boolean converged;
    private final long seed;
    private final Centroids centroids;

    MiniBatchKMeansModel(List<String> columns, double[] centres, int k, double[] weightSums, int[] labels,
                         double inertia, long steps, boolean converged, long seed) {
        this.columns = List.copyOf(columns);
        this.centres = centres.clone();
        this.k = k;
        this.weightSums = weightSums.clone();
        this.labels = labels.clone();
        this.inertia = inertia;
        this.steps = steps;
        this.converged = converged;
        this.seed = seed;
        this.centroids = Centroids.ofRowMajor(this.centres, k, this.columns);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public List<String> columnNames() {
        return columns;
    }

    @Override
    public int trainingRows() {
        return labels.length;
    }

    @Override
    public int[] trainingLabels() {
        return labels.clone();
    }

    @Override
    public Optional<Centroids> centroids() {
        return Optional.of(centroids);
    }

    /** The cluster centres. */
    public Centroids clusterCenters() {
        return centroids;
    }

    /** The total weight (row count) each centre has absorbed. */
    public double[] weightSums() {
        return weightSums.clone();
    }

    /** The inertia of the last labelled data against the final centres. */
    public double inertia() {
        return inertia;
    }

    /** The number of steps run so far. */
    public long steps() {
        return steps;
    }

    /** Whether the fit stopped early on its convergence rule. */
    public boolean converged() {
        return converged;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    @Override
    public boolean isInductive() {
        return true;
    }

    @Override
    public int[] predict(Dataset data) {
        Checks.notNull("data", data);
        if (!data.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The model was fitted on columns " + columns
                    + " but the data have " + data.columnNames());
        }
        int[] out = new int[data.rows()];
        if (out.length > 0) {
            CentroidKernel.nearest(DatasetAccess.data(data), columns.size(), 0, out.length, centres, k, out, 0,
                    null, 0, null, new CentroidKernel.Scratch(columns.size()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansModel[k=" + k + ", steps=" + steps + ", inertia=" + inertia + "]";
    }
}
