/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.IterativeClusterer;
import dev.segmentation.core.IterativeEstimatorBuilder;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;

import java.util.concurrent.ForkJoinPool;

/**
 * Ward clustering for data too large for a full dendrogram: K-means to {@code m} micro-clusters, then
 * Ward's method on the micro-cluster centres weighted by their sizes, then a cut.
 * <pre>{@code
 * HierarchicalModel model = TwoStageWard.builder().microClusters(2000).nClusters(6).seed(7).build().fit(data);
 * }</pre>
 *
 * <h2>What is exact and what is approximate</h2>
 * Stage one runs {@link KMeans} (k-means++ start, Hamerly's iteration) with {@code k = m} and assigns every
 * row to a micro-cluster; each micro-cluster is then summarised by its exact mean \( c_a \) and its row count
 * \( n_a \). Stage two is Ward's method on these weighted centres. Merging groups of rows \( A \) and \( B \)
 * increases the within-cluster sum of squares by exactly
 * \[ \Delta(A, B) = \frac{n_A n_B}{n_A + n_B} \lVert c_A - c_B \rVert^2 , \]
 * whatever the rows inside, so every merge height above the micro-clusters, \( \sqrt{2 \Delta} \), is the
 * true Ward height of merging those rows. The one approximation is that a micro-cluster is never split:
 * the flat clusters are unions of K-means cells. The result equals exact Ward on the rows whenever exact
 * Ward's dendrogram holds every micro-cluster as a subtree; with {@code m} much larger than the number of
 * clusters wanted, only rows near the boundary between two final clusters can be placed differently. The
 * total within-cluster sum of squares of the final clusters is that of the micro-clusters plus the
 * \( \Delta \) of the merges above them.
 *
 * <h2>Cost</h2>
 * Time \( O(n m d) \) per K-means iteration plus \( O(m^2 d) \) for the dendrogram; memory \( O((n + m) d) \),
 * with no distance matrix. The dendrogram's leaves are the micro-clusters (its sizes count micro-clusters,
 * as in SciPy); {@link HierarchicalModel#leafOfRow()} maps rows to them.
 *
 * <h2>Edge cases</h2>
 * <ul>
 *   <li>{@code m} larger than the number of rows is lowered to it; K-means then needs as many distinct
 *       rows, and its exception says so otherwise;</li>
 *   <li>a micro-cluster left empty by K-means' final labelling is dropped;</li>
 *   <li>a cut into more clusters than micro-clusters: {@link IllegalArgumentException}.</li>
 * </ul>
 *
 * <p>Thread-safe and reusable; deterministic for a given seed, whatever the pool.
 *
 * <p>Reference: the two-stage scheme is that of BIRCH's global clustering phase: T. Zhang, R. Ramakrishnan,
 * M. Livny, "BIRCH: an efficient data clustering method for very large databases", SIGMOD 1996,
 * doi:10.1145/233269.233324.
 *
 * @since 0.1
 */
public final class TwoStageWard extends IterativeClusterer<HierarchicalModel> {
    /** The default number of micro-clusters. */
    public static final int DEFAULT_MICRO_CLUSTERS = 1000;

    private final int microClusters;
    private final Cut cut;

    private TwoStageWard(int microClusters, Cut cut, long seed, int nInit, int maxIter, double tol,
                         ForkJoinPool pool) {
        super(nInit, maxIter, tol, seed, pool);
        this.microClusters = microClusters;
        this.cut = cut;
    }

    /** A builder; the cut must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of micro-clusters asked for. */
    public int microClusters() {
        return microClusters;
    }

    /** The cut. */
    public Cut cut() {
        return cut;
    }

    @Override
    public HierarchicalModel fit(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        final int n = data.rows();
        final int d = data.cols();
        AgglomerativeClustering.checkRows(n);
        DistanceRange.check(DatasetAccess.data(data), n, d, data.columnNames(), 0, "two-stage Ward", pool());
        int m = Math.min(microClusters, n);
        if (cut.kind() == Cut.Kind.CLUSTERS && cut.clusters() > m) {
            throw new IllegalArgumentException("k = " + cut.clusters() + " is larger than the number of micro-clusters, "
                    + "m = " + m + (m == n ? " (the number of rows)" : ""));
        }
        KMeansModel micro = samePool(KMeans.builder().k(m).seed(seed()).nInit(nInit()).maxIter(maxIter()).tol(tol()))
                .build().fit(data, control);
        int[] cell = micro.trainingLabels();
        // Drop empty cells and renumber the rest in order; a leaf's weight is its count of rows.
        int[] counts = micro.clusterSizes();
        int[] renumber = new int[m];
        double[] weights = new double[m];
        int leaves = 0;
        for (int c = 0; c < m; c++) {
            if (counts[c] > 0) {
                weights[leaves] = counts[c];
                renumber[c] = leaves++;
            } else {
                renumber[c] = -1;
            }
        }
        int[] leafOfRow = new int[n];
        for (int i = 0; i < n; i++) {
            leafOfRow[i] = renumber[cell[i]];
        }
        if (leaves < 2) {
            throw new IllegalArgumentException("Every row fell into one micro-cluster; the data hold one distinct row");
        }
        if (cut.kind() == Cut.Kind.CLUSTERS && cut.clusters() > leaves) {
            throw new IllegalArgumentException("k = " + cut.clusters() + " is larger than the number of non-empty "
                    + "micro-clusters, " + leaves);
        }
        final double[] x = DatasetAccess.data(data);
        double[] centres = HierarchicalModel.means(x, n, d, leafOfRow, leaves);
        Dendrogram dendrogram = VectorLinkage.ward(centres, leaves, d, weights, control).toSortedDendrogram();
        return HierarchicalModel.build(data.columnNames(), Linkage.WARD, dendrogram, cut, x, n, d, leafOfRow);
    }

    @Override
    public String toString() {
        return "TwoStageWard[microClusters=" + microClusters + ", " + cut + ", seed=" + seed() + "]";
    }

    /**
     * Builds a {@link TwoStageWard}. Every setter validates its argument ({@link IllegalArgumentException}) and
     * may be called once ({@link IllegalStateException}). The shared options configure the K-means stage:
     * {@code nInit} (default 1), {@code maxIter} (default {@link KMeans#DEFAULT_MAX_ITER}), {@code tol} (default
     * {@link KMeans#DEFAULT_TOL}), {@code seed} (default {@link KMeans#DEFAULT_SEED}) and the pool (default: the
     * common pool).
     */
    public static final class Builder extends IterativeEstimatorBuilder<Builder>
            implements CutOptions<Builder> {
        private int microClusters = -1;
        private Cut cut;

        private Builder() {
        }

        /**
         * The number of micro-clusters (default {@value #DEFAULT_MICRO_CLUSTERS}).
         *
         * @throws IllegalArgumentException if {@code m < 2}
         */
        public Builder microClusters(int m) {
            Checks.notYetSet("microClusters", microClusters != -1);
            microClusters = Checks.atLeast("microClusters", m, 2);
            return this;
        }

        @Override
        public Builder cut(Cut value) {
            Checks.notYetSet("cut", cut != null);
            cut = Checks.notNull("cut", value);
            return this;
        }

        /**
         * The estimator.
         *
         * @throws IllegalStateException if no cut was set
         */
        public TwoStageWard build() {
            if (cut == null) {
                throw new IllegalStateException("Set the cut: nClusters(k) or distanceThreshold(t)");
            }
            return new TwoStageWard(microClusters == -1 ? DEFAULT_MICRO_CLUSTERS : microClusters, cut,
                    seedOr(KMeans.DEFAULT_SEED), nInitOr(1), maxIterOr(KMeans.DEFAULT_MAX_ITER),
                    tolOr(KMeans.DEFAULT_TOL), configuredPool());
        }
    }
}
