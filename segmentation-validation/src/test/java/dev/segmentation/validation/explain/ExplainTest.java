package dev.segmentation.validation.explain;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplainTest {
    private static final List<String> ABC = List.of("a", "b", "c");
    private static final Centroids CENTRES = Centroids.of(new double[][] {{0, 0, 0}, {4, 0, 1}, {0, 5, -2}, {3, 3, 3}},
            ABC);

    @Property(tries = 300)
    void contributionsAddUpToTheMarginAndTheSegmentIsTheNearest(@ForAll @DoubleRange(min = -6, max = 8) double a,
                                                                @ForAll @DoubleRange(min = -6, max = 8) double b,
                                                                @ForAll @DoubleRange(min = -6, max = 8) double c) {
        double[] row = {a, b, c};
        CentroidExplainer.Explanation e = CentroidExplainer.of(CENTRES).explain(row);
        double[] d = new double[4];
        int best = 0;
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                d[k] += (row[j] - CENTRES.get(k, j)) * (row[j] - CENTRES.get(k, j));
            }
            if (d[k] < d[best]) {
                best = k;
            }
        }
        assertEquals(best, e.segment());
        assertTrue(e.margin() >= 0);
        double sum = 0;
        for (double v : e.contributions()) {
            sum += v;
        }
        assertEquals(e.margin(), sum, 1e-9 * (1 + e.margin()));
        assertEquals(d[e.runnerUp()] - d[e.segment()], e.margin(), 1e-9);
        for (int k = 0; k < 4; k++) {
            if (k != e.segment()) {
                assertTrue(d[k] >= d[e.runnerUp()]);
            }
        }
    }

    @Test
    void topContributionsAndMeans() {
        CentroidExplainer x = CentroidExplainer.of(CENTRES);
        CentroidExplainer.Explanation e = x.explain(new double[] {4.2, 0.1, 0.9});
        // nearest (4, 0, 1), runner-up (3, 3, 3): b contributes (0.1 - 3)^2 - 0.1^2 = 8.40, the most
        assertEquals(1, e.segment());
        assertEquals(3, e.runnerUp());
        assertEquals("b", e.top(1).get(0).feature());
        assertEquals(8.40, e.top(1).get(0).contribution(), 1e-12);
        assertEquals(3, e.top(10).size());
        assertTrue(e.toString().startsWith("Explanation[segment 1"));
        Dataset data = Dataset.of(new double[][] {{4, 0, 1}, {4.5, 0, 1}, {0, 5, -2}}, ABC);
        double[][] means = x.meanContributions(data);
        assertEquals(4, means.length);
        assertEquals(0.0, means[0][0]);
        assertTrue(means[1][0] > 0);
        assertThrows(IllegalArgumentException.class, () -> x.explain(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> x.explain(new double[] {1, Double.NaN, 2}));
        assertThrows(IllegalArgumentException.class, () -> x.meanContributions(Dataset.of(new double[][] {{1}})));
        // one cluster only: nothing to contrast
        assertThrows(IllegalArgumentException.class, () -> CentroidExplainer.of(Centroids.of(new double[][] {{1, 2,
                3}}, ABC)));
        KMeansModel m = KMeans.builder().k(2).seed(1).build().fit(data);
        assertEquals(ABC, CentroidExplainer.of(m).featureNames());
    }

    @Test
    void aShallowTreeRecoversAxisAlignedSegmentsWithFullFidelity() {
        SplittableRandom r = new SplittableRandom(4);
        int n = 1000;
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double recency = r.nextDouble() * 365;
            double spend = r.nextDouble() * 5000;
            rows[i] = new double[] {recency, spend, r.nextGaussian()};
            labels[i] = recency > 180 ? 0 : spend > 2000 ? 2 : 1;
        }
        labels[0] = -1;
        Dataset x = Dataset.of(rows, List.of("recency_days", "monetary", "noise"));
        SurrogateTree.Model t = SurrogateTree.builder().maxDepth(2).build().fit(x, labels);
        assertEquals(1.0, t.fidelity(), 1e-15, t.rules().toString());
        assertEquals(999, t.trainingRows());
        assertEquals(2, t.depth());
        List<SurrogateTree.Rule> lost = t.rulesFor(0);
        assertEquals(1, lost.size());
        SurrogateTree.Condition c = lost.get(0).conditions().get(0);
        assertEquals("recency_days", c.feature());
        assertTrue(!c.atMost() && Math.abs(c.threshold() - 180) < 2, c.toString());
        assertEquals(1.0, lost.get(0).purity());
        assertTrue(t.rulesFor(2).get(0).toString().contains("monetary >"), t.rules().toString());
        long support = 0;
        for (SurrogateTree.Rule rule : t.rules()) {
            support += rule.support();
        }
        assertEquals(999, support);
        assertEquals(2, t.predict(new double[] {10, 4000, 0}));
        assertEquals(1.0, t.fidelity(x, labels), 1e-15);
        // depth 1 cannot separate three segments: fidelity drops
        SurrogateTree.Model stump = SurrogateTree.builder().maxDepth(1).build().fit(x, labels);
        assertTrue(stump.fidelity() < 0.9 && stump.depth() == 1);
        // deterministic
        assertEquals(t.rules(), SurrogateTree.builder().maxDepth(2).build().fit(x, labels).rules());
    }

    @Test
    void treeBadInput() {
        Dataset x = Dataset.of(new double[][] {{1}, {2}, {3}});
        assertThrows(IllegalArgumentException.class, () -> SurrogateTree.builder().build().fit(x, new int[] {0, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> SurrogateTree.builder().build().fit(x,
                new int[] {-1, -1, -1}));
        assertThrows(IllegalArgumentException.class, () -> SurrogateTree.builder().build().fit(x, new int[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> SurrogateTree.builder().maxDepth(0));
        assertThrows(IllegalArgumentException.class, () -> SurrogateTree.builder().minLeafSize(0));
        assertThrows(IllegalStateException.class, () -> SurrogateTree.builder().maxDepth(2).maxDepth(3));
        SurrogateTree.Model m = SurrogateTree.builder().minLeafSize(1).build().fit(x, new int[] {0, 1, 1});
        assertEquals(1.0, m.fidelity());
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> m.predict(new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> m.fidelity(x, new int[] {-1, -1, -1}));
    }
}
