/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

import dev.segmentation.core.AbstractCentroidModel;

import java.util.Arrays;
import java.util.List;

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
public final class MergedCentroidModel extends AbstractCentroidModel {
    private final int[] mapping;
    private final List<Merge> merges;

    MergedCentroidModel(List<String> columns, double[] centres, int k, int[] labels, int[] mapping, List<Merge> merges) {
        super(columns, centres, k, labels);
        this.mapping = mapping.clone();
        this.merges = List.copyOf(merges);
    }

    /** For every label of the original model, its label here. */
    public int[] mapping() {
        return mapping.clone();
    }

    /** The merges made, in order. */
    public List<Merge> merges() {
        return merges;
    }

    /** Value equality (doubles bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MergedCentroidModel)) {
            return false;
        }
        MergedCentroidModel m = (MergedCentroidModel) o;
        return sameClustering(m) && Arrays.equals(mapping, m.mapping) && merges.equals(m.merges);
    }

    @Override
    public int hashCode() {
        return clusteringHash();
    }

    @Override
    public String toString() {
        return "MergedCentroidModel[k=" + k() + ", merged " + merges.size() + " of " + mapping.length + ", columns="
                + columnNames() + "]";
    }
}
