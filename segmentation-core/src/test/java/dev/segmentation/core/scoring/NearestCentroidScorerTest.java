package dev.segmentation.core.scoring;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NearestCentroidScorerTest {
    private static final List<String> AB = List.of("a", "b");
    private final NearestCentroidScorer scorer = NearestCentroidScorer.of(
            Centroids.of(new double[][] {{0, 0}, {10, 0}, {0, 10}}, AB));

    @Test
    void assignsNearestAndBreaksTiesTowardsTheLowestIndex() {
        assertEquals(0, scorer.assign(new double[] {1, 1}));
        assertEquals(1, scorer.assign(new double[] {9, -3}));
        assertEquals(2, scorer.assign(new double[] {0, 7}));
        assertEquals(0, scorer.assign(new double[] {5, 0})); // equidistant from 0 and 1
        assertEquals(1, scorer.assign(new double[] {5, 5, 9, 1}, 2));
        int[] out = new int[3];
        scorer.assign(new double[] {1, 1, 9, -3, 5, 0}, 3, out);
        assertArrayEquals(new int[] {0, 1, 0}, out);
    }

    @Test
    void marginIsTheDistanceGapToTheRunnerUp() {
        assertEquals(0.0, scorer.margin(new double[] {5, 0}));
        assertEquals(8.0 - 2.0, scorer.margin(new double[] {2, 0}), 1e-12);
        int[] out = new int[2];
        double[] margins = new double[2];
        scorer.assign(new double[] {2, 0, 5, 0}, 2, out, margins);
        assertEquals(scorer.margin(new double[] {2, 0}), margins[0]);
        assertEquals(0.0, margins[1]);
        NearestCentroidScorer single = NearestCentroidScorer.of(Centroids.of(new double[][] {{1, 1}}, AB));
        assertEquals(Double.POSITIVE_INFINITY, single.margin(new double[] {0, 0}));
    }

    @Test
    void worksFromAFittedModelAndADataset() {
        Dataset data = Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}, {10, 11}}, AB);
        KMeansModel m = KMeans.builder().k(2).build().fit(data);
        NearestCentroidScorer s = NearestCentroidScorer.of(m);
        assertArrayEquals(m.trainingLabels(), s.assign(data));
        assertEquals(AB, s.columnNames());
        assertEquals(2, s.k());
    }

    @Test
    void badRowsAreRejectedWithTheirIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> scorer.assign(new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("3 values but the model expects 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> scorer.assign(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("column 1 ('b')"), e.getMessage());
        double negativeNaN = Double.longBitsToDouble(0xfff8000000000000L);
        int[] out = new int[600];
        double[] rows = new double[1200];
        rows[2 * 517 + 1] = negativeNaN;
        e = assertThrows(IllegalArgumentException.class, () -> scorer.assign(rows, 600, out));
        assertTrue(e.getMessage().contains("row 517"), e.getMessage());
        rows[2 * 517 + 1] = 0;
        rows[2 * 300] = Double.POSITIVE_INFINITY;
        e = assertThrows(IllegalArgumentException.class, () -> scorer.assign(rows, 600, out));
        assertTrue(e.getMessage().contains("row 300") && e.getMessage().contains("Infinity"), e.getMessage());
        rows[2 * 300] = 1e300;
        e = assertThrows(IllegalArgumentException.class, () -> scorer.assign(rows, 600, out));
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scorer.assign(new double[4], 3, new int[3]));
        assertThrows(IllegalArgumentException.class, () -> scorer.assign(new double[6], 3, new int[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> scorer.assign(new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> scorer.assign(Dataset.of(new double[][] {{1, 2}})));
    }

    @Test
    void concurrentScoringGivesTheSameLabels() throws Exception {
        Random r = new Random(2);
        int n = 20_000;
        double[] rows = new double[2 * n];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = r.nextGaussian() * 8;
        }
        int[] expected = new int[n];
        scorer.assign(rows, n, expected);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final boolean batch = t % 2 == 0;
                results.add(pool.submit(() -> {
                    for (int rep = 0; rep < 5; rep++) {
                        int[] out = new int[n];
                        if (batch) {
                            scorer.assign(rows, n, out);
                        } else {
                            for (int i = 0; i < n; i++) {
                                out[i] = scorer.assign(rows, 2 * i);
                            }
                        }
                        if (!java.util.Arrays.equals(expected, out)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void singleAssignAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "allocation counter not available");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        Random r = new Random(1);
        double[][] rows = new double[64][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian() * 5, r.nextGaussian() * 5};
        }
        double[] batch = new double[128];
        int[] out = new int[64];
        long sink = 0;
        for (int warm = 0; warm < 200_000; warm++) {
            sink += scorer.assign(rows[warm & 63]);
            sink += (long) scorer.margin(rows[warm & 63]);
        }
        scorer.assign(batch, 64, out);
        long tid = Thread.currentThread().getId();
        // On a loaded machine the optimising compiler may come after the warm-up (until then the SIMD path boxes
        // its vectors), so the steady state is the least of up to 20 rounds; 100,000 allocating calls would
        // allocate megabytes in every round. The counter itself may allocate a few bytes.
        long least = Long.MAX_VALUE;
        for (int round = 0; round < 20 && least >= 1024; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 100_000; i++) {
                sink += scorer.assign(rows[i & 63]);
                sink += (long) scorer.margin(rows[i & 63]);
            }
            scorer.assign(batch, 64, out);
            least = Math.min(least, mx.getThreadAllocatedBytes(tid) - before);
        }
        assertTrue(least < 1024, "allocated at least " + least + " bytes per round of 100,000 calls; sink " + sink);
    }
}
