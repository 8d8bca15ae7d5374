/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.ConfidenceKind;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.RawRecord;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.dbscan.DbscanModel;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.postprocess.SmallClusterMerger;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssignerTest {

    /** Every inductive model type of the core, fitted the same way on the same rows. */
    enum Kind {
        KMEANS, MINI_BATCH, GMM_FULL, GMM_TIED, GMM_DIAG, GMM_SPHERICAL, DBSCAN, WARD, MERGED;

        ClusterModel fit(Dataset x, long seed) {
            switch (this) {
                case KMEANS:
                    return KMeans.builder().k(3).nInit(2).seed(seed).build().fit(x);
                case MINI_BATCH:
                    return MiniBatchKMeans.builder().k(3).batchSize(32).seed(seed).build().fit(x);
                case GMM_FULL:
                    return gmm(x, CovarianceType.FULL, seed);
                case GMM_TIED:
                    return gmm(x, CovarianceType.TIED, seed);
                case GMM_DIAG:
                    return gmm(x, CovarianceType.DIAG, seed);
                case GMM_SPHERICAL:
                    return gmm(x, CovarianceType.SPHERICAL, seed);
                case DBSCAN:
                    return Dbscan.builder().eps(1.2 * Math.sqrt(x.cols())).minPts(5).build().fit(x);
                case WARD:
                    return AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(3).build().fit(x);
                case MERGED:
                    return SmallClusterMerger.minShare(0.2).apply(KMeans.builder().k(5).seed(seed).build().fit(x))
                            .model();
                default:
                    throw new AssertionError(this);
            }
        }

        private static GaussianMixtureModel gmm(Dataset x, CovarianceType type, long seed) {
            return GaussianMixture.builder().k(3).covarianceType(type).seed(seed).build().fit(x);
        }
    }

    /** {@code k} unit-variance blobs six apart, in {@code d} dimensions. */
    static Dataset blobs(int n, int d, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                rows[i][j] = (j == c % d ? 6.0 * c : 0) + r.nextGaussian();
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        return Dataset.of(rows, names);
    }

    @Test
    void everyModelProvidesAnAssignerThatMatchesItsPredict() {
        Dataset x = blobs(300, 2, 3, 7);
        for (Kind kind : Kind.values()) {
            ClusterModel m = kind.fit(x, 11);
            assertTrue(m.isInductive(), kind.toString());
            Assigner a = m.assigner();
            int[] expected = m.predict(x);
            int[] batch = new int[x.rows()];
            a.assign(x.toRowMajorArray(), x.rows(), batch);
            assertArrayEquals(expected, batch, kind.toString());
            assertEquals(m.columnNames(), a.columnNames());
            assertEquals(m.k(), a.k());
        }
    }

    @Test
    void centroidConfidenceIsTheMargin() {
        Dataset x = blobs(200, 3, 3, 3);
        ClusterModel km = Kind.KMEANS.fit(x, 1);
        NearestCentroidScorer nc = NearestCentroidScorer.of(km);
        Assigner a = km.assigner();
        assertEquals(ConfidenceKind.MARGIN, a.confidenceKind());
        assertFalse(a.hasProbabilities());
        Assignment out = new Assignment(3);
        for (int i = 0; i < x.rows(); i++) {
            double[] row = x.row(i);
            assertEquals(nc.assign(row), a.assign(row, 0, out));
            assertEquals(nc.margin(row), out.confidence(), "row " + i);
            assertFalse(out.hasProbabilities());
            assertThrows(IllegalStateException.class, () -> out.probability(0));
        }
    }

    @Test
    void mixtureAssignerGivesTheModelsLabelsAndProbabilitiesBitForBit() {
        Dataset x = blobs(240, 2, 3, 5);
        for (CovarianceType type : CovarianceType.values()) {
            GaussianMixtureModel m = GaussianMixture.builder().k(3).covarianceType(type).seed(2).build().fit(x);
            SegmentScorer s = SegmentScorer.of(m);
            assertEquals(ConfidenceKind.POSTERIOR, s.confidenceKind());
            assertTrue(s.hasProbabilities());
            int[] labels = m.predict(x);
            double[][] proba = m.predictProba(x);
            assertArrayEquals(labels, s.assign(x), type.toString());
            double[][] viaScorer = s.probabilities(x);
            Assignment out = s.newAssignment();
            double[] p = new double[3];
            for (int i = 0; i < x.rows(); i++) {
                assertArrayEquals(proba[i], viaScorer[i], type + " row " + i);
                double[] row = x.row(i);
                assertEquals(labels[i], s.assign(row, out));
                assertArrayEquals(proba[i], out.probabilities(p), type + " row " + i);
                assertEquals(proba[i][labels[i]], out.confidence());
                assertArrayEquals(proba[i], s.probabilities(row, new double[3]));
            }
        }
    }

    @Test
    void aMixtureIsScoredByItsPosteriorNeverByTheNearestMean() {
        // Two components with very different spreads: near the narrow one's mean but on the wide one's side the
        // nearest mean and the most probable component differ. The scorer must follow the mixture.
        SplittableRandom r = new SplittableRandom(4);
        double[][] rows = new double[600][1];
        for (int i = 0; i < rows.length; i++) {
            rows[i][0] = i % 2 == 0 ? r.nextGaussian() * 0.2 : 3 + r.nextGaussian() * 3;
        }
        Dataset x = Dataset.of(rows, List.of("v"));
        GaussianMixtureModel m = GaussianMixture.builder().k(2).seed(1).build().fit(x);
        SegmentScorer s = SegmentScorer.of(m);
        int[] nearestMean = NearestCentroidScorer.of(m).assign(x);
        int[] posterior = m.predict(x);
        int differ = 0;
        for (int i = 0; i < rows.length; i++) {
            differ += nearestMean[i] != posterior[i] ? 1 : 0;
        }
        assertTrue(differ > 0, "the two rules differ on this data");
        assertArrayEquals(posterior, s.assign(x));
    }

    @Test
    void dbscanAssignsNoiseAndCoreProximity() {
        Dataset x = blobs(300, 2, 3, 9);
        DbscanModel m = (DbscanModel) Kind.DBSCAN.fit(x, 0);
        SegmentScorer s = SegmentScorer.of(m).withNoiseName("outliers");
        assertEquals(ConfidenceKind.CORE_PROXIMITY, s.confidenceKind());
        Assignment out = s.newAssignment();
        int[] core = m.coreSampleIndices();
        for (int c : core) {
            s.assign(x.row(c), out);
            assertEquals(1.0, out.confidence(), "a core row is its own nearest core row");
            assertTrue(out.segment() >= 0);
        }
        double[] far = {1e6, -1e6};
        assertEquals(ClusterModel.NOISE, s.assign(far, out));
        assertTrue(out.isNoise());
        assertEquals(0.0, out.confidence());
        assertEquals("outliers", s.segmentName(ClusterModel.NOISE));
        for (int i = 0; i < x.rows(); i++) {
            s.assign(x.row(i), out);
            assertTrue(out.confidence() >= 0 && out.confidence() <= 1, "row " + i);
            assertEquals(out.isNoise(), out.confidence() == 0.0 && out.segment() < 0, "row " + i);
        }
        // all noise: no cluster at all
        DbscanModel none = Dbscan.builder().eps(1e-9).minPts(3).build().fit(x);
        assertEquals(0, none.k());
        SegmentScorer empty = SegmentScorer.of(none);
        assertEquals(ClusterModel.NOISE, empty.assign(x.row(0)));
        assertEquals(List.of(), empty.segmentNames());
    }

    @Test
    void aTransductiveModelIsRefusedWithItsReason() {
        ClusterModel transductive = new ClusterModel() {
            @Override
            public int k() {
                return 1;
            }

            @Override
            public List<String> columnNames() {
                return List.of("a");
            }

            @Override
            public int trainingRows() {
                return 1;
            }

            @Override
            public int[] trainingLabels() {
                return new int[] {0};
            }
        };
        assertFalse(transductive.isInductive());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentScorer.of(transductive));
        assertTrue(e.getMessage().contains("transductive") && e.getMessage().contains("labels new rows"), e.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> transductive.predict(Dataset.of(new double[][] {{1}},
                List.of("a"))));
    }

    @Test
    void scorerApiRefusesWhatItCannotDo() {
        Dataset x = blobs(120, 2, 3, 1);
        SegmentScorer km = SegmentScorer.of(Kind.KMEANS.fit(x, 1));
        UnsupportedOperationException noProba = assertThrows(UnsupportedOperationException.class,
                () -> km.probabilities(x.row(0), new double[3]));
        assertTrue(noProba.getMessage().contains("MARGIN"), noProba.getMessage());
        assertThrows(UnsupportedOperationException.class, () -> km.probabilities(x));
        assertThrows(IllegalArgumentException.class, () -> km.assign(x.row(0), new Assignment(2)));
        assertThrows(IllegalArgumentException.class, () -> km.assign(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> km.assign(new double[] {Double.NaN, 0}));
        assertThrows(IllegalArgumentException.class, () -> km.withSegmentNames(List.of("a", "b", "noise")));
        assertThrows(IllegalArgumentException.class, () -> km.withSegmentNames(List.of("a", "a", "b")));
        assertThrows(IllegalArgumentException.class, () -> km.withNoiseName(" "));
        SegmentScorer named = km.withSegmentNames(List.of("a", "b", "c"));
        assertThrows(IllegalArgumentException.class, () -> named.withNoiseName("b"));
        Assignment fresh = new Assignment(3);
        assertThrows(IllegalStateException.class, fresh::segment);
        assertFalse(fresh.hasConfidence());
        assertThrows(IllegalArgumentException.class, () -> new Assignment(-1));
        assertThrows(IllegalArgumentException.class, () -> fresh.set(3));
    }

    @Test
    void aRawRecordScoresLikeItsValues() {
        Dataset x = blobs(120, 2, 3, 2);
        SegmentScorer s = SegmentScorer.of(Kind.KMEANS.fit(x, 3));
        RawRecord r = s.newRecord();
        r.set("x0", x.get(5, 0)).set("x1", x.get(5, 1));
        assertEquals(s.assign(x.row(5)), s.assign(r));
        assertThrows(IllegalArgumentException.class, () -> r.set("nope", 1.0));
        assertThrows(IllegalArgumentException.class, () -> r.set("x0", "a category"));
        r.setMissing("x1");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> s.assign(r));
        assertTrue(missing.getMessage().contains("x1"), missing.getMessage());
        SegmentScorer other = SegmentScorer.of(Kind.KMEANS.fit(x, 4));
        assertThrows(IllegalArgumentException.class, () -> other.assign(r));
    }

    @Test
    void scoringAllocatesNothingForEveryModelType() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "allocation counter not available");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        org.junit.jupiter.api.Assumptions.assumeTrue(mx.isThreadAllocatedMemorySupported()
                && mx.isThreadAllocatedMemoryEnabled(), "allocation counter not enabled");
        Dataset x = blobs(256, 3, 3, 12);
        double[][] rows = new double[64][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = x.row(i * 4);
        }
        for (Kind kind : Kind.values()) {
            SegmentScorer s = SegmentScorer.of(kind.fit(x, 5));
            Assignment a = s.newAssignment();
            double[] p = new double[s.k()];
            long sink = 0;
            long least = Long.MAX_VALUE;
            // Up to 40 rounds, stopping at the first clean one: the optimising compiler may come late on a loaded
            // machine, but code that keeps allocating (boxed vectors, a missed intrinsic) fails all of them.
            for (int round = 0; round < 40 && least >= 1024; round++) {
                long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 50_000; i++) {
                    double[] row = rows[i & 63];
                    sink += s.assign(row);
                    sink += s.assign(row, a);
                    if (s.confidenceKind() != ConfidenceKind.NONE) {
                        sink += (long) (s.confidence(row) * 8);
                    }
                    if (s.hasProbabilities()) {
                        sink += (long) s.probabilities(row, p)[0];
                    }
                }
                long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
                // round 0 warms up (per-thread buffers, JIT); the steady state is the least of the later rounds.
                // 200,000 allocating calls would allocate megabytes in every round.
                if (round > 0) {
                    least = Math.min(least, allocated);
                }
            }
            assertTrue(least < 1024, kind + ": allocated at least " + least + " bytes per round; sink " + sink);
        }
    }

    @Test
    void everyModelTypeTravelsInsideAScorerFile() throws Exception {
        Dataset x = blobs(200, 2, 3, 8);
        for (Kind kind : Kind.values()) {
            ClusterModel m = kind.fit(x, 6);
            SegmentScorer s = SegmentScorer.of(m);
            SegmentScorer back = ModelIO.fromJson(ModelIO.toJson(s, Lineage.builder().build()))
                    .model(SegmentScorer.class);
            assertEquals(m, back.model().orElseThrow(), kind.toString());
            assertArrayEquals(m.predict(x), back.assign(x), kind.toString());
            assertEquals(s.confidenceKind(), back.confidenceKind());
        }
    }
}
