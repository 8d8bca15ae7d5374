/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

import dev.segmentation.bench.core.dbscan.DbscanData;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.hierarchical.TwoStageWard;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeans;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Bytes allocated per row by one fit of each algorithm, in the calling thread (every estimator is
 * single-threaded), counted with {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes} around the
 * second of two fits on the same data (the first loads and compiles the classes). The data are not counted:
 * they are built before. Each fit runs at two sizes, so that a cost that grows faster than n shows.
 *
 * <pre>java -cp benchmarks.jar dev.segmentation.bench.FitMemory</pre>
 *
 * <p>Prints one markdown table. The counts are allocations, not the live peak: an algorithm that frees and
 * reallocates counts every allocation, so the live peak is at most this.
 */
public final class FitMemory {
    private FitMemory() {
    }

    /** One row of the table: a fit, its data (d columns) and the two sizes it runs at. */
    private record Case(String name, int d, int small, int large, IntFunction<Dataset> data,
                        Clusterer<? extends ClusterModel> fit) {
    }

    /** Prints the table. */
    public static void main(String[] args) {
        int k = BenchData.K;
        IntFunction<Dataset> blobs = n -> BenchData.dataset(BenchData.blobs(n, BenchData.D, BenchData.SEED), n,
                BenchData.D);
        IntFunction<Dataset> blobs8 = n -> BenchData.dataset(BenchData.blobs(n, 8, BenchData.SEED), n, 8);
        IntFunction<Dataset> plane = n -> BenchData.dataset(DbscanData.blobs(n, BenchData.SEED), n, 2);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("K-means, Hamerly, k-means++", BenchData.D, 100_000, 1_000_000, blobs,
                KMeans.builder().k(k).algorithm(KMeans.Algorithm.HAMERLY).singleThreaded().build()));
        cases.add(new Case("K-means, Lloyd, k-means++", BenchData.D, 100_000, 1_000_000, blobs,
                KMeans.builder().k(k).algorithm(KMeans.Algorithm.LLOYD).singleThreaded().build()));
        cases.add(new Case("mini-batch K-means (batch 1024)", BenchData.D, 100_000, 1_000_000, blobs,
                MiniBatchKMeans.builder().k(k).batchSize(1024).build()));
        cases.add(new Case("Gaussian mixture, full covariance", 8, 20_000, 100_000, blobs8,
                GaussianMixture.builder().k(k).covarianceType(CovarianceType.FULL).singleThreaded().build()));
        cases.add(new Case("Gaussian mixture, diagonal covariance", 8, 20_000, 100_000, blobs8,
                GaussianMixture.builder().k(k).covarianceType(CovarianceType.DIAG).singleThreaded().build()));
        cases.add(new Case("DBSCAN, grid index (2-D)", 2, 100_000, 400_000, plane,
                Dbscan.builder().eps(DbscanData.EPS).minPts(DbscanData.MIN_PTS).singleThreaded().build()));
        cases.add(new Case("DBSCAN, k-d tree (2-D)", 2, 100_000, 400_000, plane,
                Dbscan.builder().eps(DbscanData.EPS).minPts(DbscanData.MIN_PTS)
                        .neighborIndex(Dbscan.NeighborIndexType.KD_TREE).singleThreaded().build()));
        cases.add(new Case("Ward, centroid chain (default)", BenchData.D, 5_000, 20_000, blobs,
                AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(k).singleThreaded().build()));
        cases.add(new Case("Ward, condensed distance matrix", BenchData.D, 5_000, 20_000, blobs,
                AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(k).singleThreaded()
                        .distanceStorage(AgglomerativeClustering.DistanceStorage.MATRIX)
                        .memoryBudgetBytes(Long.MAX_VALUE).build()));
        cases.add(new Case("average linkage", BenchData.D, 5_000, 20_000, blobs,
                AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(k).singleThreaded()
                        .memoryBudgetBytes(Long.MAX_VALUE).build()));
        cases.add(new Case("two-stage Ward (1,000 micro-clusters)", BenchData.D, 20_000, 100_000, blobs,
                TwoStageWard.builder().microClusters(1000).nClusters(k).singleThreaded().build()));

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        StringBuilder out = new StringBuilder();
        out.append("| fit | d | bytes per row at n = small | bytes per row at n = large | data (8 d) |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (Case c : cases) {
            double[] perRow = new double[2];
            int[] sizes = {c.small, c.large};
            for (int s = 0; s < 2; s++) {
                Dataset x = c.data.apply(sizes[s]);
                c.fit.fit(x);
                long before = threads.getCurrentThreadAllocatedBytes();
                ClusterModel m = c.fit.fit(x);
                long after = threads.getCurrentThreadAllocatedBytes();
                if (m.k() < 1) {
                    throw new IllegalStateException(c.name + ": no cluster");
                }
                perRow[s] = (after - before) / (double) sizes[s];
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %,.1f (n = %,d) | %,.1f (n = %,d) | %d |%n", c.name,
                    c.d, perRow[0], c.small, perRow[1], c.large, 8 * c.d));
        }
        System.out.print(out);
    }
}
