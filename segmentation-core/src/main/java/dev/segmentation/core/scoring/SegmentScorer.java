/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores a raw customer record to a segment: the fitted feature transform replayed on the raw values,
 * then the nearest centre. This is what a service loads from a model file and calls per request.
 * <pre>{@code
 * SegmentScorer scorer = ModelIO.read(path, SegmentScorer.class);
 * int segment = scorer.assign(new double[] {recencyDays, orders, revenue});   // raw values
 * String name = scorer.segmentName(segment);
 * }</pre>
 *
 * <p>{@link #assign(double[])} allocates nothing (the transformed row goes to a per-thread buffer) and
 * is thread-safe; the scorer is immutable, so swapping in a new model version is a single reference
 * assignment (for example an {@code AtomicReference<SegmentScorer>}).
 *
 * <p>Segments can carry names (for example from a profile-based naming step); they default to
 * {@code "segment 0"}, {@code "segment 1"}, ...
 *
 * @since 0.1
 */
public final class SegmentScorer {
    private final FeatureTransform transform;
    private final NearestCentroidScorer scorer;
    private final List<String> names;
    private final ThreadLocal<double[]> buffer;

    private SegmentScorer(FeatureTransform transform, NearestCentroidScorer scorer, List<String> names) {
        this.transform = transform;
        this.scorer = scorer;
        this.names = names;
        final int d = scorer.dimension();
        this.buffer = ThreadLocal.withInitial(() -> new double[d]);
    }

    /**
     * A scorer that applies {@code transform} and then the centres of {@code model}.
     *
     * @throws IllegalArgumentException if the model has no centroids or the transform's output columns are
     *     not the model's columns
     */
    public static SegmentScorer of(FeatureTransform transform, ClusterModel model) {
        return of(transform, NearestCentroidScorer.of(model));
    }

    /**
     * A scorer that applies {@code transform} and then {@code scorer}.
     *
     * @throws IllegalArgumentException if the transform's output columns are not the scorer's columns
     */
    public static SegmentScorer of(FeatureTransform transform, NearestCentroidScorer scorer) {
        Checks.notNull("transform", transform);
        Checks.notNull("scorer", scorer);
        if (!transform.outputNames().equals(scorer.columnNames())) {
            throw new IllegalArgumentException("The transform produces " + transform.outputNames()
                    + " but the model was fitted on " + scorer.columnNames());
        }
        return new SegmentScorer(transform, scorer, defaultNames(scorer.k()));
    }

    /**
     * This scorer with segment names.
     *
     * @param segmentNames one distinct, non-blank name per segment
     * @throws IllegalArgumentException if the count is wrong or a name is blank or repeated
     */
    public SegmentScorer withSegmentNames(List<String> segmentNames) {
        Checks.notNull("segmentNames", segmentNames);
        if (segmentNames.size() != scorer.k()) {
            throw new IllegalArgumentException(segmentNames.size() + " names were given for " + scorer.k()
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
        return new SegmentScorer(transform, scorer, List.copyOf(segmentNames));
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

    /** The number of segments. */
    public int k() {
        return scorer.k();
    }

    /** The segment names, by label. */
    public List<String> segmentNames() {
        return names;
    }

    /** The name of segment {@code label}. */
    public String segmentName(int label) {
        return names.get(label);
    }

    /** The feature transform. */
    public FeatureTransform transform() {
        return transform;
    }

    /** The nearest-centroid scorer on transformed features. */
    public NearestCentroidScorer scorer() {
        return scorer;
    }

    /**
     * The segment of one raw record. Allocates nothing.
     *
     * @param raw {@code inputNames().size()} raw values. Not modified.
     * @throws IllegalArgumentException if the length is wrong, a value is outside the transform's domain or
     *     not finite
     */
    public int assign(double[] raw) {
        return scorer.assign(features(raw, buffer.get()));
    }

    /**
     * The margin (distance gap to the runner-up segment, in feature units) of one raw record. Allocates
     * nothing.
     *
     * @throws IllegalArgumentException as {@link #assign(double[])}
     */
    public double margin(double[] raw) {
        return scorer.margin(features(raw, buffer.get()));
    }

    /**
     * The transformed features of one raw record, into {@code out}.
     *
     * @param raw raw values. Not modified.
     * @param out receives {@code scorer().dimension()} features. Modified.
     * @return {@code out}
     */
    public double[] features(double[] raw, double[] out) {
        Checks.rowLength("raw", raw, transform.inputNames().size());
        Checks.rowLength("out", out, scorer.dimension());
        transform.transformRow(raw, 0, out, 0);
        return out;
    }

    /**
     * The segments of raw records.
     *
     * @param raw rows with columns {@link #inputNames()}. Not modified.
     * @throws IllegalArgumentException if the columns differ or a value is outside the domain
     */
    public int[] assign(Dataset raw) {
        return scorer.assign(transform.transform(raw));
    }

    @Override
    public String toString() {
        return "SegmentScorer[inputs=" + inputNames() + ", segments=" + names + "]";
    }
}
