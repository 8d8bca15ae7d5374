/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Assignment;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Broadcast scoring against the single-JVM scorer, the assignment writer, and mismatched inputs. */
class SparkScorerTest {
    static final List<String> RAW = List.of("recency_days", "frequency", "monetary");
    private static SparkSession spark;
    private static double[][] rows;
    private static org.apache.spark.sql.Dataset<Row> df;
    private static FittedPipeline features;

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        SplittableRandom r = new SplittableRandom(3);
        rows = new double[5_000][];
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {1 + r.nextInt(365), 1 + r.nextInt(40), Math.exp(3 + 3 * r.nextDouble())};
            list.add(RowFactory.create("c" + i, (int) rows[i][0], (long) rows[i][1], rows[i][2]));
        }
        StructType schema = new StructType().add("customer_id", DataTypes.StringType)
                .add("recency_days", DataTypes.IntegerType).add("frequency", DataTypes.LongType)
                .add("monetary", DataTypes.DoubleType);
        df = spark.createDataFrame(list, schema).repartition(3);
        features = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build()
                .fit(Dataset.of(rows, RAW));
    }

    private static void checkAgainstSingleJvm(SegmentScorer single, SparkScorer scorer) {
        List<Row> out = scorer.score(df).orderBy("customer_id").collectAsList();
        assertEquals(rows.length, out.size());
        Assignment a = single.newAssignment();
        for (Row r : out) {
            int i = Integer.parseInt(r.getString(0).substring(1));
            int expected = single.assign(rows[i], a);
            assertEquals(expected, r.getInt(r.fieldIndex(SparkScorer.SEGMENT)), r.getString(0));
            assertEquals(single.segmentName(expected), r.getString(r.fieldIndex(SparkScorer.SEGMENT_NAME)));
            if (a.hasConfidence()) {
                assertEquals(a.confidence(), r.getDouble(r.fieldIndex(SparkScorer.CONFIDENCE)), 0.0);
            } else {
                assertTrue(r.isNullAt(r.fieldIndex(SparkScorer.CONFIDENCE)));
            }
        }
    }

    @Test
    void kMeansAndMixtureFilesScoreLikeTheSingleJvm(@TempDir Path dir) throws Exception {
        Dataset x = features.transform(Dataset.of(rows, RAW));
        ClusterModel km = KMeans.builder().k(4).nInit(2).seed(1).build().fit(x);
        SegmentScorer kmScorer = SegmentScorer.of(features, km).withSegmentNames(List.of("a", "b", "c", "d"));
        Path file = dir.resolve("km.json");
        ModelIO.write(kmScorer, file);
        checkAgainstSingleJvm(ModelIO.read(file, SegmentScorer.class), SparkScorer.of(spark, file));

        ClusterModel gmm = GaussianMixture.builder().k(3).seed(2).build().fit(x);
        SegmentScorer gmmScorer = SegmentScorer.of(features, gmm);
        checkAgainstSingleJvm(gmmScorer, SparkScorer.of(spark, gmmScorer));
    }

    @Test
    void assignmentsAreWrittenAsParquetAndCsv(@TempDir Path dir) {
        Dataset x = features.transform(Dataset.of(rows, RAW));
        SegmentScorer s = SegmentScorer.of(features, KMeans.builder().k(3).seed(1).build().fit(x));
        org.apache.spark.sql.Dataset<Row> scored = SparkScorer.of(spark, s).score(df);
        String parquet = dir.resolve("parquet").toString();
        String csv = dir.resolve("csv").toString();
        SparkAssignments.write(scored, "customer_id", parquet, SparkAssignments.Format.PARQUET);
        SparkAssignments.write(scored, "customer_id", csv, SparkAssignments.Format.CSV);
        org.apache.spark.sql.Dataset<Row> p = spark.read().parquet(parquet);
        assertEquals(List.of("customer_id", "segment", "segment_name", "confidence"), List.of(p.columns()));
        assertEquals(rows.length, p.count());
        org.apache.spark.sql.Dataset<Row> c = spark.read().option("header", "true").csv(csv);
        assertEquals(rows.length, c.count());
        assertEquals(0, p.join(c.withColumnRenamed("segment", "s2").select("customer_id", "s2"), "customer_id")
                .filter("cast(s2 as int) != segment").count());
        // an existing folder is not overwritten silently
        assertThrows(Exception.class, () -> SparkAssignments.write(scored, "customer_id", parquet,
                SparkAssignments.Format.PARQUET));
    }

    @Test
    void aModelWhoseInputsAreNotTheDataFramesColumnsIsRejectedBeforeAnyJob() {
        SegmentScorer s = SegmentScorer.of(features, KMeans.builder().k(3).seed(1).build()
                .fit(features.transform(Dataset.of(rows, RAW))));
        SparkScorer scorer = SparkScorer.of(spark, s);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> scorer.score(df.drop("monetary")));
        assertTrue(missing.getMessage().contains("Missing column 'monetary'"), missing.getMessage());
        assertTrue(missing.getMessage().contains(RAW.toString()), missing.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> scorer.score(df.withColumn("frequency", df.col("frequency").cast("string"))));
        assertTrue(type.getMessage().contains("Column 'frequency' (model input) must be numeric"), type.getMessage());
        assertTrue(type.getMessage().contains("but is string"), type.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> scorer.score(scorer.score(df)));
        assertTrue(clash.getMessage().contains("already has a column 'segment'"), clash.getMessage());
    }
}
