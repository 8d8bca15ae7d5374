/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;

/**
 * A reusable raw customer record for one {@link FeatureTransform}: set values by column name (categories by
 * their text, missing values explicitly), then score it or transform it. Works the same for a pipeline just
 * fitted and for one read back from a model file:
 * <pre>{@code
 * SegmentScorer scorer = ModelIO.read(path, SegmentScorer.class);
 * RawRecord r = scorer.newRecord();                               // one per thread
 * r.set("recency_days", 12).set("monetary", 450.0).set("region", "Lisbon").setMissing("tenure");
 * int segment = scorer.assign(r);
 * r.clear();
 * }</pre>
 * A category is stored as its code ({@link FeatureTransform#categoryCode}); a category the transform has
 * never seen gets -1, which its encoder's unseen-category policy handles; a missing value is NaN, which the
 * transform imputes or rejects. Setting a value looks the column and the category up in the transform's
 * tables, so nothing is parsed; after the record is built nothing is allocated.
 *
 * <p>Not thread-safe: each thread uses its own record.
 *
 * @since 0.1
 */
public final class RawRecord {
    private final FeatureTransform transform;
    private final double[] values;

    RawRecord(FeatureTransform transform) {
        this.transform = Checks.notNull("transform", transform);
        this.values = new double[transform.inputNames().size()];
        Arrays.fill(values, Double.NaN);
    }

    /** The transform this record is for. */
    public FeatureTransform transform() {
        return transform;
    }

    /**
     * Sets a numeric column (NaN for missing).
     *
     * @throws IllegalArgumentException if there is no such input column or it is categorical
     */
    public RawRecord set(String column, double value) {
        int j = transform.inputIndex(column);
        if (transform.isCategorical(column)) {
            throw new IllegalArgumentException("Column '" + column + "' is categorical: set it with a String");
        }
        values[j] = value;
        return this;
    }

    /**
     * Sets a categorical column by its category ({@code null} for missing).
     *
     * @throws IllegalArgumentException if there is no such input column or it is numeric
     */
    public RawRecord set(String column, String category) {
        int j = transform.inputIndex(column);
        values[j] = category == null ? Double.NaN : transform.categoryCode(column, category);
        return this;
    }

    /**
     * Marks a column missing.
     *
     * @throws IllegalArgumentException if there is no such input column
     */
    public RawRecord setMissing(String column) {
        values[transform.inputIndex(column)] = Double.NaN;
        return this;
    }

    /** Marks every column missing. */
    public RawRecord clear() {
        Arrays.fill(values, Double.NaN);
        return this;
    }

    /** The live values, in {@link FeatureTransform#inputNames()} order (not a copy: do not keep it). */
    public double[] values() {
        return values;
    }

    /**
     * The transformed features of this record.
     *
     * @param out receives {@code outputNames().size()} values. Modified.
     * @return {@code out}
     * @throws IllegalArgumentException as {@link FeatureTransform#transformRow}
     */
    public double[] transform(double[] out) {
        Checks.rowLength("out", out, transform.outputNames().size());
        transform.transformRow(values, 0, out, 0);
        return out;
    }

    @Override
    public String toString() {
        return "RawRecord" + transform.inputNames() + "=" + Arrays.toString(values);
    }
}
