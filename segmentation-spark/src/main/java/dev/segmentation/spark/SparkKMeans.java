/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.FitCancelledException;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.CentroidKernel;
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
 *       and sums them per cluster with Neumaier's compensated summation; the partitions' sums are reduced
 *       with {@code treeAggregate} into exact accumulators (Shewchuk's partials, rounded once), so the centres
 *       \( c_j = \sum_{y_i = j} x_i / n_j \) agree with the single-JVM fit to about \( 10^{-15} \) relative
 *       whatever the number of partitions (tested to \( 10^{-9} \) with 1, 2 and 7). Empty clusters take the
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
 * <p>The data are packed once into flat blocks and cached (memory, then disk) for the iterations, then released.
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
     *     the DataFrame is empty, or it holds fewer than k distinct rows
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
        // pass 1: block sizes (global row numbers) and exact column sums
        List<long[]> sizes = blocks.map(b -> new long[] {b.partition, b.index, b.n}).collect();
        long n = 0;
        int partitions = blocks.getNumPartitions();
        long[][] offsets = new long[partitions][];
        int[] perPartition = new int[partitions];
        for (long[] s : sizes) {
            perPartition[(int) s[0]] = Math.max(perPartition[(int) s[0]], (int) s[1] + 1);
        }
        for (int p = 0; p < partitions; p++) {
            offsets[p] = new long[perPartition[p]];
        }
        for (long[] s : sizes) { // collect() keeps partition order, and blocks are in order within a partition
            offsets[(int) s[0]][(int) s[1]] = n;
            n += s[2];
        }
        if (n == 0) {
            throw new IllegalArgumentException("The DataFrame has no rows: k-means needs at least k = " + k);
        }
        if (n < k) {
            throw new IllegalArgumentException("k = " + k + " but the DataFrame has only " + n + " row(s)");
        }
        check(group, control, "the data pass");
        long distinct = countDistinct(blocks, d, k);
        if (distinct < k) {
            throw new IllegalArgumentException("k = " + k + " but the data hold only " + distinct
                    + " distinct row(s); lower k or remove duplicates");
        }
        final long total = n;
        ExactSum[] colSums = blocks.treeAggregate(ExactSums.zero(d), (acc, b) -> ExactSums.addColumns(acc, b),
                ExactSums::merge);
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = colSums[j].value() / total;
        }
        Broadcast<double[]> meanB = jsc.broadcast(mean);
        ExactSum[] squares = blocks.treeAggregate(ExactSums.zero(d),
                (acc, b) -> ExactSums.addSquares(acc, b, meanB.value()), ExactSums::merge);
        double meanVar = 0;
        for (int j = 0; j < d; j++) {
            meanVar += squares[j].value() / total;
        }
        meanVar /= d;
        final double tolAbs = tol == 0 ? 0 : tol * meanVar;
        check(group, control, "the data pass");

        KMeans.Init init;
        double[] centres;
        if (initial != null) {
            init = KMeans.Init.GIVEN;
            centres = flatten(initial, d);
        } else {
            init = KMeans.Init.K_MEANS_PLUS_PLUS;
            centres = sampleInit(blocks, offsets, total, d, columns, jsc);
        }
        Broadcast<long[][]> offsetsB = jsc.broadcast(offsets);
        int iterations = 0;
        boolean converged = false;
        for (int it = 0; it < maxIter; it++) {
            Broadcast<double[]> cB = jsc.broadcast(centres);
            final int kk = k;
            Acc acc = blocks.mapPartitions(part -> Collections.singletonList(Partial.of(part, cB.value(), kk, d))
                    .iterator()).treeAggregate(new Acc(k, d), Acc::add, Acc::merge);
            cB.destroy();
            double[] sums = new double[k * d];
            double[] weights = new double[k];
            acc.values(sums, weights);
            relocateEmpty(blocks, centres, offsetsB, sums, weights, acc, jsc, d);
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
                break;
            }
        }
        Broadcast<double[]> cB = jsc.broadcast(centres);
        final int kk = k;
        Acc last = blocks.mapPartitions(part -> Collections.singletonList(Partial.of(part, cB.value(), kk, d))
                .iterator()).treeAggregate(new Acc(k, d), Acc::add, Acc::merge);
        double[] weights = new double[k];
        last.values(new double[k * d], weights);
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(centres, c * d, out[c], 0, d);
        }
        LOG.debug("Spark k-means: {} rows, {} iterations, converged {}", total, iterations, converged);
        return KMeansModel.ofCentres(columns, out, weights, last.inertia.value(), iterations, converged, seed, init);
    }

    private static long countDistinct(JavaRDD<Block> blocks, int d, int enough) {
        return blocks.flatMap(b -> {
            List<List<Double>> rows = new ArrayList<>();
            java.util.HashSet<List<Double>> seen = new java.util.HashSet<>();
            for (int i = 0; i < b.n && seen.size() < enough; i++) {
                Double[] r = new Double[d];
                for (int j = 0; j < d; j++) {
                    double v = b.x[i * d + j];
                    r[j] = v == 0 ? 0.0 : v;
                }
                List<Double> key = Arrays.asList(r);
                if (seen.add(key)) {
                    rows.add(key);
                }
            }
            return rows.iterator();
        }).distinct().take(enough).size();
    }

    private double[] sampleInit(JavaRDD<Block> blocks, long[][] offsets, long n, int d, List<String> columns,
                                JavaSparkContext jsc) {
        final double p = Math.min(1.0, (double) sampleSize / n);
        final long s = seed;
        Broadcast<long[][]> ob = jsc.broadcast(offsets);
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

    /** Re-seeds empty clusters with the rows farthest from their centres, largest first, ties by global row. */
    private void relocateEmpty(JavaRDD<Block> blocks, double[] centres, Broadcast<long[][]> offsets, double[] sums,
                               double[] weights, Acc acc, JavaSparkContext jsc, int d) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (weights[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return;
        }
        final int e = empty;
        final int kk = k;
        Broadcast<double[]> cB = jsc.broadcast(centres);
        List<Far> far = new ArrayList<>(blocks.mapPartitions(part -> Far.top(part, cB.value(), kk, d, e,
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
    }

    /** A partition's compensated sums per cluster. */
    static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;
        final double[] sum;
        final double[] comp;
        final long[] count;
        double inertia;
        double inertiaComp;

        Partial(int k, int d) {
            sum = new double[k * d];
            comp = new double[k * d];
            count = new long[k];
        }

        static Partial of(java.util.Iterator<Block> part, double[] centres, int k, int d) {
            Partial p = new Partial(k, d);
            CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
            int[] labels = new int[Blocks.ROWS];
            double[] dist = new double[Blocks.ROWS];
            while (part.hasNext()) {
                Block b = part.next();
                CentroidKernel.nearest(b.x, d, 0, b.n, centres, k, labels, 0, dist, 0, null, scratch);
                for (int i = 0; i < b.n; i++) {
                    int l = labels[i];
                    int off = l * d;
                    int row = i * d;
                    for (int j = 0; j < d; j++) {
                        double s = p.sum[off + j];
                        double a = b.x[row + j];
                        double u = s + a;
                        p.comp[off + j] += Math.abs(s) >= Math.abs(a) ? (s - u) + a : (a - u) + s;
                        p.sum[off + j] = u;
                    }
                    p.count[l]++;
                    double s = p.inertia;
                    double a = dist[i];
                    double u = s + a;
                    p.inertiaComp += Math.abs(s) >= Math.abs(a) ? (s - u) + a : (a - u) + s;
                    p.inertia = u;
                }
            }
            return p;
        }
    }

    /** Exact per-cluster sums over partitions. */
    static final class Acc implements Serializable {
        private static final long serialVersionUID = 1L;
        final ExactSum[] sums;
        final long[] weights;
        final ExactSum inertia = new ExactSum();

        Acc(int k, int d) {
            sums = ExactSums.zero(k * d);
            weights = new long[k];
        }

        static Acc add(Acc a, Partial p) {
            for (int i = 0; i < a.sums.length; i++) {
                a.sums[i].add(p.sum[i]);
                a.sums[i].add(p.comp[i]);
            }
            for (int c = 0; c < a.weights.length; c++) {
                a.weights[c] += p.count[c];
            }
            a.inertia.add(p.inertia);
            a.inertia.add(p.inertiaComp);
            return a;
        }

        static Acc merge(Acc a, Acc b) {
            for (int i = 0; i < a.sums.length; i++) {
                a.sums[i].add(b.sums[i]);
            }
            for (int c = 0; c < a.weights.length; c++) {
                a.weights[c] += b.weights[c];
            }
            a.inertia.add(b.inertia);
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

        static ExactSum[] addColumns(ExactSum[] acc, Block b) {
            for (int i = 0; i < b.n; i++) {
                for (int j = 0; j < b.d; j++) {
                    acc[j].add(b.x[i * b.d + j]);
                }
            }
            return acc;
        }

        static ExactSum[] addSquares(ExactSum[] acc, Block b, double[] mean) {
            for (int i = 0; i < b.n; i++) {
                for (int j = 0; j < b.d; j++) {
                    double t = b.x[i * b.d + j] - mean[j];
                    acc[j].add(t * t);
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
    static final class Far implements Serializable {
        private static final long serialVersionUID = 1L;
        static final java.util.Comparator<Far> ORDER = (a, b) -> a.dist != b.dist ? Double.compare(b.dist, a.dist)
                : Long.compare(a.row, b.row);
        final double dist;
        final long row;
        final int label;
        final double[] x;

        Far(double dist, long row, int label, double[] x) {
            this.dist = dist;
            this.row = row;
            this.label = label;
            this.x = x;
        }

        static List<Far> top(java.util.Iterator<Block> part, double[] centres, int k, int d, int m,
                             long[][] offsets) {
            java.util.PriorityQueue<Far> heap = new java.util.PriorityQueue<>(ORDER.reversed());
            CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
            int[] labels = new int[Blocks.ROWS];
            double[] dist = new double[Blocks.ROWS];
            while (part.hasNext()) {
                Block b = part.next();
                CentroidKernel.nearest(b.x, d, 0, b.n, centres, k, labels, 0, dist, 0, null, scratch);
                long start = offsets[b.partition][b.index];
                for (int i = 0; i < b.n; i++) {
                    Far f = new Far(dist[i], start + i, labels[i], Arrays.copyOfRange(b.x, i * d, (i + 1) * d));
                    heap.add(f);
                    if (heap.size() > m) {
                        heap.poll();
                    }
                }
            }
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
            if (value < 1) {
                throw new IllegalArgumentException("k must be >= 1 but was " + value);
            }
            k = value;
            return this;
        }

        /** The maximum number of Lloyd iterations, {@code >= 1}. */
        public Builder maxIter(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxIter must be >= 1 but was " + value);
            }
            maxIter = value;
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
            if (value < 1) {
                throw new IllegalArgumentException("nInit must be >= 1 but was " + value);
            }
            nInit = value;
            return this;
        }

        /** The expected number of sampled rows for the initialisation, {@code >= 1}. */
        public Builder sampleSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("sampleSize must be >= 1 but was " + value);
            }
            sampleSize = value;
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

        /** The estimator. */
        public SparkKMeans build() {
            if (initial != null && initial.length != k) {
                throw new IllegalArgumentException(initial.length + " initial centroids were given but k = " + k);
            }
            return new SparkKMeans(this);
        }
    }
}
