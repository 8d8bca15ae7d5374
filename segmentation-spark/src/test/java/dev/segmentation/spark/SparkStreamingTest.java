/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Structured Streaming: broadcast scoring of a file stream, and a mini-batch model updated per micro-batch. */
class SparkStreamingTest {
    static final List<String> COLUMNS = List.of("a", "b");
    static final StructType SCHEMA = new StructType().add("id", DataTypes.StringType)
            .add("batch", DataTypes.IntegerType).add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType);
    static final List<Row> SINK = Collections.synchronizedList(new ArrayList<>());
    private static SparkSession spark;
    @TempDir
    static Path dir;
    private static double[][][] batches;

    @BeforeAll
    static void files() throws Exception {
        spark = SparkTestSession.get();
        SplittableRandom r = new SplittableRandom(9);
        batches = new double[3][1_500][];
        Files.createDirectories(dir.resolve("in"));
        for (int f = 0; f < 3; f++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < batches[f].length; i++) {
                int c = r.nextInt(3);
                batches[f][i] = new double[] {4 * c + r.nextGaussian() + 0.5 * f, -3 * c + r.nextGaussian()};
                rows.add(RowFactory.create(f + "-" + i, f, batches[f][i][0], batches[f][i][1]));
            }
            Path tmp = dir.resolve("tmp" + f);
            spark.createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(tmp.toString());
            try (var files = Files.list(tmp)) {
                Path part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst()
                        .orElseThrow();
                Path target = dir.resolve("in").resolve("batch-" + f + ".parquet");
                Files.move(part, target);
                Files.setLastModifiedTime(target, FileTime.fromMillis(1_700_000_000_000L + f * 60_000L));
            }
        }
    }

    @Test
    void aFileStreamIsScoredWithTheBroadcastScorer() throws Exception {
        MiniBatchKMeansModel model = MiniBatchKMeans.builder().k(3).seed(1).build()
                .fit(Dataset.of(batches[0], COLUMNS));
        SegmentScorer single = SegmentScorer.of(model);
        org.apache.spark.sql.Dataset<Row> stream = spark.readStream().schema(SCHEMA).parquet(dir.resolve("in")
                .toString());
        StreamingQuery q = SparkScorer.of(spark, single).score(stream).writeStream().format("memory")
                .queryName("scored_stream").trigger(Trigger.AvailableNow()).start();
        q.awaitTermination();
        List<Row> out = spark.sql("select batch, id, segment from scored_stream").collectAsList();
        assertEquals(4_500, out.size());
        for (Row row : out) {
            int i = Integer.parseInt(row.getString(1).substring(row.getString(1).indexOf('-') + 1));
            assertEquals(single.assign(batches[row.getInt(0)][i]), row.getInt(2));
        }
    }

    @Test
    void miniBatchModelIsUpdatedPerMicroBatchWithTheVersionOnEachRow() throws Exception {
        MiniBatchKMeans estimator = MiniBatchKMeans.builder().k(3).seed(4).build();
        StreamingMiniBatch updater = StreamingMiniBatch.of(estimator, COLUMNS);
        org.apache.spark.sql.Dataset<Row> stream = spark.readStream().schema(SCHEMA).option("maxFilesPerTrigger", 1)
                .parquet(dir.resolve("in").toString());
        SINK.clear();
        StreamingMiniBatch.BatchSink sink = (scored, id) -> SINK.addAll(scored.collectAsList());
        // foreachBatch runs its function on the driver: neither the sink nor the updater need be serializable
        assertFalse(sink instanceof java.io.Serializable);
        StreamingQuery q = updater.writer(stream, sink).trigger(Trigger.AvailableNow()).start();
        q.awaitTermination();
        assertEquals(3, updater.version());
        // the single-JVM sequence of partialFit over the same batches
        MiniBatchKMeansModel[] versions = new MiniBatchKMeansModel[4];
        for (int f = 0; f < 3; f++) {
            versions[f + 1] = estimator.partialFit(versions[f], Dataset.of(batches[f], COLUMNS));
        }
        double[][] a = versions[3].clusterCenters().toArray();
        double[][] b = updater.model().clusterCenters().toArray();
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(a[c], b[c], 0.0);
        }
        assertEquals(4_500, SINK.size());
        long[] expectedVersion = {1, 1, 2};
        for (Row row : SINK) {
            int f = row.getInt(row.fieldIndex("batch"));
            long v = row.getLong(row.fieldIndex(StreamingMiniBatch.MODEL_VERSION));
            assertEquals(expectedVersion[f], v, "batch " + f);
            String id = row.getString(row.fieldIndex("id"));
            int i = Integer.parseInt(id.substring(id.indexOf('-') + 1));
            assertEquals(versions[(int) v].predict(batches[f][i]), row.getInt(row.fieldIndex(SparkScorer.SEGMENT)));
        }
    }
}
