/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.spark.internal.Columns;

import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import static org.apache.spark.sql.functions.lit;

/**
 * A mini-batch K-means model kept up to date from a Structured Streaming source: every micro-batch is scored with
 * the current model version and then folded into the model with {@link MiniBatchKMeans#partialFit}, which makes
 * the next version. Each output row carries the version that scored it in {@value #MODEL_VERSION}.
 *
 * <pre>{@code
 * StreamingMiniBatch updater = StreamingMiniBatch.of(MiniBatchKMeans.builder().k(5).seed(42).build(), pipeline);
 * StreamingQuery q = updater.start(spark.readStream().schema(schema).parquet("in/"),
 *         (scored, batchId) -> scored.write().mode("append").parquet("out/"));
 * }</pre>
 *
 * <h2>Order of a micro-batch</h2>
 * Batch 0 has no model to score with: its rows start the model ({@code partialFit(null, batch)}, k-means++ on the
 * batch, version 1), and are scored with version 1. Every later batch is scored with the current version v
 * first (the scores a service would have given) and then updates the model to v + 1. A batch's rows are
 * collected to the driver for {@code partialFit} (micro-batches are bounded; size them with the source's
 * {@code maxFilesPerTrigger} or {@code maxOffsetsPerTrigger}); scoring stays distributed, with the version's model
 * broadcast as its file bytes ({@link SparkScorer}). Empty batches are skipped. Batches run one at a time on the
 * driver, so versions are consecutive; the model after each batch is {@link #model()} and {@link #version()}.
 *
 * @since 0.1
 */
public final class StreamingMiniBatch {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingMiniBatch.class);
    /** The output column with the model version that scored the row. */
    public static final String MODEL_VERSION = "model_version";

    /**
     * Receives each scored micro-batch on the driver. A plain functional interface, not {@code Serializable}:
     * Spark calls the {@code foreachBatch} function in the driver's micro-batch thread and never serializes it,
     * so a sink may capture anything (tested with a sink that is not serializable).
     */
    @FunctionalInterface
    public interface BatchSink {
        /** Writes one scored micro-batch. */
        void write(Dataset<Row> scored, long batchId) throws Exception;
    }

    private final MiniBatchKMeans estimator;
    private final FeatureTransform transform;
    private final List<String> inputs;
    private volatile MiniBatchKMeansModel model;
    private volatile long version;

    private StreamingMiniBatch(MiniBatchKMeans estimator, FeatureTransform transform, List<String> inputs) {
        this.estimator = estimator;
        this.transform = transform;
        this.inputs = List.copyOf(inputs);
    }

    /**
     * An updater over raw records: the transform's inputs are read from each batch, its outputs feed the model.
     *
     * @param transform a fitted transform (a {@code FittedPipeline})
     */
    public static StreamingMiniBatch of(MiniBatchKMeans estimator, FeatureTransform transform) {
        return new StreamingMiniBatch(Objects.requireNonNull(estimator, "estimator"),
                Objects.requireNonNull(transform, "transform"), transform.inputNames());
    }

    /** An updater over numeric feature columns used as they are. */
    public static StreamingMiniBatch of(MiniBatchKMeans estimator, List<String> columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("columns is empty");
        }
        return new StreamingMiniBatch(Objects.requireNonNull(estimator, "estimator"), null, columns);
    }

    /** The current model, or null before the first batch. */
    public MiniBatchKMeansModel model() {
        return model;
    }

    /** The current model version: 0 before the first batch, then 1, 2, ... */
    public long version() {
        return version;
    }

    /**
     * Starts the query.
     *
     * @param stream a streaming DataFrame with the transform's input columns
     * @param sink receives each scored batch
     * @return the running query
     * @throws IllegalArgumentException if an input column is missing or not numeric
     */
    public StreamingQuery start(Dataset<Row> stream, BatchSink sink) throws TimeoutException {
        return writer(stream, sink).start();
    }

    /** The query's writer, for callers that set a trigger, a checkpoint location or a query name. */
    public DataStreamWriter<Row> writer(Dataset<Row> stream, BatchSink sink) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(sink, "sink");
        Columns.requireNumeric(stream.schema(), inputs, "model input");
        // runs on the driver and is never serialized (the one function given to Spark that holds this updater)
        VoidFunction2<Dataset<Row>, Long> f = (batch, id) -> onBatch(batch, id, sink);
        return stream.writeStream().foreachBatch(f);
    }

    /**
     * Scores one (batch) DataFrame and updates the model: the body of each micro-batch, usable on its own.
     *
     * @return the scored rows, or null for an empty batch
     */
    public synchronized Dataset<Row> onBatch(Dataset<Row> batch, long batchId, BatchSink sink) throws Exception {
        Dataset<Row> kept = batch.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            if (kept.isEmpty()) {
                return null;
            }
            dev.segmentation.core.Dataset x = features(kept);
            if (model == null) {
                model = estimator.partialFit(null, x);
                version = 1;
                Dataset<Row> scored = score(kept, model, version);
                sink.write(scored, batchId);
                return scored;
            }
            Dataset<Row> scored = score(kept, model, version);
            sink.write(scored, batchId);
            model = estimator.partialFit(model, x);
            version++;
            LOG.debug("micro-batch {}: {} rows, model version {}", batchId, x.rows(), version);
            return scored;
        } finally {
            kept.unpersist();
        }
    }

    private dev.segmentation.core.Dataset features(Dataset<Row> batch) {
        List<String> in = inputs;
        List<String> outNames = transform == null ? inputs : transform.outputNames();
        List<Row> rows = batch.selectExpr(Columns.quoted(in)).collectAsList();
        double[] raw = new double[in.size()];
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            for (int j = 0; j < raw.length; j++) {
                raw[j] = r.isNullAt(j) ? Double.NaN : ((Number) r.get(j)).doubleValue();
            }
            out[i] = new double[outNames.size()];
            if (transform == null) {
                System.arraycopy(raw, 0, out[i], 0, raw.length);
            } else {
                transform.transformRow(raw, 0, out[i], 0);
            }
        }
        return dev.segmentation.core.Dataset.of(out, outNames);
    }

    private Dataset<Row> score(Dataset<Row> batch, MiniBatchKMeansModel m, long v) {
        SparkScorer scorer = SparkScorer.of(batch.sparkSession(),
                transform == null ? SegmentScorer.of(m) : SegmentScorer.of(transform, m));
        return scorer.score(batch).withColumn(MODEL_VERSION, lit(v).cast(DataTypes.LongType));
    }
}
