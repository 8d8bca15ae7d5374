/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.MemoryBudgetExceededException;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Condensed;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DissimilarityAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.MemoryBudget;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.core.internal.Parallel;
import dev.segmentation.core.internal.Rng;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.SilhouetteKernel;
import dev.segmentation.validation.internal.TextTable;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * The silhouette (Rousseeuw 1987): how much closer each row is to its own cluster than to the nearest other
 * one, exact or estimated from a seeded sample, with the value of every scored row.
 * <pre>{@code
 * Silhouette.Result s = Silhouette.exact().evaluate(features, model.trainingLabels());
 * double score = s.score();            // scikit-learn's silhouette_score
 * double[] perRow = s.values();        // scikit-learn's silhouette_samples
 * Silhouette.Result quick = Silhouette.sampled(5_000, 42).evaluate(features, labels);
 * }</pre>
 *
 * <h2>Definition</h2>
 * With Euclidean distances \( \delta \), for row i in cluster \( C_i \) of size \( n_{C_i} \ge 2 \),
 * \[ a_i = \frac{1}{n_{C_i} - 1} \sum_{j \in C_i} \delta(x_i, x_j), \qquad
 *    b_i = \min_{C \ne C_i} \frac{1}{n_C} \sum_{j \in C} \delta(x_i, x_j), \qquad
 *    s_i = \frac{b_i - a_i}{\max(a_i, b_i)} , \]
 * with \( s_i = 0 \) for a singleton cluster and when \( a_i = b_i = 0 \) (duplicate rows in two clusters).
 * The score is the mean of \( s_i \) over the scored rows. This is scikit-learn's {@code silhouette_samples}
 * and {@code silhouette_score}; on the test fixtures the scores agree to \(2 \cdot 10^{-13}\) relative or better
 * (scikit-learn computes distances as \( \sqrt{\lVert x\rVert^2 + \lVert y \rVert^2 - 2 x \cdot y} \), this
 * class as \( \sqrt{\sum_f (x_f - y_f)^2} \), which stays exact for near-duplicate rows and data far from the
 * origin).
 *
 * <h2>Exact and sampled</h2>
 * <ul>
 *   <li>{@link #exact()}: every row against every row, \( O(n^2 d) \) time and \( O(n d) \) memory: the rows
 *       are copied once, sorted by cluster, and scored in blocks of 256 rows whose distances to each cluster
 *       are summed on the fly (no distance matrix, not even a row of one). Blocks are processed in parallel
 *       in fixed chunks of 1,024 rows on the given {@link ForkJoinPool}; every row's value depends only on
 *       the data, so the result is bit-identical for any number of threads.</li>
 *   <li>{@link #sampled(int, long)}: m rows drawn uniformly without replacement with the given seed (the
 *       library's xoroshiro128++ stream, so the draw is the same on every JVM), each scored exactly against
 *       all n rows. The mean is an unbiased estimate of the exact score, reported with its standard error
 *       \( \sqrt{(1 - m/n)\, S^2/m} \) (S the sample standard deviation of the m values); \( O(m n d) \)
 *       time. scikit-learn's {@code sample_size} instead computes the silhouette of the sample alone,
 *       against the sample, which is biased for small samples.</li>
 * </ul>
 *
 * <h2>Precomputed dissimilarities</h2>
 * {@link #evaluate(DissimilarityMatrix, int[])} takes the dissimilarities instead of the rows (scikit-learn's
 * {@code silhouette_samples(D, labels, metric="precomputed")}), for example {@link dev.segmentation.core.Gower}
 * dissimilarities of a table with categorical columns. Every row's sum to each cluster runs over the other rows in
 * row order, as the naive loop does, and is computed in fixed chunks of 1,024 rows on the pool, each reading the
 * condensed matrix in contiguous runs: \( O(n^2) \) time (\( O(m n) \) sampled), bit-identical for any
 * number of threads.
 *
 * <h2>Memory</h2>
 * {@link #estimateBytes} gives what an evaluation allocates beyond its inputs: the sorted copy of the rows
 * ({@code 8 n d} bytes), the per-row values, label codes and indices ({@code 20 n} bytes), the transient
 * label encoding (at most {@code 8 n} bytes plus 8 KiB) and one scratch block per worker thread
 * ({@code 8 (256 d + 512 + 256 k)} bytes); a sampled evaluation adds its m gathered rows. That bounds what the
 * evaluation holds at any time and, single-threaded, everything it allocates (the benchmark checks this with
 * the JVM's allocation counter). {@link #estimatePrecomputedBytes} does the same for a dissimilarity matrix
 * (the matrix itself is the input; see {@link DissimilarityMatrix#estimateBytes}): values, codes and row
 * indices ({@code 16 n} bytes), the label encoding and one block of {@code 1024 k} sums per worker. An
 * evaluation whose estimate exceeds the memory budget (the library's policy: by default half the JVM's maximum
 * heap; {@link #withMemoryBudget}) is refused before anything is allocated with a
 * {@link MemoryBudgetExceededException} that gives the estimate and the advice to use {@link #sampled}.
 *
 * <h2>Edge cases and bad input</h2>
 * <ul>
 *   <li>rows labelled {@link ClusterModel#NOISE} (-1) are left out: they are neither scored nor counted in any
 *       cluster, and their entry in {@link Result#values()} is NaN;</li>
 *   <li>fewer than 2 clusters, every row its own cluster, every row noise, labels of another length than the
 *       data (or the matrix), or a label below -1: {@link IllegalArgumentException} (scikit-learn's rule
 *       \( 2 \le k \le n - 1 \));</li>
 *   <li>a singleton cluster is allowed; its row scores 0;</li>
 *   <li>labels need not be contiguous: only the labels present define clusters;</li>
 *   <li>NaN and infinity cannot occur: {@link Dataset} and {@link DissimilarityMatrix} reject them.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * <p>Reference: P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and validation of cluster
 * analysis", Journal of Computational and Applied Mathematics 20 (1987) 53-65,
 * doi:10.1016/0377-0427(87)90125-7.
 *
 * @since 0.1
 */
public final class Silhouette {
    /** Query rows per parallel chunk: a constant, so that the chunking never depends on the thread count. */
    static final int CHUNK_ROWS = 1024;

    private final int sampleSize;
    private final long seed;
    private final ForkJoinPool pool;
    private final long memoryBudget;

    private Silhouette(int sampleSize, long seed, ForkJoinPool pool, long memoryBudget) {
        this.sampleSize = sampleSize;
        this.seed = seed;
        this.pool = pool;
        this.memoryBudget = memoryBudget;
    }

    /** The exact silhouette, on the common pool, with the default memory budget. */
    public static Silhouette exact() {
        return new Silhouette(0, 0, ForkJoinPool.commonPool(), MemoryBudget.DEFAULT);
    }

    /**
     * The silhouette estimated from {@code sampleSize} rows drawn with {@code seed}, each scored against all
     * rows. With at least as many sample rows as clustered rows, every row is scored and the result is exact.
     *
     * @throws IllegalArgumentException if {@code sampleSize < 2}
     */
    public static Silhouette sampled(int sampleSize, long seed) {
        Checks.atLeast("sampleSize", sampleSize, 2);
        return new Silhouette(sampleSize, seed, ForkJoinPool.commonPool(), MemoryBudget.DEFAULT);
    }

    /** The exact silhouette score with default settings (scikit-learn's {@code silhouette_score}). */
    public static double score(Dataset data, int[] labels) {
        return exact().evaluate(data, labels).score();
    }

    /** A copy that runs on {@code newPool}. */
    public Silhouette withPool(ForkJoinPool newPool) {
        return new Silhouette(sampleSize, seed, Checks.notNull("pool", newPool), memoryBudget);
    }

    /** A copy that runs in the calling thread. */
    public Silhouette singleThreaded() {
        return new Silhouette(sampleSize, seed, null, memoryBudget);
    }

    /**
     * A copy with a memory budget in bytes.
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public Silhouette withMemoryBudget(long bytes) {
        return new Silhouette(sampleSize, seed, pool, MemoryBudget.checkConfigured("memory budget", bytes));
    }

    /** Whether every row is scored (as opposed to a sample). */
    public boolean isExact() {
        return sampleSize == 0;
    }

    /** The sample size, or 0 for the exact silhouette. */
    public int sampleSize() {
        return sampleSize;
    }

    /** The seed of the sample (0 for the exact silhouette). */
    public long seed() {
        return seed;
    }

    /** The memory budget in bytes in force: the configured one, or half the JVM's maximum heap. */
    public long memoryBudget() {
        return MemoryBudget.resolve(memoryBudget);
    }

    /**
     * The bytes an evaluation allocates beyond its inputs for {@code n} rows (noise excluded), {@code d}
     * columns and {@code k} clusters, with this instance's pool: an upper bound on the memory it holds at any
     * time, and, single-threaded, on all it allocates.
     */
    public long estimateBytes(int n, int d, int k) {
        long m = isExact() ? n : Math.min(n, sampleSize);
        int workers = pool == null ? 1 : Math.max(1, pool.getParallelism());
        long chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        long concurrent = Math.max(1, Math.min(workers, chunks));
        long bytes = 8L * n * d;                   // rows sorted by cluster
        bytes += 4L * n * 3;                       // label codes, sorted order, sorted codes
        bytes += 8L * n + 8192;                    // label encoding (transient)
        bytes += 8L * n;                           // per-row values
        if (!isExact() && m < n) {
            bytes += 8L * m * d + 4L * m * 2 + 4L * n; // gathered sample, its codes and indices; the draw
        }
        bytes += concurrent * SilhouetteKernel.scratchBytes(d, k);
        return bytes;
    }

    /**
     * The bytes an evaluation from a dissimilarity matrix of {@code n} rows (noise included) with {@code k}
     * clusters allocates beyond the matrix, with this instance's pool: an upper bound on what it holds at any time.
     */
    public long estimatePrecomputedBytes(int n, int k) {
        long m = isExact() ? n : Math.min(n, sampleSize);
        int workers = pool == null ? 1 : Math.max(1, pool.getParallelism());
        long chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        long concurrent = Math.max(1, Math.min(workers, chunks));
        long bytes = 8L * n + 8192;                // label encoding (transient)
        bytes += 4L * n;                           // label codes
        bytes += 8L * n;                           // per-row values
        bytes += 4L * n + 4L * (k + 1);            // the scored rows, cluster offsets
        bytes += 4L * n;                           // row starts of the condensed matrix
        if (!isExact() && m < n) {
            bytes += 4L * n;                       // the draw
        }
        bytes += concurrent * (8L * CHUNK_ROWS * k + 16);
        return bytes;
    }

    /**
     * Evaluates a labelling.
     *
     * @param data the rows. Not modified.
     * @param labels one label per row, {@code >= 0} or -1 for noise. Not modified.
     * @return the score and per-row values
     * @throws IllegalArgumentException see the class comment
     * @throws MemoryBudgetExceededException if the memory estimate exceeds the budget
     */
    public Result evaluate(Dataset data, int[] labels) {
        return evaluate(data, labels, FitControl.none());
    }

    /** Evaluates a model's training labels on its training data. */
    public Result evaluate(Dataset data, ClusterModel model) {
        Checks.notNull("model", model);
        return evaluate(data, model.trainingLabels(), FitControl.none());
    }

    /**
     * Evaluates a labelling with cancellation: the evaluation checks {@code control} before each chunk.
     *
     * @throws dev.segmentation.core.FitCancelledException if cancelled or interrupted
     */
    public Result evaluate(Dataset data, int[] labels, FitControl control) {
        Checks.notNull("control", control);
        Labels.checkLength(labels, data);
        DistanceRange.check(data, "the silhouette");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        Labels.checkInternalIndexRange(enc, "The silhouette");
        final int n = data.rows();
        final int d = data.cols();
        final int k = enc.k;
        final int total = enc.assigned;
        MemoryBudget.require(String.format(Locale.ROOT, "The %s silhouette of %,d rows x %d columns",
                isExact() ? "exact" : "sampled", total, d), estimateBytes(total, d, k), memoryBudget,
                "use Silhouette.sampled(m, seed) (memory O(n d + m d))");
        final double[] x = DatasetAccess.data(data);
        // Sort the clustered rows by cluster (stable counting sort); order[p] = original row of sorted row p.
        int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + enc.sizes[c];
        }
        int[] order = new int[total];
        int[] sortedCodes = new int[total];
        double[] ref = new double[Math.multiplyExact(total, d)];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) {
            int c = enc.codes[i];
            if (c >= 0) {
                int p = fill[c]++;
                order[p] = i;
                sortedCodes[p] = c;
                System.arraycopy(x, i * d, ref, p * d, d);
            }
        }
        double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        if (isExact() || sampleSize >= total) {
            run(ref, sortedCodes, total, ref, start, k, d, values, order, control);
            return new Result(values, total, 0, true, enc);
        }
        int m = sampleSize;
        int[] sample = sampleRows(enc.codes, total, m, seed);
        double[] q = new double[Math.multiplyExact(m, d)];
        int[] qCodes = new int[m];
        for (int t = 0; t < m; t++) {
            System.arraycopy(x, sample[t] * d, q, t * d, d);
            qCodes[t] = enc.codes[sample[t]];
        }
        run(q, qCodes, m, ref, start, k, d, values, sample, control);
        return new Result(values, m, standardError(values, m, total), false, enc);
    }

    /**
     * Evaluates a labelling from precomputed dissimilarities (scikit-learn's {@code silhouette_samples(D, labels,
     * metric="precomputed")}).
     *
     * @param dissimilarities between the rows. Not modified.
     * @param labels one label per row of the matrix, {@code >= 0} or -1 for noise. Not modified.
     * @return the score and per-row values
     * @throws IllegalArgumentException see the class comment
     * @throws MemoryBudgetExceededException if the memory estimate exceeds the budget
     */
    public Result evaluate(DissimilarityMatrix dissimilarities, int[] labels) {
        return evaluate(dissimilarities, labels, FitControl.none());
    }

    /**
     * Evaluates a labelling from precomputed dissimilarities with cancellation, checked before each chunk.
     *
     * @throws dev.segmentation.core.FitCancelledException if cancelled or interrupted
     */
    public Result evaluate(DissimilarityMatrix dissimilarities, int[] labels, FitControl control) {
        Checks.notNull("dissimilarities", dissimilarities);
        Checks.notNull("control", control);
        final int n = dissimilarities.size();
        Labels.checkLength(labels, n);
        Labels.Encoded enc = Labels.encodeClusters(labels);
        Labels.checkInternalIndexRange(enc, "The silhouette");
        final int k = enc.k;
        final int total = enc.assigned;
        MemoryBudget.require(String.format(Locale.ROOT, "The %s silhouette of a %,d x %,d dissimilarity matrix",
                isExact() ? "exact" : "sampled", n, n), estimatePrecomputedBytes(n, k), memoryBudget,
                "use Silhouette.sampled(m, seed) (memory O(n))");
        final int[] start = new int[k + 1];
        for (int c = 0; c < k; c++) {
            start[c + 1] = start[c] + enc.sizes[c];
        }
        final boolean all = isExact() || sampleSize >= total;
        final int[] queries;
        if (all) {
            queries = new int[total];
            for (int i = 0, q = 0; i < n; i++) {
                if (enc.codes[i] >= 0) {
                    queries[q++] = i;
                }
            }
        } else {
            queries = sampleRows(enc.codes, total, sampleSize, seed);
        }
        final double[] dist = DissimilarityAccess.condensed(dissimilarities);
        final int[] rowStart = Condensed.rowStarts(n);
        final int[] codes = enc.codes;
        final double[] values = new double[n];
        Arrays.fill(values, Double.NaN);
        final int m = queries.length;
        final int chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        final ForkJoinPool p = chunks <= 1 ? null : pool;
        final double[] shared = p == null ? new double[CHUNK_ROWS * k] : null;
        Parallel.forEachChunk(p, chunks, c -> {
            control.checkCancelled("silhouette");
            SilhouetteKernel.precomputed(dist, n, rowStart, codes, start, k, queries, c * CHUNK_ROWS,
                    Math.min(m, (c + 1) * CHUNK_ROWS), values, shared != null ? shared : new double[CHUNK_ROWS * k]);
        });
        return all ? new Result(values, total, 0, true, enc)
                : new Result(values, m, standardError(values, m, total), false, enc);
    }

    /** \( \sqrt{(1 - m/n) S^2/m} \) of the m scored values (in row order). */
    private static double standardError(double[] values, int m, int total) {
        Neumaier sum = new Neumaier();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                sum.add(values[i]);
            }
        }
        double mean = sum.value() / m;
        Neumaier ss = new Neumaier();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                double dev = values[i] - mean;
                ss.add(dev * dev);
            }
        }
        double variance = ss.value() / (m - 1);
        return Math.sqrt((1 - (double) m / total) * variance / m);
    }

    private void run(double[] q, int[] qCodes, int m, double[] ref, int[] start, int k, int d, double[] out,
                     int[] outIndex, FitControl control) {
        int chunks = (m + CHUNK_ROWS - 1) / CHUNK_ROWS;
        if (pool == null || chunks <= 1) {
            SilhouetteKernel.Scratch scratch = new SilhouetteKernel.Scratch(d, k);
            for (int c = 0; c < chunks; c++) {
                control.checkCancelled("silhouette");
                SilhouetteKernel.silhouettes(q, qCodes, c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS), ref,
                        start, k, d, out, outIndex, scratch);
            }
            return;
        }
        Parallel.forEachChunk(pool, chunks, c -> {
            control.checkCancelled("silhouette");
            SilhouetteKernel.silhouettes(q, qCodes, c * CHUNK_ROWS, Math.min(m, (c + 1) * CHUNK_ROWS), ref, start,
                    k, d, out, outIndex, new SilhouetteKernel.Scratch(d, k));
        });
    }

    /**
     * {@code m} distinct clustered rows, uniformly without replacement, in increasing row order: a partial
     * Fisher-Yates shuffle of the clustered row indices driven by {@code Rng.stream(seed, 0)}.
     */
    static int[] sampleRows(int[] codes, int total, int m, long seed) {
        int[] idx = new int[total];
        for (int i = 0, q = 0; i < codes.length; i++) {
            if (codes[i] >= 0) {
                idx[q++] = i;
            }
        }
        Rng rng = Rng.stream(seed, 0);
        for (int t = 0; t < m; t++) {
            int j = t + rng.nextInt(total - t);
            int tmp = idx[t];
            idx[t] = idx[j];
            idx[j] = tmp;
        }
        int[] out = Arrays.copyOf(idx, m);
        Arrays.sort(out);
        return out;
    }

    @Override
    public String toString() {
        return isExact() ? "Silhouette[exact]" : "Silhouette[sampled m=" + sampleSize + ", seed=" + seed + "]";
    }

    /**
     * The outcome of an evaluation: the score, the value of every scored row, and per-cluster means.
     *
     * <p>Immutable; arrays are copied out.
     */
    public static final class Result {
        private final double[] values;
        private final int scored;
        private final double score;
        private final double standardError;
        private final boolean exact;
        private final int[] clusterLabels;
        private final double[] clusterMeans;
        private final int[] clusterScored;

        /** Summarises the values in row order: the score and per-cluster means, all by compensated sums. */
        Result(double[] values, int scored, double standardError, boolean exact, Labels.Encoded enc) {
            this.values = values;
            this.scored = scored;
            this.standardError = standardError;
            this.exact = exact;
            this.clusterLabels = enc.values.clone();
            int k = enc.k;
            Neumaier all = new Neumaier();
            Neumaier[] sums = new Neumaier[k];
            int[] counts = new int[k];
            for (int c = 0; c < k; c++) {
                sums[c] = new Neumaier();
            }
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (!Double.isNaN(v)) {
                    int c = enc.codes[i];
                    sums[c].add(v);
                    all.add(v);
                    counts[c]++;
                }
            }
            this.score = all.value() / scored;
            this.clusterMeans = new double[k];
            for (int c = 0; c < k; c++) {
                clusterMeans[c] = counts[c] == 0 ? Double.NaN : sums[c].value() / counts[c];
            }
            this.clusterScored = counts;
        }

        /** The mean silhouette of the scored rows: exact, or the sample estimate. */
        public double score() {
            return score;
        }

        /** The standard error of a sampled score (0 when exact). */
        public double standardError() {
            return standardError;
        }

        /** Whether every clustered row was scored. */
        public boolean isExact() {
            return exact;
        }

        /** The number of scored rows. */
        public int scoredRows() {
            return scored;
        }

        /** The indices of the scored rows, increasing. */
        public int[] scoredRowIndices() {
            int[] out = new int[scored];
            for (int i = 0, q = 0; i < values.length; i++) {
                if (!Double.isNaN(values[i])) {
                    out[q++] = i;
                }
            }
            return out;
        }

        /**
         * The silhouette of every row, in row order; NaN for rows that were not scored (noise rows, and rows
         * outside the sample).
         */
        public double[] values() {
            return values.clone();
        }

        /**
         * The silhouette of row i.
         *
         * @throws IllegalArgumentException if the row was not scored
         */
        public double value(int i) {
            double v = values[i];
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("Row " + i + " was not scored (noise or not in the sample)");
            }
            return v;
        }

        /** The cluster labels present, increasing. */
        public int[] clusterLabels() {
            return clusterLabels.clone();
        }

        /**
         * The mean silhouette of the scored rows of one cluster.
         *
         * @throws IllegalArgumentException if no scored row has that label
         */
        public double clusterMean(int label) {
            int c = Arrays.binarySearch(clusterLabels, label);
            if (c < 0 || clusterScored[c] == 0) {
                throw new IllegalArgumentException("No scored row has label " + label);
            }
            return clusterMeans[c];
        }

        /** The score, then per cluster the rows scored and their mean silhouette. */
        public String table() {
            StringBuilder sb = new StringBuilder(TextTable.line("Silhouette %.4f%s over %,d rows, %d clusters", score,
                    exact ? " (exact)" : TextTable.fmt(" +- %.4f (sample)", standardError), scored,
                    clusterLabels.length));
            TextTable t = TextTable.of("cluster", "rows", "mean silhouette");
            for (int c = 0; c < clusterLabels.length; c++) {
                t.row(clusterLabels[c], clusterScored[c],
                        clusterScored[c] == 0 ? "-" : TextTable.fmt("%.4f", clusterMeans[c]));
            }
            return sb.append(t.render()).toString();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Silhouette.Result[score=%.6f%s, rows=%d, clusters=%d]", score,
                    exact ? "" : String.format(Locale.ROOT, " +- %.6f", standardError), scored,
                    clusterLabels.length);
        }
    }
}
