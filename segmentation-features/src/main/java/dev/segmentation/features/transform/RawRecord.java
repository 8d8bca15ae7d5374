/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;

/**
 * A reusable raw customer record for one {@link FittedPipeline}: set values by column name (categories by
 * their text), then hand {@link #values()} to the pipeline or a scorer. Setting a value looks the column and
 * the category up in hash maps built at fit time, so nothing is parsed or allocated per call.
 *
 * <pre>{@code
 * RawRecord r = features.newRecord();                  // one per thread
 * r.set("recency_days", 12).set("monetary", 450.0).set("region", "Lisbon");
 * int segment = scorer.assign(r.values());
 * r.clear();
 * }</pre>
 *
 * <p>Not thread-safe: each thread uses its own record.
 *
 * @since 0.1
 */
public final class RawRecord {
    private final FittedPipeline pipeline;
    private final double[] values;

    RawRecord(FittedPipeline pipeline) {
        this.pipeline = pipeline;
        this.values = new double[pipeline.inputNames().size()];
        Arrays.fill(values, Double.NaN);
    }

    /**
     * Sets a numeric column (NaN for missing).
     *
     * @throws IllegalArgumentException if there is no such input column or it is categorical
     */
    public RawRecord set(String column, double value) {
        int j = pipeline.input(column);
        if (pipeline.isCategorical(column)) {
            throw new IllegalArgumentException("Column '" + column + "' is categorical: set it with a String");
        }
        values[j] = value;
        return this;
    }

    /**
     * Sets a categorical column by its category ({@code null} for missing); a category the pipeline has never
     * seen gets code -1, which the encoder's {@link UnseenCategory} policy handles.
     *
     * @throws IllegalArgumentException if there is no such input column or it is numeric
     */
    public RawRecord set(String column, String category) {
        Checks.notNull("column", column);
        int j = pipeline.input(column);
        values[j] = category == null ? Double.NaN : pipeline.categoryCode(column, category);
        return this;
    }

    /** Marks a column missing. */
    public RawRecord setMissing(String column) {
        values[pipeline.input(column)] = Double.NaN;
        return this;
    }

    /** Marks every column missing. */
    public RawRecord clear() {
        Arrays.fill(values, Double.NaN);
        return this;
    }

    /** The live values, in {@link FittedPipeline#inputNames()} order (not a copy: do not keep it). */
    public double[] values() {
        return values;
    }

    /**
     * The transformed features of this record.
     *
     * @param out receives {@code outputNames().size()} values. Modified.
     * @return {@code out}
     * @throws IllegalArgumentException as {@link FittedPipeline#transformRow}
     */
    public double[] transform(double[] out) {
        Checks.rowLength("out", out, pipeline.outputNames().size());
        pipeline.transformRow(values, 0, out, 0);
        return out;
    }
}
