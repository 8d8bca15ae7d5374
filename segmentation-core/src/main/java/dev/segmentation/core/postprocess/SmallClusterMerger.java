/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges clusters that are too small into their nearest cluster: a post-processing step for any model with
 * centroids (K-means, mini-batch K-means, Gaussian-mixture means, hierarchical cluster means). It returns a
 * new {@link MergedCentroidModel}; the model it reads is never changed.
 * <pre>{@code
 * MergeResult r = SmallClusterMerger.minShare(0.02).apply(kmeansModel);
 * r.merges().forEach(m -> log.info("segment {} ({} customers) merged into {}", m.cluster(), m.size(), m.into()));
 * SegmentScorer scorer = ...;   // r.model().centroids() feeds the nearest-centroid scorer
 * }</pre>
 *
 * <h2>Rule</h2>
 * A cluster is small when it holds fewer training rows than the minimum, given as a count
 * ({@link #minSize}) or as a share of the training rows ({@link #minShare}: the minimum count is
 * \( \lceil \text{share} \cdot n \rceil \)). Repeatedly, while more than one cluster remains, the smallest
 * small cluster (ties: the lowest label) is merged into the cluster whose centre is nearest to its centre
 * (squared Euclidean distance; ties: the lowest label). The merged centre is the size-weighted mean
 * \[ c = \frac{n_a c_a + n_b c_b}{n_a + n_b} , \]
 * which is the mean of the union's rows when the centres are the means of their rows (K-means at
 * convergence, hierarchical cluster means); the sizes are training-row counts, also for models fitted with
 * sample weights. Clusters with no training rows are small for any positive minimum. Noise rows
 * ({@link ClusterModel#NOISE}) stay noise and do not count towards any cluster.
 *
 * <h2>Output</h2>
 * The surviving clusters are renumbered {@code 0, 1, ...} in the order of their original labels;
 * {@link MergeResult#mapping()} maps every original label to its new label, and {@link MergeResult#merges()}
 * lists the merges in the order made.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SmallClusterMerger {
    private final int minSize;
    private final double minShare;

    private SmallClusterMerger(int minSize, double minShare) {
        this.minSize = minSize;
        this.minShare = minShare;
    }

    /**
     * Clusters with fewer than {@code rows} training rows are merged.
     *
     * @throws IllegalArgumentException if {@code rows < 1}
     */
    public static SmallClusterMerger minSize(int rows) {
        return new SmallClusterMerger(Checks.atLeast("minSize", rows, 1), Double.NaN);
    }

    /**
     * Clusters holding less than {@code share} of the training rows are merged.
     *
     * @throws IllegalArgumentException unless {@code 0 < share <= 1}
     */
    public static SmallClusterMerger minShare(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("minShare must be in (0, 1] but was " + share);
        }
        return new SmallClusterMerger(-1, share);
    }

    /** The minimum count for {@code n} training rows. */
    int threshold(int n) {
        return minSize > 0 ? minSize : (int) Math.ceil(minShare * n);
    }

    /**
     * Merges the small clusters of {@code model}.
     *
     * @param model a model with centroids. Not modified.
     * @return the merged model, the mapping of labels and the merges made
     * @throws IllegalArgumentException if the model has no centroids, or its labels do not fit its centres
     */
    public MergeResult apply(ClusterModel model) {
        Checks.notNull("model", model);
        Centroids centres = model.centroids().orElseThrow(() -> new IllegalArgumentException(
                model.getClass().getSimpleName() + " has no centroids; merging small clusters needs a centroid model"));
        final int k = centres.k();
        final int d = centres.dimension();
        final int[] labels = model.trainingLabels();
        final int n = labels.length;
        final long[] size = new long[k];
        for (int i = 0; i < n; i++) {
            int l = labels[i];
            if (l == ClusterModel.NOISE) {
                continue;
            }
            if (l < 0 || l >= k) {
                throw new IllegalArgumentException("Training label " + l + " of row " + i + " has no centre (k = " + k + ")");
            }
            size[l]++;
        }
        final double[] c = centres.toRowMajorArray();
        final boolean[] alive = new boolean[k];
        java.util.Arrays.fill(alive, true);
        final int[] absorbedBy = new int[k];
        java.util.Arrays.fill(absorbedBy, -1);
        final int min = threshold(n);
        List<Merge> merges = new ArrayList<>();
        int remaining = k;
        while (remaining > 1) {
            int small = -1;
            for (int a = 0; a < k; a++) {
                if (alive[a] && size[a] < min && (small < 0 || size[a] < size[small])) {
                    small = a;
                }
            }
            if (small < 0) {
                break;
            }
            int into = -1;
            double best = Double.POSITIVE_INFINITY;
            for (int b = 0; b < k; b++) {
                if (b == small || !alive[b]) {
                    continue;
                }
                double s = CentroidKernel.squaredDistance(c, small * d, c, b * d, d);
                if (into < 0 || s < best) {
                    best = s;
                    into = b;
                }
            }
            long na = size[small];
            long nb = size[into];
            if (na + nb > 0) {
                for (int j = 0; j < d; j++) {
                    c[into * d + j] = (na * c[small * d + j] + nb * c[into * d + j]) / (na + nb);
                }
            }
            size[into] = na + nb;
            alive[small] = false;
            absorbedBy[small] = into;
            remaining--;
            merges.add(new Merge(small, into, (int) na, n == 0 ? 0 : (double) na / n, Math.sqrt(best)));
        }
        int[] mapping = new int[k];
        int next = 0;
        for (int a = 0; a < k; a++) {
            mapping[a] = alive[a] ? next++ : -1;
        }
        for (int a = 0; a < k; a++) {
            int root = a;
            while (!alive[root]) {
                root = absorbedBy[root];
            }
            mapping[a] = mapping[root];
        }
        double[] newCentres = new double[next * d];
        for (int a = 0; a < k; a++) {
            if (alive[a]) {
                System.arraycopy(c, a * d, newCentres, mapping[a] * d, d);
            }
        }
        int[] newLabels = new int[n];
        for (int i = 0; i < n; i++) {
            newLabels[i] = labels[i] == ClusterModel.NOISE ? ClusterModel.NOISE : mapping[labels[i]];
        }
        MergedCentroidModel merged = new MergedCentroidModel(model.columnNames(), newCentres, next, newLabels, mapping,
                merges);
        return new MergeResult(merged, mapping, merges);
    }

    @Override
    public String toString() {
        return minSize > 0 ? "SmallClusterMerger[minSize=" + minSize + "]" : "SmallClusterMerger[minShare=" + minShare + "]";
    }
}
