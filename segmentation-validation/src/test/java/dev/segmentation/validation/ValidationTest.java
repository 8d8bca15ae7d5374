package dev.segmentation.validation;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidationTest {
    private static final List<String> AB = List.of("a", "b");

    @Test
    void inertiaAgainstCentresAndAgainstClusterMeans() {
        Dataset data = Dataset.of(new double[][] {{0, 0}, {2, 0}, {10, 10}, {10, 12}, {50, 50}}, AB);
        int[] labels = {0, 0, 1, 1, -1};
        Centroids c = Centroids.of(new double[][] {{1, 0}, {10, 11}}, AB);
        assertEquals(1 + 1 + 1 + 1, Inertia.of(data, labels, c));
        assertEquals(4.0, Inertia.of(data, labels, 2)); // means equal the centres here
        KMeansModel m = KMeans.builder().k(2).build().fit(data.selectRows(new int[] {0, 1, 2, 3}));
        assertEquals(m.inertia(), Inertia.of(data.selectRows(new int[] {0, 1, 2, 3}), m), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Inertia.of(data, new int[] {0, 0}, 2));
        assertThrows(IllegalArgumentException.class, () -> Inertia.of(data, new int[] {0, 0, 2, 1, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> Inertia.of(data, new int[] {0, 0, -2, 1, 1}, 2));
    }

    @Test
    void kneedleFindsTheCornerOfAPiecewiseLinearCurve() {
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        for (int corner = 2; corner <= 6; corner++) {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                // steep until the corner, then nearly flat
                y[i] = i <= corner ? 100 - 20 * i : 100 - 20 * corner - 0.5 * (i - corner);
            }
            assertEquals(OptionalInt.of(corner), KneeLocator.defaults().knee(x, y), "corner " + corner);
        }
        double[] line = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        assertEquals(OptionalInt.empty(), KneeLocator.defaults().knee(x, line));
        assertEquals(OptionalInt.empty(), KneeLocator.defaults().knee(new double[] {1, 2}, new double[] {2, 1}));
        assertEquals(OptionalInt.empty(), KneeLocator.defaults().knee(new double[] {1, 2, 3}, new double[] {1, 1, 1}));
        // a very high sensitivity refuses a mild knee
        double[] mild = {10, 8.5, 7.2, 6.1, 5.2, 4.5, 3.9, 3.4, 3.0, 2.7};
        assertTrue(KneeLocator.defaults().knee(x, mild).isPresent());
        assertEquals(OptionalInt.empty(), KneeLocator.defaults().withSensitivity(10).knee(x, mild));
        assertThrows(IllegalArgumentException.class, () -> KneeLocator.defaults().knee(new double[] {1, 1, 2},
                new double[] {3, 2, 1}));
        assertThrows(IllegalArgumentException.class, () -> KneeLocator.defaults().knee(x, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> KneeLocator.defaults().knee(new double[] {1, 2, 3},
                new double[] {3, Double.NaN, 1}));
        assertThrows(IllegalArgumentException.class, () -> KneeLocator.defaults().withSensitivity(0));
    }

    @Test
    void sweepRecommendsTheTrueNumberOfBlobs() {
        Random r = new Random(5);
        double[][] rows = new double[2000][2];
        for (int i = 0; i < rows.length; i++) {
            int c = i % 4;
            rows[i][0] = (c % 2) * 20 + r.nextGaussian();
            rows[i][1] = (c / 2) * 20 + r.nextGaussian();
        }
        Dataset data = Dataset.of(rows, AB);
        KSweep.Result<KMeansModel> sweep = KSweep.of(k -> KMeans.builder().k(k).nInit(3).seed(1).build())
                .range(1, 8).run(data);
        assertEquals(4, sweep.recommendedK(), sweep.reason());
        assertTrue(sweep.reason().contains("knee"), sweep.reason());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, sweep.ks());
        assertEquals(4, sweep.recommendedModel().k());
        double[] inertia = sweep.inertia();
        for (int i = 1; i < inertia.length; i++) {
            assertTrue(inertia[i] <= inertia[i - 1]);
        }
        assertEquals(sweep.model(3).inertia(), inertia[2], 1e-9 * inertia[2]);
        assertThrows(IllegalArgumentException.class, () -> KSweep.of(k -> KMeans.builder().k(k).build()).range(3, 3));
        assertThrows(IllegalArgumentException.class, () -> KSweep.of(k -> KMeans.builder().k(k).build())
                .range(2, 50).run(data.selectRows(new int[] {0, 1, 2})));
    }

    @Test
    void profilesGiveSizesSharesMeansAndValueShares() {
        Dataset raw = Dataset.of(new double[][] {{1, 100}, {3, 300}, {10, 0}, {20, 600}, {5, 5}},
                List.of("recency", "monetary"));
        SegmentProfiles p = SegmentProfiles.of(raw, new int[] {0, 0, 1, 1, -1}, 3, "monetary");
        SegmentProfiles.Profile a = p.profiles().get(0);
        assertEquals(2, a.size());
        assertEquals(0.5, a.share());
        assertArrayEquals(new double[] {2, 200}, a.means());
        assertEquals(400.0 / 1000, a.valueShare());
        assertEquals(600.0 / 1000, p.profiles().get(1).valueShare());
        assertEquals(0, p.profiles().get(2).size());
        assertArrayEquals(new double[] {39.0 / 5, 1005.0 / 5}, p.populationMeans());
        assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(
                Dataset.of(new double[][] {{1, -1}}, List.of("recency", "monetary")), new int[] {0}, 1, "monetary"));
        assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(raw, new int[] {0, 0, 1, 1, -1}, 2,
                "nope"));
    }

    @Test
    void rfmNamesFollowTheRuleTableAndAreUnique() {
        // six segments of 10 customers; columns: recency (days), frequency, monetary
        double[][] seg = {{5, 30, 9000}, {8, 12, 3000}, {10, 1, 40}, {200, 18, 5000}, {300, 1, 30}, {90, 4, 700}};
        double[][] rows = new double[60][];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 6;
            rows[i] = seg[i % 6].clone();
            rows[i][2] += i; // not constant within segments
        }
        Dataset data = Dataset.of(rows, List.of("r", "f", "m"));
        List<String> names = RfmSegmentNamer.of("r", "f", "m").name(data, labels, 6);
        // with six equal segments, recency 10 d is the median: mid recency, low value
        assertEquals(List.of("Champions", "Potential Loyalists", "About to Sleep", "At Risk", "Lost", "Need Attention"),
                names);
        double[][] three = new double[30][];
        int[] l3 = new int[30];
        for (int i = 0; i < 30; i++) {
            l3[i] = i % 3;
            three[i] = new double[][] {{3, 1, 20}, {100, 6, 900}, {400, 1, 15}}[i % 3].clone();
            three[i][2] += i;
        }
        assertEquals(List.of("Potential Loyalists", "Loyal", "Lost"),
                RfmSegmentNamer.of("r", "f", "m").name(Dataset.of(three, List.of("r", "f", "m")), l3, 3));
        assertEquals(names, RfmSegmentNamer.of("r", "f", "m").name(data, labels, 6));
        // the order of rows does not matter, only their labels
        int[] rev = new int[60];
        for (int i = 0; i < 60; i++) {
            rev[i] = 59 - i;
        }
        int[] revLabels = new int[60];
        for (int i = 0; i < 60; i++) {
            revLabels[i] = labels[59 - i];
        }
        assertEquals(names, RfmSegmentNamer.of("r", "f", "m").name(data.selectRows(rev), revLabels, 6));
        assertThrows(IllegalArgumentException.class, () -> RfmSegmentNamer.of("r", "f", "m").name(
                Dataset.of(new double[][] {{1, 1, 1}, {1, 2, 3}}, List.of("r", "f", "m")), new int[] {0, 1}, 2));
        assertThrows(IllegalArgumentException.class, () -> RfmSegmentNamer.of("x", "f", "m").name(data, labels, 6));
    }

    @Test
    void moreThanNineSegmentsGetSuffixedNames() {
        int k = 12;
        double[][] rows = new double[k * 5][];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            labels[i] = i % k;
            rows[i] = new double[] {i % k * 10 + i % 3, i % k + 1, 100.0 * (k - i % k) + i};
        }
        List<String> names = RfmSegmentNamer.of("r", "f", "m").name(Dataset.of(rows, List.of("r", "f", "m")), labels, k);
        assertEquals(k, names.stream().distinct().count(), names.toString());
        assertEquals(3, names.stream().filter(s -> s.endsWith(")")).count(), names.toString());
        assertEquals(9, RfmSegmentNamer.vocabulary().size());
    }
}
