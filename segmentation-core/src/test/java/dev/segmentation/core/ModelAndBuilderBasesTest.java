/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.dbscan.DbscanModel;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.hierarchical.TwoStageWard;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared bases of models and builders: what they check and what every subclass gets from them. */
class ModelAndBuilderBasesTest {
    private static final Dataset TWO_GROUPS = Dataset.of(new double[][] {
            {0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}, {50, 50}});

    @Test
    void fitRunRejectsImpossibleRuns() {
        assertThrows(IllegalArgumentException.class, () -> new FitRun(-1, true, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FitRun(3, true, 1, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new FitRun(3, true, 1, -1, 2));
        assertEquals(0, new FitRun(0, false, 0, 0, 0).nInit());
    }

    @Test
    void iterativeModelsExposeTheirRunUnderScikitLearnNames() {
        KMeansModel m = KMeans.builder().k(2).nInit(3).seed(9).singleThreaded().build().fit(TWO_GROUPS);
        FitRun run = m.fitRun();
        assertEquals(new FitRun(m.iterations(), m.converged(), 9, m.bestRun(), 3), run);
        assertTrue(m.bestRun() < 3);
    }

    @Test
    void everyIterativeEstimatorHoldsWhatItsBuilderSet() {
        List<IterativeClusterer<?>> set = List.of(
                KMeans.builder().k(2).nInit(4).maxIter(7).tol(0.5).seed(11).build(),
                GaussianMixture.builder().k(2).nInit(4).maxIter(7).tol(0.5).seed(11).build(),
                TwoStageWard.builder().microClusters(5).nClusters(2).nInit(4).maxIter(7).tol(0.5).seed(11).build());
        for (IterativeClusterer<?> e : set) {
            assertEquals(List.of(4, 7, 0.5, 11L), List.of(e.nInit(), e.maxIter(), e.tol(), e.seed()), e.toString());
        }
        List<IterativeClusterer<?>> defaults = List.of(KMeans.builder().k(2).build(),
                GaussianMixture.builder().k(2).build(), TwoStageWard.builder().nClusters(2).build());
        for (IterativeClusterer<?> e : defaults) {
            assertEquals(1, e.nInit(), e.toString());
        }
        assertEquals(KMeans.DEFAULT_MAX_ITER, defaults.get(0).maxIter());
        assertEquals(GaussianMixture.DEFAULT_TOL, defaults.get(1).tol());
    }

    @Test
    void aFitInsideAFitRunsOnTheSamePool() {
        // The mixture's K-means initialisation and Ward's K-means stage run single-threaded inside a
        // single-threaded fit and give the same result as on the common pool.
        Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}, {5, 6}, {6, 5}});
        assertEquals(GaussianMixture.builder().k(2).seed(3).build().fit(x).means(),
                GaussianMixture.builder().k(2).seed(3).singleThreaded().build().fit(x).means());
        assertArrayEquals(TwoStageWard.builder().microClusters(4).nClusters(2).build().fit(x).trainingLabels(),
                TwoStageWard.builder().microClusters(4).nClusters(2).singleThreaded().build().fit(x).trainingLabels());
    }

    @Test
    void clusterSizesExcludeNoiseAndEqualityCoversTheSharedState() {
        DbscanModel d = Dbscan.builder().eps(2).minPts(3).build().fit(TWO_GROUPS);
        assertEquals(ClusterModel.NOISE, d.trainingLabels()[6]);
        assertArrayEquals(new int[] {3, 3}, d.clusterSizes());
        assertEquals(d, Dbscan.builder().eps(2).minPts(3).singleThreaded().build().fit(TWO_GROUPS));
        assertNotEquals(d, Dbscan.builder().eps(2).minPts(2).build().fit(TWO_GROUPS));
    }

    @Test
    void centroidsMustAgreeWithTheModel() {
        Centroids c = Centroids.ofRowMajor(new double[] {0, 0, 1, 1}, 2, List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Probe(List.of("a", "c"), 2, new int[] {0, 1}, c));
        assertTrue(e.getMessage().contains("columns [a, c]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Probe(List.of("a", "b"), 3, new int[0], c));
        assertThrows(IllegalArgumentException.class, () -> new Probe(List.of("a", "b"), -1, new int[0], null));
    }

    @Test
    void theBaseCopiesTheLabelsInAndOut() {
        int[] labels = {0, 1, 1};
        Probe p = new Probe(List.of("a"), 2, labels, null);
        labels[0] = 1;
        assertArrayEquals(new int[] {0, 1, 1}, p.trainingLabels());
        p.trainingLabels()[0] = 1;
        assertArrayEquals(new int[] {1, 2}, p.clusterSizes());
        assertTrue(p.centroids().isEmpty());
    }

    @Test
    void sharedBuilderOptionsAreValidatedAndSetOnce() {
        assertThrows(IllegalArgumentException.class, () -> GaussianMixture.builder().nInit(0));
        assertThrows(IllegalArgumentException.class, () -> TwoStageWard.builder().tol(-1));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().maxIter(0));
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> TwoStageWard.builder().seed(1).seed(2));
        assertEquals("seed was already set", twice.getMessage());
        assertThrows(IllegalStateException.class, () -> Dbscan.builder().singleThreaded().pool(
                java.util.concurrent.ForkJoinPool.commonPool()));
    }

    /** The smallest subclass: no parameters of its own. */
    private static final class Probe extends AbstractClusterModel {
        Probe(List<String> columns, int k, int[] labels, Centroids centroids) {
            super(columns, k, labels, centroids);
        }
    }
}
