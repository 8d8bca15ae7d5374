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
import dev.segmentation.spark.internal.Blocks.Block;
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

import java.io.Serializable;
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
 * <p>The data are packed once into flat blocks (read from Spark's internal rows, without boxing) and cached
 * deserialized (memory, then disk) for the iterations, then released. Each iteration is one job: the centres
 * travel in the task closure, each task returns its per-cluster sums with their two-sum rounding errors, counts
 * and inertia, and the driver adds them into exact accumulators. The first pass also finds the block sizes,
 * the distinct-row check and the column ranges of the overflow policy; the exact column variances take two more passes only when {@code tol > 0}; the last
 * pass (weights and inertia of the final centres) is skipped when the centres did not move.
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
        JavaRDD<Block> blocks = Blocks.of(df, columns).persist(StorageLevel.MEMORY_AND_DISK());
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

    private KMeansModel run(JavaRDD<Block> blocks, List<String> columns, int d, SparkContext sc, String group,
                            FitControl control) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(sc);
        final int kk = k;
        // pass 1 packs and caches the blocks: block sizes (global row numbers) and up to k distinct rows
        List<Summary> summaries = blocks.mapPartitionsWithIndex((p, part) -> Collections.singletonList(
                Summary.of(p, part, d, kk)).iterator(), true).collect();
        int partitions = blocks.getNumPartitions();
        long[][] offsets = new long[partitions][];
        long n = 0;
        java.util.HashSet<List<Double>> distinct = new java.util.HashSet<>();
        for (Summary sm : summaries) { // collect() keeps the partition order
            offsets[sm.partition] = new long[sm.sizes.length];
            for (int b = 0; b < sm.sizes.length; b++) {
                offsets[sm.partition][b] = n;
                n += sm.sizes[b];
            }
            for (List<Double> r : sm.distinct) {
                if (distinct.size() < k) {
                    distinct.add(r);
                }
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
            control.checkpoint(new Progress("k-means (spark lloyd)", 0, 1, iterations, maxIter, acc.inertia.value()));
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
        return KMeansModel.ofCentres(columns, out, weights, last.inertia.value(), iterations, converged, seed, init);
    }

    /**
     * One Lloyd pass: a job whose tasks label their rows and return their compensated sums, in partition order.
     * The centres (k * d doubles) travel in the task closure, not as a broadcast.
     */
    private List<Partial> pass(JavaRDD<Block> blocks, double[] centres, int d, Passes passes, boolean last) {
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
     * bounds are used only by the pass right after the one that wrote them, in the same fit ({@code
     * Block.boundsFit}, {@code Block.boundsPass}, cleared while a block is being updated), so a block read again
     * from disk or recomputed after a lost executor is simply scanned in full.
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
    static void labelWithBounds(java.util.Iterator<Block> part, double[] centres, int k, int d, Bounds bounds,
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
            Block b = part.next();
            final int n = b.n;
            final double[] x = b.x;
            final int[] label = b.label;
            final double[] lower = b.lower;
            boolean valid = b.boundsFit == bounds.fit && b.boundsPass == bounds.previous;
            b.boundsPass = -1;
            b.boundsFit = bounds.fit;
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
                b.boundsPass = bounds.pass;
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
    private static double meanVariance(JavaRDD<Block> blocks, int d, long total, JavaSparkContext jsc) {
        ExactSum[] colSums = blocks.treeAggregate(ExactSums.zero(d), (acc, b) -> ExactSums.add(acc, b, null),
                ExactSums::merge);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = colSums[j].value() / total;
        }
        Broadcast<double[]> meanB = jsc.broadcast(mean);
        ExactSum[] squares = blocks.treeAggregate(ExactSums.zero(d), (acc, b) -> ExactSums.add(acc, b, meanB.value()),
                ExactSums::merge);
        meanB.destroy();
        double meanVar = 0;
        for (int j = 0; j < d; j++) {
            meanVar += squares[j].value() / total;
        }
        return meanVar / d;
    }

    private double[] sampleInit(JavaRDD<Block> blocks, Broadcast<long[][]> ob, long n, int d, List<String> columns) {
        final double p = Math.min(1.0, (double) sampleSize / n);
        final long s = seed;
        List<double[]> rows = blocks.flatMap(b -> {
            List<double[]> out = new ArrayList<>();
            long start = ob.value()[b.partition][b.index];
            for (int i = 0; i < b.n; i++) {
                if (uniform(s, start + i) < p) {
                    out.add(Arrays.copyOfRange(b.x, i * b.d, (i + 1) * b.d));
                }
            }
            return out.iterator();
        }).collect();
        if (rows.size() < k) { // a tiny sampling rate on small data: take every row
            rows = blocks.flatMap(b -> {
                List<double[]> out = new ArrayList<>();
                for (int i = 0; i < b.n; i++) {
                    out.add(Arrays.copyOfRange(b.x, i * b.d, (i + 1) * b.d));
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
    private boolean relocateEmpty(JavaRDD<Block> blocks, double[] centres, Broadcast<long[][]> offsets,
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
        List<Far> far = new ArrayList<>(blocks.mapPartitions(part -> Far.top(part, cs, kk, d, e,
                offsets.value()).iterator()).collect());
        far.sort(Far.ORDER);
        for (int c = 0, f = 0; c < k; c++) {
            if (weights[c] != 0) {
                continue;
            }
            Far row = far.get(f++);
            for (int j = 0; j < d; j++) {
                acc.sums[row.label * d + j].add(-row.x[j]);
                sums[row.label * d + j] = acc.sums[row.label * d + j].value();
                sums[c * d + j] = row.x[j];
            }
            acc.weights[row.label]--;
            weights[row.label] = acc.weights[row.label];
            weights[c] = 1;
        }
        return true;
    }

    /** What a pass over one labelled block does with the labels and squared distances of its rows. */
    @FunctionalInterface
    interface LabelledBlock {
        void accept(Block b, int[] labels, double[] dist);
    }

    /** Labels the rows of a partition's blocks with the core's nearest-centre kernel (lowest index on ties). */
    static void label(java.util.Iterator<Block> part, double[] centres, int k, int d, LabelledBlock then) {
        CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
        DotKernel.Centres prepared = new DotKernel.Centres(centres, k, d);
        int[] labels = new int[Blocks.ROWS];
        double[] dist = new double[Blocks.ROWS];
        while (part.hasNext()) {
            Block b = part.next();
            ownLabels(b.x, b.n, centres, d, prepared, labels, dist, scratch);
            then.accept(b, labels, dist);
        }
    }

    /**
     * A partition's block sizes, up to k of its distinct rows (-0.0 read as 0.0), and per column the minimum, the
     * maximum and the largest magnitude with the place of its first occurrence (block, row of the block), for the
     * overflow policy.
     */
    static final class Summary implements Serializable {
        private static final long serialVersionUID = 1L;
        final int partition;
        final long[] sizes;
        final List<List<Double>> distinct;
        /** Per column: minimum, maximum, largest magnitude, and the signed value, block and row where it is first. */
        final double[] min;
        final double[] max;
        final double[] largest;
        final double[] largestValue;
        final int[] largestBlock;
        final int[] largestRow;

        private Summary(int partition, int d) {
            this.partition = partition;
            this.sizes = new long[0];
            this.distinct = new ArrayList<>();
            this.min = new double[d];
            this.max = new double[d];
            this.largest = new double[d];
            this.largestValue = new double[d];
            this.largestBlock = new int[d];
            this.largestRow = new int[d];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            Arrays.fill(largest, -1);
        }

        private Summary(Summary ranges, long[] sizes, List<List<Double>> distinct) {
            this.partition = ranges.partition;
            this.sizes = sizes;
            this.distinct = distinct;
            this.min = ranges.min;
            this.max = ranges.max;
            this.largest = ranges.largest;
            this.largestValue = ranges.largestValue;
            this.largestBlock = ranges.largestBlock;
            this.largestRow = ranges.largestRow;
        }

        static Summary of(int partition, java.util.Iterator<Block> part, int d, int enough) {
            long[] sizes = new long[8];
            int blocks = 0;
            java.util.LinkedHashSet<List<Double>> seen = new java.util.LinkedHashSet<>();
            Summary ranges = new Summary(partition, d);
            while (part.hasNext()) {
                Block b = part.next();
                if (blocks == sizes.length) {
                    sizes = Arrays.copyOf(sizes, 2 * blocks);
                }
                ranges.fold(b, blocks);
                sizes[blocks++] = b.n;
                for (int i = 0; i < b.n && seen.size() < enough; i++) {
                    Double[] r = new Double[d];
                    for (int j = 0; j < d; j++) {
                        double v = b.x[i * d + j];
                        r[j] = v == 0 ? 0.0 : v;
                    }
                    seen.add(Arrays.asList(r));
                }
            }
            return new Summary(ranges, Arrays.copyOf(sizes, blocks), new ArrayList<>(seen));
        }

        /** Folds block number {@code index} into the column minima, maxima and largest magnitudes. */
        private void fold(Block b, int index) {
            final int d = b.d;
            final double[] x = b.x;
            for (int i = 0; i < b.n; i++) {
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
                        largestValue[j] = v;
                        largestBlock[j] = index;
                        largestRow[j] = i;
                    }
                }
            }
        }
    }

    /**
     * The single JVM's overflow policy ({@code DistanceRange}) over the partitions' column summaries: with M the
     * largest magnitude, n rows and d columns, refuses data with {@code 64 n d M^2 > Double.MAX_VALUE} (naming the
     * largest value of the first column over the bound, its global row number in partition order and the column),
     * and data whose largest column range is positive but below {@code DistanceRange.UNDERFLOW_RANGE}.
     */
    static void checkRange(List<Summary> summaries, long[][] offsets, long n, int d, List<String> columns) {
        final double limit = DistanceRange.largestMagnitude(0, d, n);
        double maxRange = 0;
        int rangeColumn = -1;
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Summary at = null;
            for (Summary sm : summaries) { // partition order: the first of equal magnitudes is kept
                if (sm.sizes.length == 0) {
                    continue;
                }
                min = Math.min(min, sm.min[j]);
                max = Math.max(max, sm.max[j]);
                if (at == null || sm.largest[j] > at.largest[j]) {
                    at = sm;
                }
            }
            if (at != null && at.largest[j] > limit) {
                long row = offsets[at.partition][at.largestBlock[j]] + at.largestRow[j];
                double v = at.largestValue[j];
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
     * A partition's per-cluster sums with their rounding errors: runs of {@value #RUN} rows are summed plainly per
     * cluster (an error below {@code RUN * 2^-53} times the run's sum of magnitudes), and each run's sums are added
     * with Knuth's two-sum (exact for finite values), so {@code sum[c * d + j] + comp[c * d + j]} is the partition's
     * sum of column j over cluster c to about {@code 256 * 2^-53} relative to its sum of magnitudes, whatever the
     * number of rows; the inertia is at index {@code k * d}.
     */
    static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        /** Rows summed plainly before their sums join the compensated ones. */
        static final int RUN = 256;
        final double[] sum;
        final double[] comp;
        final long[] count;

        Partial(int k, int d) {
            sum = new double[k * d + 1];
            comp = new double[k * d + 1];
            count = new long[k];
        }

        static Partial of(java.util.Iterator<Block> part, double[] centres, int k, int d, Bounds bounds) {
            Partial p = new Partial(k, d);
            final double[] sum = p.sum;
            final double[] comp = p.comp;
            final long[] count = p.count;
            final int kd = k * d;
            final double[] run = new double[kd];
            final double[] runCount = new double[k];
            labelWithBounds(part, centres, k, d, bounds, (b, labels, dist) -> {
                final double[] x = b.x;
                for (int from = 0; from < b.n; from += RUN) {
                    final int to = Math.min(b.n, from + RUN);
                    Arrays.fill(run, 0.0);
                    Arrays.fill(runCount, 0.0);
                    // row order, one rounding per value: the plain loop's sums, a vector of features at a time
                    CentroidKernel.addRows(x, d, from, to, labels, null, run, runCount);
                    double inertia = 0;
                    for (int i = from; i < to; i++) {
                        inertia += dist[i];
                    }
                    for (int c = 0; c < k; c++) {
                        count[c] += (long) runCount[c]; // at most RUN ones: exact
                    }
                    for (int t = 0; t < kd; t++) {
                        twoSum(sum, comp, t, run[t]);
                    }
                    twoSum(sum, comp, kd, inertia);
                }
            });
            return p;
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

    /** Exact per-cluster sums over the partitions' partial sums (independent of their order). */
    static final class Acc {
        final ExactSum[] sums;
        final long[] weights;
        final ExactSum inertia = new ExactSum();

        private Acc(int k, int d) {
            sums = ExactSums.zero(k * d);
            weights = new long[k];
        }

        static Acc of(List<Partial> parts, int k, int d) {
            Acc a = new Acc(k, d);
            int kd = k * d;
            for (Partial p : parts) {
                for (int i = 0; i < kd; i++) {
                    a.sums[i].add(p.sum[i]);
                    a.sums[i].add(p.comp[i]);
                }
                for (int c = 0; c < k; c++) {
                    a.weights[c] += p.count[c];
                }
                a.inertia.add(p.sum[kd]);
                a.inertia.add(p.comp[kd]);
            }
            return a;
        }

        void values(double[] sumsOut, double[] weightsOut) {
            for (int i = 0; i < sums.length; i++) {
                sumsOut[i] = sums[i].value();
            }
            for (int c = 0; c < weights.length; c++) {
                weightsOut[c] = weights[c];
            }
        }
    }

    /** Exact column sums. */
    static final class ExactSums {
        private ExactSums() {
        }

        static ExactSum[] zero(int n) {
            ExactSum[] out = new ExactSum[n];
            for (int i = 0; i < n; i++) {
                out[i] = new ExactSum();
            }
            return out;
        }

        /** Adds each column's values, or their squared deviations from {@code mean} when it is not null. */
        static ExactSum[] add(ExactSum[] acc, Block b, double[] mean) {
            for (int i = 0; i < b.n; i++) {
                for (int j = 0; j < b.d; j++) {
                    double v = b.x[i * b.d + j];
                    if (mean != null) {
                        v = (v - mean[j]) * (v - mean[j]);
                    }
                    acc[j].add(v);
                }
            }
            return acc;
        }

        static ExactSum[] merge(ExactSum[] a, ExactSum[] b) {
            for (int j = 0; j < a.length; j++) {
                a[j].add(b[j]);
            }
            return a;
        }
    }

    /** A row far from its centre: for re-seeding empty clusters. */
    record Far(double dist, long row, int label, double[] x) implements Serializable {
        static final java.util.Comparator<Far> ORDER = (a, b) -> a.dist != b.dist ? Double.compare(b.dist, a.dist)
                : Long.compare(a.row, b.row);

        static List<Far> top(java.util.Iterator<Block> part, double[] centres, int k, int d, int m,
                             long[][] offsets) {
            java.util.PriorityQueue<Far> heap = new java.util.PriorityQueue<>(ORDER.reversed());
            SparkKMeans.label(part, centres, k, d, (b, labels, dist) -> {
                long start = offsets[b.partition][b.index];
                for (int i = 0; i < b.n; i++) {
                    heap.add(new Far(dist[i], start + i, labels[i], Arrays.copyOfRange(b.x, i * d, (i + 1) * d)));
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
