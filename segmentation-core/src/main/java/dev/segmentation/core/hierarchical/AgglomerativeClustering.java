/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.EstimatorBuilder;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.MemoryBudgetExceededException;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Condensed;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.MemoryBudget;

import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Hierarchical agglomerative clustering: builds the dendrogram of the rows (SciPy's {@code linkage}) and
 * cuts it into flat clusters, giving a {@link HierarchicalModel}.
 * <pre>{@code
 * HierarchicalModel model = AgglomerativeClustering.builder()
 *     .linkage(Linkage.WARD).nClusters(5).build().fit(data);
 * double[][] z = model.dendrogram().linkageMatrix();      // SciPy's linkage matrix
 * HierarchicalModel six = model.withCut(Cut.clusters(6), data);
 * }</pre>
 *
 * <h2>Algorithms (chosen by linkage)</h2>
 * <table>
 *   <caption>Algorithm, time and memory by linkage (n rows, d columns)</caption>
 *   <tr><th>linkage</th><th>algorithm</th><th>time</th><th>extra memory</th></tr>
 *   <tr><td>{@link Linkage#WARD}</td><td>nearest-neighbour chain on centroids (see below)</td>
 *       <td>\( O(n^2 d) \)</td><td>\( O(n d) \)</td></tr>
 *   <tr><td>{@link Linkage#SINGLE}</td><td>Prim's minimum spanning tree on the rows</td>
 *       <td>\( O(n^2 d) \)</td><td>\( O(n d) \)</td></tr>
 *   <tr><td>{@link Linkage#COMPLETE}, {@link Linkage#AVERAGE}, {@link Linkage#WEIGHTED}</td>
 *       <td>nearest-neighbour chain on the condensed distance matrix</td><td>\( O(n^2) \)</td>
 *       <td>\( n(n-1)/2 \) doubles</td></tr>
 *   <tr><td>{@link Linkage#CENTROID}, {@link Linkage#MEDIAN}</td><td>Müllner's generic algorithm on the
 *       condensed matrix</td><td>\( O(n^2) \) usually, \( O(n^3) \) worst case</td>
 *       <td>\( n(n-1)/2 \) doubles</td></tr>
 * </table>
 * These are the algorithms of SciPy 1.10 ({@code mst_single_linkage}, {@code nn_chain},
 * {@code fast_linkage}) with the same scan order, tie rules and update formulas; the distance-matrix
 * variants give SciPy's linkage matrix exactly when the distances are equal. Ward's method on the data
 * computes each Ward distance from the cluster centroids instead of updating a matrix (the same value,
 * other rounding; see {@link DistanceStorage}), which needs no matrix at all; {@link DistanceStorage#MATRIX}
 * selects SciPy's Lance-Williams matrix for Ward and single linkage too.
 *
 * <h2>Precomputed dissimilarities</h2>
 * {@link #dendrogram(DissimilarityMatrix, FitControl)} clusters any {@link DissimilarityMatrix} (for example
 * {@link dev.segmentation.core.Gower} dissimilarities of a table with categorical columns), as SciPy's
 * {@code linkage(y, method)} does on a condensed matrix, and {@link #labels(DissimilarityMatrix, FitControl)}
 * cuts it as configured (scikit-learn's {@code AgglomerativeClustering(metric="precomputed").fit_predict}).
 * Every linkage runs on the matrix; {@link Linkage#WARD}, {@link Linkage#CENTROID} and {@link Linkage#MEDIAN}
 * assume that the dissimilarities are Euclidean distances (as in SciPy, this is not checked).
 *
 * <h2>Memory budget</h2>
 * Before allocating, the fit estimates its memory ({@link #estimateBytes}, {@link #estimatePrecomputedBytes})
 * and, if that exceeds the budget (the library's policy: by default half the JVM's maximum heap at the time of
 * the fit; {@link Builder#memoryBudgetBytes}), throws a {@link MemoryBudgetExceededException} whose message
 * states the bytes needed and the alternatives: {@link TwoStageWard} (K-means to micro-clusters, then Ward on
 * their centres), a matrix-free linkage, or a sample. A condensed matrix is also limited to {@code n <= 65536}
 * rows by the size of a Java array.
 *
 * <h2>Edge cases and bad input</h2>
 * <ul>
 *   <li>fewer than two rows, or a cut into more clusters than rows: {@link IllegalArgumentException};</li>
 *   <li>duplicate rows merge at height 0; ties are broken as in SciPy (see above);</li>
 *   <li>NaN and infinity cannot reach a fit: {@link Dataset} and {@link DissimilarityMatrix} reject them.</li>
 * </ul>
 *
 * <p>Thread-safe and reusable. The distance matrix is computed on the pool (every entry independently, so
 * the result does not depend on the pool); the agglomeration itself runs in the calling thread. Progress is
 * reported every 256 merges (the iteration is the number of merges made, the objective the last height).
 *
 * <p>References: F. Murtagh, P. Contreras, "Algorithms for hierarchical clustering: an overview", WIREs Data
 * Mining and Knowledge Discovery 2(1), 2012, doi:10.1002/widm.53; D. Müllner, "fastcluster", Journal of
 * Statistical Software 53(9), 2013, doi:10.18637/jss.v053.i09.
 *
 * @since 0.1
 */
public final class AgglomerativeClustering implements Clusterer<HierarchicalModel> {
    /** Where pairwise distances live during the fit. */
    public enum DistanceStorage {
        /**
         * Matrix-free for {@link Linkage#WARD} and {@link Linkage#SINGLE} (the data vectors), the condensed
         * matrix for the other linkages.
         */
        AUTO,
        /** The condensed distance matrix for every linkage, as SciPy. */
        MATRIX
    }

    private final Linkage linkage;
    private final Cut cut;
    private final long memoryBudget;
    private final DistanceStorage storage;
    private final ForkJoinPool pool;

    private AgglomerativeClustering(Linkage linkage, Cut cut, long memoryBudget, DistanceStorage storage,
                                    ForkJoinPool pool) {
        this.linkage = linkage;
        this.cut = cut;
        this.memoryBudget = memoryBudget;
        this.storage = storage;
        this.pool = pool;
    }

    /** A builder; the cut ({@code nClusters} or {@code distanceThreshold}) must be set. */
    public static Builder builder() {
        return new Builder();
    }

    /** The linkage. */
    public Linkage linkage() {
        return linkage;
    }

    /** The cut. */
    public Cut cut() {
        return cut;
    }

    /**
     * The configured memory budget in bytes, or -1 for the default: half the JVM's maximum heap at the time of the
     * fit.
     */
    public long memoryBudgetBytes() {
        return memoryBudget;
    }

    /** Where distances live. */
    public DistanceStorage distanceStorage() {
        return storage;
    }

    /** Whether this configuration keeps a condensed distance matrix. */
    boolean usesMatrix() {
        return storage == DistanceStorage.MATRIX || (linkage != Linkage.WARD && linkage != Linkage.SINGLE);
    }

    /**
     * The bytes a fit of {@code n} rows of {@code d} columns allocates, about: the condensed matrix
     * ({@code 8 n (n-1) / 2}) if one is used, the working copies of the data and the per-row arrays.
     */
    public long estimateBytes(int n, int d) {
        long perRow = 8L * 2 * d + 64;
        long matrix = usesMatrix() ? 8L * Condensed.length(n) : 0;
        return matrix + perRow * n;
    }

    /**
     * The bytes a fit of a {@link DissimilarityMatrix} of {@code n} items allocates, about: the working copy of
     * the matrix, which the agglomeration overwrites ({@code 8 n (n-1) / 2}), and the per-item arrays.
     */
    public long estimatePrecomputedBytes(int n) {
        return 8L * Condensed.length(n) + 64L * n;
    }

    @Override
    public HierarchicalModel fit(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        int n = data.rows();
        checkRows(n);
        if (cut.kind() == Cut.Kind.CLUSTERS && cut.clusters() > n) {
            throw new IllegalArgumentException("k = " + cut.clusters() + " is larger than the number of rows, n = " + n);
        }
        Dendrogram dendrogram = dendrogram(data, control);
        return HierarchicalModel.build(data.columnNames(), linkage, dendrogram, cut, DatasetAccess.data(data), n,
                data.cols(), null);
    }

    /**
     * The dendrogram of the rows, without cutting it: SciPy's {@code linkage(X, method)}.
     *
     * @param data at least two rows. Not modified.
     * @throws MemoryBudgetExceededException if the fit would exceed the memory budget
     */
    public Dendrogram dendrogram(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        final int n = data.rows();
        final int d = data.cols();
        checkRows(n);
        checkMemory(n, d);
        final double[] x = DatasetAccess.data(data);
        DistanceRange.check(x, n, d, data.columnNames(), 0, linkage + " linkage");
        if (!usesMatrix()) {
            MergeLog log = linkage == Linkage.WARD ? VectorLinkage.ward(x, n, d, null, control)
                    : VectorLinkage.singleMst(x, n, d, control);
            return log.toSortedDendrogram();
        }
        double[] dist = MatrixLinkage.condensed(x, n, d, pool, control);
        return fromMatrix(dist, n, control);
    }

    /**
     * The dendrogram of precomputed dissimilarities: SciPy's {@code linkage(y, method)} on the condensed matrix.
     * For {@link Linkage#WARD}, {@link Linkage#CENTROID} and {@link Linkage#MEDIAN} the dissimilarities should be
     * Euclidean distances (as in SciPy, this is not checked).
     *
     * @param dissimilarities at least two items. Not modified.
     * @throws MemoryBudgetExceededException if the working copy of the matrix would exceed the budget
     */
    public Dendrogram dendrogram(DissimilarityMatrix dissimilarities, FitControl control) {
        Checks.notNull("dissimilarities", dissimilarities);
        Checks.notNull("control", control);
        int n = dissimilarities.size();
        checkBudget(n, estimatePrecomputedBytes(n), true);
        double[] condensed = dissimilarities.toCondensedArray();
        DistanceRange.checkDissimilarities(condensed, n, linkage + " linkage");
        return fromMatrix(condensed, n, control);
    }

    /**
     * The flat clusters of precomputed dissimilarities with this estimator's cut: {@code
     * dendrogram(dissimilarities, control).cut(cut())}, numbered as SciPy's {@code fcluster} numbers them, minus
     * one (scikit-learn's {@code AgglomerativeClustering(metric="precomputed").fit_predict}).
     *
     * @throws IllegalArgumentException if the cut asks for more clusters than there are items
     * @throws MemoryBudgetExceededException if the working copy of the matrix would exceed the budget
     */
    public int[] labels(DissimilarityMatrix dissimilarities, FitControl control) {
        Checks.notNull("dissimilarities", dissimilarities);
        int n = dissimilarities.size();
        if (cut.kind() == Cut.Kind.CLUSTERS && cut.clusters() > n) {
            throw new IllegalArgumentException("k = " + cut.clusters() + " is larger than the number of items, n = "
                    + n);
        }
        return dendrogram(dissimilarities, control).cut(cut);
    }

    private Dendrogram fromMatrix(double[] dist, int n, FitControl control) {
        switch (linkage) {
            case SINGLE:
                return MatrixLinkage.mst(dist, n, control).toSortedDendrogram();
            case CENTROID:
            case MEDIAN:
                return MatrixLinkage.generic(dist, n, linkage, control);
            default:
                return MatrixLinkage.nnChain(dist, n, linkage, control).toSortedDendrogram();
        }
    }

    static void checkRows(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Hierarchical clustering needs at least 2 rows but the data have " + n);
        }
    }

    private void checkMemory(int n, int d) {
        checkBudget(n, estimateBytes(n, d), usesMatrix());
    }

    private void checkBudget(int n, long needed, boolean matrix) {
        String advice = "use TwoStageWard (K-means to m micro-clusters, then weighted Ward on their centres; memory "
                + "O(n d + m^2))" + (matrix && linkage != Linkage.WARD && linkage != Linkage.SINGLE
                ? ", WARD or SINGLE linkage on the data, which need no distance matrix," : "")
                + " or fit a sample of the rows";
        String what = String.format(Locale.ROOT, "Hierarchical clustering of n = %d rows with %s linkage (%s)", n,
                linkage, matrix ? "the condensed distance matrix of n (n - 1) / 2 = " + Condensed.length(n) + " doubles"
                        : "working copies of the data");
        if (matrix) {
            Condensed.requireCapacity(n, what + ": the matrix", advice);
        }
        MemoryBudget.require(what, needed, memoryBudget, advice);
    }

    @Override
    public String toString() {
        return "AgglomerativeClustering[linkage=" + linkage + ", " + cut + ", storage=" + storage + "]";
    }

    /**
     * Builds an {@link AgglomerativeClustering}. Every setter validates its argument
     * ({@link IllegalArgumentException}) and may be called once ({@link IllegalStateException}).
     */
    public static final class Builder extends EstimatorBuilder<Builder> implements CutOptions<Builder> {
        private Linkage linkage;
        private Cut cut;
        private long memoryBudget = -2;
        private DistanceStorage storage;

        private Builder() {
        }

        /** The linkage (default {@link Linkage#WARD}). */
        public Builder linkage(Linkage value) {
            Checks.notYetSet("linkage", linkage != null);
            linkage = Checks.notNull("linkage", value);
            return this;
        }

        @Override
        public Builder cut(Cut value) {
            Checks.notYetSet("cut", cut != null);
            cut = Checks.notNull("cut", value);
            return this;
        }

        /**
         * The most memory a fit may allocate, in bytes (default: half the JVM's maximum heap at the time of the fit).
         *
         * @throws IllegalArgumentException if {@code bytes < 1}
         */
        public Builder memoryBudgetBytes(long bytes) {
            Checks.notYetSet("memoryBudgetBytes", memoryBudget != -2);
            memoryBudget = MemoryBudget.checkConfigured("memoryBudgetBytes", bytes);
            return this;
        }

        /** Where distances live (default {@link DistanceStorage#AUTO}). */
        public Builder distanceStorage(DistanceStorage value) {
            Checks.notYetSet("distanceStorage", storage != null);
            storage = Checks.notNull("distanceStorage", value);
            return this;
        }

        /**
         * The estimator.
         *
         * @throws IllegalStateException if no cut was set
         */
        public AgglomerativeClustering build() {
            if (cut == null) {
                throw new IllegalStateException("Set the cut: nClusters(k) or distanceThreshold(t)");
            }
            return new AgglomerativeClustering(linkage == null ? Linkage.WARD : linkage, cut,
                    memoryBudget == -2 ? MemoryBudget.DEFAULT : memoryBudget,
                    storage == null ? DistanceStorage.AUTO : storage, configuredPool());
        }
    }
}
