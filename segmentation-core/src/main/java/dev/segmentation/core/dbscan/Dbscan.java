/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.EstimatorBuilder;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.Parallel;

import java.util.concurrent.ForkJoinPool;

/**
 * DBSCAN, density-based clustering with noise: immutable configuration whose {@link #fit} returns a
 * {@link DbscanModel}.
 * <pre>{@code
 * DbscanModel model = Dbscan.builder().eps(0.3).minPts(10).build().fit(data);
 * int[] labels = model.trainingLabels();          // -1 = noise
 * int[] newLabels = model.predict(newCustomers);  // nearest core point within eps, else -1
 * }</pre>
 *
 * <h2>Definitions (scikit-learn's)</h2>
 * The neighbourhood of a row \( p \) is \( N(p) = \{ q : \sum_j (p_j - q_j)^2 \le \varepsilon^2 \} \),
 * Euclidean, with the squared distance summed over features in order and compared with
 * {@code eps * eps}: a row at exactly {@code eps} is a neighbour, and the rounding of that comparison is the
 * one scikit-learn's k-d tree makes. \( N(p) \) contains \( p \) itself, so {@code minPts} counts the row
 * itself, as scikit-learn's {@code min_samples} does. A row is a <em>core</em> row when
 * \( |N(p)| \ge \) {@code minPts}. Clusters are the connected components of the graph joining core rows
 * that are each other's neighbours; a non-core row with a core neighbour is a <em>border</em> row and
 * joins one cluster; every other row is noise, labelled {@link dev.segmentation.core.ClusterModel#NOISE}
 * (-1). Clusters are numbered in the order of their lowest-index core row, as in scikit-learn, so core rows
 * and noise rows get exactly scikit-learn's labels.
 *
 * <h2>Border rows (deterministic)</h2>
 * A border row may neighbour core rows of several clusters. {@link BorderAssignment#NEAREST_CORE} (default)
 * gives it the cluster of its nearest core neighbour (ties: the lowest row index), which is exactly what
 * {@link DbscanModel#predict} does for a new row, so that {@code predict} on the training data returns the
 * training labels. {@link BorderAssignment#LOWEST_CLUSTER} gives it the lowest-numbered cluster among its
 * core neighbours, which is what scikit-learn's expansion order produces: with it, every label equals
 * scikit-learn's.
 *
 * <h2>Algorithm</h2>
 * A neighbour index over the rows (a grid of eps-cells in up to three dimensions, a k-d tree up to
 * {@value #KD_TREE_MAX_DIMENSION} dimensions, blocked brute force above; see {@link NeighborIndexType}) answers three passes, none of which stores a
 * neighbourhood: (1) count each row's neighbours, stopping at {@code minPts}; (2) join each core row to its
 * core neighbours in a union-find; (3) assign border rows. Memory is \( O(n d) \), never an {@code n x n}
 * matrix; time is that of the range queries, far below \( O(n^2) \) in low dimensions. Passes 1 and 3 run
 * on the pool in fixed chunks (the result never depends on the pool); pass 2 runs in the calling thread.
 *
 * <h2>Edge cases</h2>
 * <ul>
 *   <li>{@code eps <= 0}, NaN or infinite, or {@code minPts < 1}: {@link IllegalArgumentException} from the
 *       builder;</li>
 *   <li>every row noise: a model with {@code k() == 0} and every label -1 (a valid outcome, not an error);</li>
 *   <li>all rows identical: one cluster if {@code n >= minPts}, else all noise; duplicate rows are
 *       neighbours at distance 0;</li>
 *   <li>no rows: {@link IllegalArgumentException}; NaN and infinity cannot reach a fit from a
 *       {@link Dataset}.</li>
 * </ul>
 *
 * <p>Thread-safe and reusable.
 *
 * <p>References: M. Ester, H.-P. Kriegel, J. Sander, X. Xu, "A density-based algorithm for discovering clusters
 * in large spatial databases with noise", KDD 1996; E. Schubert, J. Sander, M. Ester, H.-P. Kriegel, X. Xu,
 * "DBSCAN revisited, revisited", ACM TODS 42(3), 2017, doi:10.1145/3068335.
 *
 * @since 0.1
 */
public final class Dbscan implements Clusterer<DbscanModel> {
    /** The largest dimension for which {@link NeighborIndexType#AUTO} uses a k-d tree. */
    public static final int KD_TREE_MAX_DIMENSION = 12;

    /** How a border row with core neighbours in several clusters is assigned. */
    public enum BorderAssignment {
        /** The cluster of the nearest core neighbour (ties: lowest row index); agrees with predict. */
        NEAREST_CORE,
        /** The lowest-numbered cluster among the core neighbours; scikit-learn's outcome. */
        LOWEST_CLUSTER
    }

    /** The neighbour index used for the range queries; all give identical results. */
    public enum NeighborIndexType {
        /**
         * A grid of eps-cells in one to three dimensions (when the data span at most 2^20 cells along each),
         * else a k-d tree up to {@value #KD_TREE_MAX_DIMENSION} dimensions, else blocked brute force.
         */
        AUTO,
        /** A uniform grid of cells of side eps (one to three dimensions). */
        GRID,
        /** A k-d tree (median splits, tight bounding boxes). */
        KD_TREE,
        /** Blocked brute force. */
        BRUTE_FORCE
    }

    private final double eps;
    private final int minPts;
    private final BorderAssignment border;
    private final NeighborIndexType indexType;
    private final ForkJoinPool pool;

    private Dbscan(double eps, int minPts, BorderAssignment border, NeighborIndexType indexType, ForkJoinPool pool) {
        this.eps = eps;
        this.minPts = minPts;
        this.border = border;
        this.indexType = indexType;
        this.pool = pool;
    }

    /** A builder; {@code eps} and {@code minPts} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The neighbourhood radius. */
    public double eps() {
        return eps;
    }

    /** The neighbourhood size (the row itself included) that makes a core row. */
    public int minPts() {
        return minPts;
    }

    /** The border rule. */
    public BorderAssignment borderAssignment() {
        return border;
    }

    /** An index over the {@code n} points of {@code x}, row-major, which must not change while it is in use. */
    static NeighborIndex index(NeighborIndexType type, double[] x, int n, int d, double radius) {
        switch (type) {
            case GRID:
                if (!GridIndex.fits(x, n, d, radius)) {
                    throw new IllegalArgumentException("A grid index needs 1 to 3 dimensions and at most "
                            + GridIndex.MAX_CELLS_PER_DIMENSION + " cells of side eps along each; use KD_TREE");
                }
                return new GridIndex(x, n, d, radius);
            case KD_TREE:
                return new KdTree(x, n, d);
            case BRUTE_FORCE:
                return new BruteForceIndex(x, n, d);
            default:
                if (GridIndex.fits(x, n, d, radius)) {
                    return new GridIndex(x, n, d, radius);
                }
                return d <= KD_TREE_MAX_DIMENSION ? new KdTree(x, n, d) : new BruteForceIndex(x, n, d);
        }
    }

    @Override
    public DbscanModel fit(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        final int n = data.rows();
        final int d = data.cols();
        if (n == 0) {
            throw new IllegalArgumentException("Cannot fit DBSCAN: the dataset has no rows");
        }
        final double[] x = DatasetAccess.data(data);
        DistanceRange.check(x, n, d, data.columnNames(), 0, "DBSCAN");
        final double r2 = eps * eps;
        final NeighborIndex index = index(indexType, x, n, d, eps);
        control.checkCancelled("DBSCAN index");

        // Pass 1: core rows (by position).
        final int[] counts = new int[n];
        final int chunks = Parallel.chunks(n);
        Parallel.forEachChunk(pool, chunks, c -> {
            control.checkCancelled("DBSCAN neighbour counts, chunk " + c);
            index.count(Parallel.chunkStart(c, n), Parallel.chunkEnd(c, n), r2, minPts, counts);
        });
        final boolean[] core = new boolean[n];
        int nCore = 0;
        for (int p = 0; p < n; p++) {
            if (counts[p] >= minPts) {
                core[p] = true;
                nCore++;
            }
        }
        control.checkpoint(new Progress("dbscan", 0, 1, 1, 3, nCore));

        // Pass 2: connected components of the core rows.
        final int[] parent = new int[n];
        for (int p = 0; p < n; p++) {
            parent[p] = p;
        }
        final int step = Math.max(1, Parallel.chunkRows(n));
        for (int from = 0; from < n; from += step) {
            control.checkCancelled("DBSCAN core components, row " + from);
            index.visit(from, Math.min(n, from + step), core, r2, (q, nb, s) -> {
                if (nb > q && core[nb]) {
                    union(parent, q, nb);
                }
            });
        }
        // Number clusters by their lowest-index core row.
        final int[] posOf = new int[n];
        for (int p = 0; p < n; p++) {
            posOf[index.original(p)] = p;
        }
        final int[] labels = new int[n];
        final int[] componentLabel = new int[n];
        java.util.Arrays.fill(componentLabel, -1);
        int k = 0;
        for (int i = 0; i < n; i++) {
            int p = posOf[i];
            if (core[p]) {
                int root = find(parent, p);
                if (componentLabel[root] < 0) {
                    componentLabel[root] = k++;
                }
                labels[i] = componentLabel[root];
            } else {
                labels[i] = -1;
            }
        }
        control.checkpoint(new Progress("dbscan", 0, 1, 2, 3, k));

        // Pass 3: border rows.
        final int[] labelAt = new int[n];
        for (int p = 0; p < n; p++) {
            labelAt[p] = labels[index.original(p)];
        }
        final boolean[] nonCore = new boolean[n];
        for (int p = 0; p < n; p++) {
            nonCore[p] = !core[p];
        }
        final int[] choice = new int[n];
        final double[] choiceD = new double[n];
        java.util.Arrays.fill(choice, -1);
        final boolean nearest = border == BorderAssignment.NEAREST_CORE;
        if (nCore > 0 && nCore < n) {
            Parallel.forEachChunk(pool, chunks, c -> {
                control.checkCancelled("DBSCAN border rows, chunk " + c);
                index.visit(Parallel.chunkStart(c, n), Parallel.chunkEnd(c, n), nonCore, r2, (q, nb, s) -> {
                    if (!core[nb]) {
                        return;
                    }
                    int current = choice[q];
                    boolean better;
                    if (current < 0) {
                        better = true;
                    } else if (nearest) {
                        better = s < choiceD[q] || (s == choiceD[q] && index.original(nb) < index.original(current));
                    } else {
                        better = labelAt[nb] < labelAt[current];
                    }
                    if (better) {
                        choice[q] = nb;
                        choiceD[q] = s;
                    }
                });
            });
        }
        for (int p = 0; p < n; p++) {
            if (!core[p] && choice[p] >= 0) {
                labels[index.original(p)] = labelAt[choice[p]];
            }
        }
        int[] coreIdx = new int[nCore];
        for (int i = 0, c = 0; i < n; i++) {
            if (core[posOf[i]]) {
                coreIdx[c++] = i;
            }
        }
        control.checkpoint(new Progress("dbscan", 0, 1, 3, 3, k));
        return new DbscanModel(data.columnNames(), eps, minPts, border, labels, coreIdx, rows(x, d, coreIdx), k);
    }

    private static double[] rows(double[] x, int d, int[] idx) {
        double[] out = new double[idx.length * d];
        for (int c = 0; c < idx.length; c++) {
            System.arraycopy(x, idx[c] * d, out, c * d, d);
        }
        return out;
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            // Deterministic: the smaller root wins.
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }

    @Override
    public String toString() {
        return "Dbscan[eps=" + eps + ", minPts=" + minPts + ", border=" + border + ", index=" + indexType + "]";
    }

    /**
     * Builds a {@link Dbscan}. Every setter validates its argument ({@link IllegalArgumentException}) and may
     * be called once ({@link IllegalStateException}).
     */
    public static final class Builder extends EstimatorBuilder<Builder> {
        private double eps = Double.NaN;
        private int minPts = -1;
        private BorderAssignment border;
        private NeighborIndexType indexType;
        private boolean epsSet;

        private Builder() {
        }

        /**
         * The neighbourhood radius (scikit-learn's {@code eps}).
         *
         * @throws IllegalArgumentException if {@code eps <= 0}, NaN or infinite
         */
        public Builder eps(double value) {
            Checks.notYetSet("eps", epsSet);
            eps = Checks.positive("eps", value);
            epsSet = true;
            return this;
        }

        /**
         * The neighbourhood size that makes a core row, the row itself included (scikit-learn's
         * {@code min_samples}).
         *
         * @throws IllegalArgumentException if {@code minPts < 1}
         */
        public Builder minPts(int value) {
            Checks.notYetSet("minPts", minPts != -1);
            minPts = Checks.atLeast("minPts", value, 1);
            return this;
        }

        /** The border rule (default {@link BorderAssignment#NEAREST_CORE}). */
        public Builder borderAssignment(BorderAssignment value) {
            Checks.notYetSet("borderAssignment", border != null);
            border = Checks.notNull("borderAssignment", value);
            return this;
        }

        /** The neighbour index (default {@link NeighborIndexType#AUTO}). */
        public Builder neighborIndex(NeighborIndexType value) {
            Checks.notYetSet("neighborIndex", indexType != null);
            indexType = Checks.notNull("neighborIndex", value);
            return this;
        }

        /**
         * The estimator.
         *
         * @throws IllegalStateException if {@code eps} or {@code minPts} is not set
         */
        public Dbscan build() {
            if (!epsSet) {
                throw new IllegalStateException("eps must be set");
            }
            if (minPts == -1) {
                throw new IllegalStateException("minPts must be set");
            }
            return new Dbscan(eps, minPts, border == null ? BorderAssignment.NEAREST_CORE : border,
                    indexType == null ? NeighborIndexType.AUTO : indexType, configuredPool());
        }
    }
}
