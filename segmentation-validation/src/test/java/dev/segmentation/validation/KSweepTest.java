package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.LikelihoodModel;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KSweepTest {
    /** Four blobs at the corners of a square. */
    static Dataset fourBlobs(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][2];
        for (int i = 0; i < n; i++) {
            int c = i % 4;
            rows[i][0] = (c % 2) * 10 + r.nextGaussian();
            rows[i][1] = (c / 2) * 10 + r.nextGaussian();
        }
        return Dataset.of(rows, List.of("a", "b"));
    }

    static KMeans km(int k) {
        return KMeans.builder().k(k).nInit(3).seed(1).singleThreaded().build();
    }

    @Test
    void everyCriterionIsComputedAndAgreesWithTheDirectCalls() {
        Dataset x = fourBlobs(800, 5);
        KSweep.Result<KMeansModel> r = KSweep.of(KSweepTest::km).range(1, 7)
                .withGap(GapStatistic.of(8, 3)).withBic(Bic.hardSphericalGaussian())
                .recommendBy(KSweep.Criterion.SILHOUETTE).run(x);
        assertEquals(4, r.recommendedK(), r.reason());
        assertTrue(r.reason().contains("silhouette"), r.reason());
        double[] sil = r.silhouette();
        assertTrue(Double.isNaN(sil[0]), "k = 1 has no silhouette");
        for (int k = 2; k <= 7; k++) {
            int[] labels = r.model(k).trainingLabels();
            assertEquals(Silhouette.score(x, labels), sil[k - 1]);
            assertEquals(DaviesBouldin.score(x, labels), r.daviesBouldin()[k - 1]);
            assertEquals(CalinskiHarabasz.score(x, labels), r.calinskiHarabasz()[k - 1]);
            assertEquals(Bic.hardSphericalGaussian(x, labels), r.bic().orElseThrow()[k - 1]);
            assertEquals(0.0, r.silhouetteStandardErrors()[k - 1]);
        }
        assertEquals(4, r.recommendation(KSweep.Criterion.KNEE).getAsInt());
        assertEquals(4, r.recommendation(KSweep.Criterion.GAP).getAsInt(), r.gap().orElseThrow().reason());
        assertEquals(4, r.recommendation(KSweep.Criterion.DAVIES_BOULDIN).getAsInt());
        assertEquals(4, r.recommendation(KSweep.Criterion.CALINSKI_HARABASZ).getAsInt());
        assertTrue(r.silhouetteMethod().orElseThrow().isExact());
        String table = r.table();
        assertTrue(table.contains("<- silhouette") && table.contains("gap") && table.contains("BIC"), table);
        assertTrue(table.lines().count() == 8, table);
    }

    @Test
    void gapStatisticFollowsTheOneStandardErrorRule() {
        Dataset x = fourBlobs(400, 9);
        GapStatistic.Result g = GapStatistic.of(10, 42).compute(KSweepTest::km, x, 1, 6);
        assertEquals(4, g.recommendedK().getAsInt(), g.reason());
        double[] gap = g.gap();
        double[] s = g.standardErrors();
        double[] sd = g.standardDeviations();
        for (int i = 0; i < gap.length; i++) {
            assertEquals(g.expectedLogW()[i] - g.logW()[i], gap[i], 1e-15);
            assertEquals(sd[i] * Math.sqrt(1 + 1.0 / 10), s[i], 1e-15);
        }
        // the rule: Gap(4) >= Gap(5) - s(5), and no smaller k satisfies it
        assertTrue(gap[3] >= gap[4] - s[4]);
        for (int i = 0; i < 3; i++) {
            assertTrue(gap[i] < gap[i + 1] - s[i + 1]);
        }
        // W is the within-cluster sum of squares
        assertEquals(Math.log(Inertia.of(x, km(4).fit(x).trainingLabels(), 4)), g.logW()[3], 1e-12);
        // deterministic for a seed
        assertEquals(g.gap()[2], GapStatistic.of(10, 42).compute(KSweepTest::km, x, 1, 6).gap()[2]);
        assertTrue(g.reason().contains("one-standard-error"));
        // a range whose gap still rises at its end has no recommendation
        GapStatistic.Result rising = GapStatistic.of(5, 1).compute(KSweepTest::km, x, 1, 3);
        assertTrue(rising.recommendedK().isEmpty(), rising.reason());
        assertTrue(rising.reason().startsWith("no k"));
        assertThrows(IllegalArgumentException.class, () -> GapStatistic.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> GapStatistic.of(5, 0).compute(KSweepTest::km, x, 3, 2));
        assertThrows(IllegalArgumentException.class, () -> GapStatistic.of(5, 0).compute(KSweepTest::km,
                x.selectRows(new int[] {0, 1}), 1, 3));
    }

    /** A toy likelihood model: a labelling with a made-up log-likelihood that peaks at k = 3. */
    static final class ToyModel implements ClusterModel, LikelihoodModel {
        private final int k;
        private final int[] labels;

        ToyModel(int k, int n) {
            this(k, n, false);
        }

        /** With {@code oneCluster}, every row is in cluster 0 (the other k - 1 clusters are empty). */
        ToyModel(int k, int n, boolean oneCluster) {
            this.k = k;
            this.labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = oneCluster ? 0 : i % k;
            }
        }

        @Override
        public int k() {
            return k;
        }

        @Override
        public List<String> columnNames() {
            return List.of("a", "b");
        }

        @Override
        public int trainingRows() {
            return labels.length;
        }

        @Override
        public int[] trainingLabels() {
            return labels.clone();
        }

        @Override
        public double logLikelihood(Dataset data) {
            return -100.0 * (k - 3) * (k - 3);
        }

        @Override
        public long freeParameters() {
            return k;
        }
    }

    @Test
    void bicComesFromLikelihoodModelsOrAGivenCriterion() {
        Dataset x = fourBlobs(100, 1);
        KSweep.Result<ToyModel> r = KSweep.of(k -> (Clusterer<ToyModel>) (data, control) -> new ToyModel(k,
                data.rows())).range(1, 6).recommendBy(KSweep.Criterion.BIC).run(x);
        assertEquals(3, r.recommendedK(), r.reason());
        assertEquals(Bic.of(-400.0, 1, 100), r.bic().orElseThrow()[0]);
        assertEquals(800 + Math.log(100), r.bic().orElseThrow()[0], 1e-12);
        // a given criterion (how a mixture model of another module plugs in) wins over the interface
        KSweep.Result<ToyModel> given = KSweep.of(k -> (Clusterer<ToyModel>) (data, control) -> new ToyModel(k,
                data.rows())).range(1, 6).withBic((m, data) -> -m.k()).recommendBy(KSweep.Criterion.BIC).run(x);
        assertEquals(6, given.recommendedK());
        // models without a likelihood have no BIC: the sweep has none, and asking to recommend by it fails
        KSweep.Result<KMeansModel> plain = KSweep.of(KSweepTest::km).range(2, 6).withoutSilhouette().run(x);
        assertTrue(plain.bic().isEmpty());
        assertEquals(KSweep.Criterion.KNEE, plain.criterion());
        assertTrue(!plain.hasSilhouette());
        assertThrows(IllegalStateException.class, plain::silhouette);
        assertTrue(plain.table().contains(" - "), plain.table());
        IllegalStateException noBic = assertThrows(IllegalStateException.class, () -> KSweep.of(KSweepTest::km)
                .range(2, 6).withoutSilhouette().recommendBy(KSweep.Criterion.BIC).run(x));
        assertTrue(noBic.getMessage().contains("KMeansModel has no likelihood")
                && noBic.getMessage().contains("withBic"), noBic.getMessage());
        IllegalStateException noGap = assertThrows(IllegalStateException.class, () -> KSweep.of(KSweepTest::km)
                .range(2, 4).recommendBy(KSweep.Criterion.GAP).run(x));
        assertTrue(noGap.getMessage().contains("withGap"), noGap.getMessage());
        IllegalStateException noSilhouette = assertThrows(IllegalStateException.class, () -> KSweep.of(KSweepTest::km)
                .range(2, 4).withoutSilhouette().recommendBy(KSweep.Criterion.SILHOUETTE).run(x));
        assertTrue(noSilhouette.getMessage().contains("withoutSilhouette"), noSilhouette.getMessage());
        // a criterion undefined for every k: every fit puts all rows in one cluster
        IllegalStateException undefined = assertThrows(IllegalStateException.class, () -> KSweep.of(
                k -> (Clusterer<ToyModel>) (data, control) -> new ToyModel(k, data.rows(), true)).range(1, 3)
                .recommendBy(KSweep.Criterion.DAVIES_BOULDIN).run(x));
        assertTrue(undefined.getMessage().contains("undefined for every k"), undefined.getMessage());
    }

    @Test
    void hardSphericalBicByHand() {
        // two clusters of two rows in 1-d: W = 2 * (0.5^2 + 0.5^2) = 1, sigma^2 = 1 / 4
        Dataset x = Dataset.of(new double[][] {{0}, {1}, {10}, {11}});
        double variance = 0.25;
        double logL = 2 * 2 * Math.log(0.5) - 2 * Math.log(2 * Math.PI * variance) - 2;
        int p = 1 + 2 + 1;
        assertEquals(-2 * logL + p * Math.log(4), Bic.hardSphericalGaussian(x, new int[] {0, 0, 1, 1}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Bic.hardSphericalGaussian(x, new int[] {0, 1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> Bic.hardSphericalGaussian(x, new int[] {-1, -1, -1, -1}));
        assertThrows(IllegalArgumentException.class, () -> Bic.of(Double.NaN, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> Bic.of(1, -1, 3));
        assertThrows(IllegalArgumentException.class, () -> Bic.of(1, 1, 0));
    }

    @Test
    void largeDataGetASampledSilhouetteByDefault() {
        Dataset x = fourBlobs(KSweep.AUTO_EXACT_ROWS + 4, 2);
        KSweep.Result<KMeansModel> r = KSweep.of(KSweepTest::km).range(3, 4).run(x);
        Silhouette s = r.silhouetteMethod().orElseThrow();
        assertEquals(KSweep.AUTO_SAMPLE_ROWS, s.sampleSize());
        assertEquals(KSweep.AUTO_SEED, s.seed());
        assertTrue(r.silhouetteStandardErrors()[1] > 0);
        assertTrue(Math.abs(r.silhouette()[1] - Silhouette.score(x, r.model(4).trainingLabels()))
                < 4 * r.silhouetteStandardErrors()[1]);
    }

    /** A clusterer that marks a tenth of the rows as noise and, for k = 3, leaves only one cluster non-empty. */
    static final class NoisyModel implements ClusterModel {
        private final int k;
        private final int[] labels;

        NoisyModel(int k, int n) {
            this.k = k;
            this.labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = i % 10 == 0 ? NOISE : k == 3 ? 0 : i % k;
            }
        }

        @Override
        public int k() {
            return k;
        }

        @Override
        public List<String> columnNames() {
            return List.of("a", "b");
        }

        @Override
        public int trainingRows() {
            return labels.length;
        }

        @Override
        public int[] trainingLabels() {
            return labels.clone();
        }
    }

    @Test
    void anyClustererWorksIncludingNoiseAndDegenerateFits() {
        Dataset x = fourBlobs(200, 3);
        KSweep.Result<NoisyModel> r = KSweep.of(k -> (Clusterer<NoisyModel>) (data, control) -> new NoisyModel(k,
                data.rows())).range(2, 5).run(x);
        assertTrue(Double.isNaN(r.silhouette()[1]), "one non-empty cluster at k = 3: undefined, not an error");
        assertTrue(Double.isNaN(r.daviesBouldin()[1]) && Double.isNaN(r.calinskiHarabasz()[1]));
        int[] labels = r.model(4).trainingLabels();
        assertEquals(Silhouette.score(x, labels), r.silhouette()[2]);
        assertEquals(Inertia.of(x, labels, 4), r.inertia()[2], 1e-9);
        assertTrue(r.table().contains(" - "));
        // a factory whose estimator returns another k is a programming error
        assertThrows(IllegalStateException.class, () -> KSweep.of(k -> (Clusterer<NoisyModel>) (data, control)
                -> new NoisyModel(k + 1, data.rows())).range(2, 3).run(x));
    }

    @Test
    void aSweepStopsWhenCancelled() {
        Dataset x = fourBlobs(100, 1);
        dev.segmentation.core.CancelToken t = new dev.segmentation.core.CancelToken();
        t.cancel();
        assertThrows(dev.segmentation.core.FitCancelledException.class, () -> KSweep.of(KSweepTest::km).range(2, 3)
                .run(x, FitControl.none().withCancelToken(t)));
        assertThrows(NullPointerException.class, () -> KSweep.of(KSweepTest::km).recommendBy(null));
    }
}
