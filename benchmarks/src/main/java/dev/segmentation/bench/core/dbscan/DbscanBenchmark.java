/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.dbscan;

import dev.segmentation.bench.AbstractBenchmark;
import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Sanity;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.dbscan.DbscanModel;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;
import elki.index.tree.spatial.kd.SmallMemoryKDTree;
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
import smile.clustering.PartitionClustering;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DBSCAN on {@code n} = 100,000 two-dimensional rows ({@link DbscanData}: eight blobs and 5% background),
 * {@code eps} = {@value DbscanData#EPS}, {@code minPts} = {@value DbscanData#MIN_PTS} (the row itself
 * included), one thread. Commons Math is O(n^2) and measured at n = 10,000 in
 * {@link DbscanCommonsMathBenchmark}.
 *
 * <h2>Contenders</h2>
 * <ul>
 *   <li>{@code ours}: {@code Dbscan} with the default index (a grid of eps-cells in two dimensions), index
 *       built inside the timed call;</li>
 *   <li>{@code oursKdTree}: the same with {@code NeighborIndexType.KD_TREE};</li>
 *   <li>{@code smile}: Smile 3.1.1 {@code DBSCAN.fit(rows, minPts - 1, eps)}, which builds its k-d tree
 *       inside the call; Smile does not count the row itself, hence {@code minPts - 1};</li>
 *   <li>{@code elki}: ELKI 0.8.0 {@code DBSCAN(EuclideanDistance, eps, minPts)} (ELKI counts the row itself)
 *       over a database with a {@code SmallMemoryKDTree} index, built in {@code @Setup}, outside the timed
 *       region (an advantage to ELKI).</li>
 * </ul>
 *
 * <h2>Sanity (outside the timed region)</h2>
 * Ours is the reference; every contender must find the same number of clusters and the same number of
 * noise rows (the data are continuous, so no distance falls on eps), and ours with the k-d tree must give
 * identical labels.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
public class DbscanBenchmark extends AbstractBenchmark {
    /** Rows. */
    @Param({"100000"})
    public int n;

    private Dataset dataset;
    private double[][] rows;
    private Relation<NumberVector> elki;
    private Dbscan grid;
    private Dbscan tree;

    /** Builds the data and what the measured contender needs; checks its result. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        double[] x = DbscanData.blobs(n, BenchData.SEED);
        dataset = BenchData.dataset(x, n, 2);
        grid = Dbscan.builder().eps(DbscanData.EPS).minPts(DbscanData.MIN_PTS).singleThreaded().build();
        tree = Dbscan.builder().eps(DbscanData.EPS).minPts(DbscanData.MIN_PTS)
                .neighborIndex(Dbscan.NeighborIndexType.KD_TREE).singleThreaded().build();
        DbscanModel ref = grid.fit(dataset);
        Sanity.report("n=%d reference (ours): %d clusters, %d noise rows, %d core rows", n, ref.k(), ref.noiseCount(),
                ref.coreSampleIndices().length);
        switch (method) {
            case "ours":
                break;
            case "oursKdTree": {
                DbscanModel m = tree.fit(dataset);
                Sanity.check(m.equals(ref), "the k-d tree and the grid disagree");
                break;
            }
            case "smile": {
                rows = BenchData.toRows(x, n, 2);
                smile.clustering.DBSCAN<double[]> s = smile();
                int[] nc = DbscanData.noiseAndClusters(s.y, PartitionClustering.OUTLIER);
                Sanity.report("Smile: %d clusters (k = %d), %d noise rows", nc[1], s.k, nc[0]);
                Sanity.check(nc[0] == ref.noiseCount() && nc[1] == ref.k(), "Smile's result differs from ours");
                break;
            }
            case "elki": {
                elki = relation(BenchData.toRows(x, n, 2));
                Clustering<Model> c = elki();
                int noise = 0;
                int clusters = 0;
                List<Cluster<Model>> all = c.getAllClusters();
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).isNoise()) {
                        noise += all.get(i).size();
                    } else {
                        clusters++;
                    }
                }
                Sanity.report("ELKI: %d clusters, %d noise rows", clusters, noise);
                Sanity.check(noise == ref.noiseCount() && clusters == ref.k(), "ELKI's result differs from ours");
                break;
            }
            default:
                throw new IllegalStateException("No sanity check for " + method);
        }
        Sanity.checkSingleThreaded(method);
    }

    static Relation<NumberVector> relation(double[][] data) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(data),
                List.of(new SmallMemoryKDTree.Factory<>()));
        db.initialize();
        return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    }

    private Clustering<Model> elki() {
        return new elki.clustering.dbscan.DBSCAN<NumberVector>(EuclideanDistance.STATIC, DbscanData.EPS,
                DbscanData.MIN_PTS).run(elki);
    }

    private smile.clustering.DBSCAN<double[]> smile() {
        return smile.clustering.DBSCAN.fit(rows, DbscanData.MIN_PTS - 1, DbscanData.EPS);
    }

    /** Frees the trial's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        dataset = null;
        rows = null;
        elki = null;
    }

    /** Ours, grid index. */
    @Benchmark
    public void ours(Blackhole bh) {
        bh.consume(grid.fit(dataset));
    }

    /** Ours, k-d tree. */
    @Benchmark
    public void oursKdTree(Blackhole bh) {
        bh.consume(tree.fit(dataset));
    }

    /** Smile 3.1.1 DBSCAN (its k-d tree built inside the call). */
    @Benchmark
    public void smile(Blackhole bh) {
        bh.consume(smile());
    }

    /** ELKI 0.8.0 DBSCAN over a k-d tree index built in setup. */
    @Benchmark
    public void elki(Blackhole bh) {
        bh.consume(elki());
    }
}
