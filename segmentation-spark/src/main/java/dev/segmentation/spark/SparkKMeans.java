/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.FitCancelledException;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.DotKernel;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.spark.internal.Blocks;
import dev.segmentation.spark.internal.ExactSum;

import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * K-means on a Spark DataFrame that returns the library's own {@link KMeansModel}, written with
 * {@code ModelIO} like any other model.
 *
 * <h2>The fit</h2>
 * <ol>
 *   <li><b>Initialisation</b>: the given centres, or <em>k-means++ on a seeded sample</em>: each row is kept
 *       when a hash of (seed, its global row number) falls below {@code sampleSize / n}, so the sample does not
 *       depend on the partitioning; the single-JVM {@link KMeans} (greedy k-means++, {@code nInit} restarts,
 *       Lloyd on the sample) fits it on the driver, and its centres start the distributed iteration. k-means||
 *       (Bahmani et al. 2012) would need about {@code 2 log n} extra passes over the data to oversample
 *       candidates; for the k of customer segments (2 to a few dozen) a sample of 100,000 rows already holds
 *       hundreds of rows per cluster, so one pass and a single-JVM fit give as good a start for less.</li>
 *   <li><b>Lloyd iterations</b>, the single-JVM {@code LloydEngine}'s rules: each partition labels its rows
 *       with the core's blocked nearest-centre kernel ({@code CentroidKernel.nearest}, lowest index on ties)
 *       and sums them per cluster, runs of 256 rows plainly in row order ({@code CentroidKernel.addRows}, a
 *       vector of features at a time, the plain loop's bits), the runs' sums with Knuth's two-sum; the driver
 *       adds the partitions' (sum, error) pairs into exact accumulators (Shewchuk's partials, rounded once), so
 *       the centres \( c_j = \sum_{y_i = j} x_i / n_j \) agree with the single-JVM fit to about
 *       \( 256 \cdot 2^{-53} \approx 3 \times 10^{-14} \) relative to the cluster's mean magnitude whatever the
 *       number of rows and partitions (tested to \( 10^{-9} \) with 1, 2 and 7). Empty clusters take the
 *       rows farthest from their centres (ties: lowest global row), as in the single JVM. The run stops when
 *       the squared centre shift is at most {@code tol} times the mean column variance (computed exactly
 *       over all rows), which includes the single JVM's "no label changed" case (then the shift is 0), or
 *       after {@code maxIter} iterations.</li>
 *   <li>A last pass labels every row with the final centres for the inertia and the cluster weights. The
 *       model keeps no training labels (they stay on the cluster): score the DataFrame with
 *       {@link SparkScorer} for them.</li>
 * </ol>
 *
 * <h2>Progress and cancellation</h2>
 * After each iteration the {@link FitControl}'s listener receives a {@link Progress} (iteration, inertia) and its
 * cancel token and the thread's interrupt flag are checked. Every Spark job of the fit runs in the job group
 * {@link Builder#jobGroup} (a fresh name by default, {@link #lastJobGroup()}): {@code
 * sparkContext.cancelJobGroup(group)} from another thread cancels the running job and the fit throws
 * {@link FitCancelledException}; {@link #cancel(SparkContext, String)} does the same and also stops a fit that
 * is between two jobs.
 *
 * <p>The data are packed once into flat blocks (read from Spark's internal rows, without boxing; a block is an
 * {@code Object[]} of primitive arrays, see {@code internal.Blocks}) and cached deserialized (memory, then disk)
 * for the iterations, then released. Each iteration is one job: the centres travel in the task closure, each task
 * returns its per-cluster sums with their two-sum rounding errors, counts and inertia ({@code Partial}'s
 * {@code double[][]}), and the driver adds them into exact accumulators. No class of the library travels: the
 * closures capture primitives, primitive arrays and Spark broadcasts, and every task result is a primitive array
 * or an array of them (layouts on {@code Summary}, {@code Partial} and {@code Far}). The first pass also finds
 * the block sizes, the distinct-row check and the column ranges of the overflow policy; the exact column
 * variances take two more passes only when {@code tol > 0}; the last pass (weights and inertia of the final
 * centres) is skipped when the centres did not move.
 *
 * <p>References: S. Lloyd (1982), doi:10.1109/TIT.1982.1056489; D. Arthur, S. Vassilvitskii, "k-means++",
 * SODA 2007; B. Bahmani et al., "Scalable k-means++", VLDB 2012, doi:10.14778/2180912.2180915.
 *
 * <p>Immutable configuration; thread-safe.
 *
 * @since 0.1
 */
public final class SparkKMeans {
    private static final Logger LOG = LoggerFactory.getLogger(SparkKMeans.class);
    private static final Set<String> CANCELLED = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<String> LAST_GROUP = new ThreadLocal<>();

    /** The default number of rows the initialisation samples. */
    public static final int DEFAULT_SAMPLE_SIZE = 100_000;

    private final int k;
    private final int maxIter;
    private final double tol;
    private final long seed;
    private final int nInit;
    private final int sampleSize;
    private final double[][] initial;
    private final String jobGroup;

    private SparkKMeans(Builder b) {
        this.k = b.k;
        this.maxIter = b.maxIter;
        this.tol = b.tol;
        this.seed = b.seed;
        this.nInit = b.nInit;
        this.sampleSize = b.sampleSize;
        this.initial = b.initial;
        this.jobGroup = b.jobGroup;
    }

    /** A builder with k = 8, maxIter 300, tol 1e-4, seed 42, nInit 10 on a sample of 100,000 rows. */
    public static Builder builder() {
        return new Builder();
    }

    /** The job group of the last fit started on this thread. */
    public static String lastJobGroup() {
        return LAST_GROUP.get();
    }

    /**
     * Cancels the fits running in a job group: their running Spark job is cancelled, and a fit between two jobs
     * stops before the next one.
     */
    public static void cancel(SparkContext sc, String jobGroup) {
        CANCELLED.add(jobGroup);
        sc.cancelJobGroup(jobGroup);
    }

    /** Fits without a listener. */
    public KMeansModel fit(Dataset<Row> df, List<String> columns) {
        return fit(df, columns, FitControl.none());
    }

    /**
     * Fits.
     *
     * @param df the rows. Not modified.
     * @param columns the numeric feature columns, in the model's order
     * @param control progress listener and cancel token
     * @return the model; its columns are {@code columns}
     * @throws IllegalArgumentException if a column is missing or not numeric, a value is null, NaN or infinite,
     *     the DataFrame is empty, or it holds fewer than k distinct rows; or if the values are so large that
     *     squared distances could overflow ({@code 64 n d M^2 > Double.MAX_VALUE}, M the largest magnitude: the
     *     message names the value, its global row number in partition order and the column) or distinct rows
     *     differ by less than {@code 1e-150} in every column, the single JVM's {@code DistanceRange} policy
     * @throws FitCancelledException if cancelled
     */
    public KMeansModel fit(Dataset<Row> df, List<String> columns, FitControl control) {
        Objects.requireNonNull(df, "df");
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(control, "control");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns is empty");
        }
        if (initial != null && initial[0].length != columns.size()) {
            throw new IllegalArgumentException("The initial centroids have " + initial[0].length
                    + " columns but " + columns.size() + " columns were given: " + columns);
        }
        final int d = columns.size();
        SparkContext sc = df.sparkSession().sparkContext();
        String group = jobGroup != null ? jobGroup : "segmentation-kmeans-" + UUID.randomUUID();
        LAST_GROUP.set(group);
        sc.setJobGroup(group, "segmentation K-means, k = " + k, true);
        JavaRDD<Object[]> blocks = Blocks.of(df, columns).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return run(blocks, columns, d, sc, group, control);
        } catch (FitCancelledException e) {
            throw e;
        } catch (Exception e) { // a failed Spark job throws the checked SparkException
            if (isCancellation(e) || CANCELLED.contains(group)) {
                FitCancelledException c = new FitCancelledException("Fit cancelled through Spark job group '"
                        + group + "'");
                c.initCause(e);
                throw c;
            }
            IllegalArgumentException bad = Blocks.illegalArgument(e);
            if (bad != null) {
                throw bad == e ? bad : new IllegalArgumentException(bad.getMessage(), e);
            }
            throw e instanceof RuntimeException ? (RuntimeException) e
                    : new IllegalStateException("The Spark job of the fit failed: " + e.getMessage(), e);
        } finally {
            blocks.unpersist(false);
            CANCELLED.remove(group);
            sc.clearJobGroup();
        }
    }

    private static boolean isCancellation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("cancelled") || m.contains("canceled"))) {
                return true;
            }
        }
        return false;
    }

    private void check(String group, FitControl control, String where) {
        if (CANCELLED.contains(group)) {
            throw new FitCancelledException("Fit cancelled through Spark job group '" + group + "' at " + where);
        }
        control.checkCancelled(where);
    }

    private KMeansModel run(JavaRDD<Object[]> blocks, List<String> columns, int d, SparkContext sc, String group,
                            FitControl control) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        final int kk = k;
        // pass 1 packs and caches the blocks: block sizes (global row numbers) and up to k distinct rows
        List<double[][]> summaries = blocks.mapPartitionsWithIndex((p, part) -> Collections.singletonList(
                Summary.of(p, part, d, kk)).iterator(), true).collect();
        int partitions = blocks.getNumPartitions();
        long[][] offsets = new long[partitions][];
        long n = 0;
        java.util.HashSet<List<Double>> distinct = new java.util.HashSet<>();
        for (double[][] sm : summaries) { // collect() keeps the partition order
            final int partition = Summary.partition(sm);
            final double[] sizes = sm[Summary.SIZES];
            offsets[partition] = new long[sizes.length];
            for (int b = 0; b < sizes.length; b++) {
                offsets[partition][b] = n;
                n += (long) sizes[b];
            }
            final double[] rows = sm[Summary.DISTINCT];
            for (int at = 0; at < rows.length && distinct.size() < k; at += d) {
                Double[] r = new Double[d];
                for (int j = 0; j < d; j++) {
                    r[j] = rows[at + j];
                }
                distinct.add(Arrays.asList(r));
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("The DataFrame has no rows: k-means needs at least k = " + k);
        }
        if (n < k) {
            throw new IllegalArgumentException("k = " + k + " but the DataFrame has only " + n + " row(s)");
        }
        checkRange(summaries, offsets, n, d, columns);
        if (initial != null) {
            DistanceRange.check(flatten(initial, d), k, d, columns, n, "k-means (the given initial centres)");
        }
        if (distinct.size() < k) {
            throw new IllegalArgumentException("k = " + k + " but the data hold only " + distinct.size()
                    + " distinct row(s); lower k or remove duplicates");
        }
        check(group, control, "the data pass");
        final long total = n;
        final double tolAbs = tol == 0 ? 0 : tol * meanVariance(blocks, d, total, jsc);
        check(group, control, "the data pass");
        Broadcast<long[][]> offsetsB = jsc.broadcast(offsets);

        KMeans.Init init;
        double[] centres;
        if (initial != null) {
            init = KMeans.Init.GIVEN;
            centres = flatten(initial, d);
        } else {
            init = KMeans.Init.K_MEANS_PLUS_PLUS;
            centres = sampleInit(blocks, offsetsB, total, d, columns);
        }
        Passes passes = new Passes();
        int iterations = 0;
        boolean converged = false;
        Acc last = null; // the sums of the last pass, when its centres are the final ones
        for (int it = 0; it < maxIter; it++) {
            Acc acc = Acc.of(pass(blocks, centres, d, passes, false), k, d);
            double[] sums = new double[k * d];
            double[] weights = new double[k];
            acc.values(sums, weights);
            boolean relocated = relocateEmpty(blocks, centres, offsetsB, sums, weights, acc, d);
            double[] next = new double[k * d];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    next[c * d + j] = weights[c] > 0 ? sums[c * d + j] / weights[c] : centres[c * d + j];
                }
            }
            double shift = 0;
            for (int c = 0; c < k; c++) {
                shift += CentroidKernel.squaredDistance(centres, c * d, next, c * d, d);
            }
            centres = next;
            iterations = it + 1;
            control.checkpoint(new Progress("k-means (spark lloyd)", 0, 1, iterations, maxIter,
                    ExactSum.value(acc.inertia)));
            check(group, control, "iteration " + iterations);
            if (shift <= tolAbs) {
                converged = true;
                // unchanged centres: this pass's labels, weights and inertia are those of the final centres
                last = shift == 0 && !relocated ? acc : null;
                break;
            }
        }
        if (last == null) {
            last = Acc.of(pass(blocks, centres, d, passes, true), k, d);
        }
        offsetsB.destroy();
        double[] weights = new double[k];
        last.values(new double[k * d], weights);
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(centres, c * d, out[c], 0, d);
        }
        LOG.debug("Spark k-means: {} rows, {} iterations, converged {}", total, iterations, converged);
        return KMeansModel.ofCentres(columns, out, weights, ExactSum.value(last.inertia), iterations, converged, seed,
                init);
    }

    /**
     * One Lloyd pass: a job whose tasks label their rows and return their compensated sums ({@link Partial}'s
     * {@code double[][]}), in partition order. The centres (k * d doubles) travel in the task closure with the
     * bounds' primitives and arrays, not as a broadcast; the task builds its {@link Bounds} from them.
     */
    private List<double[][]> pass(JavaRDD<Object[]> blocks, double[] centres, int d, Passes passes, boolean last) {
        final double[] c = centres;
        final int kk = k;
        final long fit = passes.fit;
        final int pass = passes.count;
        final int previous = passes.previous == null ? -2 : pass - 1;
        final double move = passes.previous == null ? 0 : Bounds.largestMove(passes.previous, c, kk, d);
        final double[] half = Bounds.halfGaps(c, kk, d);
        passes.count++;
        passes.previous = c;
        return blocks.mapPartitions(part -> Collections.singletonList(Partial.of(part, c, kk, d,
                new Bounds(fit, pass, previous, move, half, last))).iterator()).collect();
    }

    /** The driver's record of the passes of one fit, for the bounds kept in the cached blocks. */
    private static final class Passes {
        final long fit = UUID.randomUUID().getMostSignificantBits();
        int count;
        double[] previous;
    }

    /**
     * Hamerly's bounds (G. Hamerly, "Making k-means even faster", SDM 2010, doi:10.1137/1.9781611972801.12), kept
     * per row in the cached blocks between passes, used only to skip centres that cannot be nearest; every label
     * is the one the full scan would give, bit for bit, so the fit is the plain Lloyd iteration.
     *
     * <p>Each pass computes, for every row, the exact squared distance \( D^2 \) to the centre it had (as the
     * kernel does, in feature order: the same bits, so the same inertia). The row keeps that centre when
     * \( \sqrt{D^2} (1 + \sigma) < \max(s_a, l) \), with \( s_a \) half the distance from its centre to the
     * nearest other centre and \( l \) the lower bound: the distance to the second centre at the row's last full
     * scan, minus the largest centre move of each pass since. Otherwise the row goes through the full kernel
     * (gathered with the other such rows of its block), which resets its bound. Every bound is loosened by the
     * slack \( \sigma = 10^{-10} \), far above the relative rounding error of a sum of \( d \) squares
     * (about \( (d + 2) 2^{-53} \)), so a kept row's nearest centre is at least \( 10^{-10} \) relatively
     * closer than any other, and the kernel's rounded distances would choose it too (never a tie). A block's
     * bounds are used only by the pass right after the one that wrote them, in the same fit (the block's state
     * {@code Blocks.BOUNDS_FIT} and {@code Blocks.BOUNDS_PASS}, the pass cleared to -1 while a block is being
     * updated), so a block read again from disk or recomputed after a lost executor is simply scanned in full.
     */
    static final class Bounds { // built inside each task from the closure's values
        static final double SLACK = 1e-10;
        final long fit;
        final int pass;
        final int previous;
        final double move;
        final double[] half;
        /** The fit's last pass: its bounds are never read, so it computes and leaves none. */
        final boolean last;

        Bounds(long fit, int pass, int previous, double move, double[] half, boolean last) {
            this.fit = fit;
            this.pass = pass;
            this.previous = previous;
            this.move = move;
            this.half = half;
            this.last = last;
        }

        /** The largest distance a centre moved, rounded up. */
        static double largestMove(double[] before, double[] after, int k, int d) {
            double m = 0;
            for (int c = 0; c < k; c++) {
                m = Math.max(m, Math.sqrt(CentroidKernel.squaredDistance(before, c * d, after, c * d, d)));
            }
            return m * (1 + SLACK);
        }

        /** Per centre, half the distance to the nearest other centre, rounded down ({@code +Inf} when k = 1). */
        static double[] halfGaps(double[] c, int k, int d) {
            double[] half = new double[k];
            Arrays.fill(half, Double.POSITIVE_INFINITY);
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    double g = 0.5 * Math.sqrt(CentroidKernel.squaredDistance(c, a * d, c, b * d, d)) * (1 - SLACK);
                    half[a] = Math.min(half[a], g);
                    half[b] = Math.min(half[b], g);
                }
            }
            return half;
        }

        static double lowerOf(double second) {
            return Math.sqrt(second) * (1 - SLACK);
        }

        /** The bound after a pass whose centres moved by at most {@code move}, rounded down. */
        double loosen(double l) {
            return l < Double.POSITIVE_INFINITY ? l - move - SLACK * (l + move) : l;
        }
    }

    /**
     * Labels the rows of a partition's blocks as {@link #label} does, skipping with {@link Bounds} the centres
     * that cannot be nearest, and leaves the bounds in the blocks for the next pass; on the fit's last pass
     * ({@code Bounds.last}: no pass reads its bounds) the rows the bounds do not settle are labelled without
     * runner-up distances ({@code CentroidKernel.nearestLabels}, the naive scan's labels) and only their own
     * centre's distance is computed, and no bounds are left.
     */
    static void labelWithBounds(java.util.Iterator<Object[]> part, double[] centres, int k, int d, Bounds bounds,
                                LabelledBlock then) {
        CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
        int[] labels = new int[Blocks.ROWS];
        double[] dist = new double[Blocks.ROWS];
        double[] second = new double[Blocks.ROWS];
        double[] gathered = null;
        int[] gl = null;
        double[] gb = null;
        int[] rows = new int[Blocks.ROWS];
        final double[] half = bounds.half;
        final boolean last = bounds.last;
        final DotKernel.Centres prepared = last ? new DotKernel.Centres(centres, k, d) : null;
        while (part.hasNext()) {
            Object[] b = part.next();
            final int n = Blocks.rows(b);
            final double[] x = Blocks.x(b);
            final int[] label = Blocks.label(b);
            final double[] lower = Blocks.lower(b);
            final long[] state = Blocks.state(b);
            boolean valid = state[Blocks.BOUNDS_FIT] == bounds.fit && state[Blocks.BOUNDS_PASS] == bounds.previous;
            state[Blocks.BOUNDS_PASS] = -1;
            state[Blocks.BOUNDS_FIT] = bounds.fit;
            int m = 0;
            if (valid) {
                if (gathered == null) {
                    gathered = new double[Blocks.ROWS * d];
                    gl = new int[Blocks.ROWS];
                    gb = new double[Blocks.ROWS];
                }
                for (int i = 0; i < n; i++) {
                    final int a = label[i];
                    final double d2 = CentroidKernel.squaredDistance(x, i * d, centres, a * d, d);
                    final double l = bounds.loosen(lower[i]);
                    lower[i] = l;
                    if (Math.sqrt(d2) * (1 + Bounds.SLACK) < Math.max(half[a], l)) {
                        labels[i] = a;
                        dist[i] = d2;
                    } else {
                        rows[m] = i;
                        System.arraycopy(x, i * d, gathered, m * d, d);
                        m++;
                    }
                }
                if (m > 0 && last) {
                    CentroidKernel.nearestLabels(gathered, 0, m, prepared, gl, 0, scratch);
                    for (int q = 0; q < m; q++) {
                        final int i = rows[q];
                        labels[i] = gl[q];
                        dist[i] = CentroidKernel.squaredDistance(gathered, q * d, centres, gl[q] * d, d);
                    }
                } else if (m > 0) {
                    CentroidKernel.nearest(gathered, d, 0, m, centres, k, gl, 0, gb, 0, second, scratch);
                    for (int q = 0; q < m; q++) {
                        final int i = rows[q];
                        labels[i] = gl[q];
                        dist[i] = gb[q];
                        label[i] = gl[q];
                        lower[i] = Bounds.lowerOf(second[q]);
                    }
                }
            } else if (last) {
                ownLabels(x, n, centres, d, prepared, labels, dist, scratch);
            } else {
                CentroidKernel.nearest(x, d, 0, n, centres, k, labels, 0, dist, 0, second, scratch);
                for (int i = 0; i < n; i++) {
                    label[i] = labels[i];
                    lower[i] = Bounds.lowerOf(second[i]);
                }
            }
            if (!last) {
                state[Blocks.BOUNDS_PASS] = bounds.pass;
            }
            then.accept(b, labels, dist);
        }
    }

    /**
     * The labels of a block's {@code n} rows ({@code CentroidKernel.nearestLabels}, the naive scan's labels) and
     * each row's squared distance to its centre, summed in feature order as the naive scan does.
     */
    private static void ownLabels(double[] x, int n, double[] centres, int d, DotKernel.Centres prepared,
                                  int[] labels, double[] dist, CentroidKernel.Scratch scratch) {
        CentroidKernel.nearestLabels(x, 0, n, prepared, labels, 0, scratch);
        for (int i = 0; i < n; i++) {
            dist[i] = CentroidKernel.squaredDistance(x, i * d, centres, labels[i] * d, d);
        }
    }

    /** The mean column variance, from exact sums over all rows (two passes: the means, then the squares). */
    private static double meanVariance(JavaRDD<Object[]> blocks, int d, long total, JavaSparkContext jsc) {
        double[][] colSums = blocks.treeAggregate(ExactSum.zeros(d), (acc, b) -> ColumnSums.add(acc, b, d, null),
                ExactSum::addAll);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = ExactSum.value(colSums[j]) / total;
        }
        Broadcast<double[]> meanB = jsc.broadcast(mean);
        double[][] squares = blocks.treeAggregate(ExactSum.zeros(d),
                (acc, b) -> ColumnSums.add(acc, b, d, meanB.value()), ExactSum::addAll);
        meanB.destroy();
        double meanVar = 0;
        for (int j = 0; j < d; j++) {
            meanVar += ExactSum.value(squares[j]) / total;
        }
        return meanVar / d;
    }

    private double[] sampleInit(JavaRDD<Object[]> blocks, Broadcast<long[][]> ob, long n, int d,
                                List<String> columns) {
        final double p = Math.min(1.0, (double) sampleSize / n);
        final long s = seed;
        List<double[]> rows = blocks.flatMap(b -> {
            List<double[]> out = new ArrayList<>();
            final double[] x = Blocks.x(b);
            final int m = Blocks.rows(b);
            long start = ob.value()[Blocks.partition(b)][Blocks.index(b)];
            for (int i = 0; i < m; i++) {
                if (uniform(s, start + i) < p) {
                    out.add(Arrays.copyOfRange(x, i * d, (i + 1) * d));
                }
            }
            return out.iterator();
        }).collect();
        if (rows.size() < k) { // a tiny sampling rate on small data: take every row
            rows = blocks.flatMap(b -> {
                List<double[]> out = new ArrayList<>();
                final double[] x = Blocks.x(b);
                final int m = Blocks.rows(b);
                for (int i = 0; i < m; i++) {
                    out.add(Arrays.copyOfRange(x, i * d, (i + 1) * d));
                }
                return out.iterator();
            }).collect();
        }
        dev.segmentation.core.Dataset sample = dev.segmentation.core.Dataset.of(rows.toArray(new double[0][]),
                columns);
        KMeansModel m = KMeans.builder().k(k).nInit(nInit).seed(seed).singleThreaded().build().fit(sample);
        return flatten(m.clusterCenters().toArray(), d);
    }

    /** A uniform double in [0, 1) from (seed, row): SplitMix64's finaliser. */
    static double uniform(long seed, long row) {
        long z = seed * 0x9E3779B97F4A7C15L + row + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }

    private static double[] flatten(double[][] c, int d) {
        double[] out = new double[c.length * d];
        for (int i = 0; i < c.length; i++) {
            System.arraycopy(c[i], 0, out, i * d, d);
        }
        return out;
    }

    /**
     * Re-seeds empty clusters with the rows farthest from their centres, largest first, ties by global row.
     *
     * @return whether a cluster was empty
     */
    private boolean relocateEmpty(JavaRDD<Object[]> blocks, double[] centres, Broadcast<long[][]> offsets,
                                  double[] sums, double[] weights, Acc acc, int d) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (weights[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return false;
        }
        final int e = empty;
        final int kk = k;
        final double[] cs = centres;
        List<double[]> far = new ArrayList<>(blocks.mapPartitions(part -> Far.top(part, cs, kk, d, e,
                offsets.value()).iterator()).collect());
        far.sort(Far.ORDER);
        for (int c = 0, f = 0; c < k; c++) {
            if (weights[c] != 0) {
                continue;
            }
            double[] row = far.get(f++);
            final int label = Far.label(row);
            for (int j = 0; j < d; j++) {
                final double v = row[Far.X + j];
                acc.sums[label * d + j] = ExactSum.add(acc.sums[label * d + j], -v);
                sums[label * d + j] = ExactSum.value(acc.sums[label * d + j]);
                sums[c * d + j] = v;
            }
            acc.weights[label]--;
            weights[label] = acc.weights[label];
            weights[c] = 1;
        }
        return true;
    }

    /** What a pass over one labelled block ({@link Blocks}) does with the labels and squared distances of its rows. */
    @FunctionalInterface
    interface LabelledBlock {
        void accept(Object[] block, int[] labels, double[] dist);
    }

    /** Labels the rows of a partition's blocks with the core's nearest-centre kernel (lowest index on ties). */
    static void label(java.util.Iterator<Object[]> part, double[] centres, int k, int d, LabelledBlock then) {
        CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
        DotKernel.Centres prepared = new DotKernel.Centres(centres, k, d);
        int[] labels = new int[Blocks.ROWS];
        double[] dist = new double[Blocks.ROWS];
        while (part.hasNext()) {
            Object[] b = part.next();
            ownLabels(Blocks.x(b), Blocks.rows(b), centres, d, prepared, labels, dist, scratch);
            then.accept(b, labels, dist);
        }
    }

    /**
     * A partition's summary, the task result of the first pass: its block sizes, up to k of its distinct rows
     * (-0.0 read as 0.0), and per column the minimum, the maximum and the largest magnitude with the place of its
     * first occurrence (block, row of the block), for the overflow policy.
     *
     * <p>A summary is a {@code double[][]} of 9 arrays (block numbers, rows and sizes are integers below
     * \( 2^{31} \), exact as doubles): {@code [PARTITION] = {partition}}; {@code [SIZES]}, the rows of each block in
     * block order; per column j, {@code [MIN][j]}, {@code [MAX][j]}, {@code [LARGEST][j]} (the largest magnitude,
     * -1 for an empty partition), {@code [LARGEST_VALUE][j]} (the signed value of that magnitude),
     * {@code [LARGEST_BLOCK][j]} and {@code [LARGEST_ROW][j]} (where it is first, in row order); and
     * {@code [DISTINCT]}, the distinct rows in order of first occurrence, {@code d} values each, row-major.
     */
    static final class Summary {
        static final int PARTITION = 0;
        static final int SIZES = 1;
        static final int MIN = 2;
        static final int MAX = 3;
        static final int LARGEST = 4;
        static final int LARGEST_VALUE = 5;
        static final int LARGEST_BLOCK = 6;
        static final int LARGEST_ROW = 7;
        static final int DISTINCT = 8;

        private Summary() {
        }

        static int partition(double[][] summary) {
            return (int) summary[PARTITION][0];
        }

        /** The summary of a partition's blocks, up to {@code enough} distinct rows. */
        static double[][] of(int partition, java.util.Iterator<Object[]> part, int d, int enough) {
            double[] sizes = new double[8];
            int blocks = 0;
            java.util.LinkedHashSet<List<Double>> seen = new java.util.LinkedHashSet<>();
            double[][] out = new double[DISTINCT + 1][];
            out[PARTITION] = new double[] {partition};
            for (int t = MIN; t <= LARGEST_ROW; t++) {
                out[t] = new double[d];
            }
            Arrays.fill(out[MIN], Double.POSITIVE_INFINITY);
            Arrays.fill(out[MAX], Double.NEGATIVE_INFINITY);
            Arrays.fill(out[LARGEST], -1);
            while (part.hasNext()) {
                Object[] b = part.next();
                final double[] x = Blocks.x(b);
                final int n = Blocks.rows(b);
                if (blocks == sizes.length) {
                    sizes = Arrays.copyOf(sizes, 2 * blocks);
                }
                fold(out, x, n, d, blocks);
                sizes[blocks++] = n;
                for (int i = 0; i < n && seen.size() < enough; i++) {
                    Double[] r = new Double[d];
                    for (int j = 0; j < d; j++) {
                        double v = x[i * d + j];
                        r[j] = v == 0 ? 0.0 : v;
                    }
                    seen.add(Arrays.asList(r));
                }
            }
            out[SIZES] = Arrays.copyOf(sizes, blocks);
            double[] distinct = new double[seen.size() * d];
            int at = 0;
            for (List<Double> r : seen) {
                for (int j = 0; j < d; j++) {
                    distinct[at++] = r.get(j);
                }
            }
            out[DISTINCT] = distinct;
            return out;
        }

        /** Folds block number {@code index} ({@code n} rows {@code x}) into the column minima, maxima and magnitudes. */
        private static void fold(double[][] s, double[] x, int n, int d, int index) {
            final double[] min = s[MIN];
            final double[] max = s[MAX];
            final double[] largest = s[LARGEST];
            for (int i = 0; i < n; i++) {
                final int row = i * d;
                for (int j = 0; j < d; j++) {
                    final double v = x[row + j]; // finite (checked when packed)
                    if (v < min[j]) {
                        min[j] = v;
                    }
                    if (v > max[j]) {
                        max[j] = v;
                    }
                    final double a = Math.abs(v);
                    if (a > largest[j]) {
                        largest[j] = a;
                        s[LARGEST_VALUE][j] = v;
                        s[LARGEST_BLOCK][j] = index;
                        s[LARGEST_ROW][j] = i;
                    }
                }
            }
        }
    }

    /**
     * The single JVM's overflow policy ({@code DistanceRange}) over the partitions' column summaries
     * ({@link Summary}'s arrays): with M the largest magnitude, n rows and d columns, refuses data with
     * {@code 64 n d M^2 > Double.MAX_VALUE} (naming the largest value of the first column over the bound, its
     * global row number in partition order and the column), and data whose largest column range is positive but
     * below {@code DistanceRange.UNDERFLOW_RANGE}.
     */
    static void checkRange(List<double[][]> summaries, long[][] offsets, long n, int d, List<String> columns) {
        final double limit = DistanceRange.largestMagnitude(0, d, n);
        double maxRange = 0;
        int rangeColumn = -1;
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double[][] at = null;
            for (double[][] sm : summaries) { // partition order: the first of equal magnitudes is kept
                if (sm[Summary.SIZES].length == 0) {
                    continue;
                }
                min = Math.min(min, sm[Summary.MIN][j]);
                max = Math.max(max, sm[Summary.MAX][j]);
                if (at == null || sm[Summary.LARGEST][j] > at[Summary.LARGEST][j]) {
                    at = sm;
                }
            }
            if (at != null && at[Summary.LARGEST][j] > limit) {
                long row = offsets[Summary.partition(at)][(int) at[Summary.LARGEST_BLOCK][j]]
                        + (long) at[Summary.LARGEST_ROW][j];
                double v = at[Summary.LARGEST_VALUE][j];
                throw new IllegalArgumentException("The value " + v + " at row " + row + ", column " + j + " ('"
                        + columns.get(j) + "') is too large for k-means: squared distances over " + n + " rows of "
                        + d + " columns stay finite only for magnitudes up to " + limit
                        + "; rescale the column (for example standardise it) before clustering");
            }
            double range = max - min;
            if (range > maxRange) {
                maxRange = range;
                rangeColumn = j;
            }
        }
        if (maxRange > 0 && maxRange < DistanceRange.UNDERFLOW_RANGE) {
            throw new IllegalArgumentException("The data's largest column range, " + maxRange + " (column "
                    + rangeColumn + " ('" + columns.get(rangeColumn) + "')), is too small for k-means: squared "
                    + "distances between distinct rows underflow to subnormal numbers or zero below a range of "
                    + DistanceRange.UNDERFLOW_RANGE + "; rescale the columns (for example standardise them) before "
                    + "clustering");
        }
    }

    /**
     * A partition's per-cluster sums with their rounding errors, the task result of a Lloyd pass: runs of
     * {@value #RUN} rows are summed plainly per cluster (an error below {@code RUN * 2^-53} times the run's sum of
     * magnitudes), and each run's sums are added with Knuth's two-sum (exact for finite values), so
     * {@code sum[c * d + j] + comp[c * d + j]} is the partition's sum of column j over cluster c to about
     * {@code 256 * 2^-53} relative to its sum of magnitudes, whatever the number of rows.
     *
     * <p>A partial is a {@code double[][]} of 3 arrays: {@code [SUM]} and {@code [COMP]}, {@code k * d + 1} values
     * each, the sums and their two-sum errors, cluster c's column j at {@code c * d + j} and the inertia (the sum of
     * the squared distances to the centres) at {@code k * d}; {@code [COUNT]}, the k cluster sizes (integers,
     * exact as doubles below \( 2^{53} \) rows a partition).
     */
    static final class Partial {
        /** Rows summed plainly before their sums join the compensated ones. */
        static final int RUN = 256;
        static final int SUM = 0;
        static final int COMP = 1;
        static final int COUNT = 2;

        private Partial() {
        }

        static double[][] of(java.util.Iterator<Object[]> part, double[] centres, int k, int d, Bounds bounds) {
            final int kd = k * d;
            final double[] sum = new double[kd + 1];
            final double[] comp = new double[kd + 1];
            final double[] count = new double[k];
            final double[] run = new double[kd];
            final double[] runCount = new double[k];
            labelWithBounds(part, centres, k, d, bounds, (b, labels, dist) -> {
                final double[] x = Blocks.x(b);
                final int n = Blocks.rows(b);
                for (int from = 0; from < n; from += RUN) {
                    final int to = Math.min(n, from + RUN);
                    Arrays.fill(run, 0.0);
                    Arrays.fill(runCount, 0.0);
                    // row order, one rounding per value: the plain loop's sums, a vector of features at a time
                    CentroidKernel.addRows(x, d, from, to, labels, null, run, runCount);
                    double inertia = 0;
                    for (int i = from; i < to; i++) {
                        inertia += dist[i];
                    }
                    for (int c = 0; c < k; c++) {
                        count[c] += runCount[c]; // at most RUN ones a run: exact
                    }
                    for (int t = 0; t < kd; t++) {
                        twoSum(sum, comp, t, run[t]);
                    }
                    twoSum(sum, comp, kd, inertia);
                }
            });
            return new double[][] {sum, comp, count};
        }

        /** {@code sum[i] += a}, the rounding error added to {@code comp[i]}; branch-free. */
        private static void twoSum(double[] sum, double[] comp, int i, double a) {
            double s = sum[i];
            double u = s + a;
            double t = u - s;
            comp[i] += (s - (u - t)) + (a - t);
            sum[i] = u;
        }
    }

    /**
     * Exact per-cluster sums over the partitions' partial sums (independent of their order), on the driver:
     * {@code sums[c * d + j]} and {@code inertia} are {@link ExactSum} states.
     */
    static final class Acc {
        final double[][] sums;
        final long[] weights;
        double[] inertia = ExactSum.zero();

        private Acc(int k, int d) {
            sums = ExactSum.zeros(k * d);
            weights = new long[k];
        }

        /** The exact sums of {@link Partial}s. */
        static Acc of(List<double[][]> parts, int k, int d) {
            Acc a = new Acc(k, d);
            int kd = k * d;
            for (double[][] p : parts) {
                final double[] sum = p[Partial.SUM];
                final double[] comp = p[Partial.COMP];
                final double[] count = p[Partial.COUNT];
                for (int i = 0; i < kd; i++) {
                    a.sums[i] = ExactSum.add(ExactSum.add(a.sums[i], sum[i]), comp[i]);
                }
                for (int c = 0; c < k; c++) {
                    a.weights[c] += (long) count[c];
                }
                a.inertia = ExactSum.add(ExactSum.add(a.inertia, sum[kd]), comp[kd]);
            }
            return a;
        }

        void values(double[] sumsOut, double[] weightsOut) {
            for (int i = 0; i < sums.length; i++) {
                sumsOut[i] = ExactSum.value(sums[i]);
            }
            for (int c = 0; c < weights.length; c++) {
                weightsOut[c] = weights[c];
            }
        }
    }

    /** Exact column sums of blocks: a {@code double[d][]} of {@link ExactSum} states, column j at j. */
    static final class ColumnSums {
        private ColumnSums() {
        }

        /**
         * Adds each column's values of a block ({@link Blocks}), or their squared deviations from {@code mean} when
         * it is not null; returns {@code acc}.
         */
        static double[][] add(double[][] acc, Object[] block, int d, double[] mean) {
            final double[] x = Blocks.x(block);
            final int n = Blocks.rows(block);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double v = x[i * d + j];
                    if (mean != null) {
                        v = (v - mean[j]) * (v - mean[j]);
                    }
                    acc[j] = ExactSum.add(acc[j], v);
                }
            }
            return acc;
        }
    }

    /**
     * The rows farthest from their centres, the task result that re-seeds empty clusters. A row is a
     * {@code double[3 + d]}: {@code [DIST]}, its squared distance to its centre; {@code [ROW]}, its global row
     * number (exact as a double below \( 2^{53} \) rows); {@code [LABEL]}, its cluster; and its d values from
     * {@code [X]}.
     */
    static final class Far {
        static final int DIST = 0;
        static final int ROW = 1;
        static final int LABEL = 2;
        static final int X = 3;
        /** Farthest first, ties by lowest global row. */
        static final java.util.Comparator<double[]> ORDER = (a, b) -> a[DIST] != b[DIST]
                ? Double.compare(b[DIST], a[DIST]) : Double.compare(a[ROW], b[ROW]);

        private Far() {
        }

        static int label(double[] far) {
            return (int) far[LABEL];
        }

        /** The {@code m} rows of a partition's blocks that come first in {@link #ORDER}, in no order. */
        static List<double[]> top(java.util.Iterator<Object[]> part, double[] centres, int k, int d, int m,
                                  long[][] offsets) {
            java.util.PriorityQueue<double[]> heap = new java.util.PriorityQueue<>(ORDER.reversed());
            SparkKMeans.label(part, centres, k, d, (b, labels, dist) -> {
                final double[] x = Blocks.x(b);
                final int n = Blocks.rows(b);
                long start = offsets[Blocks.partition(b)][Blocks.index(b)];
                for (int i = 0; i < n; i++) {
                    double[] far = new double[X + d];
                    far[DIST] = dist[i];
                    far[ROW] = start + i;
                    far[LABEL] = labels[i];
                    System.arraycopy(x, i * d, far, X, d);
                    heap.add(far);
                    if (heap.size() > m) {
                        heap.poll();
                    }
                }
            });
            return new ArrayList<>(heap);
        }
    }

    @Override
    public String toString() {
        return "SparkKMeans[k=" + k + ", maxIter=" + maxIter + ", tol=" + tol + ", seed=" + seed
                + (initial != null ? ", given centres" : ", nInit=" + nInit + ", sampleSize=" + sampleSize) + "]";
    }

    /** Builds a {@link SparkKMeans}; setters fail fast on bad values. */
    public static final class Builder {
        private int k = 8;
        private int maxIter = KMeans.DEFAULT_MAX_ITER;
        private double tol = KMeans.DEFAULT_TOL;
        private long seed = KMeans.DEFAULT_SEED;
        private int nInit = 10;
        private int sampleSize = DEFAULT_SAMPLE_SIZE;
        private double[][] initial;
        private String jobGroup;

        private Builder() {
        }

        /** The number of clusters, {@code >= 1}. */
        public Builder k(int value) {
            k = atLeastOne("k", value);
            return this;
        }

        /** The maximum number of Lloyd iterations, {@code >= 1}. */
        public Builder maxIter(int value) {
            maxIter = atLeastOne("maxIter", value);
            return this;
        }

        /** The relative tolerance on the squared centre shift, {@code >= 0} (scikit-learn's {@code tol}). */
        public Builder tol(double value) {
            if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("tol must be finite and >= 0 but was " + value);
            }
            tol = value;
            return this;
        }

        /** The seed of the sample and of the sample's k-means++. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The restarts of the single-JVM fit on the sample, {@code >= 1}. */
        public Builder nInit(int value) {
            nInit = atLeastOne("nInit", value);
            return this;
        }

        /** The expected number of sampled rows for the initialisation, {@code >= 1}. */
        public Builder sampleSize(int value) {
            sampleSize = atLeastOne("sampleSize", value);
            return this;
        }

        /** Starts from these centres (k rows of equal length, finite) instead of the sample's k-means++. */
        public Builder initialCentroids(double[][] centres) {
            Objects.requireNonNull(centres, "centres");
            if (centres.length == 0 || centres[0] == null) {
                throw new IllegalArgumentException("initialCentroids is empty");
            }
            double[][] copy = new double[centres.length][];
            for (int c = 0; c < centres.length; c++) {
                if (centres[c] == null || centres[c].length != centres[0].length) {
                    throw new IllegalArgumentException("initialCentroids[" + c + "] has another length than row 0");
                }
                for (double v : centres[c]) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("initialCentroids[" + c + "] holds " + v);
                    }
                }
                copy[c] = centres[c].clone();
            }
            initial = copy;
            return this;
        }

        /** The Spark job group of the fit's jobs (default: a fresh name per fit). */
        public Builder jobGroup(String value) {
            jobGroup = Objects.requireNonNull(value, "jobGroup");
            return this;
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1 but was " + value);
            }
            return value;
        }

        /** The estimator. */
        public SparkKMeans build() {
            if (initial != null && initial.length != k) {
                throw new IllegalArgumentException(initial.length + " initial centroids were given but k = " + k);
            }
            return new SparkKMeans(this);
        }
    }
}
