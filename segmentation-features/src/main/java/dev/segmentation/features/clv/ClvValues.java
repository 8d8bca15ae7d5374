/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.internal.Checks;

import java.util.List;
import java.util.TreeMap;

/**
 * Per-customer CLV values with their totals, and their aggregation by segment.
 *
 * <p>Immutable; arrays are copied out.
 *
 * @since 0.1
 */
public final class ClvValues {
    private final List<String> ids;
    private final double[] values;

    ClvValues(List<String> ids, double[] values) {
        this.ids = ids;
        this.values = values;
    }

    /** The customers, in population order. */
    public List<String> customerIds() {
        return ids;
    }

    /** The number of customers. */
    public int size() {
        return values.length;
    }

    /** Customer {@code i}'s CLV. */
    public double value(int i) {
        return values[i];
    }

    /** A copy of the values. */
    public double[] values() {
        return values.clone();
    }

    /** The sum over all customers (compensated). */
    public double total() {
        return sum(values, null, 0, false);
    }

    /**
     * Count, total and mean CLV per segment label.
     *
     * @param labels one label per customer, in population order (any integers; -1 for noise is fine)
     * @throws IllegalArgumentException if the number of labels differs from the number of customers
     */
    public SegmentClv bySegment(int[] labels) {
        Checks.notNull("labels", labels);
        if (labels.length != values.length) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries but there are "
                    + values.length + " customers");
        }
        TreeMap<Integer, Integer> distinct = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            distinct.merge(labels[i], 1, Integer::sum);
        }
        int k = distinct.size();
        int[] segs = new int[k];
        long[] counts = new long[k];
        double[] totals = new double[k];
        int j = 0;
        for (var e : distinct.entrySet()) {
            segs[j] = e.getKey();
            counts[j] = e.getValue();
            totals[j] = sum(values, labels, segs[j], true);
            j++;
        }
        return new SegmentClv(segs, counts, totals);
    }

    private static double sum(double[] v, int[] labels, int label, boolean filter) {
        double s = 0;
        double c = 0;
        for (int i = 0; i < v.length; i++) {
            if (filter && labels[i] != label) {
                continue;
            }
            double t = s + v[i];
            c += Math.abs(s) >= Math.abs(v[i]) ? (s - t) + v[i] : (v[i] - t) + s;
            s = t;
        }
        return s + c;
    }
}
