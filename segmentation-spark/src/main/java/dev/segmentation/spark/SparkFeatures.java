/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.FeatureTransform;
import dev.segmentation.spark.internal.Columns;
import dev.segmentation.spark.internal.ModelBytes;
import dev.segmentation.spark.internal.RowValues;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fitted feature transform (a {@code FittedPipeline}, or any {@link FeatureTransform} with a model codec) applied
 * to a DataFrame: the transform's model file is broadcast once (its bytes, a plain {@code byte[]}; the task
 * closure holds the broadcast, the file's SHA-256 and column indices), decoded once per executor JVM, and each
 * partition replays {@link FeatureTransform#transformRow} row by row, exactly as a single JVM does.
 *
 * <pre>{@code
 * FittedPipeline fitted = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary")
 *     .standardize().build().fit(rfm.collect().features());          // fit on the driver (or on a sample)
 * Dataset<Row> x = SparkFeatures.transform(rfm.table(), fitted, List.of("customer_id"));
 * }</pre>
 *
 * <p>The input columns are the transform's {@code inputNames()}, numeric; a null value is passed as NaN (the
 * transform's imputation decides, or it fails naming the value). The output has the kept columns, then the
 * transform's {@code outputNames()} as doubles.
 *
 * @since 0.1
 */
public final class SparkFeatures {
    private SparkFeatures() {
    }

    /**
     * Transforms the rows.
     *
     * @param df rows with the transform's input columns. Not modified.
     * @param transform the fitted transform
     * @param keep columns passed through in front (for example the customer id)
     * @return a lazy DataFrame
     * @throws IllegalArgumentException if a column is missing or not numeric, or a kept column is missing
     */
    public static Dataset<Row> transform(Dataset<Row> df, FeatureTransform transform, List<String> keep) {
        Objects.requireNonNull(df, "df");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(keep, "keep");
        List<String> in = transform.inputNames();
        Columns.requireNumeric(df.schema(), in, "input of the transform");
        List<StructField> fields = new ArrayList<>();
        for (String k : keep) {
            fields.add(Columns.field(df.schema(), k, "kept column"));
        }
        for (String o : transform.outputNames()) {
            fields.add(DataTypes.createStructField(o, DataTypes.DoubleType, false));
        }
        StructType outSchema = DataTypes.createStructType(fields);
        byte[] bytes = ModelBytes.encode(transform);
        final String sha = ModelBytes.sha256(bytes);
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext()).broadcast(bytes);
        List<String> selected = new ArrayList<>(keep);
        selected.addAll(in);
        Dataset<Row> input = df.selectExpr(Columns.quoted(selected));
        final int nKeep = keep.size();
        final int nIn = in.size();
        final int nOut = transform.outputNames().size();
        final int[] index = new int[nIn];
        for (int j = 0; j < nIn; j++) {
            index[j] = nKeep + j;
        }
        MapPartitionsFunction<Row, Row> f = rows -> {
            FeatureTransform t = ModelBytes.decodeUnchecked(b.value(), sha, FeatureTransform.class);
            double[] raw = new double[nIn];
            return RowValues.map(rows, r -> {
                RowValues.read(r, index, raw);
                double[] out = new double[nOut];
                t.transformRow(raw, 0, out, 0);
                Object[] v = new Object[nOut];
                for (int j = 0; j < nOut; j++) {
                    v[j] = out[j];
                }
                return RowValues.append(r, nKeep, v);
            });
        };
        return input.mapPartitions(f, Encoders.row(outSchema));
    }
}
