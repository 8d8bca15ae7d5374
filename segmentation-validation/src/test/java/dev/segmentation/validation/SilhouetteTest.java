package dev.segmentation.validation;

import dev.segmentation.core.CancelToken;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.FitCancelledException;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.MemoryBudgetExceededException;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SilhouetteTest {
    /** Gaussian blobs with labels, seeded. */
    static Dataset blobs(int n, int d, int k, long seed, int[] labelsOut) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            labelsOut[i] = r.nextInt(k);
            for (int j = 0; j < d; j++) {
                x[i * d + j] = 2.0 * ((labelsOut[i] * 7 + j) % k) + r.nextGaussian();
            }
        }
        return Dataset.ofRowMajor(x, n, Dataset.defaultNames(d));
    }

    /** The textbook O(n^2) silhouette, straight from Rousseeuw's definition, with distances summed in row order. */
    static double[] naive(Dataset x, int[] labels) {
        int n = x.rows();
        int max = Arrays.stream(labels).max().orElse(-1);
        int[] size = new int[max + 1];
        for (int l : labels) {
            if (l >= 0) {
                size[l]++;
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                out[i] = Double.NaN;
                continue;
            }
            double[] sums = new double[max + 1];
            for (int j = 0; j < n; j++) {
                if (labels[j] < 0) {
                    continue;
                }
                double s = 0;
                for (int f = 0; f < x.cols(); f++) {
                    double t = x.get(i, f) - x.get(j, f);
                    s += t * t;
                }
                sums[labels[j]] += Math.sqrt(s);
            }
            if (size[labels[i]] == 1) {
                out[i] = 0;
                continue;
            }
            double a = sums[labels[i]] / (size[labels[i]] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c <= max; c++) {
                if (c != labels[i] && size[c] > 0) {
                    b = Math.min(b, sums[c] / size[c]);
                }
            }
            out[i] = Math.max(a, b) == 0 ? 0 : (b - a) / Math.max(a, b);
        }
        return out;
    }

    @Test
    void exactAgreesWithTheNaiveDefinitionForManyShapes() {
        for (int d : new int[] {1, 2, 3, 4, 5, 7, 8, 9, 13}) {
            int n = 700;
            int[] labels = new int[n];
            Dataset x = blobs(n, d, 4, 100 + d, labels);
            labels[3] = -1;
            labels[10] = 9; // a singleton with a non-contiguous label
            double[] expected = naive(x, labels);
            double[] actual = Silhouette.exact().evaluate(x, labels).values();
            for (int i = 0; i < n; i++) {
                if (Double.isNaN(expected[i])) {
                    assertTrue(Double.isNaN(actual[i]));
                } else {
                    assertEquals(expected[i], actual[i], 1e-13, "d=" + d + " row " + i);
                }
            }
            assertEquals(0.0, actual[10], "a singleton scores 0");
        }
    }

    @Test
    void resultIsBitIdenticalWhateverTheThreadCount() {
        int n = 5000;
        int[] labels = new int[n];
        Dataset x = blobs(n, 6, 5, 7, labels);
        Silhouette.Result one = Silhouette.exact().singleThreaded().evaluate(x, labels);
        for (int threads : new int[] {1, 2, 3, 8}) {
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                Silhouette.Result r = Silhouette.exact().withPool(pool).evaluate(x, labels);
                assertEquals(Double.doubleToRawLongBits(one.score()), Double.doubleToRawLongBits(r.score()));
                assertArrayEquals(one.values(), r.values());
                Silhouette.Result s = Silhouette.sampled(900, 3).withPool(pool).evaluate(x, labels);
                Silhouette.Result s1 = Silhouette.sampled(900, 3).singleThreaded().evaluate(x, labels);
                assertArrayEquals(s1.values(), s.values());
                assertEquals(s1.score(), s.score());
            } finally {
                pool.shutdown();
            }
        }
        assertEquals(one.score(), Silhouette.score(x, labels));
    }

    @Test
    void sampledScoresTheSampleExactlyAgainstAllRows() {
        int n = 3000;
        int[] labels = new int[n];
        Dataset x = blobs(n, 3, 4, 11, labels);
        Silhouette.Result exact = Silhouette.exact().evaluate(x, labels);
        Silhouette.Result s = Silhouette.sampled(400, 42).evaluate(x, labels);
        assertEquals(400, s.scoredRows());
        int[] rows = s.scoredRowIndices();
        double mean = 0;
        for (int i : rows) {
            assertEquals(exact.value(i), s.value(i), 0.0, "row " + i);
            mean += exact.value(i);
        }
        assertEquals(mean / rows.length, s.score(), 1e-12);
        assertTrue(s.standardError() > 0 && s.standardError() < 0.05, "se " + s.standardError());
        assertTrue(Math.abs(s.score() - exact.score()) < 4 * s.standardError() + 1e-3);
        assertTrue(!s.isExact() && exact.isExact());
        // the same seed draws the same rows; another seed other rows
        assertArrayEquals(rows, Silhouette.sampled(400, 42).evaluate(x, labels).scoredRowIndices());
        assertTrue(!Arrays.equals(rows, Silhouette.sampled(400, 43).evaluate(x, labels).scoredRowIndices()));
        // a sample as large as the data is the exact silhouette
        Silhouette.Result all = Silhouette.sampled(n, 1).evaluate(x, labels);
        assertTrue(all.isExact());
        assertEquals(exact.score(), all.score());
        assertEquals(0.0, all.standardError());
        assertThrows(IllegalArgumentException.class, () -> s.value(firstUnsampled(rows, n)));
    }

    private static int firstUnsampled(int[] rows, int n) {
        for (int i = 0; i < n; i++) {
            if (Arrays.binarySearch(rows, i) < 0) {
                return i;
            }
        }
        throw new AssertionError();
    }

    @Test
    void clusterMeansAndModelEntryPoint() {
        int n = 600;
        int[] labels = new int[n];
        Dataset x = blobs(n, 2, 3, 5, labels);
        KMeansModel m = KMeans.builder().k(3).seed(1).build().fit(x);
        Silhouette.Result r = Silhouette.exact().evaluate(x, m);
        assertEquals(Silhouette.score(x, m.trainingLabels()), r.score());
        int[] own = m.trainingLabels();
        double s0 = 0;
        int c0 = 0;
        for (int i = 0; i < n; i++) {
            if (own[i] == 0) {
                s0 += r.value(i);
                c0++;
            }
        }
        assertEquals(s0 / c0, r.clusterMean(0), 1e-12);
        assertArrayEquals(new int[] {0, 1, 2}, r.clusterLabels());
        assertThrows(IllegalArgumentException.class, () -> r.clusterMean(7));
        assertTrue(r.toString().contains("score="));
    }

    @Test
    void badInputIsRejectedWithPreciseMessages() {
        Dataset x = Dataset.of(new double[][] {{0, 0}, {1, 0}, {5, 5}, {6, 5}});
        // one cluster only
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Silhouette.score(x, new int[] {0, 0, 0, 0}));
        assertTrue(e.getMessage().contains("at least 2 clusters"), e.getMessage());
        // one cluster among the labelled rows, the rest noise
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {1, 1, -1, -1}));
        // every row its own cluster
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 1, 2, 3}));
        assertTrue(e.getMessage().contains("n - 1"), e.getMessage());
        // all labels noise
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {-1, -1, -1, -1}));
        assertTrue(e.getMessage().contains("noise"), e.getMessage());
        // labels and data of different lengths
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 1, 1}));
        assertTrue(e.getMessage().contains("3 labels were given for 4 rows"), e.getMessage());
        // a label below -1
        e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[] {0, 1, -2, 1}));
        assertTrue(e.getMessage().contains("labels[2] = -2"), e.getMessage());
        // NaN in data cannot reach the metric: the dataset refuses it
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[][] {{0, Double.NaN}}));
        // the same rules for the other internal indices
        for (int[] bad : new int[][] {{0, 0, 0, 0}, {0, 1, 2, 3}, {-1, -1, -1, -1}, {0, 1, 1}}) {
            assertThrows(IllegalArgumentException.class, () -> DaviesBouldin.score(x, bad));
            assertThrows(IllegalArgumentException.class, () -> CalinskiHarabasz.score(x, bad));
        }
        assertThrows(IllegalArgumentException.class, () -> Silhouette.sampled(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Silhouette.exact().withMemoryBudget(0));
    }

    @Test
    void singletonClusterScoresZeroAndNoiseIsLeftOut() {
        Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {10, 10}, {50, 50}, {10, 11}});
        Silhouette.Result r = Silhouette.exact().evaluate(x, new int[] {0, 0, 1, 2, -1});
        assertEquals(0.0, r.value(3));
        assertTrue(Double.isNaN(r.values()[4]));
        assertEquals(4, r.scoredRows());
        // leaving the noise row out equals removing it
        Dataset without = x.selectRows(new int[] {0, 1, 2, 3});
        assertEquals(Silhouette.score(without, new int[] {0, 0, 1, 2}), r.score(), 0.0);
        // singleton clusters in DB and CH are fine
        assertTrue(DaviesBouldin.score(x, new int[] {0, 0, 1, 2, -1}) > 0);
        assertTrue(CalinskiHarabasz.score(x, new int[] {0, 0, 1, 2, -1}) > 0);
    }

    @Test
    void memoryIsEstimatedHonestlyAndTheBudgetRefusesBeforeAllocating() {
        Silhouette s = Silhouette.exact().singleThreaded();
        long est = s.estimateBytes(20_000, 8, 8);
        // the sorted copy alone is 8 n d bytes; blocks add a little
        assertTrue(est >= 8L * 20_000 * 8 && est < 8L * 20_000 * 8 * 2, "estimate " + est);
        // a 4-thread pool adds three more scratch blocks
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            assertTrue(Silhouette.exact().withPool(pool).estimateBytes(20_000, 8, 8) > est);
        } finally {
            pool.shutdown();
        }
        int[] labels = new int[2000];
        Dataset x = blobs(2000, 4, 3, 1, labels);
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> s.withMemoryBudget(10_000).evaluate(x, labels));
        assertTrue(e.getMessage().contains("Silhouette.sampled") && e.getMessage().contains("bytes"),
                e.getMessage());
        assertEquals(s.estimateBytes(2000, 4, 3), e.bytesNeeded());
        assertEquals(10_000, e.budgetBytes());
        assertTrue(s.withMemoryBudget(1L << 30).evaluate(x, labels).score() > 0);
        // the library's one policy: half the maximum heap
        assertEquals(Runtime.getRuntime().maxMemory() / 2, Silhouette.exact().memoryBudget());
        DissimilarityMatrix d = DissimilarityMatrix.ofCondensed(MetricsReferenceTest.euclidean(x));
        e = assertThrows(MemoryBudgetExceededException.class, () -> s.withMemoryBudget(10_000).evaluate(d, labels));
        assertEquals(s.estimatePrecomputedBytes(2000, 3), e.bytesNeeded());
        assertTrue(e.getMessage().contains("dissimilarity matrix"), e.getMessage());
    }

    /** What one warm, single-threaded evaluation allocates stays within the estimate (plus the result's objects). */
    @Test
    void allocationStaysWithinTheEstimate() {
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "no per-thread allocation counter on this JVM");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        for (Silhouette s : new Silhouette[] {Silhouette.exact().singleThreaded(),
                Silhouette.sampled(500, 1).singleThreaded()}) {
            int n = 6000;
            int[] labels = new int[n];
            Dataset x = blobs(n, 5, 6, 2, labels);
            s.evaluate(x, labels);
            long before = threads.getCurrentThreadAllocatedBytes();
            s.evaluate(x, labels);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            long estimate = s.estimateBytes(n, 5, 6);
            assertTrue(allocated <= estimate + 8192, s + ": allocated " + allocated + " > estimate " + estimate);
            assertTrue(estimate < 3 * 8L * n * 5, "O(n d), never O(n^2): " + estimate);
        }
        int n = 3000;
        int[] labels = new int[n];
        DissimilarityMatrix d = DissimilarityMatrix.ofCondensed(MetricsReferenceTest.euclidean(blobs(n, 2, 5, 3,
                labels)));
        for (Silhouette s : new Silhouette[] {Silhouette.exact().singleThreaded(),
                Silhouette.sampled(500, 1).singleThreaded()}) {
            s.evaluate(d, labels);
            long before = threads.getCurrentThreadAllocatedBytes();
            s.evaluate(d, labels);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            long estimate = s.estimatePrecomputedBytes(n, 5);
            assertTrue(allocated <= estimate + 8192, s + ": allocated " + allocated + " > estimate " + estimate);
            assertTrue(estimate < 64L * n + 100_000, "O(n), never O(n^2): " + estimate);
        }
    }

    /**
     * From the matrix of the rows' Euclidean distances, the silhouette is the one of the rows bit for bit: both sum
     * each row's distances to a cluster in row order, and both compute each distance in feature order.
     */
    @Property(tries = 25)
    void precomputedDistancesGiveTheSilhouetteOfTheRowsBitForBit(@ForAll @IntRange(min = 4, max = 2600) int n,
                                                                 @ForAll @IntRange(min = 2, max = 5) int k,
                                                                 @ForAll long seed) {
        int[] labels = new int[n];
        Dataset x = blobs(n, 3, k, seed, labels);
        labels[0] = ClusterModel.NOISE;
        labels[1] = 0;
        labels[2] = 1;
        labels[3] = 0;
        DissimilarityMatrix d = DissimilarityMatrix.ofCondensed(MetricsReferenceTest.euclidean(x));
        Silhouette.Result fromRows = Silhouette.exact().evaluate(x, labels);
        assertArrayEquals(fromRows.values(), Silhouette.exact().singleThreaded().evaluate(d, labels).values());
        assertArrayEquals(fromRows.values(), Silhouette.exact().evaluate(d, labels).values());
        Silhouette sampled = Silhouette.sampled(Math.max(2, n / 3), seed);
        Silhouette.Result a = sampled.evaluate(x, labels);
        Silhouette.Result b = sampled.evaluate(d, labels);
        assertArrayEquals(a.values(), b.values());
        assertEquals(a.standardError(), b.standardError(), 0.0);
        assertEquals(a.isExact(), b.isExact());
    }

    @Test
    void precomputedEvaluationIsBitIdenticalOnAnyPoolAndChecksItsInput() {
        int[] labels = new int[3100];
        Dataset x = blobs(3100, 2, 4, 5, labels);
        DissimilarityMatrix d = DissimilarityMatrix.ofCondensed(MetricsReferenceTest.euclidean(x));
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            assertArrayEquals(Silhouette.exact().singleThreaded().evaluate(d, labels).values(),
                    Silhouette.exact().withPool(pool).evaluate(d, labels).values());
        } finally {
            pool.shutdown();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Silhouette.exact().evaluate(d, new int[10]));
        assertTrue(e.getMessage().contains("10 labels") && e.getMessage().contains("3100"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Silhouette.exact().evaluate(d, new int[3100]));
        CancelToken token = new CancelToken();
        token.cancel();
        assertThrows(FitCancelledException.class, () -> Silhouette.exact().evaluate(d, labels,
                FitControl.none().withCancelToken(token)));
        String table = Silhouette.exact().evaluate(d, labels).table();
        assertTrue(table.contains("mean silhouette") && table.contains("(exact)"), table);
    }

    @Test
    void evaluationStopsWhenCancelled() {
        int[] labels = new int[3000];
        Dataset x = blobs(3000, 2, 3, 1, labels);
        CancelToken token = new CancelToken();
        token.cancel();
        assertThrows(FitCancelledException.class, () -> Silhouette.exact().evaluate(x, labels,
                FitControl.none().withCancelToken(token)));
    }

    @Test
    void toStringsNameTheMethod() {
        assertEquals("Silhouette[exact]", Silhouette.exact().toString());
        assertEquals("Silhouette[sampled m=10, seed=3]", Silhouette.sampled(10, 3).toString());
        assertEquals(List.of(10, 3L), List.of(Silhouette.sampled(10, 3).sampleSize(), Silhouette.sampled(10, 3).seed()));
    }
}
