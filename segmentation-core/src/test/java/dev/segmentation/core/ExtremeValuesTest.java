/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.hierarchical.TwoStageWard;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's one policy for finite values whose squares leave the double range ({@link DistanceRange}): every
 * distance-based fit refuses them before any work with a message naming the row, column and value, and data
 * scaled by large or small powers of ten that stay inside the bound give the same answer as the unscaled data.
 */
class ExtremeValuesTest {

    /** Three well separated groups in two columns, 20 rows each. */
    private static double[] groups(double centreScale, double spread) {
        Random rnd = new Random(11);
        double[] x = new double[60 * 2];
        for (int i = 0; i < 60; i++) {
            int g = i % 3;
            x[2 * i] = (g - 1) * centreScale + spread * rnd.nextGaussian();
            x[2 * i + 1] = (g == 2 ? 1 : -1) * centreScale + spread * rnd.nextGaussian();
        }
        return x;
    }

    private static Dataset data(double[] x) {
        return Dataset.ofRowMajor(x, x.length / 2, List.of("a", "b"));
    }

    private static double[] scaled(double[] x, double factor) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] *= factor;
        }
        return y;
    }

    /** Each fit, with its absolute parameters (eps, given centres, covariance floor) multiplied by a scale. */
    static Stream<Arguments> fits() {
        return Stream.of(
                fit("k-means", (d, s) -> KMeans.builder().k(3).seed(1).build().fit(d)),
                fit("k-means from given centres", (d, s) -> KMeans.builder()
                        .initialCentroids(new double[][] {{-s, -s}, {0, -s}, {s, s}}).build().fit(d)),
                fit("mini-batch k-means", (d, s) -> MiniBatchKMeans.builder().k(3).batchSize(16).seed(1).build().fit(d)),
                fit("mini-batch partialFit", (d, s) -> MiniBatchKMeans.builder().k(3).seed(1).build().partialFit(d)),
                fit("Gaussian mixture", (d, s) -> GaussianMixture.builder().k(3).seed(1).regCovar(1e-6 * s * s)
                        .build().fit(d)),
                fit("Ward", (d, s) -> AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(3).build().fit(d)),
                fit("average linkage", (d, s) ->
                        AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(3).build().fit(d)),
                fit("single linkage", (d, s) ->
                        AgglomerativeClustering.builder().linkage(Linkage.SINGLE).nClusters(3).build().fit(d)),
                fit("two-stage Ward", (d, s) -> TwoStageWard.builder().microClusters(12).nClusters(3).seed(1).build()
                        .fit(d)),
                fit("DBSCAN", (d, s) -> Dbscan.builder().eps(0.5 * s).minPts(3).build().fit(d)));
    }

    private static Arguments fit(String name, BiFunction<Dataset, Double, Object> fit) {
        return Arguments.of(name, fit);
    }

    @ParameterizedTest(name = "{0} refuses groups near 1e160 and 1e300, naming row, column and value")
    @MethodSource("fits")
    void tooLargeIsRefusedWithTheCulprit(String name, BiFunction<Dataset, Double, Object> fit) {
        for (double scale : new double[] {1e160, 1e300}) {
            double[] x = groups(scale, scale / 10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.apply(data(x), 1.0),
                    name + " at " + scale);
            String m = e.getMessage();
            assertTrue(m.contains("too large") && m.contains(" at row ") && m.contains("column "), m);
            int row = Integer.parseInt(m.replaceAll("(?s).* at row (\\d+),.*", "$1"));
            int col = m.contains("column 0") ? 0 : 1;
            double value = Double.parseDouble(m.replaceAll("(?s)^The value (\\S+) at row.*", "$1"));
            assertEquals(x[2 * row + col], value, 0.0, m);
            assertTrue(Math.abs(value) > DistanceRange.largestMagnitude(60, 2, 0), m);
        }
    }

    @ParameterizedTest(name = "{0} refuses distinct subnormal-only rows")
    @MethodSource("fits")
    void subnormalOnlyIsRefused(String name, BiFunction<Dataset, Double, Object> fit) {
        double[] x = new double[120];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) * Double.MIN_VALUE * 1000;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.apply(data(x), 1.0), name);
        assertTrue(e.getMessage().contains("too small") && e.getMessage().contains("column"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}: data scaled by 2^465 or 2^-465 give the unscaled labels")
    @MethodSource("fits")
    void scaledDataInsideTheBoundGiveTheSameLabels(String name, BiFunction<Dataset, Double, Object> fit) {
        double[] x = groups(1, 0.05);
        int[] expected = labels(fit.apply(data(x), 1.0));
        assertEquals(3, Arrays.stream(expected).distinct().count(), name + " finds the three groups");
        // Powers of two (about 1e140 and 1e-140) scale every product exactly, so the labels must be identical.
        for (double factor : new double[] {Math.scalb(1.0, 465), Math.scalb(1.0, -465)}) {
            assertArrayEquals(expected, labels(fit.apply(data(scaled(x, factor)), factor)), name + " x " + factor);
        }
    }

    @Test
    void theCheckSplitIntoChunksOnAPoolNamesTheSameCulpritAsOneThread() {
        // 20,000 rows span several of Parallel's chunks; two values over the bound sit in different chunks, the
        // one in column 0 at a later row than the one in column 1: column order decides which one is named.
        int n = 20_000;
        double[] x = new double[n * 2];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 13) - 6;
        }
        double limit = DistanceRange.largestMagnitude(n, 2, 0);
        x[2 * 15_000] = -4 * limit;
        x[2 * 3_000 + 1] = 2 * limit;
        java.util.concurrent.ForkJoinPool two = new java.util.concurrent.ForkJoinPool(2);
        try {
            for (java.util.concurrent.ForkJoinPool pool : java.util.Arrays.asList(null, two)) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> DistanceRange.check(x, n, 2, List.of("a", "b"), 0, "k-means", pool));
                assertTrue(e.getMessage().startsWith("The value " + (-4 * limit) + " at row 15000, column 0 ('a')"),
                        e.getMessage());
            }
            double[] tiny = new double[n * 2];
            tiny[2 * 17_000 + 1] = 1e-200;
            IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                    () -> DistanceRange.check(tiny, n, 2, List.of("a", "b"), 0, "k-means", two));
            assertTrue(small.getMessage().contains("1.0E-200 (column 1 ('b'))"), small.getMessage());
            DistanceRange.check(groups(1, 0.1), 60, 2, null, 0, "k-means", two);
        } finally {
            two.shutdown();
        }
    }

    @Test
    void kMeansObjectiveAndCentresScaleWithTheData() {
        double[] x = groups(1, 0.3);
        KMeansModel base = KMeans.builder().k(3).seed(4).build().fit(data(x));
        double factor = Math.scalb(1.0, 498); // about 1.6e149
        KMeansModel big = KMeans.builder().k(3).seed(4).build().fit(data(scaled(x, factor)));
        assertTrue(Double.isFinite(big.inertia()), "inertia " + big.inertia());
        assertEquals(base.inertia(), big.inertia() / factor / factor, 1e-12 * base.inertia());
        double[] c0 = base.centroids().orElseThrow().toRowMajorArray();
        double[] c1 = big.centroids().orElseThrow().toRowMajorArray();
        for (int i = 0; i < c0.length; i++) {
            assertEquals(c0[i], c1[i] / factor, 1e-12 * Math.max(1, Math.abs(c0[i])), "centre value " + i);
        }
    }

    @Test
    void theBoundGrowsWithRowsColumnsAndWeights() {
        assertTrue(DistanceRange.largestMagnitude(1_000_000, 16, 0) > 1e149);
        assertTrue(DistanceRange.largestMagnitude(1_000_000, 16, 0) < DistanceRange.largestMagnitude(1000, 16, 0));
        assertEquals(DistanceRange.largestMagnitude(10, 2, 1e6), DistanceRange.largestMagnitude(1_000_000, 2, 0), 0);
        // Just inside the bound: every squared distance and their sum over the rows stays finite.
        double m = DistanceRange.largestMagnitude(60, 2, 0);
        double[] x = new double[120];
        for (int i = 0; i < 120; i++) {
            x[i] = (i % 2 == 0 ? m : -m) * ((i / 2) % 3 - 1);
        }
        KMeansModel model = KMeans.builder().k(3).seed(1).build().fit(data(x));
        assertTrue(Double.isFinite(model.inertia()));
        assertTrue(Arrays.stream(model.centroids().orElseThrow().toRowMajorArray()).allMatch(Double::isFinite));
    }

    @Test
    void infiniteTotalWeightIsRefused() {
        double[] w = new double[60];
        Arrays.fill(w, Double.MAX_VALUE / 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().k(3).seed(1).build().fit(data(groups(1, 0.1)), w, FitControl.none()));
        assertTrue(e.getMessage().contains("sample weights"), e.getMessage());
    }

    private static int[] labels(Object model) {
        return ((ClusterModel) model).trainingLabels();
    }
}
