/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.internal.Checks;

/**
 * Where a dendrogram is cut into flat clusters: into a number of clusters, or at a height.
 *
 * <ul>
 *   <li>{@link #clusters(int) clusters(k)}: the clusters formed by the first {@code n - k} merges of the
 *       linkage matrix, so exactly {@code k} clusters. This is SciPy's {@code cut_tree(Z, n_clusters=k)},
 *       and equals {@code fcluster(Z, k, criterion='maxclust')} whenever the merge heights at positions
 *       {@code n - k - 1} and {@code n - k} differ; when they are tied, {@code fcluster} returns fewer than
 *       {@code k} clusters while this cut splits the tie in linkage-matrix order.</li>
 *   <li>{@link #height(double) height(t)}: SciPy's {@code fcluster(Z, t, criterion='distance')}: two
 *       leaves share a cluster when they are joined by a subtree whose highest merge is at most
 *       {@code t} (so a merge at exactly {@code t} is kept). For dendrograms with inversions
 *       ({@link Linkage#CENTROID}, {@link Linkage#MEDIAN}) the highest merge of the subtree counts, as in
 *       SciPy.</li>
 * </ul>
 * Clusters are numbered as {@code fcluster} numbers them, minus one: in the order a depth-first walk from
 * the root meets them.
 *
 * <p>Immutable value.
 *
 * @since 0.1
 */
public final class Cut {
    /** The kind of cut. */
    public enum Kind {
        /** A number of clusters. */
        CLUSTERS,
        /** A height. */
        HEIGHT
    }

    private final Kind kind;
    private final int clusters;
    private final double height;

    private Cut(Kind kind, int clusters, double height) {
        this.kind = kind;
        this.clusters = clusters;
        this.height = height;
    }

    /**
     * A cut into exactly {@code k} clusters.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public static Cut clusters(int k) {
        return new Cut(Kind.CLUSTERS, Checks.atLeast("k", k, 1), Double.NaN);
    }

    /**
     * A cut at height {@code t}: merges at most {@code t} high are kept.
     *
     * @throws IllegalArgumentException if {@code t} is negative, NaN or infinite
     */
    public static Cut height(double t) {
        return new Cut(Kind.HEIGHT, -1, Checks.nonNegative("height", t));
    }

    /** The kind of cut. */
    public Kind kind() {
        return kind;
    }

    /**
     * The number of clusters of a {@link Kind#CLUSTERS} cut.
     *
     * @throws IllegalStateException for a height cut
     */
    public int clusters() {
        if (kind != Kind.CLUSTERS) {
            throw new IllegalStateException("A height cut has no fixed number of clusters");
        }
        return clusters;
    }

    /**
     * The height of a {@link Kind#HEIGHT} cut.
     *
     * @throws IllegalStateException for a cut into k clusters
     */
    public double height() {
        if (kind != Kind.HEIGHT) {
            throw new IllegalStateException("A cut into k clusters has no height");
        }
        return height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cut && ((Cut) o).kind == kind && ((Cut) o).clusters == clusters
                && Double.compare(((Cut) o).height, height) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + (kind == Kind.CLUSTERS ? clusters : Double.hashCode(height));
    }

    @Override
    public String toString() {
        return kind == Kind.CLUSTERS ? "Cut[k=" + clusters + "]" : "Cut[height=" + height + "]";
    }
}
