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
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DBSCAN against Commons Math 3.6.1 {@code DBSCANClusterer}, which scans every row for every query
 * (O(n^2): about 130 s at n = 100,000), so it runs at n = 10,000 on the same kind of data as
 * {@link DbscanBenchmark} ({@link DbscanData}), with the same eps and minPts; ours runs in the same trial
 * set for the ratio. Commons Math does not count the row itself, hence {@code minPts - 1}.
 *
 * <p>Sanity: the same number of clusters and of noise rows as ours.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
public class DbscanCommonsMathBenchmark extends AbstractBenchmark {
    /** Rows. */
    @Param({"10000"})
    public int n;

    private Dataset dataset;
    private List<DoublePoint> points;
    private Dbscan ours;

    /** Builds the data and checks the contender. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        double[] x = DbscanData.blobs(n, BenchData.SEED);
        dataset = BenchData.dataset(x, n, 2);
        // A tenth of the rows: scale eps by sqrt(10) to keep about the same neighbourhood sizes.
        ours = Dbscan.builder().eps(eps()).minPts(DbscanData.MIN_PTS).singleThreaded().build();
        DbscanModel ref = ours.fit(dataset);
        Sanity.report("n=%d reference (ours): %d clusters, %d noise rows", n, ref.k(), ref.noiseCount());
        if (method.equals("commonsMath")) {
            points = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                points.add(new DoublePoint(new double[] {x[2 * i], x[2 * i + 1]}));
            }
            List<Cluster<DoublePoint>> c = commonsMath();
            int members = 0;
            for (int i = 0; i < c.size(); i++) {
                members += c.get(i).getPoints().size();
            }
            Sanity.report("Commons Math: %d clusters, %d noise rows", c.size(), n - members);
            Sanity.check(c.size() == ref.k() && n - members == ref.noiseCount(), "Commons Math's result differs");
        }
        Sanity.checkSingleThreaded(method);
    }

    private double eps() {
        return DbscanData.EPS * Math.sqrt(100_000.0 / n);
    }

    private List<Cluster<DoublePoint>> commonsMath() {
        return new DBSCANClusterer<DoublePoint>(eps(), DbscanData.MIN_PTS - 1).cluster(points);
    }

    /** Frees the trial's data. */
    @TearDown(Level.Trial)
    public void tearDown() {
        dataset = null;
        points = null;
    }

    /** Ours (grid index). */
    @Benchmark
    public void ours(Blackhole bh) {
        bh.consume(ours.fit(dataset));
    }

    /** Commons Math 3.6.1 DBSCANClusterer (brute-force neighbourhoods). */
    @Benchmark
    public void commonsMath(Blackhole bh) {
        bh.consume(commonsMath());
    }
}
