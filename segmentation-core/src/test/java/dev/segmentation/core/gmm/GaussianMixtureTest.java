/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.CancelToken;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitCancelledException;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimator's options, bad input, the collapse policy and the fitted model's invariants. */
class GaussianMixtureTest {

    /** n rows around k well-separated centres in d dimensions, anisotropic noise. */
    static Dataset blobs(int n, int d, int k, long seed) {
        return blobs(n, d, k, 6, seed);
    }

    /** As {@link #blobs(int, int, int, long)} with centres {@code spacing} apart per feature. */
    static Dataset blobs(int n, int d, int k, double spacing, long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                rows[i][j] = spacing * c * (j % 2 == 0 ? 1 : -1) + (1 + 0.5 * j) * r.nextGaussian();
            }
        }
        return Dataset.of(rows);
    }

    static void assertThrowsWith(Class<? extends Throwable> type, String expected, Runnable action) {
        Throwable e = assertThrows(type, action::run);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    // ------------------------------------------------------------------------------------------- builder

    @Test
    void builderRejectsBadValuesWithTheValueInTheMessage() {
        assertThrowsWith(IllegalArgumentException.class, "k must be >= 1 but was 0",
                () -> GaussianMixture.builder().k(0));
        assertThrowsWith(IllegalArgumentException.class, "regCovar must be finite and >= 0 but was -1.0",
                () -> GaussianMixture.builder().regCovar(-1));
        assertThrowsWith(IllegalArgumentException.class, "regCovar must be finite and >= 0 but was NaN",
                () -> GaussianMixture.builder().regCovar(Double.NaN));
        assertThrowsWith(IllegalArgumentException.class, "tol must be finite and >= 0 but was Infinity",
                () -> GaussianMixture.builder().tol(Double.POSITIVE_INFINITY));
        assertThrowsWith(IllegalArgumentException.class, "maxIter must be >= 1 but was 0",
                () -> GaussianMixture.builder().maxIter(0));
        assertThrowsWith(IllegalArgumentException.class, "nInit must be >= 1 but was -2",
                () -> GaussianMixture.builder().nInit(-2));
        assertThrowsWith(IllegalArgumentException.class, "initialWeights must sum to 1 but sum to 0.9",
                () -> GaussianMixture.builder().initialWeights(new double[] {0.4, 0.5}));
        assertThrowsWith(IllegalArgumentException.class, "initialWeights[1] must be finite and > 0 but was NaN",
                () -> GaussianMixture.builder().initialWeights(new double[] {0.5, Double.NaN}));
        assertThrowsWith(IllegalArgumentException.class, "initialWeights[0] must be finite and > 0 but was 0.0",
                () -> GaussianMixture.builder().initialWeights(new double[] {0, 1}));
        assertThrowsWith(IllegalArgumentException.class, "Ragged rows",
                () -> GaussianMixture.builder().initialMeans(new double[][] {{1, 2}, {3}}));
        assertThrowsWith(IllegalArgumentException.class, "Non-finite value Infinity",
                () -> GaussianMixture.builder().initialMeans(new double[][] {{1, 2}, {3, Double.POSITIVE_INFINITY}}));
        assertThrowsWith(IllegalArgumentException.class, "initialPrecisions[2] is not finite: NaN",
                () -> GaussianMixture.builder().initialPrecisions(new double[] {1, 0, Double.NaN, 1}));
        assertThrows(NullPointerException.class, () -> GaussianMixture.builder().covarianceType(null));
    }

    @Test
    void builderRejectsSecondSetsAndBadCombinations() {
        assertThrowsWith(IllegalStateException.class, "k was already set", () -> GaussianMixture.builder().k(2).k(3));
        assertThrowsWith(IllegalStateException.class, "pool was already set",
                () -> GaussianMixture.builder().singleThreaded().pool(ForkJoinPool.commonPool()));
        assertThrowsWith(IllegalStateException.class, "k must be set", () -> GaussianMixture.builder().build());
        assertThrowsWith(IllegalStateException.class, "k = 3 but initialWeights gives 2",
                () -> GaussianMixture.builder().k(3).initialWeights(new double[] {0.5, 0.5}).build());
        double[][] means = {{0, 0}, {1, 1}};
        double[] eye = {1, 0, 0, 1, 1, 0, 0, 1};
        assertThrowsWith(IllegalStateException.class, "nInit = 2 with all initial parameters given",
                () -> GaussianMixture.builder().nInit(2).initialWeights(new double[] {0.5, 0.5}).initialMeans(means)
                        .initialPrecisions(eye).build());
        assertThrowsWith(IllegalArgumentException.class, "not the FULL layout",
                () -> GaussianMixture.builder().k(2).initialPrecisions(new double[] {1, 2, 3}).build());
        assertThrowsWith(IllegalArgumentException.class, "component 1 is not symmetric",
                () -> GaussianMixture.builder().initialMeans(means)
                        .initialPrecisions(new double[] {1, 0, 0, 1, 1, 0.5, 0, 1}).build());
        assertThrowsWith(IllegalArgumentException.class, "component 0 is not positive definite",
                () -> GaussianMixture.builder().initialMeans(means)
                        .initialPrecisions(new double[] {1, 2, 2, 1, 1, 0, 0, 1}).build());
        assertThrowsWith(IllegalArgumentException.class, "component 1 is not positive definite",
                () -> GaussianMixture.builder().k(2).covarianceType(CovarianceType.SPHERICAL)
                        .initialPrecisions(new double[] {1, -1}).build());
        assertThrowsWith(IllegalStateException.class, "initialPrecisions are for d = 2 but initialMeans have 3",
                () -> GaussianMixture.builder().initialMeans(new double[][] {{0, 0, 0}, {1, 1, 1}})
                        .initialPrecisions(eye).build());
        GaussianMixture g = GaussianMixture.builder().k(2).build();
        assertEquals(CovarianceType.FULL, g.covarianceType());
        assertEquals(GaussianMixture.DEFAULT_REG_COVAR, g.regCovar());
        assertEquals(GaussianMixture.DEFAULT_MAX_ITER, g.maxIter());
        assertEquals(GaussianMixture.DEFAULT_TOL, g.tol());
        assertEquals(1, g.nInit());
        assertEquals(GaussianMixture.Init.KMEANS, g.init());
        assertEquals(GaussianMixture.CollapsePolicy.REINITIALIZE, g.collapsePolicy());
        assertEquals(GaussianMixture.DEFAULT_SEED, g.seed());
    }

    // ----------------------------------------------------------------------------------------- bad data

    @Test
    void badDataIsRejectedBeforeAnyWork() {
        Dataset three = Dataset.of(new double[][] {{0, 1}, {2, 3}, {4, 5}});
        assertThrowsWith(IllegalArgumentException.class, "k = 4 is larger than the number of rows, n = 3",
                () -> GaussianMixture.builder().k(4).build().fit(three));
        assertThrowsWith(IllegalArgumentException.class, "the dataset has no rows",
                () -> GaussianMixture.builder().k(1).build().fit(Dataset.ofRowMajor(new double[0], 0,
                        List.of("a", "b"))));
        assertThrowsWith(IllegalArgumentException.class, "The initial means have 3 columns but the data have 2",
                () -> GaussianMixture.builder().initialMeans(new double[][] {{0, 0, 0}}).build().fit(three));
        assertThrowsWith(IllegalArgumentException.class, "initialPrecisions has 3 values but a DIAG mixture of 1 "
                        + "components in 2 dimensions needs 2",
                () -> GaussianMixture.builder().k(1).covarianceType(CovarianceType.DIAG)
                        .initialPrecisions(new double[] {1, 1, 1}).build().fit(three));
        assertThrowsWith(IllegalArgumentException.class, "initialPrecisions has 1 values, which is not the SPHERICAL",
                () -> GaussianMixture.builder().k(2).covarianceType(CovarianceType.SPHERICAL)
                        .initialPrecisions(new double[] {1}).build());
        // NaN and infinity cannot reach a fit: the dataset rejects them, naming row and column
        assertThrowsWith(IllegalArgumentException.class, "Non-finite value NaN in dataset at row 1, column 0",
                () -> Dataset.of(new double[][] {{0, 1}, {Double.NaN, 3}}));
        assertThrowsWith(IllegalArgumentException.class, "Non-finite value -Infinity in dataset at row 0, column 1",
                () -> Dataset.of(new double[][] {{0, Double.NEGATIVE_INFINITY}}));
    }

    @Test
    void allPointsIdentical() {
        double[][] rows = new double[20][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {3, -1};
        }
        Dataset same = Dataset.of(rows);
        assertThrowsWith(IllegalArgumentException.class, "only 1 distinct row",
                () -> GaussianMixture.builder().k(2).build().fit(same));
        GaussianMixtureModel one = GaussianMixture.builder().k(1).build().fit(same);
        assertArrayEquals(new double[] {3, -1}, one.means().centre(0), 1e-14);
        assertArrayEquals(new double[] {1e-6, 0, 0, 1e-6}, one.covariances(), 1e-18);
        assertArrayEquals(new double[] {1}, one.predictProba(same)[0]);
        assertTrue(Double.isFinite(one.lowerBound()));
        // without regularisation the covariance is singular: the exception names the component and the remedy
        ComponentCollapseException e = assertThrows(ComponentCollapseException.class,
                () -> GaussianMixture.builder().k(1).regCovar(0).build().fit(same));
        assertEquals(0, e.component());
        assertEquals(0, e.iteration());
        assertTrue(e.getMessage().contains("component 0 collapsed") && e.getMessage().contains("increase regCovar"),
                e.getMessage());
    }

    @Test
    void duplicatePointsAreFine() {
        Dataset base = blobs(300, 2, 3, 5);
        double[][] rows = base.toArray();
        double[][] doubled = new double[rows.length * 2][];
        for (int i = 0; i < rows.length; i++) {
            doubled[2 * i] = rows[i];
            doubled[2 * i + 1] = rows[i].clone();
        }
        GaussianMixtureModel m = GaussianMixture.builder().k(3).seed(1).build().fit(Dataset.of(doubled));
        assertTrue(m.converged());
        int[] labels = m.trainingLabels();
        for (int i = 0; i < rows.length; i++) {
            assertEquals(labels[2 * i], labels[2 * i + 1]);
        }
    }

    // ------------------------------------------------------------------------------------------ collapse

    /** Two spread groups and a third group of 40 identical rows. */
    static Dataset withIdenticalGroup() {
        Random r = new Random(3);
        double[][] rows = new double[240][];
        for (int i = 0; i < 200; i++) {
            int c = i % 2;
            rows[i] = new double[] {10 * c + r.nextGaussian(), -10 * c + r.nextGaussian()};
        }
        for (int i = 200; i < 240; i++) {
            rows[i] = new double[] {30, 30};
        }
        return Dataset.of(rows);
    }

    @Test
    void singularCovarianceFailsWithTheComponentAndTheRemedy() {
        ComponentCollapseException e = assertThrows(ComponentCollapseException.class,
                () -> GaussianMixture.builder().k(3).regCovar(0).collapsePolicy(GaussianMixture.CollapsePolicy.FAIL)
                        .build().fit(withIdenticalGroup()));
        assertTrue(e.component() >= 0 && e.component() < 3);
        assertTrue(e.getMessage().contains("component " + e.component() + " collapsed at iteration")
                && e.getMessage().contains("not positive definite even after adding regCovar = 0.0")
                && e.getMessage().contains("increase regCovar"), e.getMessage());
    }

    @Test
    void singularCovarianceIsReinitialisedAndTheOutputStaysFinite() {
        Dataset data = withIdenticalGroup();
        GaussianMixtureModel m = GaussianMixture.builder().k(3).regCovar(0).maxIter(30).build().fit(data);
        assertTrue(m.reinitializations() > 0);
        assertFalse(m.converged(), "a run that re-initialises cannot converge on that iteration");
        for (double v : m.covariances()) {
            assertTrue(Double.isFinite(v));
        }
        for (double[] p : m.predictProba(data)) {
            assertEquals(1, Arrays.stream(p).sum(), 1e-12);
        }
        for (double v : m.scoreSamples(data)) {
            assertTrue(Double.isFinite(v));
        }
        // with the default regularisation nothing collapses: the identical rows get a tiny covariance
        GaussianMixtureModel reg = GaussianMixture.builder().k(3).build().fit(data);
        assertEquals(0, reg.reinitializations());
        assertTrue(reg.converged());
    }

    @Test
    void aComponentThatLosesAllItsRowsIsReinitialisedOrReported() {
        Dataset data = blobs(400, 2, 2, 9);
        double[][] means = {{0, 0}, {6, -6}, {3, -3}};
        double[] weights = {0.5, 0.5, 1e-300};
        GaussianMixture.Builder b = GaussianMixture.builder().initialMeans(means).initialWeights(weights);
        GaussianMixtureModel m = b.build().fit(data);
        assertEquals(1, m.reinitializations());
        for (double w : m.weights()) {
            assertTrue(w > 1e-6, Arrays.toString(m.weights()));
        }
        ComponentCollapseException e = assertThrows(ComponentCollapseException.class,
                () -> GaussianMixture.builder().initialMeans(means).initialWeights(weights)
                        .collapsePolicy(GaussianMixture.CollapsePolicy.FAIL).build().fit(data));
        assertEquals(2, e.component());
        assertEquals(1, e.iteration());
        assertTrue(e.getMessage().contains("lost all its rows"), e.getMessage());
    }

    @Test
    void aConstantColumnWithoutRegularisationCannotBeRescued() {
        Random r = new Random(4);
        double[][] rows = new double[100][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian() + (i % 2) * 8, 5};
        }
        Dataset data = Dataset.of(rows);
        ComponentCollapseException full = assertThrows(ComponentCollapseException.class,
                () -> GaussianMixture.builder().k(2).regCovar(0).build().fit(data));
        assertTrue(full.getMessage().contains("re-initialising it from the data's per-column variances did not help"),
                full.getMessage());
        ComponentCollapseException tied = assertThrows(ComponentCollapseException.class,
                () -> GaussianMixture.builder().k(2).regCovar(0).covarianceType(CovarianceType.TIED).build()
                        .fit(data));
        assertEquals(-1, tied.component());
        assertTrue(tied.getMessage().contains("tied covariance shared by all components"), tied.getMessage());
        // regularised, the same data fit
        GaussianMixtureModel ok = GaussianMixture.builder().k(2).build().fit(data);
        assertEquals(1e-6, ok.covariance(0)[1][1], 1e-12);
    }

    @Test
    void rowsTooFarAwayAreNamed() {
        GaussianMixtureModel m = GaussianMixture.builder().k(2).seed(3).build().fit(blobs(100, 2, 2, 1));
        Dataset far = Dataset.of(new double[][] {{0, 0}, {1e200, 1e200}});
        assertThrowsWith(IllegalArgumentException.class, "row 1 is not finite",
                () -> m.scoreSamples(far));
        assertThrowsWith(IllegalArgumentException.class, "row 1 is not finite", () -> m.predictProba(far));
    }

    // --------------------------------------------------------------------------------- model invariants

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void modelInvariants(CovarianceType type) {
        Dataset data = blobs(600, 3, 3, 11);
        GaussianMixtureModel m = GaussianMixture.builder().k(3).covarianceType(type).seed(5).build().fit(data);
        int n = data.rows();
        double[][] proba = m.predictProba(data);
        int[] predicted = m.predict(data);
        for (int i = 0; i < n; i++) {
            assertEquals(1, Arrays.stream(proba[i]).sum(), 1e-12);
            int best = 0;
            for (int c = 1; c < 3; c++) {
                if (proba[i][c] > proba[i][best]) {
                    best = c;
                }
            }
            assertEquals(best, predicted[i]);
        }
        assertArrayEquals(m.trainingLabels(), predicted, "training labels are the final E-step's");
        double[] ll = m.scoreSamples(data);
        double mean = Arrays.stream(ll).sum() / n;
        assertEquals(mean, m.score(data), 1e-12);
        assertEquals(-2 * m.score(data) * n + m.numberOfParameters() * Math.log(n), m.bic(data), 1e-9);
        assertEquals(-2 * m.score(data) * n + 2 * m.numberOfParameters(), m.aic(data), 1e-9);
        assertEquals(1, Arrays.stream(m.weights()).sum(), 1e-12);
        assertEquals(m.means(), m.centroids().orElseThrow());
        NearestCentroidScorer hard = NearestCentroidScorer.of(m);
        assertEquals(m.means(), hard.centroids());
        assertEquals(type.parameterLength(3, 3), m.covariances().length);
        assertEquals(type.parameterLength(3, 3), m.precisionsCholesky().length);
        double[][] c0 = m.covariance(0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(c0[i][j], c0[j][i]);
            }
        }
        assertTrue(m.converged());
        assertTrue(m.iterations() >= 1 && m.iterations() <= 100);
        assertEquals(600, m.trainingRows());
        assertThrows(IndexOutOfBoundsException.class, () -> m.covariance(3));
        assertThrowsWith(IllegalArgumentException.class, "fitted on columns",
                () -> m.predict(data.withColumnNames(List.of("a", "b", "c"))));
        // arrays are copies
        m.weights()[0] = 99;
        m.covariances()[0] = 99;
        assertNotEquals(99, m.weights()[0]);
        assertNotEquals(99, m.covariances()[0]);
    }

    @ParameterizedTest
    @EnumSource(value = GaussianMixture.Init.class, names = {"KMEANS", "K_MEANS_PLUS_PLUS"})
    void kMeansInitialisationsFindWellSeparatedBlobs(GaussianMixture.Init init) {
        Dataset data = blobs(900, 2, 3, 15, 21);
        int restarts = 3;
        GaussianMixtureModel m = GaussianMixture.builder().k(3).init(init).nInit(restarts).seed(2).build().fit(data);
        int[] labels = m.trainingLabels();
        // every generated blob (rows i % 3) is one component
        for (int i = 3; i < labels.length; i++) {
            assertEquals(labels[i % 3], labels[i], "row " + i);
        }
        assertEquals(init, m.init());
        assertEquals(restarts, m.nInit());
    }

    @Test
    void randomResponsibilitiesStartNearTheDataMeanAsInScikitLearn() {
        // scikit-learn 1.2.1 on the same kind of data (GaussianMixture(3, init_params="random", n_init=10)) also
        // stops after 2 iterations in the nearly symmetric solution: the lower bound barely moves from there
        Dataset data = blobs(900, 2, 3, 15, 21);
        GaussianMixtureModel m = GaussianMixture.builder().k(3).init(GaussianMixture.Init.RANDOM).nInit(10).seed(2)
                .build().fit(data);
        assertTrue(m.converged());
        assertTrue(m.iterations() <= 5, "iterations " + m.iterations());
        assertEquals(m, GaussianMixture.builder().k(3).init(GaussianMixture.Init.RANDOM).nInit(10).seed(2)
                .singleThreaded().build().fit(data));
        // without the tolerance EM breaks the symmetry and finds the blobs
        GaussianMixtureModel patient = GaussianMixture.builder().k(3).init(GaussianMixture.Init.RANDOM).tol(0)
                .maxIter(500).seed(2).build().fit(data);
        assertTrue(patient.lowerBound() > m.lowerBound() + 0.1, patient.lowerBound() + " vs " + m.lowerBound());
    }

    @Test
    void sameSeedSameModelWhateverTheThreads() {
        Dataset data = blobs(20_000, 4, 4, 8); // several chunks
        GaussianMixture.Builder b = GaussianMixture.builder().k(4).nInit(2).seed(17);
        GaussianMixtureModel single = GaussianMixture.builder().k(4).nInit(2).seed(17).singleThreaded().build()
                .fit(data);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            assertEquals(single, b.pool(pool).build().fit(data));
        } finally {
            pool.shutdown();
        }
        assertEquals(single, GaussianMixture.builder().k(4).nInit(2).seed(17).build().fit(data));
        assertEquals(17, single.seed());
    }

    @Test
    void progressIsReportedAndCancellationStopsTheFit() {
        Dataset data = blobs(2000, 3, 3, 2);
        List<Progress> seen = new ArrayList<>();
        GaussianMixtureModel m = GaussianMixture.builder().k(3).init(GaussianMixture.Init.RANDOM).build()
                .fit(data, FitControl.none().withListener(seen::add));
        List<Progress> em = seen.stream().filter(p -> p.algorithm().startsWith("gaussian mixture")).toList();
        assertEquals(m.iterations(), em.size());
        assertEquals(-m.lowerBound(), em.get(em.size() - 1).objective());
        assertEquals("gaussian mixture (full)", em.get(0).algorithm());
        CancelToken token = new CancelToken();
        FitControl cancelling = FitControl.none().withCancelToken(token).withListener(p -> token.cancel());
        assertThrows(FitCancelledException.class,
                () -> GaussianMixture.builder().k(3).init(GaussianMixture.Init.RANDOM).build().fit(data, cancelling));
    }

    @Test
    void givenParametersModelValidatesItsInput() {
        List<String> cols = List.of("a", "b");
        double[][] means = {{0, 0}, {1, 1}};
        assertThrowsWith(IllegalArgumentException.class, "weights must sum to 1",
                () -> GaussianMixtureModel.of(CovarianceType.DIAG, new double[] {0.5, 0.6}, means,
                        new double[] {1, 1, 1, 1}, cols));
        assertThrowsWith(IllegalArgumentException.class, "covariances[1] is not finite: NaN",
                () -> GaussianMixtureModel.of(CovarianceType.DIAG, new double[] {0.5, 0.5}, means,
                        new double[] {1, Double.NaN, 1, 1}, cols));
        assertThrowsWith(IllegalArgumentException.class, "covariances has 3 values but a DIAG mixture",
                () -> GaussianMixtureModel.of(CovarianceType.DIAG, new double[] {0.5, 0.5}, means,
                        new double[] {1, 1, 1}, cols));
        assertThrowsWith(IllegalArgumentException.class, "component 1 is not positive definite",
                () -> GaussianMixtureModel.of(CovarianceType.SPHERICAL, new double[] {0.5, 0.5}, means,
                        new double[] {1, 0}, cols));
        assertThrowsWith(IllegalArgumentException.class, "is not symmetric",
                () -> GaussianMixtureModel.of(CovarianceType.TIED, new double[] {0.5, 0.5}, means,
                        new double[] {1, 0.5, 0.4, 1}, cols));
        assertThrowsWith(IllegalArgumentException.class, "Non-finite value NaN",
                () -> GaussianMixtureModel.of(CovarianceType.SPHERICAL, new double[] {0.5, 0.5},
                        new double[][] {{0, Double.NaN}, {1, 1}}, new double[] {1, 1}, cols));
        GaussianMixtureModel m = GaussianMixtureModel.of(CovarianceType.SPHERICAL, new double[] {0.5, 0.5}, means,
                new double[] {1, 4}, cols);
        assertTrue(Double.isNaN(m.lowerBound()));
        assertEquals(0, m.trainingRows());
        assertEquals(null, m.init());
        // log N(0 | 0, I) + log 0.5 mixed with the other component, computed by hand
        double a = Math.log(0.5) - Math.log(2 * Math.PI);
        double b = Math.log(0.5) - Math.log(2 * Math.PI * 4) - 0.5 * (2.0 / 4);
        double expected = Math.max(a, b) + Math.log(Math.exp(a - Math.max(a, b)) + Math.exp(b - Math.max(a, b)));
        assertEquals(expected, m.scoreSamples(Dataset.of(new double[][] {{0, 0}}, cols))[0], 1e-15);
    }
}
