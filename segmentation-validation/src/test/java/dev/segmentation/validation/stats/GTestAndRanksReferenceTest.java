package dev.segmentation.validation.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.validation.Fixtures;
import org.junit.jupiter.api.Test;

import static dev.segmentation.validation.Fixtures.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The G-test against SciPy's {@code chi2_contingency(lambda_="log-likelihood")}, and the Kruskal-Wallis mean ranks
 * and uncorrected H against {@code rankdata} and {@code tiecorrect} ({@code fixtures/metrics/metrics.json}, made by
 * {@code make_metrics_fixtures.py}).
 */
class GTestAndRanksReferenceTest {
    static final double TOL = 1e-9;
    static final JsonNode ROOT = Fixtures.json("metrics/metrics.json");

    @Test
    void gTestMatchesScipy() {
        for (JsonNode c : ROOT.get("gtest")) {
            String name = c.get("name").asText();
            long[][] table = longs(c.get("table"));
            ChiSquareIndependence.Result g = ChiSquareIndependence.gTest().of(table);
            assertEquals(ChiSquareIndependence.Statistic.G, g.kind());
            assertRelative(c.get("g").asDouble(), g.statistic(), TOL, name + " G");
            assertEquals(c.get("p").asDouble(), g.pValue(), TOL * Math.max(1e-300, c.get("p").asDouble()) + 1e-15,
                    name + " p");
            assertEquals(c.get("df").asInt(), g.df());
            ChiSquareIndependence.Result pearson = ChiSquareIndependence.test(table);
            assertRelative(c.get("pearson").asDouble(), pearson.statistic(), TOL, name + " Pearson");
            assertEquals(pearson.cramersV(), g.cramersV(), 0.0, "V is Pearson's for both");
            assertTrue(g.toString().startsWith("ChiSquare[G("), g.toString());
            assertTrue(g.table().contains("G(" + g.df() + ")"), g.table());
        }
    }

    @Test
    void kruskalWallisMeanRanksAndUncorrectedHMatchRankdata() {
        for (JsonNode c : ROOT.get("kruskal")) {
            String name = c.get("name").asText();
            KruskalWallis.Result r = KruskalWallis.test(Fixtures.doubles(c.get("values")), Fixtures.ints(c.get("groups")));
            assertRelative(c.get("h").asDouble(), r.h(), TOL, name + " H");
            assertRelative(c.get("h_uncorrected").asDouble(), r.hUncorrected(), TOL, name + " uncorrected H");
            assertRelative(c.get("p").asDouble(), r.pValue(), 1e-7, name + " p");
            assertArrayEquals(Fixtures.ints(c.get("group_labels")), r.groupLabels());
            assertArrayEquals(Fixtures.ints(c.get("sizes")), r.groupSizes());
            double[] expected = Fixtures.doubles(c.get("mean_ranks"));
            double[] got = r.meanRanks();
            for (int g = 0; g < expected.length; g++) {
                assertRelative(expected[g], got[g], 1e-15, name + " mean rank of group " + g);
            }
            assertEquals(r.h() * r.tieCorrection(), r.hUncorrected(), 1e-12 * r.h());
        }
        // without ties the two statistics are one
        KruskalWallis.Result r = KruskalWallis.test(new double[] {1, 2, 3}, new double[] {4, 5, 6.5});
        assertEquals(r.h(), r.hUncorrected(), 0.0);
        assertArrayEquals(new double[] {2, 5}, r.meanRanks());
        assertTrue(r.table().contains("mean rank"), r.table());
    }

    static long[][] longs(JsonNode rows) {
        long[][] out = new long[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new long[rows.get(i).size()];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = rows.get(i).get(j).asLong();
            }
        }
        return out;
    }
}
