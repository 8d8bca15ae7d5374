package dev.segmentation.validation.audit;

import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BiasAuditTest {
    /**
     * 100 customers of group "a" and 100 of group "b". Segment 0 takes 40 a and 20 b (rates 0.4 and 0.2:
     * DI 0.5, flagged); segment 1 takes 30 a and 35 b (0.3 and 0.35: DI 0.857); segment 2 the rest (0.3 and 0.45:
     * DI 0.667, flagged).
     */
    @Test
    void disparateImpactAndMixByHand() {
        int[] seg = new int[200];
        String[] group = new String[200];
        for (int i = 0; i < 100; i++) {
            group[i] = "a";
            seg[i] = i < 40 ? 0 : i < 70 ? 1 : 2;
            group[100 + i] = "b";
            seg[100 + i] = i < 20 ? 0 : i < 55 ? 1 : 2;
        }
        BiasAudit.Report r = BiasAudit.builder().build().audit(seg, group);
        assertEquals(List.of("a", "b"), r.groups());
        assertEquals(40, r.count(0, "a"));
        assertEquals(0.2, r.selectionRate(0, "b"), 1e-15);
        assertEquals(40.0 / 60, r.composition(0, "a"), 1e-15);
        List<BiasAudit.SegmentImpact> di = r.disparateImpact();
        assertEquals(0.5, di.get(0).ratio(), 1e-15);
        assertEquals("b", di.get(0).lowestGroup());
        assertEquals("a", di.get(0).highestGroup());
        assertEquals(0.3 / 0.35, di.get(1).ratio(), 1e-15);
        assertEquals(0.3 / 0.45, di.get(2).ratio(), 1e-15);
        assertEquals(2, r.flaggedSegments().size());
        assertFalse(di.get(1).flagged());
        // chi-square of the 3 x 2 table, by hand
        double chi2 = 0;
        long[][] t = {{40, 20}, {30, 35}, {30, 45}};
        for (int s = 0; s < 3; s++) {
            for (int g = 0; g < 2; g++) {
                double e = (t[s][0] + t[s][1]) * 100.0 / 200;
                chi2 += (t[s][g] - e) * (t[s][g] - e) / e;
            }
        }
        assertEquals(chi2, r.independence().statistic(), 1e-12);
        assertEquals(Math.sqrt(chi2 / 200), r.independence().cramersV(), 1e-12);
        assertTrue(r.proxies().isEmpty());
        assertTrue(r.table().contains("below 0.8"), r.table());
        // a stricter rule flags the middle segment too
        assertEquals(3, BiasAudit.builder().fourFifthsThreshold(0.9).build().audit(seg, group).flaggedSegments().size());
    }

    @Test
    void proxiesAreFeaturesThatCarryTheAttribute() {
        SplittableRandom r = new SplittableRandom(1);
        int n = 400;
        double[][] rows = new double[n][];
        String[] group = new String[n];
        int[] seg = new int[n];
        for (int i = 0; i < n; i++) {
            boolean young = i % 2 == 0;
            group[i] = young ? "18-34" : "35+";
            rows[i] = new double[] {(young ? 2 : 0) + r.nextGaussian(), r.nextGaussian()};
            seg[i] = rows[i][0] > 1 ? 1 : 0;
        }
        seg[7] = -1; // noise is left out
        Dataset features = Dataset.of(rows, List.of("app_sessions", "basket_size"));
        BiasAudit.Report rep = BiasAudit.builder().proxyThreshold(0.2).build().audit(seg, group, features, "age_band");
        assertEquals(List.of("app_sessions"), rep.flaggedProxies().stream().map(BiasAudit.Proxy::feature).toList());
        assertTrue(rep.proxies().get(0).etaSquared() > 0.4);
        assertTrue(rep.proxies().get(1).etaSquared() < 0.05);
        assertFalse(rep.flaggedSegments().isEmpty());
        assertTrue(rep.independence().pValue() < 1e-10);
    }

    @Test
    void badInputIsRejected() {
        int[] seg = {0, 1, 0, 1};
        // a protected attribute with a single group
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BiasAudit.builder().build().audit(seg, new String[] {"x", "x", "x", "x"}));
        assertTrue(e.getMessage().contains("single group"), e.getMessage());
        // a single group among the segmented rows (the other only in noise)
        assertThrows(IllegalArgumentException.class, () -> BiasAudit.builder().build().audit(
                new int[] {0, 1, 0, -1}, new String[] {"x", "x", "x", "y"}));
        assertThrows(IllegalArgumentException.class, () -> BiasAudit.builder().build().audit(seg,
                new String[] {"x", null, "y", "y"}));
        assertThrows(IllegalArgumentException.class, () -> BiasAudit.builder().build().audit(seg,
                new String[] {"x", "y"}));
        assertThrows(IllegalArgumentException.class, () -> BiasAudit.builder().build().audit(
                new int[] {-1, -1}, new String[] {"x", "y"}));
        // the attribute must be kept out of the clustering features
        Dataset f = Dataset.of(new double[][] {{1, 0}, {2, 1}, {3, 0}, {4, 1}}, List.of("spend", "gender"));
        e = assertThrows(IllegalArgumentException.class, () -> BiasAudit.builder().build().audit(seg,
                new String[] {"m", "f", "m", "f"}, f, "gender"));
        assertTrue(e.getMessage().contains("keep it out"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BiasAudit.builder().fourFifthsThreshold(0));
        assertThrows(IllegalStateException.class, () -> BiasAudit.builder().proxyThreshold(0.1).proxyThreshold(0.2));
        BiasAudit.Report ok = BiasAudit.builder().build().audit(seg, new String[] {"m", "f", "m", "f"});
        assertThrows(IllegalArgumentException.class, () -> ok.count(5, "m"));
        assertThrows(IllegalArgumentException.class, () -> ok.count(0, "z"));
    }
}
