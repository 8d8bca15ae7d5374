/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

/**
 * How a hierarchical estimator's builder takes its cut, written once for {@link AgglomerativeClustering} and
 * {@link TwoStageWard}: a builder implements {@link #cut(Cut)} and gets scikit-learn's two spellings.
 *
 * @param <B> the builder's own type
 * @since 0.1
 */
public interface CutOptions<B> {
    /**
     * The cut that turns the dendrogram into flat clusters.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalStateException if a cut was already set
     */
    B cut(Cut value);

    /**
     * Cut into exactly {@code k} clusters (scikit-learn's {@code n_clusters}).
     *
     * @throws IllegalArgumentException if {@code k < 1}
     * @throws IllegalStateException if a cut was already set
     */
    default B nClusters(int k) {
        return cut(Cut.clusters(k));
    }

    /**
     * Cut at height {@code t} (scikit-learn's {@code distance_threshold}; merges at most {@code t} high are kept).
     *
     * @throws IllegalArgumentException if {@code t} is negative, NaN or infinite
     * @throws IllegalStateException if a cut was already set
     */
    default B distanceThreshold(double t) {
        return cut(Cut.height(t));
    }
}
