/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.scoring.NearestCentroidScorer;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A centroid model whose small clusters were merged by {@link SmallClusterMerger}: the merged centres, the
 * training labels mapped to the surviving clusters, the label mapping and the merges made.
 *
 * <p>Inductive: {@link #predict} labels a row with its nearest merged centre (lowest label on ties), like
 * K-means; the training labels are the original labels mapped, so a training row near a boundary may be
 * predicted into a neighbouring cluster. The centres feed the nearest-centroid scorer.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class MergedCentroidModel implements ClusterModel {
    private final List<String> columns;
    private final double[] centres;
    private final int k;
    private final int[] labels;
    private final int[] mapping;
    private final List<Merge> merges;
    private final Centroids centroids;
    private final NearestCentroidScorer assigner;

    MergedCentroidModel(List<String> columns, double[] centres, int k, int[] labels, int[] mapping, List<Merge> merges) {
        this.columns = List.copyOf(columns);
        this.centres = centres.clone();
        this.k = k;
        this.labels = labels.clone();
        this.mapping = mapping.clone();
        this.merges = List.copyOf(merges);
        this.centroids = Centroids.ofRowMajor(this.centres, k, this.columns);
        this.assigner = NearestCentroidScorer.of(centroids);
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

    /** For every label of the original model, its label here. */
    public int[] mapping() {
        return mapping.clone();
    }

    /** The merges made, in order. */
    public List<Merge> merges() {
        return merges;
    }

    @Override
    public boolean isInductive() {
        return true;
    }

    /** The nearest merged centre (confidence: the margin), whose labels equal {@link #predict}'s. */
    @Override
    public Assigner assigner() {
        return assigner;
    }

    /**
     * The nearest merged centre of each row.
     *
     * @throws IllegalArgumentException if the columns differ from the model's
     */
    @Override
    public int[] predict(Dataset data) {
        Checks.notNull("data", data);
        if (!data.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The model was fitted on columns " + columns + " but the data have "
                    + data.columnNames());
        }
        int n = data.rows();
        int[] out = new int[n];
        if (n > 0) {
            CentroidKernel.nearest(DatasetAccess.data(data), columns.size(), 0, n, centres, k, out, 0, null, 0, null,
                    new CentroidKernel.Scratch(columns.size()));
        }
        return out;
    }

    /** Value equality (doubles bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MergedCentroidModel)) {
            return false;
        }
        MergedCentroidModel m = (MergedCentroidModel) o;
        return k == m.k && columns.equals(m.columns) && Arrays.equals(centres, m.centres)
                && Arrays.equals(labels, m.labels) && Arrays.equals(mapping, m.mapping) && merges.equals(m.merges);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(centres) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "MergedCentroidModel[k=" + k + ", merged " + merges.size() + " of " + mapping.length + ", columns="
                + columns + "]";
    }
}
