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
 * <p>Implementations are immutable and thread-safe, and {@link #transformRow} allocates nothing, so that a
 * scorer can call it millions of times per second from many threads. They are persisted with the model
 * through a {@code ModelCodec} registered with {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public interface FeatureTransform {

    /** The raw input columns, in the order {@link #transformRow} reads them. */
    List<String> inputNames();

    /** The output feature columns, in the order {@link #transformRow} writes them. */
    List<String> outputNames();

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
