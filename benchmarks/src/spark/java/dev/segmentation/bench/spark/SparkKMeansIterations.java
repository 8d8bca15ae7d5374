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

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.randn;

/**
 * Per-iteration times of our K-means and MLlib's in one JVM, the two fits interleaved so that a shared machine's
 * load falls on both alike: the data of {@link SparkKMeansBenchmark} (n x 16, 8 blobs, k = 8, same initial centres,
 * tol / epsilon 0), each repetition runs ours and MLlib with 1 and with 11 iterations; per iteration =
 * (T(11) - T(1)) / 10 for each side, which removes each side's caching and fixed costs (ours: packing the rows into
 * cached blocks; MLlib: caching its vectors with their norms). Ours also reports the time between two iterations'
 * progress reports. Then scoring to the noop sink, alternating. Medians over the repetitions.
 *
 * <p>Run with the module's class path: {@code java -Xmx14g --add-modules jdk.incubator.vector [add-opens]
 * dev.segmentation.bench.spark.SparkKMeansIterations <rows> <repetitions>} (the Vector API module lets the core pick
 * its SIMD nearest-centre kernel, as in the single-JVM benchmarks; the run prints which kernel ran).
 */
public final class SparkKMeansIterations {
    private SparkKMeansIterations() {
    }

    public static void main(String[] args) {
        long rows = Long.parseLong(args[0]);
        int reps = Integer.parseInt(args[1]);
        int d = SparkKMeansBenchmark.D;
        int k = SparkKMeansBenchmark.K;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spark-kmeans-iterations")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        List<String> columns = new ArrayList<>();
        Column blob = pmod(col("id").multiply(2654435761L), lit(k));
        List<Column> cols = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            columns.add("f" + j);
            cols.add(randn(100 + j).plus(blob.multiply(lit(0.15 * (((j * 7) % 5) + 1.0)))).as("f" + j));
        }
        Dataset<Row> data = spark.range(0, rows, 1, 4).select(cols.toArray(new Column[0]))
                .persist(StorageLevel.MEMORY_ONLY());
        data.count();
        Dataset<Row> vectors = new VectorAssembler().setInputCols(columns.toArray(new String[0]))
                .setOutputCol("features").transform(data).select("features").persist(StorageLevel.MEMORY_ONLY());
        vectors.count();
        org.apache.spark.api.java.JavaRDD<org.apache.spark.mllib.linalg.Vector> mllibRows = vectors.javaRDD()
                .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML((Vector) r.get(0)))
                .persist(StorageLevel.MEMORY_ONLY());
        mllibRows.count();
        List<Row> first = data.limit(k * 1000).collectAsList();
        double[][] start = new double[k][d];
        org.apache.spark.mllib.linalg.Vector[] v = new org.apache.spark.mllib.linalg.Vector[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                start[c][j] = first.get(c * 997).getDouble(j);
            }
            v[c] = org.apache.spark.mllib.linalg.Vectors.dense(start[c]);
        }
        org.apache.spark.mllib.clustering.KMeansModel mllibStart = new org.apache.spark.mllib.clustering.KMeansModel(v);
        int long_ = 11;
        List<Double> oursIt = new ArrayList<>();
        List<Double> mllibIt = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        List<Double> ours1 = new ArrayList<>();
        List<Double> mllib1 = new ArrayList<>();
        KMeansModel model = null;
        org.apache.spark.mllib.clustering.KMeansModel theirs = null;
        for (int rep = -1; rep < reps; rep++) { // rep -1 warms up
            double[] t = new double[4];
            for (int which = 0; which < 4; which++) {
                int iterations = which % 2 == 0 ? 1 : long_;
                long t0 = System.nanoTime();
                if (which < 2) {
                    long[] at = new long[iterations];
                    int[] seen = {0};
                    model = SparkKMeans.builder().k(k).initialCentroids(start).maxIter(iterations).tol(0).build()
                            .fit(data, columns, FitControl.none().withListener(p -> at[seen[0]++] = System.nanoTime()));
                    if (rep >= 0) {
                        for (int i = 1; i < seen[0]; i++) {
                            gaps.add((at[i] - at[i - 1]) / 1e6);
                        }
                    }
                } else {
                    theirs = new org.apache.spark.mllib.clustering.KMeans().setK(k).setMaxIterations(iterations)
                            .setEpsilon(0).setInitialModel(mllibStart).run(mllibRows.rdd());
                }
                t[which] = (System.nanoTime() - t0) / 1e6;
            }
            if (rep >= 0) {
                ours1.add(t[0]);
                mllib1.add(t[2]);
                oursIt.add((t[1] - t[0]) / (long_ - 1));
                mllibIt.add((t[3] - t[2]) / (long_ - 1));
                System.out.printf("rows %d rep %d: ours 1 it %.0f ms, %d it %.0f ms; MLlib 1 it %.0f ms, %d it %.0f ms;"
                        + " per iteration ours %.1f, MLlib %.1f%n", rows, rep, t[0], long_, t[1], t[2], long_, t[3],
                        oursIt.get(rep), mllibIt.get(rep));
            }
        }
        double worst = 0;
        double[][] a = model.clusterCenters().toArray();
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                worst = Math.max(worst, Math.abs(a[c][j] - theirs.clusterCenters()[c].apply(j)));
            }
        }
        SparkScorer scorer = SparkScorer.of(spark, SegmentScorer.of(model));
        org.apache.spark.ml.clustering.KMeansModel mllibModel = new org.apache.spark.ml.clustering.KMeansModel("m",
                theirs).setFeaturesCol("features");
        List<Double> so = new ArrayList<>();
        List<Double> sm = new ArrayList<>();
        List<Double> scanData = new ArrayList<>();
        List<Double> scanVectors = new ArrayList<>();
        for (int rep = -1; rep < reps; rep++) {
            long t0 = System.nanoTime();
            scorer.score(data).write().format("noop").mode("overwrite").save();
            long t1 = System.nanoTime();
            mllibModel.transform(vectors).write().format("noop").mode("overwrite").save();
            long t2 = System.nanoTime();
            data.write().format("noop").mode("overwrite").save();
            long t3 = System.nanoTime();
            vectors.write().format("noop").mode("overwrite").save();
            long t4 = System.nanoTime();
            if (rep >= 0) {
                so.add((t1 - t0) / 1e6);
                sm.add((t2 - t1) / 1e6);
                scanData.add((t3 - t2) / 1e6);
                scanVectors.add((t4 - t3) / 1e6);
            }
        }
        System.out.printf("KERNEL %s (dev.segmentation.core.internal.CentroidKernel.vectorized() = %b)%n",
                dev.segmentation.core.internal.CentroidKernel.vectorized() ? "Vector API SIMD" : "scalar",
                dev.segmentation.core.internal.CentroidKernel.vectorized());
        System.out.printf("RESULT rows %d (%d reps, medians, ms): largest centre difference %.2g; per iteration ours %.1f,"
                + " MLlib %.1f, MLlib/ours %.2f; ours between reports %.1f; 1-iteration fit ours %.0f, MLlib %.0f;"
                + " scoring ours %.0f, MLlib transform %.0f, MLlib/ours %.2f (reading the inputs alone: ours %.0f,"
                + " MLlib's %.0f)%n", rows, reps, worst, median(oursIt),
                median(mllibIt), median(mllibIt) / median(oursIt), median(gaps), median(ours1), median(mllib1),
                median(so), median(sm), median(sm) / median(so), median(scanData), median(scanVectors));
        spark.stop();
    }

    private static double median(List<Double> x) {
        List<Double> s = new ArrayList<>(x);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
