/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.validation.stats.SeparationTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics follow the library's policy for values whose squares leave the double range: refused with the
 * row, column and value (never NaN, infinity or a wrong 0), and scale-free metrics unchanged by a scaling that
 * stays inside the bound.
 */
class ExtremeValuesMetricsTest {
    private static final int N = 60;

    private static double[] groups(double scale) {
        Random rnd = new Random(5);
        double[] x = new double[N * 2];
        for (int i = 0; i < N; i++) {
            int g = i % 3;
            x[2 * i] = scale * ((g - 1) + 0.2 * rnd.nextGaussian());
            x[2 * i + 1] = scale * ((g == 2 ? 1 : -1) + 0.2 * rnd.nextGaussian());
        }
        return x;
    }

    private static int[] labels() {
        int[] l = new int[N];
        for (int i = 0; i < N; i++) {
            l[i] = i % 3;
        }
        return l;
    }

    private static Dataset data(double[] x) {
        return Dataset.ofRowMajor(x, N, List.of("a", "b"));
    }

    static Stream<Arguments> metrics() {
        return Stream.of(
                metric("silhouette", (d, l) -> Silhouette.score(d, l)),
                metric("Davies-Bouldin", (d, l) -> DaviesBouldin.score(d, l)),
                metric("Calinski-Harabasz", (d, l) -> CalinskiHarabasz.score(d, l)),
                metric("sum of squares", (d, l) -> SumOfSquares.of(d, l).explainedShare()),
                metric("inertia", (d, l) -> Inertia.of(d, l, 3)),
                metric("BIC", (d, l) -> Bic.hardSphericalGaussian(d, l)),
                metric("separation tests", (d, l) -> SeparationTests.of(d, l)));
    }

    private static Arguments metric(String name, BiFunction<Dataset, int[], Object> metric) {
        return Arguments.of(name, metric);
    }

    @ParameterizedTest(name = "{0} refuses data near 1e160 and 1e300")
    @MethodSource("metrics")
    void tooLargeIsRefused(String name, BiFunction<Dataset, int[], Object> metric) {
        for (double scale : new double[] {1e160, 1e300}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> metric.apply(data(groups(scale)), labels()), name);
            assertTrue(e.getMessage().contains("too large") && e.getMessage().contains(" at row "), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0} refuses distinct subnormal-only rows")
    @MethodSource("metrics")
    void subnormalOnlyIsRefused(String name, BiFunction<Dataset, int[], Object> metric) {
        double[] x = groups(Double.MIN_VALUE * 1e6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> metric.apply(data(x), labels()), name);
        assertTrue(e.getMessage().contains("too small"), e.getMessage());
    }

    @Test
    void scaleFreeMetricsAreUnchangedInsideTheBound() {
        double[] x = groups(1);
        for (double factor : new double[] {Math.scalb(1.0, 465), Math.scalb(1.0, -465)}) {
            double[] y = x.clone();
            for (int i = 0; i < y.length; i++) {
                y[i] *= factor;
            }
            Dataset a = data(x);
            Dataset b = data(y);
            int[] l = labels();
            assertEquals(Silhouette.score(a, l), Silhouette.score(b, l), 1e-12);
            assertEquals(DaviesBouldin.score(a, l), DaviesBouldin.score(b, l), 1e-12);
            double ch = CalinskiHarabasz.score(a, l);
            assertEquals(ch, CalinskiHarabasz.score(b, l), 1e-12 * ch);
            assertEquals(SumOfSquares.of(a, l).explainedShare(), SumOfSquares.of(b, l).explainedShare(), 1e-12);
            double w = Inertia.of(a, l, 3);
            assertEquals(w, Inertia.of(b, l, 3) / factor / factor, 1e-12 * w);
        }
    }

    @Test
    void inertiaRefusesExtremeCentresToo() {
        Centroids huge = Centroids.ofRowMajor(new double[] {1e200, 0, 0, 0, 0, 1}, 3, List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Inertia.of(data(groups(1)), labels(), huge));
        assertTrue(e.getMessage().contains("1.0E200") && e.getMessage().contains("centres"), e.getMessage());
    }

    @Test
    void profilesAndAnovaRefuseSumsThatOverflowInsteadOfPrintingNaN() {
        // The means of these finite values exist, but their variance does not fit a double: profiles printed NaN
        // means and the ANOVA returned F = NaN.
        double[] v = {-1e308, -5e307, 0, 5e307, 1e308, 1.5e308, 1.6e308, 1.7e308};
        int[] g = {0, 0, 0, 0, 1, 1, 1, 1};
        double[][] rows = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            rows[i] = new double[] {i, v[i]};
        }
        Dataset raw = Dataset.of(rows, List.of("b", "wide"));
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
                () -> SegmentProfiles.of(raw, g, 2, "b"));
        assertTrue(p.getMessage().startsWith("Column 'wide'") && p.getMessage().contains("1.7E308"), p.getMessage());
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class,
                () -> dev.segmentation.validation.stats.OneWayAnova.test(v, g));
        assertTrue(a.getMessage().contains("overflow") && a.getMessage().contains("1.7E308"), a.getMessage());
        double[] money = new double[v.length];
        java.util.Arrays.fill(money, 1e308);
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> SegmentProfiles.of(Dataset.of(new double[][] {{0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}},
                        List.of("b")), g, 2, money, "revenue"));
        assertTrue(m.getMessage().contains("'revenue'"), m.getMessage());
    }

    @Test
    void largeButSafeValuesRenderWithAnExponent() {
        double[][] rows = {{1e100, 0}, {2e100, 1}, {3e100, 2}, {4e100, 3}};
        String table = SegmentProfiles.of(Dataset.of(rows, List.of("big", "b")), new int[] {0, 0, 1, 1}, 2, "b")
                .table();
        assertTrue(table.contains("1.500e+100") && table.contains("3.500e+100"), table);
        assertTrue(table.lines().allMatch(l -> l.length() < 200), table);
    }
}
