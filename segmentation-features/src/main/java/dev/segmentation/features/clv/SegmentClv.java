/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

/**
 * CLV aggregated per segment: labels in ascending order with their customer counts, totals and means.
 *
 * <p>Immutable; arrays are copied out.
 *
 * @since 0.1
 */
public final class SegmentClv {
    private final int[] labels;
    private final long[] counts;
    private final double[] totals;

    SegmentClv(int[] labels, long[] counts, double[] totals) {
        this.labels = labels;
        this.counts = counts;
        this.totals = totals;
    }

    /** The number of segments. */
    public int size() {
        return labels.length;
    }

    /** The segment labels, ascending. */
    public int[] labels() {
        return labels.clone();
    }

    /** Segment {@code j}'s label. */
    public int label(int j) {
        return labels[j];
    }

    /** Customers in segment {@code j}. */
    public long count(int j) {
        return counts[j];
    }

    /** Total CLV of segment {@code j}. */
    public double total(int j) {
        return totals[j];
    }

    /** Mean CLV per customer of segment {@code j}. */
    public double mean(int j) {
        return totals[j] / counts[j];
    }

    /** A plain-text table: label, customers, total, mean. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format("%8s %10s %14s %10s%n", "segment", "customers", "total CLV",
                "mean CLV"));
        for (int j = 0; j < labels.length; j++) {
            b.append(String.format("%8d %10d %14.2f %10.2f%n", labels[j], counts[j], totals[j], mean(j)));
        }
        return b.toString();
    }
}
