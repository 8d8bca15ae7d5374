/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import dev.segmentation.core.Assignment;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.serving.registry.DistanceProfile;
import dev.segmentation.serving.registry.ModelRegistry;
import dev.segmentation.serving.registry.ModelVersion;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * One model version ready to serve: its scorer with the {@link FallbackPolicy} resolved against it (cold-start
 * inputs found, policy segment names matched to the model's labels, the distance threshold taken from the
 * version's distance profile). A {@link LiveScorer} swaps whole instances, so every answer comes from exactly one
 * of them.
 *
 * <p>Immutable and thread-safe; {@link #score} allocates nothing on the model's path (per-thread buffers).
 *
 * @since 0.1
 */
public final class ServingModel {
    private final String version;
    private final SegmentScorer scorer;
    private final FallbackPolicy policy;
    private final int[] ruleInput;
    private final double[] ruleMinimum;
    private final int[] ruleLabel;
    private final String[] ruleName;
    private final int defaultLabel;
    private final String defaultName;
    private final double threshold;
    private final double[] centres;
    private final int d;
    private final List<String> names;
    private final ThreadLocal<double[]> features;
    private final ThreadLocal<Assignment> assignment;

    private ServingModel(String version, SegmentScorer scorer, FallbackPolicy policy, DistanceProfile profile) {
        this.version = version;
        this.scorer = scorer;
        this.policy = policy;
        this.names = scorer.segmentNames();
        List<FallbackPolicy.ColdStartRule> rules = policy.coldStartRules();
        ruleInput = new int[rules.size()];
        ruleMinimum = new double[rules.size()];
        ruleLabel = new int[rules.size()];
        ruleName = new String[rules.size()];
        defaultName = policy.defaultSegment();
        defaultLabel = labelOf(defaultName);
        for (int r = 0; r < ruleInput.length; r++) {
            FallbackPolicy.ColdStartRule rule = rules.get(r);
            int j = scorer.inputNames().indexOf(rule.input());
            if (j < 0) {
                throw new IllegalArgumentException("The cold-start rule " + rule + " reads '" + rule.input()
                        + "', which model version " + version + " does not take; its inputs are " + scorer.inputNames());
            }
            if (scorer.transform().isCategorical(rule.input())) {
                throw new IllegalArgumentException("The cold-start rule " + rule + " compares '" + rule.input()
                        + "', a categorical input, with a number");
            }
            ruleInput[r] = j;
            ruleMinimum[r] = rule.minimum();
            ruleName[r] = rule.segmentName() == null ? defaultName : rule.segmentName();
            ruleLabel[r] = labelOf(ruleName[r]);
        }
        Optional<Centroids> c = scorer.model().flatMap(ClusterModel::centroids);
        double t = Double.NaN;
        if (policy.farDistance().isPresent()) {
            t = policy.farDistance().getAsDouble();
        } else if (policy.farQuantile().isPresent()) {
            if (profile == null) {
                throw new IllegalArgumentException("The fallback policy's far rule uses the " + policy.farQuantile()
                        .getAsDouble() + " quantile of training distances, but model version " + version + " has no "
                        + "distance profile: register it with its training data (Registration.trainingData)");
            }
            t = profile.quantile(policy.farQuantile().getAsDouble());
        }
        if (t == t && c.isEmpty()) {
            throw new IllegalArgumentException("The fallback policy has a far-from-every-segment rule, but model version "
                    + version + " (" + scorer.model().map(m -> m.getClass().getSimpleName()).orElse("?")
                    + ") has no segment centres; DBSCAN marks far records as noise instead");
        }
        this.threshold = t;
        this.centres = c.map(Centroids::toRowMajorArray).orElse(null);
        this.d = scorer.featureNames().size();
        final int dim = d;
        this.features = ThreadLocal.withInitial(() -> new double[dim]);
        this.assignment = ThreadLocal.withInitial(scorer::newAssignment);
    }

    private int labelOf(String name) {
        int i = names.indexOf(name);
        return i >= 0 ? i : ScoreResult.NO_MODEL_SEGMENT;
    }

    /**
     * A version from a registry, with its registered distance profile.
     *
     * @throws IllegalArgumentException if the policy does not fit the model (see {@link #of(String, SegmentScorer,
     *     FallbackPolicy)})
     * @throws IOException if the version cannot be loaded
     */
    public static ServingModel load(ModelRegistry registry, String version, FallbackPolicy policy) throws IOException {
        Checks.notNull("registry", registry);
        ModelVersion v = registry.version(version);
        return new ServingModel(v.id(), registry.load(v.id()), Checks.notNull("policy", policy),
                v.distanceProfile().orElse(null));
    }

    /**
     * A scorer outside a registry, under a version label of the caller's choice.
     *
     * @throws IllegalArgumentException if a cold-start rule reads an input the model does not take or a categorical
     *     one, or the far rule needs a distance profile or centres the model does not have
     */
    public static ServingModel of(String version, SegmentScorer scorer, FallbackPolicy policy) {
        return of(version, scorer, policy, null);
    }

    /** As {@link #of(String, SegmentScorer, FallbackPolicy)}, with a distance profile for a quantile far rule. */
    public static ServingModel of(String version, SegmentScorer scorer, FallbackPolicy policy, DistanceProfile profile) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("The version label is blank");
        }
        return new ServingModel(version, Checks.notNull("scorer", scorer), Checks.notNull("policy", policy), profile);
    }

    /** The model version. */
    public String version() {
        return version;
    }

    /** The scorer. */
    public SegmentScorer scorer() {
        return scorer;
    }

    /** The policy. */
    public FallbackPolicy policy() {
        return policy;
    }

    /** The far threshold in feature units, NaN when the policy has none. */
    public double distanceThreshold() {
        return threshold;
    }

    /** The label the default segment is served with, or {@link ScoreResult#NO_MODEL_SEGMENT}. */
    public int defaultLabel() {
        return defaultLabel;
    }

    /**
     * Scores one raw record under the fallback policy, without consent or stored-membership checks (see
     * {@link LiveScorer#score}). Never throws for a record the model cannot score: that is
     * {@link FallbackReason#SCORER_FAILURE_DEFAULT} with the scorer's message in {@link ScoreResult#detail()}.
     *
     * @param raw the raw values, in {@code scorer().inputNames()} order. Not modified.
     * @param out receives the answer. Modified.
     * @throws IllegalArgumentException if {@code raw} has the wrong length (a caller's bug, not a record's)
     */
    public void score(double[] raw, ScoreResult out) {
        Checks.rowLength("raw", raw, ruleInputLength());
        out.begin(version, scorer.confidenceKind());
        for (int r = 0; r < ruleInput.length; r++) {
            if (!(raw[ruleInput[r]] >= ruleMinimum[r])) {
                out.fallback(ruleLabel[r], ruleName[r], FallbackReason.COLD_START);
                return;
            }
        }
        double[] f = features.get();
        Assignment a = assignment.get();
        int label;
        try {
            scorer.features(raw, f);
            label = scorer.assigner().assign(f, 0, a);
        } catch (RuntimeException e) {
            out.fallback(defaultLabel, defaultName, FallbackReason.SCORER_FAILURE_DEFAULT);
            out.detail(e.getMessage());
            return;
        }
        if (label == ClusterModel.NOISE) {
            out.fallback(defaultLabel, defaultName, FallbackReason.NOISE);
            return;
        }
        if (threshold == threshold) {
            double dist = DistanceProfile.distance(f, 0, centres, label, d);
            if (dist > threshold) {
                out.fallback(defaultLabel, defaultName, FallbackReason.FAR_FROM_SEGMENTS);
                out.distance(dist);
                return;
            }
        }
        out.model(label, names.get(label), a);
    }

    private int ruleInputLength() {
        return scorer.inputNames().size();
    }

    @Override
    public String toString() {
        return "ServingModel[version=" + version + ", " + scorer + ", " + policy + "]";
    }
}
