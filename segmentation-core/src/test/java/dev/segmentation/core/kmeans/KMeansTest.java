package dev.segmentation.core.kmeans;

import dev.segmentation.core.CancelToken;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitCancelledException;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansTest {

    /**
     * A builder without an algorithm takes Hamerly's, with either kernel, records it in the model, and gives the
     * same centres as Lloyd's.
     */
    @Test
    void theDefaultAlgorithmIsHamerlyAndGivesTheSameCentres() {
        KMeans.Algorithm expected = KMeans.Algorithm.HAMERLY;
        assertEquals(expected, KMeans.defaultAlgorithm());
        double[][] rows = new double[400][];
        Random r = new Random(7);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {r.nextGaussian() + (i % 3) * 4, r.nextGaussian(), r.nextGaussian() - (i % 3)};
        }
        Dataset data = Dataset.of(rows);
        KMeansModel byDefault = KMeans.builder().k(3).seed(5).build().fit(data);
        assertEquals(expected, byDefault.algorithm());
        KMeans.Algorithm other = expected == KMeans.Algorithm.LLOYD ? KMeans.Algorithm.HAMERLY : KMeans.Algorithm.LLOYD;
        KMeansModel otherModel = KMeans.builder().k(3).seed(5).algorithm(other).build().fit(data);
        assertArrayEquals(otherModel.clusterCenters().toRowMajorArray(), byDefault.clusterCenters().toRowMajorArray());
        assertArrayEquals(otherModel.trainingLabels(), byDefault.trainingLabels());
    }

    @Test
    void recoversWellSeparatedBlobs() {
        Dataset data = Blobs.make(3000, 3, 4, 20, 1);
        KMeansModel m = KMeans.builder().k(4).seed(7).build().fit(data);
        int[] labels = m.trainingLabels();
        // rows i and i + 4 come from the same blob
        for (int i = 0; i + 4 < labels.length; i++) {
            assertEquals(labels[i], labels[i + 4]);
        }
        assertEquals(4, Arrays.stream(labels).distinct().count());
        assertTrue(m.converged());
        assertEquals(3000, Arrays.stream(m.clusterSizes()).sum());
        assertEquals(3000.0, Arrays.stream(m.clusterWeights()).sum());
        assertEquals(1, m.nInit());
        assertEquals(7, m.seed());
    }

    @Test
    void inertiaIsTheSumOfSquaredDistancesToTheAssignedCentres() {
        Dataset data = Blobs.uniform(500, 3, 2);
        KMeansModel m = KMeans.builder().k(5).nInit(3).seed(1).build().fit(data);
        double[][] c = m.clusterCenters().toArray();
        int[] y = m.trainingLabels();
        double expected = 0;
        for (int i = 0; i < data.rows(); i++) {
            for (int j = 0; j < 3; j++) {
                double t = data.get(i, j) - c[y[i]][j];
                expected += t * t;
            }
        }
        assertEquals(expected, m.inertia(), 1e-9 * expected);
        assertArrayEquals(y, m.predict(data));
    }

    @Test
    void hamerlyAndLloydGiveIdenticalResults() {
        Dataset data = Blobs.uniform(5000, 4, 3);
        for (long seed = 0; seed < 5; seed++) {
            KMeansModel lloyd = KMeans.builder().k(7).seed(seed).algorithm(KMeans.Algorithm.LLOYD).build().fit(data);
            KMeansModel hamerly = KMeans.builder().k(7).seed(seed).algorithm(KMeans.Algorithm.HAMERLY).build()
                    .fit(data);
            assertArrayEquals(lloyd.clusterCenters().toRowMajorArray(), hamerly.clusterCenters().toRowMajorArray());
            assertArrayEquals(lloyd.trainingLabels(), hamerly.trainingLabels());
            assertEquals(lloyd.iterations(), hamerly.iterations());
            assertEquals(lloyd.inertia(), hamerly.inertia());
        }
    }

    @Test
    void resultIsBitIdenticalWhateverTheThreadCount() {
        Dataset data = Blobs.uniform(30_000, 5, 4); // several chunks
        ForkJoinPool three = new ForkJoinPool(3);
        try {
            for (KMeans.Algorithm a : KMeans.Algorithm.values()) {
                KMeansModel one = KMeans.builder().k(6).nInit(2).seed(11).algorithm(a).singleThreaded().build()
                        .fit(data);
                KMeansModel common = KMeans.builder().k(6).nInit(2).seed(11).algorithm(a).build().fit(data);
                KMeansModel pool = KMeans.builder().k(6).nInit(2).seed(11).algorithm(a).pool(three).build().fit(data);
                assertEquals(one, common);
                assertEquals(one, pool);
            }
        } finally {
            three.shutdown();
        }
    }

    @Test
    void sameSeedSameModelDifferentSeedDifferentStart() {
        Dataset data = Blobs.uniform(2000, 2, 5);
        KMeans a = KMeans.builder().k(10).seed(1).build();
        assertEquals(a.fit(data), a.fit(data));
        KMeansModel b = KMeans.builder().k(10).seed(2).build().fit(data);
        assertFalse(Arrays.equals(a.fit(data).clusterCenters().toRowMajorArray(),
                b.clusterCenters().toRowMajorArray()));
    }

    @Test
    void moreRestartsNeverIncreaseInertia() {
        Dataset data = Blobs.uniform(3000, 2, 6);
        double one = KMeans.builder().k(12).nInit(1).seed(3).build().fit(data).inertia();
        double ten = KMeans.builder().k(12).nInit(10).seed(3).build().fit(data).inertia();
        assertTrue(ten <= one, ten + " > " + one);
    }

    @Test
    void randomInitAndGivenCentresWork() {
        Dataset data = Blobs.make(600, 2, 3, 30, 8);
        KMeansModel random = KMeans.builder().k(3).init(KMeans.Init.RANDOM).seed(1).build().fit(data);
        assertEquals(10, random.nInit());
        assertEquals(KMeans.Init.RANDOM, random.init());
        double[][] start = {{0, 0}, {30, -30}, {60, -60}};
        KMeansModel given = KMeans.builder().initialCentroids(start).build().fit(data);
        assertEquals(3, given.k());
        assertEquals(KMeans.Init.GIVEN, given.init());
        assertEquals(random.inertia(), given.inertia(), 1e-9 * given.inertia());
    }

    @Test
    void sampleWeightsActLikeRepeatedRows() {
        double[][] rows = {{0}, {1}, {10}, {11}, {12}};
        double[] w = {2, 1, 1, 1, 3};
        double[][] repeated = {{0}, {0}, {1}, {10}, {11}, {12}, {12}, {12}};
        double[][] start = {{0}, {12}};
        KMeansModel weighted = KMeans.builder().initialCentroids(start).build()
                .fit(Dataset.of(rows), w, FitControl.none());
        KMeansModel plain = KMeans.builder().initialCentroids(start).build().fit(Dataset.of(repeated));
        assertArrayEquals(plain.clusterCenters().toRowMajorArray(), weighted.clusterCenters().toRowMajorArray(), 1e-12);
        assertEquals(plain.inertia(), weighted.inertia(), 1e-12);
        assertArrayEquals(new double[] {3, 5}, weighted.clusterWeights());
    }

    @Test
    void zeroWeightRowsAreLabelledButDoNotPullCentres() {
        double[][] rows = {{0}, {1}, {100}, {10}, {11}};
        double[] w = {1, 1, 0, 1, 1};
        KMeansModel m = KMeans.builder().initialCentroids(new double[][] {{0}, {10}}).build()
                .fit(Dataset.of(rows), w, FitControl.none());
        assertArrayEquals(new double[] {0.5, 10.5}, m.clusterCenters().toRowMajorArray());
        assertEquals(1, m.trainingLabels()[2]);
    }

    @Test
    void emptyClusterIsReseededWithTheFarthestRow() {
        double[][] rows = {{0}, {1}, {2}, {50}};
        // the centre at 1000 gets no rows in the first E-step
        KMeansModel m = KMeans.builder().initialCentroids(new double[][] {{1}, {1000}}).algorithm(
                KMeans.Algorithm.LLOYD).build().fit(Dataset.of(rows));
        assertArrayEquals(new double[] {1, 50}, m.clusterCenters().toRowMajorArray());
        assertArrayEquals(new int[] {0, 0, 0, 1}, m.trainingLabels());
        KMeansModel h = KMeans.builder().initialCentroids(new double[][] {{1}, {1000}}).build().fit(Dataset.of(rows));
        assertEquals(m.clusterCenters(), h.clusterCenters());
    }

    @Test
    void zeroVarianceColumnIsHarmless() {
        double[][] rows = new double[100][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i < 50 ? 0 : 10, 5.0};
        }
        KMeansModel m = KMeans.builder().k(2).build().fit(Dataset.of(rows));
        assertEquals(0.0, m.inertia());
        assertEquals(5.0, m.clusterCenters().get(0, 1));
    }

    @Test
    void toleranceAndIterationLimitStopRuns() {
        Dataset data = Blobs.uniform(5000, 2, 9);
        KMeansModel capped = KMeans.builder().k(20).maxIter(2).tol(0).build().fit(data);
        assertEquals(2, capped.iterations());
        assertFalse(capped.converged());
        KMeansModel loose = KMeans.builder().k(20).tol(1.0).build().fit(data);
        assertTrue(loose.converged());
        assertTrue(loose.iterations() < KMeans.builder().k(20).tol(0).build().fit(data).iterations());
    }

    @Test
    void listenerSeesEveryIterationAndCanCancel() {
        Dataset data = Blobs.uniform(5000, 2, 10);
        List<Progress> seen = new ArrayList<>();
        KMeansModel m = KMeans.builder().k(8).nInit(2).tol(0).build()
                .fit(data, FitControl.none().withListener(seen::add));
        assertEquals(2, seen.stream().mapToInt(Progress::run).distinct().count());
        Progress last = seen.get(seen.size() - 1);
        assertEquals(1, last.run());
        assertTrue(seen.stream().allMatch(p -> p.objective() > 0 && p.runs() == 2));
        assertTrue(m.iterations() <= seen.stream().filter(p -> p.run() == m.bestRun()).count());

        CancelToken token = new CancelToken();
        FitCancelledException e = assertThrows(FitCancelledException.class, () -> KMeans.builder().k(8).tol(0)
                .build().fit(data, FitControl.none().withCancelToken(token).withListener(p -> {
                    if (p.iteration() == 3) {
                        token.cancel();
                    }
                })));
        assertTrue(e.getMessage().contains("iteration 3"), e.getMessage());
    }

    @Test
    void interruptStopsTheFitAndKeepsTheFlag() throws InterruptedException {
        Dataset data = Blobs.uniform(2000, 2, 11);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flag = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                KMeans.builder().k(5).singleThreaded().build().fit(data);
            } catch (Throwable e) {
                thrown.set(e);
            }
            flag.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        t.join();
        assertTrue(thrown.get() instanceof FitCancelledException, String.valueOf(thrown.get()));
        assertTrue(flag.get());
    }

    @Test
    void badInputIsRejectedBeforeWork() {
        Dataset three = Dataset.of(new double[][] {{1}, {2}, {3}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().k(4).build().fit(three));
        assertTrue(e.getMessage().contains("k = 4") && e.getMessage().contains("n = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(0));
        assertTrue(e.getMessage().contains("k must be >= 1 but was 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(1).build()
                .fit(Dataset.ofRowMajor(new double[0], 0, List.of("a"))));
        assertTrue(e.getMessage().contains("no rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(2).build()
                .fit(Dataset.of(new double[][] {{1, 1}, {1, 1}, {1, 1}})));
        assertTrue(e.getMessage().contains("only 1 distinct"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(2).build()
                .fit(three, new double[] {1, 1}, FitControl.none()));
        e = assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(2).build()
                .fit(three, new double[] {1, Double.NaN, 1}, FitControl.none()));
        assertTrue(e.getMessage().contains("sampleWeights[1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(2).build()
                .fit(three, new double[] {1, -1, 1}, FitControl.none()));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(2).build()
                .fit(three, new double[] {0, 0, 0}, FitControl.none()));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(2).build()
                .fit(three, new double[] {0, 0, 1}, FitControl.none())); // one distinct weighted row
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(1).build()
                .fit(Dataset.of(new double[][] {{1, 2}})).predict(new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().k(1).build()
                .fit(Dataset.of(new double[][] {{1, 2}})).predict(new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().initialCentroids(new double[][] {{1, 2}})
                .build().fit(three));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder()
                .initialCentroids(new double[][] {{1}, {Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().tol(-1));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().tol(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().maxIter(0));
        assertThrows(IllegalArgumentException.class, () -> KMeans.builder().nInit(0));
        assertThrows(IllegalStateException.class, () -> KMeans.builder().k(2).k(3));
        assertThrows(IllegalStateException.class, () -> KMeans.builder().build());
        assertThrows(IllegalStateException.class, () -> KMeans.builder()
                .initialCentroids(new double[][] {{1}}).nInit(3).build());
        assertThrows(IllegalStateException.class, () -> KMeans.builder().init(KMeans.Init.RANDOM)
                .initialCentroids(new double[][] {{1}}));
    }

    @Test
    void fitNeverTouchesCallerArrays() {
        double[][] rows = {{0}, {1}, {10}, {11}};
        double[][] start = {{0}, {11}};
        double[] w = {1, 2, 3, 4};
        KMeans km = KMeans.builder().initialCentroids(start).build();
        start[0][0] = 500; // copied by the builder
        KMeansModel m = km.fit(Dataset.of(rows), w, FitControl.none());
        assertArrayEquals(new double[] {1, 2, 3, 4}, w);
        assertEquals(0.0, rows[0][0]);
        assertTrue(m.clusterCenters().get(0, 0) < 1);
        m.trainingLabels()[0] = 7;
        assertEquals(0, m.trainingLabels()[0]);
    }
}
