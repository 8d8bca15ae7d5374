/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.ConfidenceKind;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.RawRecord;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Scores raw customer records to segments: a fitted feature transform replayed on the raw values, then any
 * inductive model's own assignment rule. This is what a service loads from one model file and calls per
 * request, whatever the model type:
 * <pre>{@code
 * SegmentScorer scorer = SegmentScorer.of(pipeline, model);    // K-means, a mixture, DBSCAN, ...
 * ModelIO.write(scorer, path);                                  // one file: pipeline, model, lineage
 *
 * SegmentScorer scorer = ModelIO.read(path, SegmentScorer.class);
 * int segment = scorer.assign(new double[] {recencyDays, orders, revenue});  // raw values
 * Assignment a = scorer.newAssignment();                        // per thread: segment, confidence, probabilities
 * scorer.assign(rawValues, a);
 * }</pre>
 *
 * <h2>What a segment means per model type</h2>
 * The scorer uses the model's {@link ClusterModel#assigner()}, so its labels equal the model's
 * {@link ClusterModel#predict} on the transformed rows bit for bit: the nearest centre for K-means and merged
 * centroid models, the nearest cut mean for hierarchical models (see {@code HierarchicalModel}), the most
 * probable component for Gaussian mixtures (with {@link #probabilities}), the nearest core row within eps for
 * DBSCAN ({@link ClusterModel#NOISE} for noise). A model that cannot label new rows is refused with the
 * model's reason; no other rule is ever substituted. What the confidence measures is
 * {@link #confidenceKind()}.
 *
 * <h2>Raw records</h2>
 * Raw values are in {@link #inputNames()} order, as the transform defines them (a category as its code, a
 * missing value as NaN); {@link #newRecord()} gives a reusable record that sets them by column name and
 * category text, also on a scorer read back from a file.
 *
 * <h2>Performance and threads</h2>
 * {@link #assign(double[])}, {@link #assign(double[], Assignment)} and {@link #assign(RawRecord)} allocate
 * nothing (the transformed row goes to a per-thread buffer) and are thread-safe; the scorer is immutable, so
 * swapping in a new model version is a single reference assignment (for example an
 * {@code AtomicReference<SegmentScorer>}).
 *
 * <p>Segments carry names (for example from a profile-based naming step); they default to
 * {@code "segment 0"}, {@code "segment 1"}, ..., and noise to {@code "noise"}.
 *
 * @since 0.1
 */
public final class SegmentScorer {
    /** The default name of {@link ClusterModel#NOISE}. */
    public static final String DEFAULT_NOISE_NAME = "noise";

    private final FeatureTransform transform;
    private final Assigner assigner;
    private final ClusterModel model;
    private final List<String> names;
    private final String noiseName;
    private final ThreadLocal<double[]> buffer;
    private final ThreadLocal<Assignment> holder;

    private SegmentScorer(FeatureTransform transform, Assigner assigner, ClusterModel model, List<String> names,
                          String noiseName) {
        this.transform = transform;
        this.assigner = assigner;
        this.model = model;
        this.names = names;
        this.noiseName = noiseName;
        final int d = assigner.dimension();
        this.buffer = ThreadLocal.withInitial(() -> new double[d]);
        final int k = assigner.k();
        this.holder = ThreadLocal.withInitial(() -> new Assignment(k));
    }

    /**
     * A scorer that applies {@code transform} and then {@code model}'s own assigner.
     *
     * @throws IllegalArgumentException if the model cannot label new rows (with the model's reason), or the
     *     transform's output columns are not the model's columns
     */
    public static SegmentScorer of(FeatureTransform transform, ClusterModel model) {
        Checks.notNull("transform", transform);
        Checks.notNull("model", model);
        Assigner a = null;
        String why;
        try {
            a = model.assigner();
            why = model.getClass().getSimpleName() + " says it is not inductive (isInductive() is false)";
        } catch (UnsupportedOperationException e) {
            why = e.getMessage();
        }
        if (a == null || !model.isInductive()) {
            throw new IllegalArgumentException("A SegmentScorer needs a model that labels new rows: " + why);
        }
        return build(transform, a, model);
    }

    /**
     * A scorer for a model fitted on features that need no transform: raw values are the model's columns.
     *
     * @throws IllegalArgumentException as {@link #of(FeatureTransform, ClusterModel)}
     */
    public static SegmentScorer of(ClusterModel model) {
        Checks.notNull("model", model);
        return of(new IdentityTransform(model.columnNames()), model);
    }

    /**
     * A scorer that applies {@code transform} and then an assigner that is not a model's (for example a
     * {@link NearestCentroidScorer} over given centres). To be written to a model file, the assigner's class
     * needs a registered {@code ModelCodec}.
     *
     * @throws IllegalArgumentException if the transform's output columns are not the assigner's columns
     */
    public static SegmentScorer of(FeatureTransform transform, Assigner assigner) {
        Checks.notNull("transform", transform);
        Checks.notNull("assigner", assigner);
        return build(transform, assigner, null);
    }

    private static SegmentScorer build(FeatureTransform transform, Assigner assigner, ClusterModel model) {
        if (!transform.outputNames().equals(assigner.columnNames())) {
            throw new IllegalArgumentException("The transform produces " + transform.outputNames()
                    + " but the model was fitted on " + assigner.columnNames());
        }
        return new SegmentScorer(transform, assigner, model, defaultNames(assigner.k()), DEFAULT_NOISE_NAME);
    }

    /**
     * This scorer with segment names.
     *
     * @param segmentNames one distinct, non-blank name per segment
     * @throws IllegalArgumentException if the count is wrong or a name is blank or repeated (also against the
     *     noise name)
     */
    public SegmentScorer withSegmentNames(List<String> segmentNames) {
        Checks.notNull("segmentNames", segmentNames);
        if (segmentNames.size() != assigner.k()) {
            throw new IllegalArgumentException(segmentNames.size() + " names were given for " + assigner.k()
                    + " segments");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < segmentNames.size(); i++) {
            String s = segmentNames.get(i);
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("Segment name " + i + " is blank");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("Segment name '" + s + "' is used twice");
            }
        }
        if (seen.contains(noiseName)) {
            throw new IllegalArgumentException("Segment name '" + noiseName + "' is the name of noise; rename noise "
                    + "first with withNoiseName");
        }
        return new SegmentScorer(transform, assigner, model, List.copyOf(segmentNames), noiseName);
    }

    /**
     * This scorer with another name for rows that belong to no segment ({@link ClusterModel#NOISE}).
     *
     * @throws IllegalArgumentException if the name is blank or is a segment's name
     */
    public SegmentScorer withNoiseName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("The noise name is blank");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is already the name of segment " + names.indexOf(name));
        }
        return new SegmentScorer(transform, assigner, model, names, name);
    }

    private static List<String> defaultNames(int k) {
        List<String> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add("segment " + i);
        }
        return List.copyOf(out);
    }

    /** The raw input columns, in the order a record must hold them. */
    public List<String> inputNames() {
        return transform.inputNames();
    }

    /** The transformed feature columns the model reads. */
    public List<String> featureNames() {
        return assigner.columnNames();
    }

    /** The number of segments, noise excluded. */
    public int k() {
        return assigner.k();
    }

    /** The segment names, by label. */
    public List<String> segmentNames() {
        return names;
    }

    /** The name of noise ({@link ClusterModel#NOISE}). */
    public String noiseName() {
        return noiseName;
    }

    /**
     * The name of segment {@code label}, or the noise name for {@link ClusterModel#NOISE}.
     *
     * @throws IndexOutOfBoundsException if the label is neither a segment nor noise
     */
    public String segmentName(int label) {
        return label == ClusterModel.NOISE ? noiseName : names.get(label);
    }

    /** The feature transform. */
    public FeatureTransform transform() {
        return transform;
    }

    /** The assigner on transformed features. */
    public Assigner assigner() {
        return assigner;
    }

    /** The model the scorer was built from, if it was built from one (not from a bare assigner). */
    public Optional<ClusterModel> model() {
        return Optional.ofNullable(model);
    }

    /** What the confidence of an {@link Assignment} means for this scorer's model. */
    public ConfidenceKind confidenceKind() {
        return assigner.confidenceKind();
    }

    /** Whether the model gives membership probabilities (mixtures). */
    public boolean hasProbabilities() {
        return assigner.hasProbabilities();
    }

    /** A reusable result holder for {@link #assign(double[], Assignment)}; one per thread. */
    public Assignment newAssignment() {
        return new Assignment(assigner.k());
    }

    /** A reusable raw record for this scorer's inputs, every value missing; one per thread. */
    public RawRecord newRecord() {
        return transform.newRecord();
    }

    /**
     * The segment of one raw record. Allocates nothing.
     *
     * @param raw {@code inputNames().size()} raw values. Not modified.
     * @return a label in {@code [0, k)}, or {@link ClusterModel#NOISE}
     * @throws IllegalArgumentException if the length is wrong, a value is outside the transform's domain, or the
     *     model cannot score the features
     */
    public int assign(double[] raw) {
        return assigner.assign(features(raw, buffer.get()), 0);
    }

    /**
     * The segment of a raw record built with {@link #newRecord()}. Allocates nothing.
     *
     * @throws IllegalArgumentException as {@link #assign(double[])}, or if the record is for another transform
     */
    public int assign(RawRecord record) {
        Checks.notNull("record", record);
        if (record.transform() != transform) {
            throw new IllegalArgumentException("The record was made for another transform; use this scorer's "
                    + "newRecord()");
        }
        return assign(record.values());
    }

    /**
     * The segment of one raw record with its confidence and, for mixtures, its membership probabilities.
     * Allocates nothing.
     *
     * @param raw {@code inputNames().size()} raw values. Not modified.
     * @param out receives the result ({@link #newAssignment()}). Modified.
     * @return the label
     * @throws IllegalArgumentException as {@link #assign(double[])}
     */
    public int assign(double[] raw, Assignment out) {
        return assigner.assign(features(raw, buffer.get()), 0, out);
    }

    /**
     * The confidence of one raw record's segment, in {@link #confidenceKind()}. Allocates nothing after the first
     * call on a thread.
     *
     * @throws IllegalArgumentException as {@link #assign(double[])}
     * @throws IllegalStateException if the model reports no confidence
     */
    public double confidence(double[] raw) {
        Assignment a = holder.get();
        assign(raw, a);
        return a.confidence();
    }

    /**
     * The membership probabilities of one raw record into {@code out[0 .. k)}. Allocates nothing after the first
     * call on a thread.
     *
     * @return {@code out}
     * @throws UnsupportedOperationException if the model has no probabilities
     * @throws IllegalArgumentException as {@link #assign(double[])}, or if {@code out} is shorter than k
     */
    public double[] probabilities(double[] raw, double[] out) {
        requireProbabilities();
        Assignment a = holder.get();
        assign(raw, a);
        return a.probabilities(out);
    }

    /**
     * The transformed features of one raw record, into {@code out}.
     *
     * @param raw raw values. Not modified.
     * @param out receives {@code featureNames().size()} features. Modified.
     * @return {@code out}
     */
    public double[] features(double[] raw, double[] out) {
        Checks.rowLength("raw", raw, transform.inputNames().size());
        Checks.rowLength("out", out, assigner.dimension());
        transform.transformRow(raw, 0, out, 0);
        return out;
    }

    /**
     * The segments of raw records.
     *
     * @param raw rows with columns {@link #inputNames()}. Not modified.
     * @throws IllegalArgumentException if the columns differ, a value is outside the domain, or a row cannot be
     *     scored (the message names the row)
     */
    public int[] assign(Dataset raw) {
        Dataset x = transform.transform(raw);
        int[] out = new int[x.rows()];
        assigner.assign(DatasetAccess.data(x), x.rows(), out);
        return out;
    }

    /**
     * The membership probabilities of raw records: one row of k values per record.
     *
     * @throws UnsupportedOperationException if the model has no probabilities
     * @throws IllegalArgumentException as {@link #assign(Dataset)}
     */
    public double[][] probabilities(Dataset raw) {
        requireProbabilities();
        Dataset x = transform.transform(raw);
        double[] flat = DatasetAccess.data(x);
        int d = assigner.dimension();
        Assignment a = newAssignment();
        double[][] out = new double[x.rows()][];
        for (int i = 0; i < out.length; i++) {
            try {
                assigner.assign(flat, i * d, a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Row " + i + ": " + e.getMessage(), e);
            }
            out[i] = a.probabilities(new double[assigner.k()]);
        }
        return out;
    }

    private void requireProbabilities() {
        if (!assigner.hasProbabilities()) {
            throw new UnsupportedOperationException("The model (" + (model != null ? model.getClass().getSimpleName()
                    : assigner.getClass().getSimpleName()) + ") gives no membership probabilities; its confidence is "
                    + assigner.confidenceKind());
        }
    }

    @Override
    public String toString() {
        return "SegmentScorer[inputs=" + inputNames() + ", model="
                + (model != null ? model.getClass().getSimpleName() : assigner.getClass().getSimpleName())
                + ", segments=" + names + "]";
    }
}
