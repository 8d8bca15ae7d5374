/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.HierarchicalModel;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmallClusterMergerTest {

    /** A fixed model: three clusters of 50, 3 and 1 rows on a line, centres at 0, 4 and 10. */
    static final class Fixed implements ClusterModel {
        final int[] labels;
        final Centroids centres;

        Fixed() {
            labels = new int[54];
            for (int i = 50; i < 53; i++) {
                labels[i] = 1;
            }
            labels[53] = 2;
            centres = Centroids.of(new double[][] {{0}, {4}, {10}}, List.of("x"));
        }

        @Override
        public int k() {
            return 3;
        }

        @Override
        public List<String> columnNames() {
            return List.of("x");
        }

        @Override
        public int trainingRows() {
            return labels.length;
        }

        @Override
        public int[] trainingLabels() {
            return labels.clone();
        }

        @Override
        public Optional<Centroids> centroids() {
            return Optional.of(centres);
        }
    }

    @Test
    void mergesTheSmallestFirstIntoTheNearestAndReports() {
        Fixed model = new Fixed();
        MergeResult r = SmallClusterMerger.minSize(5).apply(model);
        // Cluster 2 (1 row) goes first, into cluster 1 (nearest, at 4); then cluster 1 (now 4 rows, centre 5.5)
        // into cluster 0.
        assertEquals(List.of(new Merge(2, 1, 1, 1.0 / 54, 6.0), new Merge(1, 0, 4, 4.0 / 54, 5.5)), r.merges());
        assertArrayEquals(new int[] {0, 0, 0}, r.mapping());
        assertEquals(1, r.model().k());
        double mean = (50 * 0 + 3 * 4 + 10) / 54.0;
        assertEquals(mean, r.model().centroids().orElseThrow().get(0, 0), 1e-12);
        assertTrue(r.changed());
        // The input is untouched.
        assertArrayEquals(new Fixed().labels, model.trainingLabels());
        assertEquals(new Fixed().centres, model.centroids().orElseThrow());
    }

    @Test
    void shareThresholdAndNoChange() {
        Fixed model = new Fixed();
        MergeResult r = SmallClusterMerger.minShare(0.05).apply(model); // ceil(2.7) = 3 rows
        assertEquals(List.of(new Merge(2, 1, 1, 1.0 / 54, 6.0)), r.merges());
        assertArrayEquals(new int[] {0, 1, 1}, r.mapping());
        int[] labels = r.labels();
        assertEquals(1, labels[53]);
        assertEquals(2, r.model().k());
        MergeResult none = SmallClusterMerger.minSize(1).apply(model);
        assertFalse(none.changed());
        assertArrayEquals(model.trainingLabels(), none.labels());
        assertThrows(IllegalArgumentException.class, () -> SmallClusterMerger.minShare(0));
        assertThrows(IllegalArgumentException.class, () -> SmallClusterMerger.minShare(1.5));
        assertThrows(IllegalArgumentException.class, () -> SmallClusterMerger.minSize(0));
    }

    @Test
    void worksOnKMeansAndHierarchicalModelsAndRejectsModelsWithoutCentroids() {
        double[][] rows = new double[300][];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian() + (i % 3) * 8, r.nextGaussian()};
        }
        Dataset x = Dataset.of(rows);
        KMeansModel km = KMeans.builder().k(8).seed(1).build().fit(x);
        MergeResult merged = SmallClusterMerger.minShare(0.15).apply(km);
        int[] sizes = new int[merged.model().k()];
        for (int l : merged.labels()) {
            sizes[l]++;
        }
        for (int s : sizes) {
            assertTrue(s >= 45, "every cluster holds at least 15% of 300 rows: " + java.util.Arrays.toString(sizes));
        }
        assertEquals(8 - merged.merges().size(), merged.model().k());
        assertEquals(300, merged.model().predict(x).length);
        HierarchicalModel h = AgglomerativeClustering.builder().nClusters(10).build().fit(x);
        assertTrue(SmallClusterMerger.minSize(20).apply(h).model().k() <= 10);
        ClusterModel dbscan = Dbscan.builder().eps(1).minPts(4).build().fit(x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SmallClusterMerger.minSize(5).apply(dbscan));
        assertTrue(e.getMessage().contains("no centroids"), e.getMessage());
    }

    @Test
    void mergedModelFilesRoundTrip(@TempDir Path dir) throws IOException {
        MergeResult r = SmallClusterMerger.minSize(5).apply(new Fixed());
        Path p = dir.resolve("merged.json");
        ModelIO.write(r.model(), p);
        assertEquals(r.model(), ModelIO.read(p).model());
        MergeResult none = SmallClusterMerger.minSize(1).apply(new Fixed());
        ModelIO.write(none.model(), p);
        assertEquals(none.model(), ModelIO.read(p).model());
    }
}
