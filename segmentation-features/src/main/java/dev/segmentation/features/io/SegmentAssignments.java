/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The segment of each customer as plain values, ready for {@link AssignmentWriter}: customer ids, segment ids,
 * the segment names, a confidence per customer and the version of the model that assigned them.
 *
 * <pre>{@code
 * SegmentAssignments a = SegmentAssignments.of(rfm.customerIds(), labels, names, margins, "retail-2011-12-10");
 * AssignmentWriter.csv().write(a, Path.of("segments.csv"));
 * }</pre>
 *
 * <ul>
 *   <li>Segment ids are {@code 0 .. names.size() - 1}, or {@code -1} for a customer without a segment (the
 *       noise of a density clustering); such a customer has no segment name.</li>
 *   <li>The confidence is what the model reports: a probability for a mixture, a margin for a centroid
 *       model. NaN means "not known" and is written as such; infinite values are rejected.</li>
 *   <li>Customer ids are unique and not blank.</li>
 * </ul>
 *
 * <p>Immutable; the arrays are copied in and out.
 *
 * @since 0.1
 */
public final class SegmentAssignments {
    private final String[] customerIds;
    private final int[] segments;
    private final String[] names;
    private final double[] confidences;
    private final String modelVersion;

    private SegmentAssignments(String[] customerIds, int[] segments, String[] names, double[] confidences,
            String modelVersion) {
        this.customerIds = customerIds;
        this.segments = segments;
        this.names = names;
        this.confidences = confidences;
        this.modelVersion = modelVersion;
    }

    /**
     * Assignments from parallel arrays.
     *
     * @param customerIds one per customer, unique, not blank. Not modified.
     * @param segments the segment of each customer, in {@code [-1, segmentNames.size())}. Not modified.
     * @param segmentNames the name of each segment, by id; not blank. Not modified.
     * @param confidences one per customer (NaN when not known), or null when the model reports none. Not
     *     modified.
     * @param modelVersion the version of the model that assigned the segments, not blank
     * @throws IllegalArgumentException if the lengths differ, an id is blank or repeated, a segment is out of
     *     range, a name is blank, a confidence is infinite or the version is blank (the message names the index
     *     and the value)
     */
    public static SegmentAssignments of(List<String> customerIds, int[] segments, List<String> segmentNames,
            double[] confidences, String modelVersion) {
        Checks.notNull("customerIds", customerIds);
        Checks.notNull("segments", segments);
        Checks.notNull("segmentNames", segmentNames);
        Checks.notNull("modelVersion", modelVersion);
        int n = customerIds.size();
        if (segments.length != n) {
            throw new IllegalArgumentException(segments.length + " segments were given for " + n + " customers");
        }
        if (confidences != null && confidences.length != n) {
            throw new IllegalArgumentException(confidences.length + " confidences were given for " + n + " customers");
        }
        if (modelVersion.isBlank()) {
            throw new IllegalArgumentException("The model version must not be blank");
        }
        String[] names = new String[segmentNames.size()];
        for (int s = 0; s < names.length; s++) {
            String name = segmentNames.get(s);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("The name of segment " + s + " is blank");
            }
            names[s] = name;
        }
        String[] ids = new String[n];
        Map<String, Integer> seen = new HashMap<>(2 * n);
        for (int i = 0; i < n; i++) {
            String id = customerIds.get(i);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("The customer id at index " + i + " is blank");
            }
            Integer before = seen.put(id, i);
            if (before != null) {
                throw new IllegalArgumentException("Customer '" + id + "' is at indices " + before + " and " + i);
            }
            ids[i] = id;
            if (segments[i] < -1 || segments[i] >= names.length) {
                throw new IllegalArgumentException("The segment of customer '" + id + "' (index " + i + ") is "
                        + segments[i] + ", outside [-1, " + names.length + ")");
            }
            if (confidences != null && confidences[i] - confidences[i] != 0 && confidences[i] == confidences[i]) {
                throw new IllegalArgumentException("The confidence of customer '" + id + "' (index " + i + ") is "
                        + confidences[i] + "; it must be finite, or NaN when not known");
            }
        }
        double[] c = new double[n];
        if (confidences == null) {
            Arrays.fill(c, Double.NaN);
        } else {
            System.arraycopy(confidences, 0, c, 0, n);
        }
        return new SegmentAssignments(ids, segments.clone(), names, c, modelVersion);
    }

    /** The number of customers. */
    public int size() {
        return customerIds.length;
    }

    /** The customer ids, in order. */
    public List<String> customerIds() {
        return List.of(customerIds);
    }

    /** The id of customer {@code i}. */
    public String customerId(int i) {
        return customerIds[i];
    }

    /** The segment of customer {@code i}, or -1. */
    public int segment(int i) {
        return segments[i];
    }

    /** The segments, one per customer (a copy). */
    public int[] segments() {
        return segments.clone();
    }

    /** The name of the segment of customer {@code i}, or null for segment -1. */
    public String segmentName(int i) {
        int s = segments[i];
        return s < 0 ? null : names[s];
    }

    /** The segment names, by id. */
    public List<String> segmentNames() {
        return List.of(names);
    }

    /** The confidence of customer {@code i}, NaN when not known. */
    public double confidence(int i) {
        return confidences[i];
    }

    /** The version of the model that assigned the segments. */
    public String modelVersion() {
        return modelVersion;
    }

    @Override
    public String toString() {
        return "SegmentAssignments[" + customerIds.length + " customers, " + names.length + " segments, model "
                + modelVersion + "]";
    }
}
