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
        assertArrayEquals(new double[] {10, 20, 30, 40, 50, 60, 70, 80, 90}, r.edges());
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

    /** The bin rule: cut points at x_(ceil(i n / B)), repeats kept once, bins closed on the right. */
    @Test
    void aReferenceWithFewerDistinctValuesThanBinsGetsFewerBins() {
        double[] ref = {1, 1, 1, 2, 2, 3};
        // positions ceil(i * 6 / 10) for i = 1..9: 1 1 2 3 3 4 5 5 6 -> values 1 1 1 1 1 2 2 2 3 -> cuts {1, 2, 3}
        PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().of(ref, new double[] {1, 2, 2, 3, 4});
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
        assertArrayEquals(new double[] {3, 6}, PopulationStabilityIndex.defaults().withBins(3).edges(range(9)));
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
