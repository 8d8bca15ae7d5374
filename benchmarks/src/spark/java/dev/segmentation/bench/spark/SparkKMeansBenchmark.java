/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.spark;

import dev.segmentation.core.FitControl;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.spark.SparkKMeans;
import dev.segmentation.spark.SparkScorer;

import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.randn;

/**
 * Our distributed K-means against Spark MLlib's {@code KMeans} in local[2], from the same initial centres, same
 * k = 8, 10 Lloyd iterations with tol 0 (MLlib's RDD {@code KMeans}, the API that takes initial centres), on n x 16 synthetic rows (8 Gaussian blobs, seeded); and scoring the rows
 * with the broadcast scorer against MLlib's {@code KMeansModel.transform}. Each side reads its own cached input
 * (our flat blocks are built inside the fit and included in its time; MLlib's vectors are cached before, and
 * MLlib also caches its norms inside the fit). The setup checks that both fits give the same centres (to 1e-6, MLlib sums naively in its own
 * order). Run: see benchmarks/README or the segmentation-spark README.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx14g", "-XX:+UseTransparentHugePages", "-XX:+IgnoreUnrecognizedVMOptions",
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
        "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false",
        "-Dio.netty.tryReflectionSetAccessible=true"})
public class SparkKMeansBenchmark {
    static final int D = 16;
    static final int K = 8;
    static final int ITER = 10;

    @Param({"1000000"})
    public long rows;

    private SparkSession spark;
    private Dataset<Row> data;
    private Dataset<Row> vectors;
    private List<String> columns;
    private double[][] start;
    private org.apache.spark.ml.clustering.KMeansModel mllibStart;
    private org.apache.spark.ml.clustering.KMeansModel mllibModel;
    private SparkScorer scorer;
    private org.apache.spark.api.java.JavaRDD<org.apache.spark.mllib.linalg.Vector> mllibRows;
    private int lastMllibIterations;
    /** Ours: the time between two iterations' progress reports (one iteration, nothing else), ms. */
    private final List<Double> iterationGaps = new ArrayList<>();

    @Setup(Level.Trial)
    public void setup() {
        spark = SparkSession.builder().master("local[2]").appName("spark-kmeans-benchmark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        columns = new ArrayList<>();
        Column blob = pmod(col("id").multiply(2654435761L), lit(K));
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < D; j++) {
            String name = "f" + j;
            columns.add(name);
            cols.add(randn(100 + j).plus(blob.multiply(lit(0.15 * (((j * 7) % 5) + 1.0)))).as(name));
        }
        data = spark.range(0, rows, 1, 4).select(cols.toArray(new Column[0]))
                .persist(StorageLevel.MEMORY_ONLY());
        data.count();
        vectors = new VectorAssembler().setInputCols(columns.toArray(new String[0])).setOutputCol("features")
                .transform(data).select("features").persist(StorageLevel.MEMORY_ONLY());
        vectors.count();
        mllibRows = vectors.javaRDD().map(r -> org.apache.spark.mllib.linalg.Vectors.fromML((Vector) r.get(0)))
                .persist(StorageLevel.MEMORY_ONLY());
        mllibRows.count();
        List<Row> first = data.limit(K * 1000).collectAsList();
        start = new double[K][D];
        for (int c = 0; c < K; c++) {
            Row r = first.get(c * 997);
            for (int j = 0; j < D; j++) {
                start[c][j] = r.getDouble(j);
            }
        }
        KMeansModel ours = ours();
        mllibModel = mllib();
        Vector[] theirs = mllibModel.clusterCenters();
        double worst = 0;
        double[][] a = ours.clusterCenters().toArray();
        for (int c = 0; c < K; c++) {
            for (int j = 0; j < D; j++) {
                worst = Math.max(worst, Math.abs(a[c][j] - theirs[c].apply(j)));
            }
        }
        System.out.printf("rows %d: largest centre difference ours vs MLlib = %.3g (iterations ours %d, MLlib %d)%n",
                rows, worst, ours.iterations(), lastMllibIterations);
        if (ours.iterations() != ITER || lastMllibIterations != ITER) {
            throw new IllegalStateException("Both fits must run " + ITER + " iterations");
        }
        if (!(worst < 1e-6)) {
            throw new IllegalStateException("The fits differ: largest centre difference " + worst);
        }
        scorer = SparkScorer.of(spark, SegmentScorer.of(ours));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (!iterationGaps.isEmpty()) {
            List<Double> g = new ArrayList<>(iterationGaps);
            g.sort(null);
            System.out.printf("rows %d: ours, time between iteration reports: median %.1f ms over %d gaps"
                    + " (min %.1f, max %.1f)%n", rows, g.get(g.size() / 2), g.size(), g.get(0), g.get(g.size() - 1));
        }
        spark.stop();
    }

    private KMeansModel ours() {
        return ours(ITER);
    }

    private KMeansModel ours(int iterations) {
        long[] at = new long[iterations];
        int[] seen = {0};
        KMeansModel m = SparkKMeans.builder().k(K).initialCentroids(start).maxIter(iterations).tol(0).build()
                .fit(data, columns, FitControl.none().withListener(p -> at[seen[0]++] = System.nanoTime()));
        for (int i = 1; i < seen[0]; i++) {
            iterationGaps.add((at[i] - at[i - 1]) / 1e6);
        }
        return m;
    }

    private org.apache.spark.ml.clustering.KMeansModel mllib() {
        return mllib(ITER);
    }

    private org.apache.spark.ml.clustering.KMeansModel mllib(int iterations) {
        if (mllibStart == null) {
            org.apache.spark.mllib.linalg.Vector[] v = new org.apache.spark.mllib.linalg.Vector[K];
            for (int c = 0; c < K; c++) {
                v[c] = org.apache.spark.mllib.linalg.Vectors.dense(start[c]);
            }
            mllibStart = new org.apache.spark.ml.clustering.KMeansModel("start",
                    new org.apache.spark.mllib.clustering.KMeansModel(v));
        }
        // MLlib's own Lloyd (the RDD API, which takes initial centres); epsilon 0 runs every iteration
        org.apache.spark.mllib.clustering.KMeansModel m = new org.apache.spark.mllib.clustering.KMeans().setK(K)
                .setMaxIterations(iterations).setEpsilon(0).setInitialModel(mllibStart.parentModel())
                .run(mllibRows.rdd());
        lastMllibIterations = m.numIter();
        return new org.apache.spark.ml.clustering.KMeansModel("mllib", m).setFeaturesCol("features");
    }

    @Benchmark
    public KMeansModel fitOurs() {
        return ours();
    }

    @Benchmark
    public org.apache.spark.ml.clustering.KMeansModel fitMllib() {
        return mllib();
    }

    /** One iteration: (fit - fitOne) / (ITER - 1) is the time per iteration without the fixed costs. */
    @Benchmark
    public KMeansModel fitOursOne() {
        return ours(1);
    }

    /** One iteration of MLlib. */
    @Benchmark
    public org.apache.spark.ml.clustering.KMeansModel fitMllibOne() {
        return mllib(1);
    }

    @Benchmark
    public void scoreOurs() {
        scorer.score(data).write().format("noop").mode("overwrite").save();
    }

    @Benchmark
    public void scoreMllib() {
        mllibModel.transform(vectors).write().format("noop").mode("overwrite").save();
    }
}
