/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitCancelledException;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The distributed K-means against the single-JVM fit from the same initial centres. */
class SparkKMeansTest {
    static final List<String> COLUMNS = List.of("a", "b", "c", "d");
    private static SparkSession spark;
    private static double[][] x;
    private static double[][] start;

    @BeforeAll
    static void data() {
        spark = SparkTestSession.get();
        SplittableRandom r = new SplittableRandom(7);
        int n = 30_000;
        x = new double[n][4];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(5);
            for (int j = 0; j < 4; j++) {
                x[i][j] = 3.0 * ((c + j) % 5) + r.nextGaussian() * 1.5 + 1e3 * (j == 3 ? 1 : 0);
            }
        }
        start = new double[5][];
        for (int c = 0; c < 5; c++) {
            start[c] = x[c * 101].clone();
        }
    }

    /** The rows in their order, split into consecutive partitions. */
    static org.apache.spark.sql.Dataset<Row> ordered(double[][] rows, int partitions) {
        List<Row> list = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            list.add(RowFactory.create(r[0], r[1], r[2], r[3]));
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType);
        return spark.createDataFrame(org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(list, partitions), schema);
    }

    static org.apache.spark.sql.Dataset<Row> frame(double[][] rows, int partitions) {
        List<Row> list = new ArrayList<>(rows.length);
        for (double[] r : rows) {
            list.add(RowFactory.create(r[0], r[1], r[2], r[3]));
        }
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("d", DataTypes.DoubleType);
        return spark.createDataFrame(list, schema).repartition(partitions);
    }

    @Test
    void sameCentresAsTheSingleJvmWhateverThePartitions(@TempDir Path dir) throws Exception {
        KMeansModel single = KMeans.builder().k(5).initialCentroids(start).nInit(1).algorithm(KMeans.Algorithm.LLOYD)
                .maxIter(100).singleThreaded().build().fit(Dataset.of(x, COLUMNS));
        List<Progress> progress = new ArrayList<>();
        for (int partitions : new int[] {1, 2, 7}) {
            progress.clear();
            KMeansModel m = SparkKMeans.builder().k(5).initialCentroids(start).maxIter(100).build()
                    .fit(frame(x, partitions), COLUMNS, FitControl.none().withListener(progress::add));
            double[][] a = single.clusterCenters().toArray();
            double[][] b = m.clusterCenters().toArray();
            for (int c = 0; c < 5; c++) {
                assertArrayEquals(a[c], b[c], 1e-9, "centre " + c + " with " + partitions + " partitions");
            }
            assertEquals(single.iterations(), m.iterations(), "iterations, " + partitions + " partitions");
            assertEquals(single.converged(), m.converged());
            assertEquals(single.inertia(), m.inertia(), 1e-9 * single.inertia());
            assertArrayEquals(single.clusterWeights(), m.clusterWeights(), 0.0);
            assertEquals(m.iterations(), progress.size(), "one progress report per iteration");
            if (partitions == 7) {
                Path file = dir.resolve("spark-kmeans.json");
                ModelIO.write(m, file);
                KMeansModel back = ModelIO.read(file, KMeansModel.class);
                assertEquals(m, back);
            }
        }
    }

    @Test
    void anEmptyClusterTakesTheFarthestRowAsInTheSingleJvm() {
        double[][] far = new double[5][];
        for (int c = 0; c < 5; c++) {
            far[c] = start[c].clone();
        }
        far[2] = new double[] {1e6, 1e6, 1e6, 1e6}; // no row is nearest to it: empty in the first iteration
        KMeansModel single = KMeans.builder().k(5).initialCentroids(far).nInit(1).algorithm(KMeans.Algorithm.LLOYD)
                .maxIter(20).singleThreaded().build().fit(Dataset.of(x, COLUMNS));
        for (int partitions : new int[] {1, 3}) {
            KMeansModel m = SparkKMeans.builder().k(5).initialCentroids(far).maxIter(20).build()
                    .fit(ordered(x, partitions), COLUMNS);
            double[][] a = single.clusterCenters().toArray();
            double[][] b = m.clusterCenters().toArray();
            for (int c = 0; c < 5; c++) {
                assertArrayEquals(a[c], b[c], 1e-9, "centre " + c + " with " + partitions + " partitions");
            }
            assertEquals(single.iterations(), m.iterations());
            assertArrayEquals(single.clusterWeights(), m.clusterWeights(), 0.0);
        }
    }

    @Test
    void sampledInitialisationDoesNotDependOnThePartitions() {
        SparkKMeans est = SparkKMeans.builder().k(5).sampleSize(2_000).nInit(2).seed(11).maxIter(5).build();
        KMeansModel one = est.fit(ordered(x, 1), COLUMNS);
        KMeansModel three = est.fit(ordered(x, 3), COLUMNS);
        assertEquals(KMeans.Init.K_MEANS_PLUS_PLUS, one.init());
        double[][] a = one.clusterCenters().toArray();
        double[][] b = three.clusterCenters().toArray();
        for (int c = 0; c < 5; c++) {
            assertArrayEquals(a[c], b[c], 1e-9);
        }
    }

    @Test
    void cancelJobGroupStopsTheFit() throws Exception {
        UDF1<Long, Double> slow = v -> {
            Thread.sleep(2);
            return (double) (v % 97);
        };
        org.apache.spark.sql.Dataset<Row> df = spark.range(0, 4_000, 1, 2)
                .select(udf(slow, DataTypes.DoubleType).apply(col("id")).as("a"));
        String group = "test-cancel-kmeans";
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        org.apache.spark.scheduler.SparkListener listener = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart js) {
                if (group.equals(js.properties().getProperty("spark.jobGroup.id"))) {
                    started.countDown();
                }
            }
        };
        spark.sparkContext().addSparkListener(listener);
        CompletableFuture<KMeansModel> fit = CompletableFuture.supplyAsync(() ->
                SparkKMeans.builder().k(3).jobGroup(group).build().fit(df, List.of("a")));
        assertTrue(started.await(30, TimeUnit.SECONDS), "the fit started a job in its group");
        Thread.sleep(200);
        long cancelled = System.nanoTime();
        spark.sparkContext().cancelJobGroup(group);
        spark.sparkContext().removeSparkListener(listener);
        ExecutionException e = assertThrows(ExecutionException.class, () -> fit.get(60, TimeUnit.SECONDS));
        assertInstanceOf(FitCancelledException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(group), e.getCause().getMessage());
        assertTrue(System.nanoTime() - cancelled < 3e9, "stopped well before the 4 s data pass would end");
    }
}
