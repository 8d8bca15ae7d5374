/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Condensed;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DissimilarityAccess;
import dev.segmentation.core.internal.MemoryBudget;
import dev.segmentation.core.internal.Parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * Gower's dissimilarity (Gower 1971) for customer tables that mix numeric and categorical columns: each
 * numeric column contributes its absolute difference divided by its range, each categorical column 0 when the
 * two customers share the category and 1 when they do not, and the dissimilarity is the weighted mean of the
 * contributions, in [0, 1].
 * <pre>{@code
 * // channel and region hold category codes (an ordinal encoding); the spend columns are numeric
 * DissimilarityMatrix d = Gower.of("channel", "region").matrix(customers);
 * Dendrogram tree = AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(4).build()
 *     .dendrogram(d, FitControl.none());
 * int[] segments = tree.cut(Cut.clusters(4));
 * double quality = Silhouette.exact().evaluate(d, segments).score();
 * }</pre>
 *
 * <h2>Definition</h2>
 * For rows i and j of a table with columns f of weight \( w_f \ge 0 \) (default 1),
 * \[ d_{ij} = \frac{\sum_f w_f \, d_{ijf}}{\sum_f w_f}, \qquad
 *    d_{ijf} = \begin{cases} |u_{if} - u_{jf}|, \quad u_{if} = (x_{if} - \min_f) / R_f
 *        &amp; f \text{ numeric} \\ [x_{if} \ne x_{jf}] &amp; f \text{ categorical} \end{cases} \]
 * with \( R_f = \max_f - \min_f \) the range of numeric column f over the rows of the table. A constant numeric
 * column (\( R_f = 0 \)) contributes 0 to every pair but still counts in the denominator, as in R's
 * {@code cluster::daisy(x, metric = "gower")}, which is the reference this class is tested against: on the
 * UCI Wholesale customers table with Channel and Region as categorical columns, with and without weights, and on
 * a small table with a constant column, every entry equals {@code daisy}'s bit for bit. Each
 * pair's numerator is summed in column order, as {@code daisy} sums it. The Gower dissimilarity is a metric
 * (it satisfies the triangle inequality), and \( \sqrt{d_{ij}} \) is Euclidean-embeddable (Gower 1971).
 *
 * <p>Categorical columns hold any codes (an ordinal or label encoding, for example), compared for equality; the
 * ordering of the codes plays no part. The ranges are taken from the rows given, so the dissimilarities of a
 * subset of customers differ from those of the same customers within the full table. Missing values cannot
 * occur: a {@link Dataset} holds finite values only (impute them first, or add a missing-value flag column).
 *
 * <h2>Memory and time</h2>
 * The matrix holds \( 8 n(n-1)/2 \) bytes (see {@link DissimilarityMatrix}); {@link #estimateBytes} adds the
 * scaled copy of the table (at most {@code 8 n d} bytes, and {@code 8 n} transiently per categorical column) and
 * one row of scratch per block. A table whose estimate
 * exceeds the memory budget (the library's default: half the maximum heap; {@link #withMemoryBudget}) is
 * refused with a {@link MemoryBudgetExceededException} before anything is allocated. Time \( O(n^2 d) \); the
 * rows are cut into fixed blocks of about equal numbers of pairs that run on the pool, each entry computed
 * independently, so the matrix is bit-identical for any number of threads.
 *
 * <h2>Bad input</h2>
 * A categorical column that is not in the table, a column named twice, weights of the wrong number or
 * negative, NaN, infinite or all zero, and a table of fewer than 2 rows throw {@link IllegalArgumentException}
 * naming the column or the value.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>References: J. C. Gower, "A general coefficient of similarity and some of its properties", Biometrics
 * 27(4) (1971) 857-871, doi:10.2307/2528823; L. Kaufman, P. J. Rousseeuw, Finding Groups in Data (Wiley,
 * 1990), ch. 1, doi:10.1002/9780470316801.
 *
 * @since 0.1
 */
public final class Gower {
    /** Most blocks the triangle is cut into: a constant, so that the split never depends on the thread count. */
    private static final int MAX_BLOCKS = 64;

    private final List<String> categorical;
    private final double[] weights;
    private final ForkJoinPool pool;
    private final long memoryBudget;

    private Gower(List<String> categorical, double[] weights, ForkJoinPool pool, long memoryBudget) {
        this.categorical = categorical;
        this.weights = weights;
        this.pool = pool;
        this.memoryBudget = memoryBudget;
    }

    /**
     * Gower's dissimilarity with the named columns categorical and every other column numeric, all of weight 1,
     * on the common pool.
     *
     * @param categoricalColumns the categorical columns (none for an all-numeric table: the range-normalised
     *     Manhattan distance divided by d)
     * @throws IllegalArgumentException if a name is blank or given twice
     */
    public static Gower of(String... categoricalColumns) {
        Checks.notNull("categoricalColumns", categoricalColumns);
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < categoricalColumns.length; i++) {
            String c = Checks.notNull("categoricalColumns[" + i + "]", categoricalColumns[i]);
            if (c.isBlank()) {
                throw new IllegalArgumentException("categoricalColumns[" + i + "] is blank");
            }
            if (!seen.add(c)) {
                throw new IllegalArgumentException("The categorical column '" + c + "' is given twice");
            }
        }
        return new Gower(List.copyOf(seen), null, ForkJoinPool.commonPool(), MemoryBudget.DEFAULT);
    }

    /**
     * A copy with a weight per column (R's {@code daisy(weights = )}), in the order of the table's columns.
     *
     * @param columnWeights one finite weight {@code >= 0} per column, not all 0. Not modified.
     * @throws IllegalArgumentException if a weight is negative, NaN or infinite, or all are 0
     */
    public Gower withWeights(double... columnWeights) {
        Checks.notNull("columnWeights", columnWeights);
        double sum = 0;
        for (int f = 0; f < columnWeights.length; f++) {
            Checks.nonNegative("columnWeights[" + f + "]", columnWeights[f]);
            sum += columnWeights[f];
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("At least one column weight must be > 0 but all "
                    + columnWeights.length + " are 0");
        }
        return new Gower(categorical, columnWeights.clone(), pool, memoryBudget);
    }

    /** A copy that runs on {@code newPool}. */
    public Gower withPool(ForkJoinPool newPool) {
        return new Gower(categorical, weights, Checks.notNull("pool", newPool), memoryBudget);
    }

    /** A copy that runs in the calling thread. */
    public Gower singleThreaded() {
        return new Gower(categorical, weights, null, memoryBudget);
    }

    /**
     * A copy with a memory budget in bytes.
     *
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public Gower withMemoryBudget(long bytes) {
        return new Gower(categorical, weights, pool, MemoryBudget.checkConfigured("memory budget", bytes));
    }

    /** The categorical columns, in the order given. */
    public List<String> categoricalColumns() {
        return categorical;
    }

    /** The memory budget in bytes in force: the configured one, or half the JVM's maximum heap. */
    public long memoryBudget() {
        return MemoryBudget.resolve(memoryBudget);
    }

    /**
     * The bytes {@link #matrix} allocates for n rows of d columns with this instance's pool: the matrix, the
     * scaled copy of the table and the per-block scratch.
     */
    public long estimateBytes(int n, int d) {
        int workers = pool == null ? 1 : Math.max(1, pool.getParallelism());
        long blocks = Math.min(workers, Condensed.rowBlocks(Math.max(n, 0), MAX_BLOCKS).length - 1);
        return DissimilarityMatrix.estimateBytes(n) + 8L * n * d + 8L * n + 32L * d + blocks * (8L * n + 16);
    }

    /** The Gower dissimilarity matrix of the rows of {@code data}; see the class comment. */
    public DissimilarityMatrix matrix(Dataset data) {
        return matrix(data, FitControl.none());
    }

    /**
     * The Gower dissimilarity matrix, checking {@code control} for cancellation every 64 rows.
     *
     * @param data at least 2 rows. Not modified.
     * @throws IllegalArgumentException see the class comment
     * @throws MemoryBudgetExceededException if the estimate exceeds the memory budget
     * @throws FitCancelledException if cancelled or interrupted
     */
    public DissimilarityMatrix matrix(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        final int n = data.rows();
        final int d = data.cols();
        if (n < 2) {
            throw new IllegalArgumentException("The Gower dissimilarity needs at least 2 rows but the data have " + n);
        }
        final boolean[] isCategorical = categoricalMask(data.columnNames());
        final double[] w = weights == null ? filled(d) : weights;
        if (w.length != d) {
            throw new IllegalArgumentException(w.length + " column weights were given for the " + d + " columns "
                    + data.columnNames());
        }
        String advice = "compute it on a sample of the rows (the ranges are then the sample's), or one-hot encode "
                + "the categorical columns and use a method that needs no matrix (K-means, TwoStageWard)";
        Condensed.requireCapacity(n, "A Gower dissimilarity matrix", advice);
        MemoryBudget.require(String.format(Locale.ROOT, "The Gower dissimilarity of %,d rows x %d columns", n, d),
                estimateBytes(n, d), memoryBudget, advice);
        final double[] x = DatasetAccess.data(data);
        final double[][] u = new double[d][];
        final int[][] codes = new int[d][];
        for (int f = 0; f < d; f++) {
            if (isCategorical[f]) {
                codes[f] = categoryCodes(x, n, d, f);
            } else {
                u[f] = scaledColumn(x, n, d, f);
            }
        }
        double wsum = 0;
        for (int f = 0; f < d; f++) {
            wsum += w[f];
        }
        final double total = wsum;
        final double[] out = new double[(int) Condensed.length(n)];
        final int[] rowStart = Condensed.rowStarts(n);
        final int[] bounds = Condensed.rowBlocks(n, MAX_BLOCKS);
        Parallel.forEachChunk(pool, bounds.length - 1, b -> {
            final double[] acc = new double[n];
            for (int i = bounds[b]; i < bounds[b + 1]; i++) {
                if ((i & 63) == 0) {
                    control.checkCancelled("Gower dissimilarity, row " + i);
                }
                row(u, codes, w, i, n, acc);
                final int base = rowStart[i];
                for (int j = i + 1; j < n; j++) {
                    out[base + j] = acc[j] / total;
                }
            }
        });
        return DissimilarityAccess.wrap(out, n);
    }

    /**
     * {@code acc[j]} = the weighted sum of the contributions of every column to the pair (i, j), for
     * {@code j > i}, summed in column order. A categorical column adds its weight where the codes differ,
     * computed without a branch ({@code (t | -t) >>> 31} is 1 for any non-zero {@code t}), so that the loop
     * compiles to vector instructions whatever the order of the categories.
     */
    private static void row(double[][] u, int[][] codes, double[] w, int i, int n, double[] acc) {
        Arrays.fill(acc, i + 1, n, 0.0);
        for (int f = 0; f < w.length; f++) {
            final double wf = w[f];
            if (wf == 0) {
                continue;
            }
            if (codes[f] != null) {
                final int[] col = codes[f];
                final int ci = col[i];
                for (int j = i + 1; j < n; j++) {
                    final int t = col[j] ^ ci;
                    acc[j] += wf * ((t | -t) >>> 31);
                }
            } else {
                final double[] col = u[f];
                final double ui = col[i];
                for (int j = i + 1; j < n; j++) {
                    acc[j] += wf * Math.abs(col[j] - ui);
                }
            }
        }
    }

    /**
     * A numeric column as \( (x - \min) / R \) (0 for a constant column). When the range overflows a double, both
     * sides are halved first, which changes nothing but the rounding.
     */
    private static double[] scaledColumn(double[] x, int n, int d, int f) {
        double[] col = new double[n];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = x[i * d + f];
            col[i] = v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        if (range == 0) {
            Arrays.fill(col, 0.0);
        } else if (range < Double.POSITIVE_INFINITY) {
            for (int i = 0; i < n; i++) {
                col[i] = (col[i] - min) / range;
            }
        } else {
            double half = max * 0.5 - min * 0.5;
            for (int i = 0; i < n; i++) {
                col[i] = (col[i] * 0.5 - min * 0.5) / half;
            }
        }
        return col;
    }

    /** A categorical column as the index of each value among the column's distinct values (-0.0 is 0.0). */
    private static int[] categoryCodes(double[] x, int n, int d, int f) {
        double[] distinct = new double[n];
        for (int i = 0; i < n; i++) {
            double v = x[i * d + f];
            distinct[i] = v == 0 ? 0.0 : v;
        }
        Arrays.sort(distinct);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m == 0 || distinct[i] != distinct[m - 1]) {
                distinct[m++] = distinct[i];
            }
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            double v = x[i * d + f];
            out[i] = Arrays.binarySearch(distinct, 0, m, v == 0 ? 0.0 : v);
        }
        return out;
    }

    private boolean[] categoricalMask(List<String> columns) {
        boolean[] mask = new boolean[columns.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < categorical.size(); c++) {
            int j = columns.indexOf(categorical.get(c));
            if (j < 0) {
                missing.add(categorical.get(c));
            } else {
                mask[j] = true;
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("The categorical column" + (missing.size() > 1 ? "s " : " ") + missing
                    + (missing.size() > 1 ? " are" : " is") + " not in the data, whose columns are " + columns);
        }
        return mask;
    }

    private static double[] filled(int d) {
        double[] w = new double[d];
        Arrays.fill(w, 1.0);
        return w;
    }

    @Override
    public String toString() {
        return "Gower[categorical=" + categorical + (weights == null ? "" : ", weights=" + Arrays.toString(weights))
                + "]";
    }
}
