package dev.segmentation.validation.drift;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.validation.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopulationStabilityIndexTest {
    /** 1, 2, ..., n. */
    static double[] range(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i + 1;
        }
        return out;
    }

    /** A sample with the given number of values in each decile bin of 1..100: bin b is (10b, 10b + 10]. */
    static double[] withCounts(int... counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        double[] out = new double[n];
        int q = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int c = 0; c < counts[b]; c++) {
                out[q++] = 10 * b + 1 + (c % 10); // inside (10b, 10b + 10]
            }
        }
        return out;
    }

    /**
     * A worked example computed by hand, independently of the library: reference 1..100 in ten bins of 10%
     * each; current 50 customers with 2, 3, 5, 5, 5, 5, 5, 5, 5, 10 per bin, i.e. shares 4%, 6%, 10% (x7), 20%:
     * PSI = (0.04 - 0.1) ln(0.04/0.1) + (0.06 - 0.1) ln(0.06/0.1) + (0.2 - 0.1) ln(0.2/0.1)
     *     = 0.0549775 + 0.0204330 + 0.0693147 = 0.1447252 (moderate).
     */
    @Test
    void matchesAWorkedExample() {
        PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().of(range(100),
                withCounts(2, 3, 5, 5, 5, 5, 5, 5, 5, 10));
        double expected = (0.04 - 0.1) * Math.log(0.04 / 0.1) + (0.06 - 0.1) * Math.log(0.06 / 0.1)
                + (0.2 - 0.1) * Math.log(0.2 / 0.1);
        assertEquals(0.1447252, expected, 1e-7);
        assertEquals(expected, r.value(), 1e-15);
        assertEquals(PopulationStabilityIndex.Band.MODERATE, r.band());
        // NumPy's np.quantile(np.arange(1, 101), np.arange(1, 10) / 10): 10.9, 20.8, ..., 90.1
        assertArrayEquals(new double[] {10.9, 20.8, 30.7, 40.6, 50.5, 60.4, 70.3, 80.2, 90.1}, r.edges(), 1e-12);
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60, 70, 80, 90}, PopulationStabilityIndex.defaults()
                .withEdgeRule(PopulationStabilityIndex.EdgeRule.LOWER_EMPIRICAL).edges(range(100)));
        assertArrayEquals(new long[] {10, 10, 10, 10, 10, 10, 10, 10, 10, 10}, r.referenceCounts());
        assertArrayEquals(new long[] {2, 3, 5, 5, 5, 5, 5, 5, 5, 10}, r.currentCounts());
        assertEquals(10, r.bins());
        assertFalse(r.binsMerged());
        double sum = 0;
        for (double c : r.contributions()) {
            sum += c;
        }
        assertEquals(r.value(), sum, 1e-15);
    }

    /** An empty current bin: its 0 share is replaced by epsilon = 1e-4 (hand value below). */
    @Test
    void emptyBinsUseEpsilon() {
        PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().of(range(100),
                withCounts(0, 5, 5, 5, 5, 5, 5, 5, 5, 10));
        double expected = (1e-4 - 0.1) * Math.log(1e-4 / 0.1) + (0.2 - 0.1) * Math.log(0.2 / 0.1);
        assertEquals(0.7593, expected, 1e-4);
        assertEquals(expected, r.value(), 1e-15);
        assertEquals(PopulationStabilityIndex.Band.SIGNIFICANT, r.band());
        assertEquals(0.0, r.currentShares()[0]);
        // another epsilon
        double e2 = (1e-3 - 0.1) * Math.log(1e-3 / 0.1) + (0.2 - 0.1) * Math.log(0.2 / 0.1);
        assertEquals(e2, PopulationStabilityIndex.defaults().withEpsilon(1e-3).of(range(100),
                withCounts(0, 5, 5, 5, 5, 5, 5, 5, 5, 10)).value(), 1e-15);
        // values beyond the reference range fall in the open-ended end bins
        PopulationStabilityIndex.Result out = PopulationStabilityIndex.defaults().of(range(100),
                new double[] {-1e9, 1e9});
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, out.currentCounts());
    }

    @Test
    void identicalSamplesAreStable() {
        PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().of(range(1000), range(1000));
        assertEquals(0.0, r.value());
        assertEquals(PopulationStabilityIndex.Band.STABLE, r.band());
        assertEquals(PopulationStabilityIndex.Band.STABLE, PopulationStabilityIndex.band(0.0999));
        assertEquals(PopulationStabilityIndex.Band.MODERATE, PopulationStabilityIndex.band(0.1));
        assertEquals(PopulationStabilityIndex.Band.SIGNIFICANT, PopulationStabilityIndex.band(0.25));
    }

    /** The lower empirical rule: cut points at x_(ceil(i n / B)), repeats kept once, bins closed on the right. */
    @Test
    void aReferenceWithFewerDistinctValuesThanBinsGetsFewerBins() {
        double[] ref = {1, 1, 1, 2, 2, 3};
        PopulationStabilityIndex lower = PopulationStabilityIndex.defaults()
                .withEdgeRule(PopulationStabilityIndex.EdgeRule.LOWER_EMPIRICAL);
        // linear: h = 5 i / 10 = 0.5 i -> 1, 1, 1, 1, 1.5, 2, 2, 2, 2.5 -> cuts {1, 1.5, 2, 2.5}
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, PopulationStabilityIndex.defaults().edges(ref));
        // positions ceil(i * 6 / 10) for i = 1..9: 1 1 2 3 3 4 5 5 6 -> values 1 1 1 1 1 2 2 2 3 -> cuts {1, 2, 3}
        PopulationStabilityIndex.Result r = lower.of(ref, new double[] {1, 2, 2, 3, 4});
        assertArrayEquals(new double[] {1, 2, 3}, r.edges());
        assertEquals(4, r.bins());
        assertTrue(r.binsMerged());
        assertEquals(10, r.requestedBins());
        assertArrayEquals(new long[] {3, 2, 1, 0}, r.referenceCounts());
        assertArrayEquals(new long[] {1, 2, 1, 1}, r.currentCounts());
        double expected = (0.2 - 0.5) * Math.log(0.2 / 0.5) + (0.4 - 2.0 / 6) * Math.log(0.4 / (2.0 / 6))
                + (0.2 - 1.0 / 6) * Math.log(0.2 / (1.0 / 6)) + (0.2 - 1e-4) * Math.log(0.2 / 1e-4);
        assertEquals(expected, r.value(), 1e-15);
        // a constant reference: two bins, at or below its value and above it
        PopulationStabilityIndex.Result c = PopulationStabilityIndex.defaults().of(new double[] {5, 5, 5},
                new double[] {5, 6});
        assertArrayEquals(new double[] {5}, c.edges());
        assertArrayEquals(new long[] {3, 0}, c.referenceCounts());
        assertArrayEquals(new long[] {1, 1}, c.currentCounts());
        assertArrayEquals(new double[] {3, 6}, lower.withBins(3).edges(range(9)));
        // linear: h = 8 i / 3 -> 3 + 2/3 and 6 + 1/3
        assertArrayEquals(new double[] {11.0 / 3, 19.0 / 3}, PopulationStabilityIndex.defaults().withBins(3)
                .edges(range(9)), 1e-15);
    }

    @Test
    void segmentMixUsesOneBinPerCategory() {
        PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().ofLabels(
                new int[] {0, 0, 1, 1, 1, -1}, new int[] {0, 1, 1, 2, 2, -1});
        assertArrayEquals(new int[] {-1, 0, 1, 2}, r.categories());
        assertTrue(r.isCategorical());
        double e = 1e-4;
        double expected = 0 + (1.0 / 6 - 2.0 / 6) * Math.log(0.5) + (2.0 / 6 - 3.0 / 6) * Math.log(2.0 / 3)
                + (2.0 / 6 - e) * Math.log(2.0 / 6 / e);
        assertEquals(expected, r.value(), 1e-15);
        assertThrows(IllegalStateException.class, r::edges);
        assertThrows(IllegalStateException.class, () -> PopulationStabilityIndex.defaults().of(range(5), range(5))
                .categories());
    }

    /**
     * NumPy's default quantile edges ({@code np.quantile(ref, np.arange(1, B) / B)}), the lower empirical quantile,
     * caller's edges and given shares against {@code make_metrics_fixtures.py}: edges to the last bit, counts
     * exactly (the binning is cross-checked there with {@code pd.cut}), PSI to rounding.
     */
    @Test
    void edgeRulesMatchNumpyAndPandas() {
        JsonNode root = Fixtures.json("metrics/metrics.json");
        for (JsonNode c : root.get("psi")) {
            String name = c.get("name").asText();
            double[] ref = Fixtures.doubles(c.get("reference"));
            double[] cur = Fixtures.doubles(c.get("current"));
            PopulationStabilityIndex base = PopulationStabilityIndex.defaults();
            if (c.get("bins").asInt() != PopulationStabilityIndex.DEFAULT_BINS) {
                base = base.withBins(c.get("bins").asInt());
            }
            if (c.has("edges_given")) {
                check(c.get("fixed"), base.withEdges(Fixtures.doubles(c.get("edges_given"))).of(ref, cur), name);
                continue;
            }
            check(c.get("linear"), base.of(ref, cur), name + " linear (default)");
            check(c.get("linear"), base.withEdgeRule(PopulationStabilityIndex.EdgeRule.LINEAR).of(ref, cur), name);
            check(c.get("lower_empirical"),
                    base.withEdgeRule(PopulationStabilityIndex.EdgeRule.LOWER_EMPIRICAL).of(ref, cur), name + " lower");
        }
        for (JsonNode c : root.get("psi_shares")) {
            PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().ofShares(
                    Fixtures.doubles(c.get("reference")), Fixtures.doubles(c.get("current")));
            assertEquals(c.get("psi").asDouble(), r.value(), 1e-14);
            assertTrue(r.isFromShares());
            assertThrows(IllegalStateException.class, r::referenceCounts);
            assertThrows(IllegalStateException.class, r::edges);
            assertTrue(r.table().contains("bin 0"), r.table());
        }
    }

    private static void check(JsonNode e, PopulationStabilityIndex.Result r, String name) {
        assertArrayEquals(Fixtures.doubles(e.get("edges")), r.edges(), name + " edges");
        assertArrayEquals(longs(e.get("reference_counts")), r.referenceCounts(), name + " reference counts");
        assertArrayEquals(longs(e.get("current_counts")), r.currentCounts(), name + " current counts");
        assertEquals(e.get("psi").asDouble(), r.value(), 1e-13, name + " PSI");
    }

    private static long[] longs(JsonNode a) {
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asLong();
        }
        return out;
    }

    @Test
    void fixedEdgesAndSharesAreValidated() {
        PopulationStabilityIndex fixed = PopulationStabilityIndex.defaults().withEdges(10, 20);
        assertEquals(3, fixed.bins());
        assertTrue(fixed.hasFixedEdges());
        assertArrayEquals(new double[] {10, 20}, fixed.edges(range(5)));
        // closed on the right: 10 is in the first bin, 20 in the second
        assertArrayEquals(new long[] {1, 1, 1}, fixed.of(new double[] {10, 20, 21}, new double[] {1}).referenceCounts());
        assertFalse(fixed.of(range(100), range(100)).binsMerged());
        IllegalStateException s = assertThrows(IllegalStateException.class, () -> fixed.withBins(5));
        assertTrue(s.getMessage().contains("[10.0, 20.0]"), s.getMessage());
        assertThrows(IllegalStateException.class,
                () -> fixed.withEdgeRule(PopulationStabilityIndex.EdgeRule.LOWER_EMPIRICAL));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PopulationStabilityIndex.defaults().withEdges(1, 3, 3));
        assertTrue(e.getMessage().contains("edges[2] = 3.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PopulationStabilityIndex.defaults().withEdges());
        assertThrows(IllegalArgumentException.class, () -> PopulationStabilityIndex.defaults().withEdges(Double.NaN));
        PopulationStabilityIndex psi = PopulationStabilityIndex.defaults();
        e = assertThrows(IllegalArgumentException.class, () -> psi.ofShares(new double[] {0.5, 0.4},
                new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("sum to 0.9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> psi.ofShares(new double[] {1.5, -0.5},
                new double[] {0.5, 0.5}));
        assertTrue(e.getMessage().contains("referenceShares[1] = -0.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> psi.ofShares(new double[] {1}, new double[] {0.5, 0.5}));
        assertThrows(IllegalArgumentException.class, () -> psi.ofShares(new double[0], new double[0]));
        assertThrows(IllegalArgumentException.class, () -> psi.ofShares(new double[] {Double.NaN, 1},
                new double[] {0.5, 0.5}));
        // rounded report shares within 1e-6 are accepted as they are
        assertEquals(0.0, psi.ofShares(new double[] {0.3333333, 0.6666667}, new double[] {0.3333333, 0.6666667})
                .value());
    }

    @Test
    void badInputIsRejected() {
        PopulationStabilityIndex psi = PopulationStabilityIndex.defaults();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> psi.of(new double[] {1, Double.NaN}, range(3)));
        assertTrue(e.getMessage().contains("reference at index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> psi.of(range(3), new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class, () -> psi.of(new double[0], range(3)));
        assertThrows(IllegalArgumentException.class, () -> psi.of(range(3), new double[0]));
        assertThrows(IllegalArgumentException.class, () -> psi.ofLabels(new int[0], new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> psi.withBins(1));
        assertThrows(IllegalArgumentException.class, () -> psi.withEpsilon(0));
        assertThrows(IllegalArgumentException.class, () -> psi.withEpsilon(Double.NaN));
    }

    @Test
    void kolmogorovSmirnovStatisticMatchesScipy() {
        JsonNode root = Fixtures.json("stats/stats.json");
        for (JsonNode c : root.get("ks")) {
            KolmogorovSmirnov.Result r = KolmogorovSmirnov.test(Fixtures.doubles(c.get("a")),
                    Fixtures.doubles(c.get("b")));
            assertEquals(c.get("statistic").asDouble(), r.statistic(), 1e-12, c.get("name").asText());
            assertTrue(r.pValue() >= 0 && r.pValue() <= 1);
            if (c.get("name").asText().equals("small")) {
                // both exact for 20 x 30 without ties
                assertEquals(c.get("p").asDouble(), r.pValue(), 1e-6);
            } else {
                // SciPy's exact or asymptotic choice differs from Commons Math's at these sizes: same order
                assertEquals(Math.log10(c.get("p").asDouble()), Math.log10(r.pValue()), 0.5, c.get("name").asText());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.test(new double[0], range(3)));
        assertThrows(IllegalArgumentException.class, () -> KolmogorovSmirnov.test(range(3),
                new double[] {Double.NaN}));
    }
}
