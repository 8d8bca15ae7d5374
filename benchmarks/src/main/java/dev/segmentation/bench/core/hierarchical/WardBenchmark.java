/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.hierarchical;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Dendrogram;
import dev.segmentation.core.hierarchical.Linkage;
import elki.clustering.hierarchical.ClusterMergeHistory;
import elki.clustering.hierarchical.NNChain;
import elki.clustering.hierarchical.linkage.WardLinkage;
import elki.data.NumberVector;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import smile.clustering.HierarchicalClustering;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleUnaryOperator;

/**
 * Ward's hierarchical clustering of {@code n} rows of {@link BenchData#D} = 16 features, the full
 * dendrogram (no cut), one thread; {@code n} = 5,000, 10,000 and 20,000 show the scaling as n doubles.
 *
 * <h2>Contenders (everything inside the timed call: distances, agglomeration, result)</h2>
 * <ul>
 *   <li>{@code oursWard}: {@code AgglomerativeClustering} with {@code Linkage.WARD} and the default storage:
 *       the nearest-neighbour chain on centroids, no distance matrix (memory O(n d));</li>
 *   <li>{@code oursWardMatrix}: the same with {@code DistanceStorage.MATRIX}: SciPy's algorithm on the
 *       condensed matrix of n(n-1)/2 doubles, SciPy's memory;</li>
 *   <li>{@code elkiNNChain}: ELKI 0.8.0 {@code NNChain} with {@code WardLinkage} and squared Euclidean
 *       distance (ELKI's convention for Ward); its distance matrix of n(n-1)/2 doubles is built inside
 *       {@code run}; the database is built in {@code @Setup};</li>
 *   <li>{@code smile}: Smile 3.1.1 {@code HierarchicalClustering.fit(WardLinkage.of(rows))}; the linkage
 *       builds a proximity matrix of n(n-1)/2 floats inside the timed call.</li>
 * </ul>
 *
 * <h2>Sanity (outside the timed region)</h2>
 * Ours on centroids is the reference. The matrix variant must give the same linkage matrix (ids equal,
 * heights within 1e-9 relative). ELKI's and Smile's merge heights, sorted, must equal ours after the one
 * monotone transformation that maps their top height onto ours (ELKI reports Ward heights on another scale),
 * within 1e-6 relative for ELKI and 1e-3 for Smile (single-precision proximities).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class WardBenchmark extends AbstractBenchmark {
    private static final int D = BenchData.D;

    /** Rows. */
    @Param({"5000", "10000", "20000"})
    public int n;

    private Dataset dataset;
    private double[][] rows;
    private Relation<NumberVector> elki;
    private AgglomerativeClustering vector;
    private AgglomerativeClustering matrix;

    /** Builds the data and what the measured contender needs; checks its result. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        double[] x = BenchData.blobs(n, D, BenchData.SEED);
        dataset = BenchData.dataset(x, n, D);
        vector = AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(8).singleThreaded()
                .memoryBudgetBytes(Long.MAX_VALUE).build();
        matrix = AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(8).singleThreaded()
                .distanceStorage(AgglomerativeClustering.DistanceStorage.MATRIX).memoryBudgetBytes(Long.MAX_VALUE).build();
        Dendrogram ref = vector.dendrogram(dataset, FitControl.none());
        double[] refHeights = ref.heights();
        Sanity.report("n=%d reference (ours, Ward on centroids): top height %.10e",
                n, refHeights[n - 2]);
        switch (method) {
            case "oursWard":
                break;
            case "oursWardMatrix": {
                Dendrogram m = matrix.dendrogram(dataset, FitControl.none());
                double[][] a = ref.linkageMatrix();
                double[][] b = m.linkageMatrix();
                int idDiff = 0;
                double worst = 0;
                for (int r = 0; r < a.length; r++) {
                    if (a[r][0] != b[r][0] || a[r][1] != b[r][1]) {
                        idDiff++;
                    }
                    worst = Math.max(worst, Math.abs(a[r][2] - b[r][2]) / Math.max(1e-300, Math.abs(b[r][2])));
                }
                Sanity.report("ours matrix: %d rows with other ids, max relative height difference %.2e", idDiff, worst);
                Sanity.check(idDiff == 0 && worst <= 1e-9, "the matrix and centroid variants disagree");
                break;
            }
            case "elkiNNChain": {
                elki = relation(BenchData.toRows(x, n, D));
                ClusterMergeHistory h = elki();
                double[] heights = new double[h.numMerges()];
                for (int i = 0; i < heights.length; i++) {
                    heights[i] = h.getMergeHeight(i);
                }
                compareHeights("ELKI NNChain (squared: " + h.isSquared() + ")", heights, refHeights, 1e-6);
                break;
            }
            case "smile": {
                rows = BenchData.toRows(x, n, D);
                HierarchicalClustering hc = smile();
                compareHeights("Smile", hc.height().clone(), refHeights, 1e-3);
                break;
            }
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
        Sanity.checkSingleThreaded(method);
    }

    /** Sorts {@code theirs}, finds the transformation that maps their top height onto ours, compares all. */
    private static void compareHeights(String who, double[] theirs, double[] ours, double tol) {
        Sanity.check(theirs.length == ours.length, "%s made %d merges, ours %d", who, theirs.length, ours.length);
        Arrays.sort(theirs);
        double[] sorted = ours.clone();
        Arrays.sort(sorted);
        String[] names = {"h", "sqrt(h)", "sqrt(2h)", "sqrt(h/2)", "h/2", "2h"};
        DoubleUnaryOperator[] maps = {h -> h, Math::sqrt, h -> Math.sqrt(2 * h), h -> Math.sqrt(h / 2), h -> h / 2,
            h -> 2 * h};
        int top = sorted.length - 1;
        for (int t = 0; t < maps.length; t++) {
            if (Sanity.relDiff(maps[t].applyAsDouble(theirs[top]), sorted[top]) <= tol) {
                double worst = 0;
                for (int i = 0; i < sorted.length; i++) {
                    double a = maps[t].applyAsDouble(theirs[i]);
                    worst = Math.max(worst, Math.abs(a - sorted[i]) / Math.max(1e-12, sorted[i]));
                }
                Sanity.report("%s: heights as %s match ours, max relative difference %.2e", who, names[t], worst);
                Sanity.check(worst <= tol, "%s: heights differ from ours by %.2e relative", who, worst);
                return;
            }
        }
        Sanity.check(false, "%s: no simple transformation maps the top height %.10e onto ours %.10e", who, theirs[top],
                sorted[top]);
    }

    private static Relation<NumberVector> relation(double[][] data) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(data), null);
        db.initialize();
        return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    }

    private ClusterMergeHistory elki() {
        return new NNChain<NumberVector>(SquaredEuclideanDistance.STATIC, WardLinkage.STATIC).run(elki);
    }

    private HierarchicalClustering smile() {
        return HierarchicalClustering.fit(smile.clustering.linkage.WardLinkage.of(rows));
    }

    /** Frees the trial's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        dataset = null;
        rows = null;
        elki = null;
    }

    /** Ours: NN-chain on centroids, no distance matrix. */
    @Benchmark
    public void oursWard(Blackhole bh) {
        bh.consume(vector.dendrogram(dataset, FitControl.none()));
    }

    /** Ours: SciPy's NN-chain on the condensed distance matrix. */
    @Benchmark
    public void oursWardMatrix(Blackhole bh) {
        bh.consume(matrix.dendrogram(dataset, FitControl.none()));
    }

    /** ELKI 0.8.0 NNChain, Ward linkage, squared Euclidean distance. */
    @Benchmark
    public void elkiNNChain(Blackhole bh) {
        bh.consume(elki());
    }

    /** Smile 3.1.1 HierarchicalClustering with WardLinkage. */
    @Benchmark
    public void smile(Blackhole bh) {
        bh.consume(smile());
    }
}
