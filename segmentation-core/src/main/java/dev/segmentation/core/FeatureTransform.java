/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.DatasetAccess;

import java.util.List;

/**
 * A fitted, row-wise transform from raw customer values to the features a model was trained on: the part
 * of a fitted feature pipeline that the scorer replays for every new customer.
 *
 * <h2>Raw values</h2>
 * A raw record holds one {@code double} per {@link #inputNames() input column}: the value of a numeric
 * column, NaN for a missing value (which the transform imputes or rejects), and for a categorical column the
 * <em>category code</em> of {@link #categoryCode}: the index of the category among {@link #categories}, or -1
 * for a category never seen at fit time. A {@link RawRecord} sets these by column name and category text.
 *
 * <p>Implementations are immutable and thread-safe, and {@link #transformRow} allocates nothing, so that a
 * scorer can call it millions of times per second from many threads. They are persisted with the model
 * through a {@code ModelCodec} registered with {@link java.util.ServiceLoader}. A transform with categorical
 * inputs overrides {@link #isCategorical}, {@link #categories} and {@link #categoryCode}.
 *
 * @since 0.1
 */
public interface FeatureTransform {

    /** The raw input columns, in the order {@link #transformRow} reads them. */
    List<String> inputNames();

    /** The output feature columns, in the order {@link #transformRow} writes them. */
    List<String> outputNames();

    /**
     * The index of an input column in a raw record.
     *
     * @throws IllegalArgumentException if there is no such input column
     */
    default int inputIndex(String column) {
        int j = inputNames().indexOf(column);
        if (j < 0) {
            throw new IllegalArgumentException("No input column '" + column + "'; the inputs are " + inputNames());
        }
        return j;
    }

    /**
     * Whether an input column is categorical (its raw value is a category code). The default: none is.
     *
     * @throws IllegalArgumentException if there is no such input column
     */
    default boolean isCategorical(String column) {
        inputIndex(column);
        return false;
    }

    /**
     * The categories of a categorical input column, in code order.
     *
     * @throws IllegalArgumentException if the column is not a categorical input
     */
    default List<String> categories(String column) {
        inputIndex(column);
        throw new IllegalArgumentException("Input column '" + column + "' is numeric, not categorical");
    }

    /**
     * The raw value of a category: its index in {@link #categories}, or -1 for a category never seen at fit
     * time (the transform's unseen-category policy then decides). Allocation-free.
     *
     * @throws IllegalArgumentException if the column is not a categorical input
     */
    default int categoryCode(String column, String category) {
        inputIndex(column);
        throw new IllegalArgumentException("Input column '" + column + "' is numeric, not categorical");
    }

    /** A reusable raw record for this transform, every value missing. Not thread-safe: one per thread. */
    default RawRecord newRecord() {
        return new RawRecord(this);
    }

    /**
     * Transforms one raw row. Allocates nothing.
     *
     * @param in raw values at {@code in[inOffset .. inOffset + inputNames().size())}. Not modified.
     * @param inOffset where the row starts in {@code in}
     * @param out receives the features at {@code out[outOffset .. outOffset + outputNames().size())}.
     *     Modified.
     * @param outOffset where to write in {@code out}
     * @throws IllegalArgumentException if a raw value is outside the transform's domain (for example a
     *     negative value before {@code log1p}) or the result is not finite
     */
    void transformRow(double[] in, int inOffset, double[] out, int outOffset);

    /**
     * Transforms every row of a dataset whose columns are {@link #inputNames()}.
     *
     * @param raw the raw rows. Not modified.
     * @return a new dataset with columns {@link #outputNames()}
     * @throws IllegalArgumentException if the columns differ or a value is outside the domain
     */
    default Dataset transform(Dataset raw) {
        if (!raw.columnNames().equals(inputNames())) {
            throw new IllegalArgumentException(
                    "The transform expects columns " + inputNames() + " but the dataset has " + raw.columnNames());
        }
        int n = raw.rows();
        int din = inputNames().size();
        int dout = outputNames().size();
        double[] src = DatasetAccess.data(raw);
        double[] dst = new double[Math.multiplyExact(n, dout)];
        for (int i = 0; i < n; i++) {
            transformRow(src, i * din, dst, i * dout);
        }
        return DatasetAccess.wrap(dst, n, dout, outputNames());
    }
}
