/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Fits any {@link Clusterer} for a range of k and recommends one from the inertia (elbow) curve.
 * <pre>{@code
 * KSweep.Result<KMeansModel> sweep = KSweep.of(k -> KMeans.builder().k(k).nInit(10).seed(42).build())
 *     .range(2, 10).run(features);
 * KMeansModel chosen = sweep.recommendedModel();
 * }</pre>
 *
 * <p>The recommendation is the Kneedle knee of inertia against k ({@link KneeLocator}); when the curve has
 * no knee, the k where the relative drop in inertia to the next k first falls below 10% of the first drop,
 * and failing that the largest k, each with the reason stated in {@link Result#reason()}.
 *
 * <p>Immutable and thread-safe; {@code run} fits sequentially in increasing k.
 *
 * @since 0.1
 */
public final class KSweep<M extends ClusterModel> {
    private final IntFunction<? extends Clusterer<M>> factory;
    private final int kMin;
    private final int kMax;
    private final KneeLocator knee;

    private KSweep(IntFunction<? extends Clusterer<M>> factory, int kMin, int kMax, KneeLocator knee) {
        this.factory = factory;
        this.kMin = kMin;
        this.kMax = kMax;
        this.knee = knee;
    }

    /** A sweep of the estimators {@code factory.apply(k)} over k = 2..10. */
    public static <M extends ClusterModel> KSweep<M> of(IntFunction<? extends Clusterer<M>> factory) {
        return new KSweep<>(Objects.requireNonNull(factory, "factory"), 2, 10, KneeLocator.defaults());
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
        return new KSweep<>(factory, from, to, knee);
    }

    /** The knee locator. */
    public KSweep<M> withKneeLocator(KneeLocator locator) {
        return new KSweep<>(factory, kMin, kMax, Objects.requireNonNull(locator, "locator"));
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
        if (kMax > data.rows()) {
            throw new IllegalArgumentException("The sweep goes up to k = " + kMax + " but the data have only "
                    + data.rows() + " rows");
        }
        int n = kMax - kMin + 1;
        double[] ks = new double[n];
        double[] inertia = new double[n];
        List<M> models = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int k = kMin + i;
            M m = factory.apply(k).fit(data, control);
            if (m.k() != k) {
                throw new IllegalStateException("The factory's estimator for k = " + k + " produced k = " + m.k());
            }
            models.add(m);
            ks[i] = k;
            inertia[i] = Inertia.of(data, m);
        }
        OptionalInt kneeIndex = knee.knee(ks, inertia);
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
        return new Result<>(kMin, inertia, models, chosen, reason);
    }

    /**
     * The outcome of a sweep: inertia and model per k, and the recommendation with its reason.
     *
     * @param <M> the model type
     */
    public static final class Result<M extends ClusterModel> {
        private final int kMin;
        private final double[] inertia;
        private final List<M> models;
        private final int chosen;
        private final String reason;

        Result(int kMin, double[] inertia, List<M> models, int chosen, String reason) {
            this.kMin = kMin;
            this.inertia = inertia;
            this.models = Collections.unmodifiableList(models);
            this.chosen = chosen;
            this.reason = reason;
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

        /** Why that k was recommended. */
        public String reason() {
            return reason;
        }
    }
}
