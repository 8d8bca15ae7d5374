/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

import java.util.List;

/**
 * What {@link SmallClusterMerger#apply} produced: the merged model, the mapping from original to new labels
 * and the merges made. Immutable.
 *
 * @since 0.1
 */
public final class MergeResult {
    private final MergedCentroidModel model;
    private final int[] mapping;
    private final List<Merge> merges;

    MergeResult(MergedCentroidModel model, int[] mapping, List<Merge> merges) {
        this.model = model;
        this.mapping = mapping.clone();
        this.merges = List.copyOf(merges);
    }

    /** The merged model. */
    public MergedCentroidModel model() {
        return model;
    }

    /** The new training labels (noise stays -1). */
    public int[] labels() {
        return model.trainingLabels();
    }

    /** For every original label, its new label. */
    public int[] mapping() {
        return mapping.clone();
    }

    /** The merges, in the order made; empty if no cluster was small. */
    public List<Merge> merges() {
        return merges;
    }

    /** Whether any cluster was merged. */
    public boolean changed() {
        return !merges.isEmpty();
    }

    @Override
    public String toString() {
        return "MergeResult[" + merges.size() + " merges, k " + mapping.length + " -> " + model.k() + "]";
    }
}
