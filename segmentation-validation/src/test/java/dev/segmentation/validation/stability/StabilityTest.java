package dev.segmentation.validation.stability;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StabilityTest {
    private static final List<String> AB = List.of("a", "b");

    /** k well-separated blobs on a line, shuffled. */
    static Dataset blobs(int n, int k, double spread, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(k);
            rows[i] = new double[] {10.0 * c + spread * r.nextGaussian(), spread * r.nextGaussian()};
        }
        return Dataset.of(rows, AB);
    }

    @Test
    void labelMatchingByOverlapRecoversAPermutation() {
        int[] ref = {0, 0, 0, 1, 1, 1, 2, 2, 2, -1};
        int[] other = {2, 2, 1, 0, 0, 0, 1, 1, 1, -1};
        LabelMatching.Result m = LabelMatching.byOverlap(ref, other);
        assertArrayEquals(new int[] {1, 2, 0}, m.mapping());
        assertArrayEquals(new int[] {0, 0, 2, 1, 1, 1, 2, 2, 2, -1}, m.relabel(other));
        assertArrayEquals(new double[] {3, 3, 2}, m.matchScores());
        assertEquals(2, m.matchOf(1));
        // more new clusters than reference clusters: the unmatched get fresh labels
        LabelMatching.Result wide = LabelMatching.byOverlap(new int[] {0, 0, 1, 1}, new int[] {0, 1, 2, 2});
        assertEquals(3, wide.otherK());
        assertEquals(2, wide.referenceK());
        int[] rl = wide.relabelling();
        assertEquals(1, rl[2]);
        assertTrue((rl[0] == 0 && rl[1] == 2) || (rl[0] == 2 && rl[1] == 0));
        assertThrows(IllegalArgumentException.class, () -> wide.relabel(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> LabelMatching.byOverlap(new int[] {0}, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> LabelMatching.byOverlap(new int[] {-2}, new int[] {0}));
    }

    @Test
    void labelMatchingByCentroidsPairsNearestCentres() {
        Centroids a = Centroids.of(new double[][] {{0, 0}, {10, 0}, {0, 10}}, AB);
        Centroids b = Centroids.of(new double[][] {{0.5, 9}, {0.1, 0.2}, {9, 1}}, AB);
        LabelMatching.Result m = LabelMatching.byCentroids(a, b);
        assertArrayEquals(new int[] {2, 0, 1}, m.mapping());
        assertEquals(Math.hypot(0.5, 1), m.matchScores()[0], 1e-12);
        assertThrows(IllegalArgumentException.class, () -> LabelMatching.byCentroids(a,
                Centroids.of(new double[][] {{0, 0}}, List.of("a", "c"))));
        assertTrue(m.toString().contains("centre distance"));
    }

    @Test
    void migrationCountsMovesAndRates() {
        int[] before = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] after = {0, 0, 1, -1, 1, 1, 2, 2, 0, 0};
        Migration m = Migration.between(before, after);
        assertEquals(10, m.total());
        assertEquals(4, m.moved());
        assertEquals(0.4, m.reassignmentRate(), 1e-15);
        assertEquals(2, m.count(0, 0));
        assertEquals(1, m.count(0, -1));
        assertEquals(0.5, m.rate(2, 0), 1e-15);
        assertEquals(0.0, m.rate(7, 0));
        assertArrayEquals(new int[] {0, 1, 2}, m.fromSegments());
        assertArrayEquals(new int[] {-1, 0, 1, 2}, m.toSegments());
        assertArrayEquals(new long[] {1, 2, 1, 0}, m.counts()[0]);
        assertTrue(m.table().contains("50.0%"));
        assertThrows(IllegalArgumentException.class, () -> Migration.between(new int[0], new int[0]));
        assertThrows(IllegalArgumentException.class, () -> Migration.between(new int[2], new int[3]));
    }

    @Test
    void bootstrapFindsWellSeparatedClustersStable() {
        Dataset x = blobs(600, 3, 0.5, 1);
        KMeans km = KMeans.builder().k(3).nInit(3).seed(7).singleThreaded().build();
        BootstrapStability.Result r = BootstrapStability.bootstrap(10, 42).assess(km, x);
        assertEquals(10, r.replicates());
        assertEquals(600, r.rowsPerReplicate());
        assertTrue(r.isBootstrap());
        assertEquals(1.0, r.meanAri(), 1e-12, r.table());
        for (int c : r.clusterLabels()) {
            assertEquals(1.0, r.meanJaccard(c), 1e-12);
            assertEquals(10, r.recovered(c));
            assertEquals(0, r.dissolved(c));
        }
        // deterministic for a seed
        assertArrayEquals(r.ariValues(), BootstrapStability.bootstrap(10, 42).assess(km, x).ariValues());
        assertTrue(r.table().contains("mean ARI 1.000"));
    }

    @Test
    void tooManyClustersOnStructurelessDataAreUnstable() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[][] rows = new double[400][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {rnd.nextDouble(), rnd.nextDouble()};
        }
        Dataset x = Dataset.of(rows, AB);
        KMeans km = KMeans.builder().k(6).nInit(1).seed(7).singleThreaded().build();
        BootstrapStability.Result r = BootstrapStability.subsample(8, 0.7, 5).assess(km, x);
        assertEquals(280, r.rowsPerReplicate());
        assertTrue(!r.isBootstrap());
        assertTrue(r.meanAri() < 0.95, r.table());
        double min = 1;
        for (int c : r.clusterLabels()) {
            min = Math.min(min, r.meanJaccard(c));
        }
        assertTrue(min < 0.9, r.table());
    }

    /** Hennig's coefficient by hand: C* = {0, 1, 2}, D's = {0, 1} and {2, 3}: max(2/3, 1/4) = 2/3. */
    @Test
    void clusterwiseJaccardByHand() {
        double[] j = BootstrapStability.clusterwiseJaccard(new int[] {0, 0, 0, 1, -1}, 3, new int[] {5, 5, 6, 6, 6});
        assertEquals(2.0 / 3, j[0], 1e-15);
        assertEquals(1.0 / 3, j[1], 1e-15); // {3} vs {2, 3, 4}
        assertTrue(Double.isNaN(j[2])); // no row of cluster 2 was drawn
    }

    @Test
    void badInputIsRejected() {
        Dataset x = blobs(20, 2, 0.5, 1);
        KMeans km = KMeans.builder().k(2).build();
        assertThrows(IllegalArgumentException.class, () -> BootstrapStability.bootstrap(1, 0));
        assertThrows(IllegalArgumentException.class, () -> BootstrapStability.subsample(5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> BootstrapStability.subsample(5, 1.5, 0));
        int[] noise = new int[20];
        java.util.Arrays.fill(noise, -1);
        assertThrows(IllegalArgumentException.class, () -> BootstrapStability.bootstrap(3, 0).assess(km, x, noise,
                FitControl.none()));
        assertThrows(IllegalArgumentException.class, () -> BootstrapStability.bootstrap(3, 0).assess(km, x,
                new int[19], FitControl.none()));
    }

    @Test
    void timeSliceStabilityMatchesAndMeasuresOverlap() {
        Dataset first = blobs(500, 3, 0.6, 1);
        Dataset second = blobs(400, 3, 0.6, 2);
        KMeans km = KMeans.builder().k(3).nInit(3).seed(1).build();
        TimeSliceStability.Result r = TimeSliceStability.fit(km, first, second);
        assertEquals(1.0, r.agreementOnSecond(), 1e-12, r.table());
        assertEquals(1.0, r.ariOnSecond(), 1e-12);
        assertEquals(1.0, r.agreementOnFirst().getAsDouble(), 1e-12);
        double[] shifts = r.centreShifts().orElseThrow();
        for (double s : shifts) {
            assertTrue(s < 0.3, "shift " + s);
        }
        for (double j : r.segmentJaccard()) {
            assertEquals(1.0, j, 1e-12);
        }
        assertTrue(r.table().contains("agreement 100.0%"));
        // a second model with a different numbering is matched back
        KMeansModel m1 = km.fit(first);
        KMeansModel m2 = KMeans.builder().k(3).nInit(3).seed(99).build().fit(second);
        TimeSliceStability.Result r2 = TimeSliceStability.compare(m1, first, m2, second);
        assertEquals(1.0, r2.agreementOnSecond(), 1e-12);
        assertEquals(0, r2.migrationOnSecond().moved());
        assertThrows(IllegalArgumentException.class, () -> TimeSliceStability.compare(m1, second, m2, second));
        ClusterModel transductive = new ClusterModel() {
            @Override
            public int k() {
                return 3;
            }

            @Override
            public List<String> columnNames() {
                return AB;
            }

            @Override
            public int trainingRows() {
                return 500;
            }

            @Override
            public int[] trainingLabels() {
                return m1.trainingLabels();
            }
        };
        assertThrows(IllegalArgumentException.class, () -> TimeSliceStability.compare(transductive, first, m2, second));
        // a transductive second model is fine: matched by overlap, no first-period check
        Clusterer<ClusterModel> cut = (data, control) -> new ClusterModel() {
            private final int[] labels = km.fit(data).trainingLabels();

            @Override
            public int k() {
                return 3;
            }

            @Override
            public List<String> columnNames() {
                return AB;
            }

            @Override
            public int trainingRows() {
                return data.rows();
            }

            @Override
            public int[] trainingLabels() {
                return labels.clone();
            }
        };
        TimeSliceStability.Result r3 = TimeSliceStability.compare(m1, first, cut.fit(second), second);
        assertEquals(1.0, r3.agreementOnSecond(), 1e-12);
        assertTrue(r3.agreementOnFirst().isEmpty() && r3.centreShifts().isEmpty());
    }
}
