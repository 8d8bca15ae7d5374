/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.Rng;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * The gap statistic (Tibshirani, Walther and Hastie 2001): how much tighter the clusters of the data are than
 * those of data with no cluster structure, for each k, and the smallest k that the one-standard-error rule
 * accepts.
 * <pre>{@code
 * GapStatistic.Result gap = GapStatistic.of(20, 42)
 *     .compute(k -> KMeans.builder().k(k).nInit(10).seed(42).build(), features, 1, 10);
 * gap.recommendedK();
 * }</pre>
 *
 * <h2>Definition</h2>
 * For a labelling into k clusters, \( W_k = \sum_r \frac{1}{2 n_r} \sum_{i, i' \in r} \lVert x_i -
 * x_{i'} \rVert^2 \), the within-cluster sum of squares about the cluster means. B reference data sets of the
 * same size are drawn uniformly over the bounding box of the data (each feature uniform between its minimum
 * and maximum: the paper's option (a)), and each is clustered with the same estimator for every k. Then
 * \[ \mathrm{Gap}(k) = \frac{1}{B} \sum_b \ln W^*_{kb} - \ln W_k, \qquad
 *    s_k = \mathrm{sd}_k \sqrt{1 + 1/B}, \]
 * with \( \mathrm{sd}_k \) the standard deviation (divisor B) of the \( \ln W^*_{kb} \), and the recommended k
 * is the smallest with \( \mathrm{Gap}(k) \ge \mathrm{Gap}(k+1) - s_{k+1} \) (the largest k of the range can
 * only be compared with nothing, so it is never chosen). When no k satisfies the rule the result says so.
 *
 * <h2>Determinism and cost</h2>
 * Reference set b is drawn from the library's generator, stream {@code (seed, b)}, so the result depends only
 * on the seed, the estimator (with its own seed) and the data. The cost is B fits per k on top of the data's
 * own: use a modest B (10 to 20) and an estimator with few restarts. Only one reference set is held in
 * memory at a time.
 *
 * <p>Rows labelled -1 (noise) by a fit are left out of W. Bad input: fewer than 2 reference sets, an empty
 * range, {@code kMax} above the number of rows, or a fit with \( W_k = 0 \) (no more distinct rows than
 * clusters; \( \ln W \) is undefined) throw {@link IllegalArgumentException}. Immutable and thread-safe.
 *
 * <p>Reference: R. Tibshirani, G. Walther, T. Hastie, "Estimating the number of clusters in a data set via the
 * gap statistic", JRSS B 63 (2001) 411-423, doi:10.1111/1467-9868.00293.
 *
 * @since 0.1
 */
public final class GapStatistic {
    private static final Logger LOG = LoggerFactory.getLogger(GapStatistic.class);
    private final int references;
    private final long seed;

    private GapStatistic(int references, long seed) {
        this.references = references;
        this.seed = seed;
    }

    /**
     * B reference data sets drawn with {@code seed}.
     *
     * @throws IllegalArgumentException if {@code references < 2}
     */
    public static GapStatistic of(int references, long seed) {
        return new GapStatistic(Checks.atLeast("references", references, 2), seed);
    }

    /** The number of reference data sets. */
    public int references() {
        return references;
    }

    /** The seed of the reference data. */
    public long seed() {
        return seed;
    }

    /** The gap statistic for k in {@code [kMin, kMax]}. */
    public <M extends ClusterModel> Result compute(IntFunction<? extends Clusterer<M>> factory, Dataset data,
                                                   int kMin, int kMax) {
        return compute(factory, data, kMin, kMax, FitControl.none());
    }

    /**
     * The gap statistic for k in {@code [kMin, kMax]}, with progress and cancellation passed to every fit.
     *
     * @throws IllegalArgumentException see the class comment
     */
    public <M extends ClusterModel> Result compute(IntFunction<? extends Clusterer<M>> factory, Dataset data,
                                                   int kMin, int kMax, FitControl control) {
        Objects.requireNonNull(factory, "factory");
        Checks.notNull("data", data);
        if (kMin < 1 || kMax < kMin) {
            throw new IllegalArgumentException("The k range must satisfy 1 <= kMin <= kMax but was [" + kMin + ", "
                    + kMax + "]");
        }
        if (kMax > data.rows()) {
            throw new IllegalArgumentException("kMax = " + kMax + " exceeds the " + data.rows() + " rows");
        }
        int m = kMax - kMin + 1;
        int[] ks = new int[m];
        double[] logW = new double[m];
        for (int i = 0; i < m; i++) {
            ks[i] = kMin + i;
            M model = factory.apply(ks[i]).fit(data, control);
            logW[i] = logW(data, model.trainingLabels());
        }
        return compute(factory, data, ks, logW, control);
    }

    /** The gap from the data's own log W per k (from fits already made, as {@link KSweep} does). */
    <M extends ClusterModel> Result compute(IntFunction<? extends Clusterer<M>> factory, Dataset data, int[] ks,
                                            double[] logW, FitControl control) {
        int m = ks.length;
        int n = data.rows();
        int d = data.cols();
        double[] x = DatasetAccess.data(data);
        double[] lo = new double[d];
        double[] hi = new double[d];
        for (int j = 0; j < d; j++) {
            lo[j] = Double.POSITIVE_INFINITY;
            hi[j] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                lo[j] = Math.min(lo[j], v);
                hi[j] = Math.max(hi[j], v);
            }
        }
        double[][] refLogW = new double[m][references];
        for (int b = 0; b < references; b++) {
            control.checkCancelled("gap statistic, reference set " + b);
            Rng rng = Rng.stream(seed, b);
            double[] ref = new double[Math.multiplyExact(n, d)];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    ref[i * d + j] = lo[j] + (hi[j] - lo[j]) * rng.nextDouble();
                }
            }
            Dataset refData = DatasetAccess.wrap(ref, n, d, data.columnNames());
            for (int i = 0; i < m; i++) {
                M model = factory.apply(ks[i]).fit(refData, control);
                refLogW[i][b] = logW(refData, model.trainingLabels());
            }
            LOG.debug("gap statistic: reference set {} of {} clustered for k = {}..{}", b + 1, references, ks[0],
                    ks[m - 1]);
        }
        double[] expected = new double[m];
        double[] sd = new double[m];
        double[] s = new double[m];
        double[] gap = new double[m];
        for (int i = 0; i < m; i++) {
            double mean = 0;
            for (int b = 0; b < references; b++) {
                mean += refLogW[i][b];
            }
            mean /= references;
            double ss = 0;
            for (int b = 0; b < references; b++) {
                double t = refLogW[i][b] - mean;
                ss += t * t;
            }
            expected[i] = mean;
            sd[i] = Math.sqrt(ss / references);
            s[i] = sd[i] * Math.sqrt(1 + 1.0 / references);
            gap[i] = mean - logW[i];
        }
        return new Result(ks, logW, expected, sd, s, gap, references);
    }

    /**
     * \( \ln W_k \) of a labelling: the log of the within-cluster sum of squares about the cluster means.
     *
     * @throws IllegalArgumentException if W is 0 or every row is noise
     */
    static double logW(Dataset data, int[] labels) {
        Labels.Encoded enc = Labels.encodeClusters(labels);
        if (enc.assigned == 0) {
            throw new IllegalArgumentException("Every row is labelled noise (-1): W is undefined");
        }
        double w = Inertia.of(data, enc.codes, Math.max(1, enc.k));
        if (!(w > 0)) {
            throw new IllegalArgumentException("W = 0 for " + enc.k + " clusters: the data hold no more distinct "
                    + "rows than clusters, and log W is undefined");
        }
        return Math.log(w);
    }

    @Override
    public String toString() {
        return "GapStatistic[B=" + references + ", seed=" + seed + "]";
    }

    /** The gap statistic per k and the one-standard-error choice. Immutable; arrays are copied out. */
    public static final class Result {
        private final int[] ks;
        private final double[] logW;
        private final double[] expected;
        private final double[] sd;
        private final double[] s;
        private final double[] gap;
        private final int references;
        private final int chosen;

        Result(int[] ks, double[] logW, double[] expected, double[] sd, double[] s, double[] gap, int references) {
            this.ks = ks;
            this.logW = logW;
            this.expected = expected;
            this.sd = sd;
            this.s = s;
            this.gap = gap;
            this.references = references;
            int c = -1;
            for (int i = 0; i + 1 < ks.length; i++) {
                if (ks[i + 1] == ks[i] + 1 && gap[i] >= gap[i + 1] - s[i + 1]) {
                    c = i;
                    break;
                }
            }
            this.chosen = c;
        }

        /** The k values. */
        public int[] ks() {
            return ks.clone();
        }

        /** \( \ln W_k \) of the data. */
        public double[] logW() {
            return logW.clone();
        }

        /** \( \frac{1}{B} \sum_b \ln W^*_{kb} \), the reference expectation. */
        public double[] expectedLogW() {
            return expected.clone();
        }

        /** \( \mathrm{Gap}(k) \). */
        public double[] gap() {
            return gap.clone();
        }

        /** \( \mathrm{sd}_k \), the standard deviation of the reference \( \ln W^* \). */
        public double[] standardDeviations() {
            return sd.clone();
        }

        /** \( s_k = \mathrm{sd}_k \sqrt{1 + 1/B} \). */
        public double[] standardErrors() {
            return s.clone();
        }

        /** The number of reference data sets. */
        public int references() {
            return references;
        }

        /** The smallest k with \( \mathrm{Gap}(k) \ge \mathrm{Gap}(k+1) - s_{k+1} \), if any. */
        public OptionalInt recommendedK() {
            return chosen < 0 ? OptionalInt.empty() : OptionalInt.of(ks[chosen]);
        }

        /** One row per k: log W, its reference expectation, the gap and s_k, the chosen k marked; then the reason. */
        public String table() {
            TextTable t = TextTable.of("k", "log W", "E*[log W]", "gap", "s_k", "");
            for (int i = 0; i < ks.length; i++) {
                t.row(ks[i], TextTable.fmt("%.4f", logW[i]), TextTable.fmt("%.4f", expected[i]),
                        TextTable.fmt("%.4f", gap[i]), TextTable.fmt("%.4f", s[i]), i == chosen ? "<- chosen" : "");
            }
            return t.render() + TextTable.line("%s", reason());
        }

        @Override
        public String toString() {
            return "GapStatistic.Result[k = " + ks[0] + ".." + ks[ks.length - 1] + ", B = " + references
                    + ", recommended k = " + recommendedK() + "]";
        }

        /** Why the recommendation was made, or why there is none. */
        public String reason() {
            if (chosen < 0) {
                return "no k in " + ks[0] + ".." + ks[ks.length - 1]
                        + " satisfies Gap(k) >= Gap(k+1) - s(k+1): the gap still grows at the end of the range";
            }
            return String.format(Locale.ROOT, "k = %d is the smallest k with Gap(k) = %.4f >= Gap(k+1) - s(k+1) = "
                    + "%.4f (one-standard-error rule, B = %d)", ks[chosen], gap[chosen],
                    gap[chosen + 1] - s[chosen + 1], references);
        }
    }
}
