/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import java.util.Arrays;
import java.util.List;

/**
 * A mini-batch K-means model: centres, the weight each centre has absorbed, and the labels and inertia of
 * the last data it labelled (all rows for {@link MiniBatchKMeans#fit}, the last chunk for
 * {@link MiniBatchKMeans#partialFit}). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class MiniBatchKMeansModel extends CentroidModelBase {
    private final double[] weightSums;
    private final double inertia;
    private final long steps;
    private final boolean converged;
    private final long seed;

    MiniBatchKMeansModel(List<String> columns, double[] centres, int k, double[] weightSums, int[] labels,
                         double inertia, long steps, boolean converged, long seed) {
        super(columns, centres, k, labels);
        this.weightSums = weightSums.clone();
        this.inertia = inertia;
        this.steps = steps;
        this.converged = converged;
        this.seed = seed;
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

    /** Value equality over every field (doubles compared bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MiniBatchKMeansModel)) {
            return false;
        }
        MiniBatchKMeansModel m = (MiniBatchKMeansModel) o;
        return sameClustering(m) && Arrays.equals(weightSums, m.weightSums)
                && Double.compare(inertia, m.inertia) == 0 && steps == m.steps && converged == m.converged
                && seed == m.seed;
    }

    @Override
    public int hashCode() {
        return clusteringHash();
    }

    @Override
    public String toString() {
        return "MiniBatchKMeansModel[k=" + k() + ", steps=" + steps + ", inertia=" + inertia + "]";
    }
}
