/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.kmeans.KMeansFixtures.Fixture;
import dev.segmentation.core.kmeans.KMeansFixtures.FixedRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * K-means against scikit-learn 1.2.1, from the fixtures in {@code src/test/resources/fixtures/kmeans} (the
 * script that made them, with the exact scikit-learn calls and versions, is committed beside them).
 *
 * <p><b>Fixed initialisation.</b> From the same explicit centres as {@code KMeans(init=<array>, n_init=1,
 * algorithm="lloyd")}, both {@link KMeans.Algorithm#LLOYD} and {@link KMeans.Algorithm#HAMERLY} must give
 * identical labels, the same number of iterations and the same stopping outcome, every centre coordinate
 * within {@value #CENTRE_TOL} (absolute where the reference coordinate is at most 1 in magnitude, relative
 * above), and the inertia, and the inertia after each E-step, within {@value #INERTIA_REL_TOL} relative.
 * The fit on a two-thread {@link ForkJoinPool} must be bit-identical to the single-threaded one.
 *
 * <p><b>Quality.</b> With the default greedy k-means++, the default seed and {@code nInit(10)}, the inertia
 * must be at most {@value #QUALITY_FACTOR} times scikit-learn's best-of-10 inertia ({@code KMeans(k,
 * n_init=10, random_state=r)}), taking the lowest over the recorded random states {@code r = 0..4}. On the
 * RFM matrix for k of 7 and above this bar is not met by every seed, by scikit-learn's own best-of-10 either
 * (several local minima lie within a fraction of a percent of each other), so the seed is fixed.
 *
 * <p>The blobs with 3000 rows fit in one chunk, so their two-thread runs exercise the single-chunk path;
 * the 5000-row blobs and the RFM matrix are split into two chunks.
 */
class KMeansReferenceTest {
    static final double CENTRE_TOL = 1e-9;
    static final double INERTIA_REL_TOL = 1e-9;
    static final double QUALITY_FACTOR = 1.001;

    private static ForkJoinPool pool;

    @BeforeAll
    static void startPool() {
        pool = new ForkJoinPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    static Stream<Arguments> fixedRuns() {
        List<Arguments> out = new ArrayList<>();
        for (String name : KMeansFixtures.ALL) {
            for (String run : KMeansFixtures.load(name).fixedRunNames()) {
                for (KMeans.Algorithm a : KMeans.Algorithm.values()) {
                    out.add(Arguments.of(name, run, a));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("fixedRuns")
    void fixedInitialisationMatchesScikitLearn(String fixture, String runName, KMeans.Algorithm algorithm,
                                               TestReporter reporter) {
        Fixture f = KMeansFixtures.load(fixture);
        FixedRun ref = f.fixedRun(runName);
        String what = fixture + " / " + runName + " / " + algorithm + " vs " + ref.call;

        List<Double> trace = new ArrayList<>();
        KMeansModel single = fixedFit(f, ref, algorithm, null,
                FitControl.none().withListener((Progress p) -> trace.add(p.objective())));

        assertArrayEquals(ref.labels, single.trainingLabels(), what + ": labels");
        assertEquals(ref.nIter, single.iterations(), what + ": iterations");
        assertEquals(ref.converged, single.converged(), what + ": converged");

        double[][] centres = single.clusterCenters().toArray();
        double maxCentreDev = 0;
        for (int c = 0; c < ref.centres.length; c++) {
            for (int j = 0; j < ref.centres[c].length; j++) {
                double expected = ref.centres[c][j];
                double dev = Math.abs(centres[c][j] - expected) / Math.max(1, Math.abs(expected));
                maxCentreDev = Math.max(maxCentreDev, dev);
                final int cc = c;
                final int jj = j;
                assertTrue(dev <= CENTRE_TOL, () -> what + ": centre " + cc + " coordinate " + jj + " is "
                        + centres[cc][jj] + " but scikit-learn " + expected);
            }
        }
        double inertiaDev = relative(single.inertia(), ref.inertia);
        assertTrue(inertiaDev <= INERTIA_REL_TOL,
                () -> what + ": inertia " + single.inertia() + " but scikit-learn " + ref.inertia);

        assertEquals(ref.inertiaTrace.length, trace.size(), what + ": progress reports");
        double maxTraceDev = 0;
        for (int i = 0; i < trace.size(); i++) {
            double dev = relative(trace.get(i), ref.inertiaTrace[i]);
            maxTraceDev = Math.max(maxTraceDev, dev);
            final int it = i + 1;
            assertTrue(dev <= INERTIA_REL_TOL, () -> what + ": inertia after E-step " + it + " is "
                    + trace.get(it - 1) + " but scikit-learn " + ref.inertiaTrace[it - 1]);
        }

        KMeansModel multi = fixedFit(f, ref, algorithm, pool, FitControl.none());
        assertBitIdentical(single, multi, what + ": two threads vs one");

        reporter.publishEntry("deviation", String.format(
                "centres %.3g, inertia %.3g, per-iteration inertia %.3g (iterations %d)",
                maxCentreDev, inertiaDev, maxTraceDev, single.iterations()));
    }

    static Stream<Arguments> qualityCases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : KMeansFixtures.ALL) {
            for (int k : KMeansFixtures.load(name).bestOfTenKs()) {
                out.add(Arguments.of(name, k));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} k={1}")
    @MethodSource("qualityCases")
    void bestOfTenIsAsGoodAsScikitLearn(String fixture, int k, TestReporter reporter) {
        Fixture f = KMeansFixtures.load(fixture);
        KMeansModel model = KMeans.builder().k(k).nInit(10).pool(pool).build().fit(f.data);
        double reference = f.bestOfTenMin(k);
        double ratio = model.inertia() / reference;
        reporter.publishEntry("inertia", String.format("ours %.10g, scikit-learn best-of-10 %.10g "
                + "(random_state=0: %.10g), ratio %.6f", model.inertia(), reference, f.bestOfTen(k, 0), ratio));
        assertTrue(model.inertia() <= QUALITY_FACTOR * reference, () -> fixture + " k=" + k + ": inertia "
                + model.inertia() + " is more than " + QUALITY_FACTOR + " x scikit-learn's best-of-10 " + reference);
    }

    private static KMeansModel fixedFit(Fixture f, FixedRun ref, KMeans.Algorithm algorithm, ForkJoinPool p,
                                        FitControl control) {
        KMeans.Builder b = KMeans.builder().initialCentroids(ref.init).nInit(1).maxIter(ref.maxIter).tol(ref.tol)
                .algorithm(algorithm);
        if (p == null) {
            b.singleThreaded();
        } else {
            b.pool(p);
        }
        return b.build().fit(f.data, ref.weights, control);
    }

    private static void assertBitIdentical(KMeansModel a, KMeansModel b, String what) {
        // Arrays.equals(double[], double[]) compares bit patterns
        assertTrue(Arrays.equals(a.clusterCenters().toRowMajorArray(), b.clusterCenters().toRowMajorArray()),
                what + ": centre bits");
        assertArrayEquals(a.trainingLabels(), b.trainingLabels(), what + ": labels");
        assertEquals(Double.doubleToRawLongBits(a.inertia()), Double.doubleToRawLongBits(b.inertia()),
                what + ": inertia bits");
        assertEquals(a.iterations(), b.iterations(), what + ": iterations");
        assertEquals(a.converged(), b.converged(), what + ": converged");
    }

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / Math.abs(expected);
    }
}
