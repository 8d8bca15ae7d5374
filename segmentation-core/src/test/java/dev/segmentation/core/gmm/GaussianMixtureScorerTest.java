/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one-row soft scorer: bit-identical to the model's batch methods, allocation-free, thread-safe. */
class GaussianMixtureScorerTest {

    static GaussianMixtureModel model(CovarianceType type) {
        return GaussianMixture.builder().k(4).covarianceType(type).seed(3).build()
                .fit(GaussianMixtureTest.blobs(800, 3, 4, 4, 12));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void agreesWithTheModelBitForBit(CovarianceType type) {
        GaussianMixtureModel m = model(type);
        GaussianMixtureScorer s = GaussianMixtureScorer.of(m);
        Dataset rows = GaussianMixtureTest.blobs(500, 3, 5, 7, 99);
        double[][] proba = m.predictProba(rows);
        double[] ll = m.scoreSamples(rows);
        int[] labels = m.predict(rows);
        double[] out = new double[s.k() + 2];
        for (int i = 0; i < rows.rows(); i++) {
            double[] row = rows.row(i);
            double l = s.membership(row, out);
            assertEquals(ll[i], l, "row " + i);
            assertArrayEquals(proba[i], Arrays.copyOf(out, s.k()), "row " + i);
            assertEquals(labels[i], s.assign(row), "row " + i);
        }
        assertEquals(m.columnNames(), s.columnNames());
        assertEquals(3, s.dimension());
    }

    @Test
    void badRowsAreRejected() {
        GaussianMixtureScorer s = GaussianMixtureScorer.of(model(CovarianceType.FULL));
        double[] out = new double[4];
        GaussianMixtureTest.assertThrowsWith(IllegalArgumentException.class, "row has 2 values but the model expects 3",
                () -> s.membership(new double[2], out));
        GaussianMixtureTest.assertThrowsWith(IllegalArgumentException.class, "Non-finite value NaN in row at column 1",
                () -> s.membership(new double[] {0, Double.NaN, 0}, out));
        GaussianMixtureTest.assertThrowsWith(IllegalArgumentException.class, "Non-finite value Infinity",
                () -> s.assign(new double[] {Double.POSITIVE_INFINITY, 0, 0}));
        GaussianMixtureTest.assertThrowsWith(IllegalArgumentException.class, "out has 3 values but the model has 4",
                () -> s.membership(new double[3], new double[3]));
        GaussianMixtureTest.assertThrowsWith(IllegalArgumentException.class, "too far from every component",
                () -> s.membership(new double[] {1e200, -1e200, 1e200}, out));
        GaussianMixtureTest.assertThrowsWith(IllegalArgumentException.class, "too far from every component",
                () -> s.assign(new double[] {1e200, -1e200, 1e200}));
        assertThrows(NullPointerException.class, () -> s.membership(null, out));
    }

    @Test
    void farRowsStillGetFiniteProbabilities() {
        GaussianMixtureScorer s = GaussianMixtureScorer.of(model(CovarianceType.DIAG));
        double[] out = new double[4];
        double ll = s.membership(new double[] {200, -300, 250}, out);
        assertTrue(ll < -1000 && Double.isFinite(ll));
        assertEquals(1, Arrays.stream(out).sum(), 1e-12);
        for (double p : out) {
            assertTrue(p >= 0 && p <= 1);
        }
    }

    @Test
    void scoringAllocatesNothing() {
        GaussianMixtureScorer s = GaussianMixtureScorer.of(model(CovarianceType.FULL));
        double[] row = {1, -2, 3};
        double[] out = new double[4];
        double sink = 0;
        for (int i = 0; i < 200_000; i++) { // warm up: the JIT removes the boxing-free paths' remaining allocations
            row[0] = i % 7;
            sink += s.membership(row, out) + s.assign(row);
        }
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "allocation counter not available");
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) bean;
        long id = Thread.currentThread().getId();
        // The steady state is the least of up to 20 rounds (the optimising compiler may come late on a loaded
        // machine); 100,000 allocating scorings would allocate megabytes in every round.
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 20 && least >= 4096; round++) {
            long before = sun.getThreadAllocatedBytes(id);
            for (int i = 0; i < 100_000; i++) {
                row[0] = i % 7;
                sink += s.membership(row, out) + s.assign(row);
            }
            least = Math.min(least, sun.getThreadAllocatedBytes(id) - before);
        }
        assertTrue(Double.isFinite(sink));
        assertTrue(least < 4096, "100,000 scorings allocated at least " + least + " bytes per round");
    }

    @Test
    void concurrentScoringGivesTheSameAnswers() throws Exception {
        GaussianMixtureModel m = model(CovarianceType.TIED);
        GaussianMixtureScorer s = GaussianMixtureScorer.of(m);
        Dataset rows = GaussianMixtureTest.blobs(2000, 3, 4, 4, 5);
        double[][] expected = m.predictProba(rows);
        ExecutorService exec = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                futures[t] = exec.submit(() -> {
                    double[] out = new double[4];
                    for (int i = 0; i < rows.rows(); i++) {
                        s.membership(rows.row(i), out);
                        assertArrayEquals(expected[i], out);
                    }
                    return null;
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            exec.shutdown();
        }
    }
}
