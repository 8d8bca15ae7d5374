/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.LikelihoodModel;
import dev.segmentation.validation.internal.Labels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Fits any {@link Clusterer} for a range of k, scores every fit, and recommends a k with the reason.
 * <pre>{@code
 * KSweep.Result<KMeansModel> sweep = KSweep.of(k -> KMeans.builder().k(k).nInit(10).seed(42).build())
 *     .range(2, 10)
 *     .withGap(GapStatistic.of(10, 42))            // optional: B extra fits per k
 *     .recommendBy(KSweep.Criterion.SILHOUETTE)    // default: the knee of the inertia curve
 *     .run(features);
 * log.info("k sweep:\n{}", sweep.table());
 * KMeansModel chosen = sweep.recommendedModel();
 * }</pre>
 *
 * <h2>What is computed for each k</h2>
 * <ul>
 *   <li>inertia ({@link Inertia}), always, and its knee ({@link KneeLocator});</li>
 *   <li>the Davies-Bouldin and Calinski-Harabasz indices, always (linear time);</li>
 *   <li>the silhouette: by default exact when the data have at most {@value #AUTO_EXACT_ROWS} rows and
 *       otherwise sampled from {@value #AUTO_SAMPLE_ROWS} rows with seed {@value #AUTO_SEED}
 *       ({@link Silhouette#sampled}); {@link #withSilhouette} sets it, {@link #withoutSilhouette} skips it;</li>
 *   <li>the gap statistic, when {@link #withGap} is given (it costs B fits per k);</li>
 *   <li>the BIC: the model's own when it implements the core's {@link LikelihoodModel} (Gaussian mixtures),
 *       or a criterion given with {@link #withBic} (which takes precedence), for example
 *       {@link Bic#hardSphericalGaussian()} for K-means.</li>
 * </ul>
 * Indices that need two clusters (silhouette, Davies-Bouldin, Calinski-Harabasz) are NaN for a fit with fewer
 * than two non-empty clusters (k = 1, or a density clusterer that found one), and printed as "-".
 *
 * <h2>The recommendation</h2>
 * {@link #recommendBy} picks the criterion ({@link Criterion}); the default, {@link Criterion#KNEE}, is the
 * Kneedle knee of inertia against k. When the knee does not exist, it falls back to the k where one more
 * cluster first gains less than 10% of the first step's drop in inertia, and failing that the largest k.
 * A sweep never answers by a criterion other than the one asked for: asking for one it cannot compute fails
 * with an {@link IllegalStateException} that says why (GAP without {@link #withGap}, SILHOUETTE after
 * {@link #withoutSilhouette}, BIC for models without a likelihood and no {@link #withBic}, a criterion
 * undefined for every k, or a gap statistic whose one-standard-error rule picks no k). {@link Result#reason()}
 * says why the recommended k won and what the other criteria would have chosen.
 *
 * <p>Immutable and thread-safe; {@code run} fits sequentially in increasing k, passing the {@link FitControl}
 * to every fit.
 *
 * @param <M> the model type
 * @since 0.1
 */
public final class KSweep<M extends ClusterModel> {
    private static final Logger LOG = LoggerFactory.getLogger(KSweep.class);
    /** Up to this many rows the default silhouette is exact. */
    public static final int AUTO_EXACT_ROWS = 10_000;
    /** Rows sampled by the default silhouette above {@link #AUTO_EXACT_ROWS}. */
    public static final int AUTO_SAMPLE_ROWS = 2_000;
    /** The seed of the default sampled silhouette. */
    public static final long AUTO_SEED = 42L;

    /** How the sweep recommends a k. */
    public enum Criterion {
        /** The knee of inertia against k (Kneedle). */
        KNEE,
        /** The highest mean silhouette. */
        SILHOUETTE,
        /** The gap statistic's one-standard-error rule (needs {@link #withGap}). */
        GAP,
        /** The lowest BIC (needs {@link LikelihoodModel} models or {@link #withBic}). */
        BIC,
        /** The lowest Davies-Bouldin index. */
        DAVIES_BOULDIN,
        /** The highest Calinski-Harabasz index. */
        CALINSKI_HARABASZ
    }

    private final IntFunction<? extends Clusterer<M>> factory;
    private final int kMin;
    private final int kMax;
    private final KneeLocator knee;
    private final Silhouette silhouette;
    private final boolean silhouetteAuto;
    private final GapStatistic gap;
    private final ModelCriterion<? super M> bic;
    private final Criterion criterion;

    private KSweep(IntFunction<? extends Clusterer<M>> factory, int kMin, int kMax, KneeLocator knee,
                   Silhouette silhouette, boolean silhouetteAuto, GapStatistic gap, ModelCriterion<? super M> bic,
                   Criterion criterion) {
        this.factory = factory;
        this.kMin = kMin;
        this.kMax = kMax;
        this.knee = knee;
        this.silhouette = silhouette;
        this.silhouetteAuto = silhouetteAuto;
        this.gap = gap;
        this.bic = bic;
        this.criterion = criterion;
    }

    /** A sweep of the estimators {@code factory.apply(k)} over k = 2..10 with the defaults above. */
    public static <M extends ClusterModel> KSweep<M> of(IntFunction<? extends Clusterer<M>> factory) {
        return new KSweep<>(Objects.requireNonNull(factory, "factory"), 2, 10, KneeLocator.defaults(), null, true,
                null, null, Criterion.KNEE);
    }

    /**
     * The k range, inclusive.
     *
     * @throws IllegalArgumentException unless {@code 1 <= from < to}
     */
    public KSweep<M> range(int from, int to) {
        if (from < 1 || to <= from) {
            throw new IllegalArgumentException("The k range must satisfy 1 <= from < to but was [" + from + ", "
                    + to + "]");
        }
        return new KSweep<>(factory, from, to, knee, silhouette, silhouetteAuto, gap, bic, criterion);
    }

    /** The knee locator. */
    public KSweep<M> withKneeLocator(KneeLocator locator) {
        return new KSweep<>(factory, kMin, kMax, Objects.requireNonNull(locator, "locator"), silhouette,
                silhouetteAuto, gap, bic, criterion);
    }

    /** The silhouette to compute for each k (exact or sampled). */
    public KSweep<M> withSilhouette(Silhouette s) {
        return new KSweep<>(factory, kMin, kMax, knee, Objects.requireNonNull(s, "silhouette"), false, gap, bic,
                criterion);
    }

    /** No silhouette (for very large data, where even a sample is too slow). */
    public KSweep<M> withoutSilhouette() {
        return new KSweep<>(factory, kMin, kMax, knee, null, false, gap, bic, criterion);
    }

    /** The gap statistic, computed over the sweep's range (B extra fits per k). */
    public KSweep<M> withGap(GapStatistic g) {
        return new KSweep<>(factory, kMin, kMax, knee, silhouette, silhouetteAuto, Objects.requireNonNull(g, "gap"),
                bic, criterion);
    }

    /**
     * The BIC of a fitted model on its data: for model types that do not implement {@link LikelihoodModel}, or
     * to replace their own.
     */
    public KSweep<M> withBic(ModelCriterion<? super M> criterionFunction) {
        return new KSweep<>(factory, kMin, kMax, knee, silhouette, silhouetteAuto, gap,
                Objects.requireNonNull(criterionFunction, "bic"), criterion);
    }

    /** The criterion of the recommendation. */
    public KSweep<M> recommendBy(Criterion c) {
        return new KSweep<>(factory, kMin, kMax, knee, silhouette, silhouetteAuto, gap, bic,
                Objects.requireNonNull(c, "criterion"));
    }

    /**
     * Fits every k.
     *
     * @param data the rows. Not modified.
     * @throws IllegalArgumentException if {@code kMax} exceeds the number of rows
     */
    public Result<M> run(Dataset data) {
        return run(data, FitControl.none());
    }

    /** Fits every k with a listener and cancellation. */
    public Result<M> run(Dataset data, FitControl control) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(control, "control");
        if (kMax > data.rows()) {
            throw new IllegalArgumentException("The sweep goes up to k = " + kMax + " but the data have only "
                    + data.rows() + " rows");
        }
        if (criterion == Criterion.GAP && gap == null) {
            throw new IllegalStateException("recommendBy(GAP) needs the gap statistic: add withGap(GapStatistic.of(B, "
                    + "seed))");
        }
        if (criterion == Criterion.SILHOUETTE && !silhouetteAuto && silhouette == null) {
            throw new IllegalStateException("recommendBy(SILHOUETTE) cannot be combined with withoutSilhouette()");
        }
        Silhouette sil = silhouetteAuto
                ? (data.rows() <= AUTO_EXACT_ROWS ? Silhouette.exact() : Silhouette.sampled(AUTO_SAMPLE_ROWS, AUTO_SEED))
                : silhouette;
        int n = kMax - kMin + 1;
        int[] ks = new int[n];
        double[] inertia = new double[n];
        double[] silh = new double[n];
        double[] silhSe = new double[n];
        double[] db = new double[n];
        double[] ch = new double[n];
        double[] bicValues = new double[n];
        boolean haveBic = true;
        double[] logW = new double[n];
        List<M> models = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = kMin + i;
            control.checkCancelled("k sweep, k = " + k);
            M m = factory.apply(k).fit(data, control);
            if (m.k() != k) {
                throw new IllegalStateException("The factory's estimator for k = " + k + " produced k = " + m.k());
            }
            models.add(m);
            ks[i] = k;
            inertia[i] = Inertia.of(data, m);
            int[] labels = m.trainingLabels();
            Labels.Encoded enc = Labels.encodeClusters(labels);
            boolean defined = enc.k >= 2 && enc.k <= enc.assigned - 1;
            if (defined) {
                db[i] = DaviesBouldin.score(data, labels);
                ch[i] = CalinskiHarabasz.score(data, labels);
                if (sil != null) {
                    Silhouette.Result s = sil.evaluate(data, labels, control);
                    silh[i] = s.score();
                    silhSe[i] = s.standardError();
                } else {
                    silh[i] = Double.NaN;
                    silhSe[i] = Double.NaN;
                }
            } else {
                db[i] = Double.NaN;
                ch[i] = Double.NaN;
                silh[i] = Double.NaN;
                silhSe[i] = Double.NaN;
            }
            if (bic != null) {
                bicValues[i] = bic.evaluate(m, data);
            } else if (m instanceof LikelihoodModel) {
                bicValues[i] = Bic.of((LikelihoodModel) m, data);
            } else {
                haveBic = false;
                if (criterion == Criterion.BIC) {
                    throw new IllegalStateException("recommendBy(BIC) needs a BIC, but " + m.getClass().getSimpleName()
                            + " has no likelihood (it does not implement LikelihoodModel) and no withBic criterion "
                            + "was given; for K-means use withBic(Bic.hardSphericalGaussian())");
                }
            }
            if (gap != null) {
                logW[i] = GapStatistic.logW(data, labels);
            }
            LOG.debug("k = {}: inertia {}, silhouette {}, Davies-Bouldin {}, Calinski-Harabasz {}", k, inertia[i],
                    silh[i], db[i], ch[i]);
        }
        GapStatistic.Result gapResult = gap == null ? null : gap.compute(factory, data, ks, logW, control);
        Map<Criterion, Integer> picks = new EnumMap<>(Criterion.class);
        Map<Criterion, String> reasons = new EnumMap<>(Criterion.class);
        kneePick(ks, inertia, picks, reasons);
        best(ks, silh, true, Criterion.SILHOUETTE, "the highest mean silhouette", picks, reasons);
        best(ks, db, false, Criterion.DAVIES_BOULDIN, "the lowest Davies-Bouldin index", picks, reasons);
        best(ks, ch, true, Criterion.CALINSKI_HARABASZ, "the highest Calinski-Harabasz index", picks, reasons);
        if (haveBic) {
            best(ks, bicValues, false, Criterion.BIC, "the lowest BIC", picks, reasons);
        }
        if (gapResult != null && gapResult.recommendedK().isPresent()) {
            int k = gapResult.recommendedK().getAsInt();
            picks.put(Criterion.GAP, k - kMin);
            reasons.put(Criterion.GAP, gapResult.reason());
        }
        if (!picks.containsKey(criterion)) {
            String why = criterion == Criterion.GAP ? gapResult.reason() : "it is undefined for every k in "
                    + kMin + ".." + kMax + " (each fit has fewer than two non-empty clusters)";
            throw new IllegalStateException("recommendBy(" + criterion + ") gives no k: " + why);
        }
        int chosen = picks.get(criterion);
        String reason = reasons.get(criterion);
        StringBuilder others = new StringBuilder();
        for (Map.Entry<Criterion, Integer> e : picks.entrySet()) {
            if (e.getKey() != criterion) {
                others.append(others.length() == 0 ? "" : ", ").append(e.getKey().name().toLowerCase(Locale.ROOT))
                        .append(" k = ").append(kMin + e.getValue());
            }
        }
        if (others.length() > 0) {
            reason = reason + " (other criteria: " + others + ")";
        }
        LOG.debug("k sweep {}..{}: recommended k = {}: {}", kMin, kMax, kMin + chosen, reason);
        return new Result<>(kMin, inertia, silh, silhSe, sil, db, ch, haveBic ? bicValues : null, gapResult, models,
                chosen, reason, criterion, picks);
    }

    private void kneePick(int[] ks, double[] inertia, Map<Criterion, Integer> picks, Map<Criterion, String> reasons) {
        int n = ks.length;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = ks[i];
        }
        OptionalInt kneeIndex = knee.knee(x, inertia);
        int chosen;
        String reason;
        if (kneeIndex.isPresent()) {
            chosen = kneeIndex.getAsInt();
            reason = "k = " + (kMin + chosen) + " is the knee of the inertia curve (Kneedle)";
        } else {
            chosen = n - 1;
            reason = "the inertia curve has no knee in k = " + kMin + ".." + kMax + "; the largest k is returned";
            double firstDrop = inertia[0] - inertia[1];
            for (int i = 1; i < n - 1; i++) {
                if (inertia[i] - inertia[i + 1] < 0.1 * firstDrop) {
                    chosen = i;
                    reason = "the inertia curve has no knee; from k = " + (kMin + i)
                            + " on, one more cluster gains less than 10% of the first step's gain";
                    break;
                }
            }
        }
        picks.put(Criterion.KNEE, chosen);
        reasons.put(Criterion.KNEE, reason);
    }

    private void best(int[] ks, double[] v, boolean highest, Criterion c, String what, Map<Criterion, Integer> picks,
                      Map<Criterion, String> reasons) {
        int b = -1;
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (b < 0 || (highest ? v[i] > v[b] : v[i] < v[b]))) {
                b = i;
            }
        }
        if (b >= 0) {
            picks.put(c, b);
            reasons.put(c, String.format(Locale.ROOT, "k = %d has %s (%.4f)", ks[b], what, v[b]));
        }
    }

    /**
     * The outcome of a sweep: every criterion per k, the model per k, and the recommendation with its reason.
     * Immutable; arrays are copied out.
     *
     * @param <M> the model type
     */
    public static final class Result<M extends ClusterModel> {
        private final int kMin;
        private final double[] inertia;
        private final double[] silhouette;
        private final double[] silhouetteSe;
        private final Silhouette silhouetteMethod;
        private final double[] daviesBouldin;
        private final double[] calinskiHarabasz;
        private final double[] bic;
        private final GapStatistic.Result gap;
        private final List<M> models;
        private final int chosen;
        private final String reason;
        private final Criterion criterion;
        private final Map<Criterion, Integer> picks;

        Result(int kMin, double[] inertia, double[] silhouette, double[] silhouetteSe, Silhouette silhouetteMethod,
               double[] daviesBouldin, double[] calinskiHarabasz, double[] bic, GapStatistic.Result gap,
               List<M> models, int chosen, String reason, Criterion criterion, Map<Criterion, Integer> picks) {
            this.kMin = kMin;
            this.inertia = inertia;
            this.silhouette = silhouette;
            this.silhouetteSe = silhouetteSe;
            this.silhouetteMethod = silhouetteMethod;
            this.daviesBouldin = daviesBouldin;
            this.calinskiHarabasz = calinskiHarabasz;
            this.bic = bic;
            this.gap = gap;
            this.models = Collections.unmodifiableList(models);
            this.chosen = chosen;
            this.reason = reason;
            this.criterion = criterion;
            this.picks = picks;
        }

        /** The k values, in increasing order. */
        public int[] ks() {
            int[] out = new int[inertia.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = kMin + i;
            }
            return out;
        }

        /** The inertia for each k. */
        public double[] inertia() {
            return inertia.clone();
        }

        /** Whether a silhouette was computed. */
        public boolean hasSilhouette() {
            return silhouetteMethod != null;
        }

        /**
         * The mean silhouette for each k; NaN where it is undefined (fewer than two clusters).
         *
         * @throws IllegalStateException if the sweep ran without a silhouette
         */
        public double[] silhouette() {
            if (silhouetteMethod == null) {
                throw new IllegalStateException("The sweep ran withoutSilhouette()");
            }
            return silhouette.clone();
        }

        /** The standard error of each sampled silhouette (0 when exact). */
        public double[] silhouetteStandardErrors() {
            if (silhouetteMethod == null) {
                throw new IllegalStateException("The sweep ran withoutSilhouette()");
            }
            return silhouetteSe.clone();
        }

        /** The silhouette method used, if any. */
        public Optional<Silhouette> silhouetteMethod() {
            return Optional.ofNullable(silhouetteMethod);
        }

        /** The Davies-Bouldin index for each k; NaN where undefined. */
        public double[] daviesBouldin() {
            return daviesBouldin.clone();
        }

        /** The Calinski-Harabasz index for each k; NaN where undefined. */
        public double[] calinskiHarabasz() {
            return calinskiHarabasz.clone();
        }

        /** The BIC for each k, when the models have one. */
        public Optional<double[]> bic() {
            return bic == null ? Optional.empty() : Optional.of(bic.clone());
        }

        /** The gap statistic, when requested. */
        public Optional<GapStatistic.Result> gap() {
            return Optional.ofNullable(gap);
        }

        /** The fitted model for each k. */
        public List<M> models() {
            return models;
        }

        /** The model for one k. */
        public M model(int k) {
            if (k < kMin || k >= kMin + models.size()) {
                throw new IllegalArgumentException("k = " + k + " is outside the sweep's range");
            }
            return models.get(k - kMin);
        }

        /** The recommended k. */
        public int recommendedK() {
            return kMin + chosen;
        }

        /** The model at the recommended k. */
        public M recommendedModel() {
            return models.get(chosen);
        }

        /** Why that k was recommended, and what the other criteria chose. */
        public String reason() {
            return reason;
        }

        /** The criterion the recommendation was asked to use. */
        public Criterion criterion() {
            return criterion;
        }

        /** The k each criterion would choose, when it has one. */
        public OptionalInt recommendation(Criterion c) {
            Integer i = picks.get(Objects.requireNonNull(c, "criterion"));
            return i == null ? OptionalInt.empty() : OptionalInt.of(kMin + i);
        }

        /** The sweep as a text table, one row per k, the recommended k marked. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%4s %12s %11s %9s %12s", "k", "inertia", "silhouette", "DB",
                    "CH"));
            if (gap != null) {
                sb.append(String.format(Locale.ROOT, " %9s %8s", "gap", "s_k"));
            }
            if (bic != null) {
                sb.append(String.format(Locale.ROOT, " %12s", "BIC"));
            }
            sb.append(System.lineSeparator());
            for (int i = 0; i < inertia.length; i++) {
                sb.append(String.format(Locale.ROOT, "%4d %12.4f %11s %9s %12s", kMin + i, inertia[i],
                        fmt(silhouetteMethod == null ? Double.NaN : silhouette[i], "%.4f"),
                        fmt(daviesBouldin[i], "%.4f"), fmt(calinskiHarabasz[i], "%.2f")));
                if (gap != null) {
                    sb.append(String.format(Locale.ROOT, " %9.4f %8.4f", gap.gap()[i], gap.standardErrors()[i]));
                }
                if (bic != null) {
                    sb.append(String.format(Locale.ROOT, " %12.2f", bic[i]));
                }
                if (i == chosen) {
                    sb.append("  <- ").append(criterion.name().toLowerCase(Locale.ROOT));
                }
                sb.append(System.lineSeparator());
            }
            return sb.toString();
        }

        private static String fmt(double v, String format) {
            return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
        }

        @Override
        public String toString() {
            return "KSweep.Result[k = " + kMin + ".." + (kMin + inertia.length - 1) + ", recommended k = "
                    + recommendedK() + " (" + criterion.name().toLowerCase(Locale.ROOT) + ")]";
        }
    }
}
