package dev.segmentation.validation.stats;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.validation.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.segmentation.validation.Fixtures.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-way ANOVA, Kruskal-Wallis, chi-square and Benjamini-Hochberg against SciPy 1.10.1 (fixture
 * {@code fixtures/stats/stats.json}, made by {@code make_stats_fixtures.py}), and the ANOVA against the NIST
 * StRD certified values ({@code fixtures/stats/nist_anova.txt}).
 */
class StatsReferenceTest {
    static final double STATISTIC = 1e-9;
    static final double P_ABSOLUTE = 1e-9;

    @Test
    void anovaAndKruskalWallisMatchScipyOnSyntheticSamples() {
        JsonNode root = Fixtures.json("stats/stats.json");
        assertEquals("1.10.1", root.get("versions").get("scipy").asText());
        int n = 0;
        for (JsonNode c : root.get("groups")) {
            if (!c.has("groups")) {
                continue;
            }
            double[][] samples = Fixtures.matrix(c.get("groups"));
            check(c, OneWayAnova.test(samples), c.has("kruskal_h") ? KruskalWallis.test(samples) : null);
            n++;
        }
        assertEquals(6, n);
    }

    @Test
    void anovaAndKruskalWallisMatchScipyOnTheRfmFixture() {
        Fixtures.RfmFixture rfm = Fixtures.rfm();
        JsonNode root = Fixtures.json("stats/stats.json");
        int n = 0;
        for (JsonNode c : root.get("groups")) {
            if (c.has("file") && c.get("file").asText().contains("online_retail_rfm")) {
                double[] v = rfm.raw().column(c.get("value_column").asText());
                check(c, OneWayAnova.test(v, rfm.segments()), KruskalWallis.test(v, rfm.segments()));
                n++;
            }
        }
        assertEquals(3, n);
    }

    @Test
    void anovaAndKruskalWallisMatchScipyOnRealDataSets() {
        JsonNode root = Fixtures.json("stats/stats.json");
        int n = 0;
        for (JsonNode c : root.get("groups")) {
            if (!c.has("file") || c.get("file").asText().contains("online_retail_rfm")) {
                continue;
            }
            Map<String, List<String>> csv = Fixtures.csv(c.get("file").asText());
            double[] v = Fixtures.numbers(csv.get(c.get("value_column").asText()));
            List<String> g = csv.get(c.get("group_column").asText());
            int[] groups = g.get(0).matches("-?[0-9.]+") ? Fixtures.numericCodes(g) : Fixtures.codes(g);
            check(c, OneWayAnova.test(v, groups), KruskalWallis.test(v, groups));
            n++;
        }
        assertEquals(20, n);
    }

    private static void check(JsonNode c, OneWayAnova.Result a, KruskalWallis.Result k) {
        String name = c.get("name").asText();
        assertRelative(c.get("anova_f").asDouble(), a.f(), STATISTIC, name + " F");
        assertEquals(c.get("anova_p").asDouble(), a.pValue(), P_ABSOLUTE, name + " ANOVA p");
        if (k != null) {
            assertRelative(c.get("kruskal_h").asDouble(), k.h(), STATISTIC, name + " H");
            assertEquals(c.get("kruskal_p").asDouble(), k.pValue(), P_ABSOLUTE, name + " Kruskal-Wallis p");
        }
    }

    @Test
    void chiSquareMatchesScipyWithAndWithoutYates() {
        JsonNode root = Fixtures.json("stats/stats.json");
        int n = 0;
        for (JsonNode c : root.get("chi2")) {
            String name = c.get("name").asText();
            long[][] table = toLong(Fixtures.matrix(c.get("table")));
            if (c.has("file") && Fixtures.hasData(c.get("file").asText())) { // the table itself is in the fixture; this checks labels
                Map<String, List<String>> csv = Fixtures.csv(c.get("file").asText());
                List<String> a = csv.get(c.get("row_column").asText());
                List<String> b = csv.get(c.get("column_column").asText());
                int[] ca = a.get(0).matches("[0-9]+") ? Fixtures.numericCodes(a) : Fixtures.codes(a);
                int[] cb = b.get(0).matches("[0-9]+") ? Fixtures.numericCodes(b) : Fixtures.codes(b);
                ChiSquareIndependence.Result fromLabels = ChiSquareIndependence.test(ca, cb);
                assertRelative(c.get("chi2").asDouble(), fromLabels.statistic(), STATISTIC, name + " from labels");
            }
            ChiSquareIndependence.Result r = ChiSquareIndependence.test(table);
            assertRelative(c.get("chi2").asDouble(), r.statistic(), STATISTIC, name + " chi2");
            assertEquals(c.get("p").asDouble(), r.pValue(), P_ABSOLUTE, name + " p");
            assertEquals(c.get("dof").asInt(), r.df());
            assertRelative(c.get("cramers_v").asDouble(), r.cramersV(), STATISTIC, name + " V");
            ChiSquareIndependence.Result y = ChiSquareIndependence.withYatesCorrection().of(table);
            assertRelative(c.get("chi2_yates").asDouble(), y.statistic(), STATISTIC, name + " chi2 (Yates)");
            assertEquals(c.get("p_yates").asDouble(), y.pValue(), P_ABSOLUTE, name + " p (Yates)");
            n++;
        }
        assertEquals(7, n);
    }

    private static long[][] toLong(double[][] m) {
        long[][] out = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = new long[m[i].length];
            for (int j = 0; j < m[i].length; j++) {
                out[i][j] = (long) m[i][j];
            }
        }
        return out;
    }

    @Test
    void benjaminiHochbergMatchesTheStepUpFormula() {
        JsonNode root = Fixtures.json("stats/stats.json");
        for (JsonNode c : root.get("benjamini_hochberg")) {
            double[] adj = BenjaminiHochberg.adjust(Fixtures.doubles(c.get("p")));
            double[] expected = Fixtures.doubles(c.get("adjusted"));
            for (int i = 0; i < adj.length; i++) {
                assertEquals(expected[i], adj[i], 1e-15, c.get("name").asText() + " " + i);
            }
        }
        // R: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") gives 0.05 five times
        assertArrayEquals(new double[] {0.05, 0.05, 0.05, 0.05, 0.05},
                BenjaminiHochberg.adjust(new double[] {0.01, 0.02, 0.03, 0.04, 0.05}), 1e-15);
        assertArrayEquals(new boolean[] {true, false, true},
                BenjaminiHochberg.reject(new double[] {0.001, 0.8, 0.01}, 0.05));
        assertEquals(0, BenjaminiHochberg.adjust(new double[0]).length);
    }

    /**
     * NIST StRD one-way ANOVA: F to the certified value. On the lower- and average-difficulty sets the
     * certified F is met to 1e-9 (the data's own decimal-to-binary rounding limits the average sets to about
     * 1e-10); on the higher-difficulty sets (13 constant leading digits) the inputs cannot be held exactly in
     * doubles, which moves the F of the data as parsed by about 4e-5 to 7e-5 relative: there the result must be
     * within 1e-4 of the certified value and, as a check of the algorithm itself, within 1e-12 of the F of the
     * parsed doubles computed in exact rational arithmetic (the sums of squares, which do not share the ratio's
     * cancellation of errors, to 2e-4).
     */
    @Test
    void anovaMeetsTheNistCertifiedValues() {
        List<String> lines = Fixtures.lines("stats/nist_anova.txt");
        int sets = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("dataset ")) {
                continue;
            }
            String[] head = lines.get(i).split(" ");
            String name = head[1];
            String difficulty = head[2];
            String[] cert = lines.get(++i).split(" ");
            double certifiedF = Double.parseDouble(cert[4]);
            double certifiedSsb = Double.parseDouble(cert[2]);
            double certifiedSsw = Double.parseDouble(cert[6]);
            double scipyF = Double.parseDouble(lines.get(++i).split(" ")[1]);
            double exactF = Double.parseDouble(lines.get(++i).split(" ")[1]);
            List<List<Double>> groups = new ArrayList<>();
            for (i++; !lines.get(i).equals("end"); i++) {
                String[] t = lines.get(i).split(" ");
                int g = Integer.parseInt(t[0]) - 1;
                while (groups.size() <= g) {
                    groups.add(new ArrayList<>());
                }
                double v = new BigDecimal(t[1]).doubleValue();
                for (int c = 0; c < Integer.parseInt(t[2]); c++) {
                    groups.get(g).add(v);
                }
            }
            double[][] samples = new double[groups.size()][];
            for (int g = 0; g < samples.length; g++) {
                Collections.shuffle(groups.get(g), new java.util.Random(g)); // order must not matter
                samples[g] = groups.get(g).stream().mapToDouble(Double::doubleValue).toArray();
            }
            OneWayAnova.Result r = OneWayAnova.test(samples);
            double tol = difficulty.equals("higher") ? 1e-4 : 1e-9;
            assertRelative(certifiedF, r.f(), tol, name + " certified F");
            assertRelative(exactF, r.f(), 1e-12, name + " F of the parsed doubles");
            // the sums of squares themselves move a little more than their ratio (SmLs08: 1.2e-4)
            double ssTol = difficulty.equals("higher") ? 2e-4 : tol;
            assertRelative(certifiedSsb, r.ssBetween(), ssTol, name + " certified SS between");
            assertRelative(certifiedSsw, r.ssWithin(), ssTol, name + " certified SS within");
            assertEquals(Integer.parseInt(cert[1]), r.dfBetween());
            assertEquals(Integer.parseInt(cert[5]), r.dfWithin());
            if (!difficulty.equals("higher")) {
                assertRelative(scipyF, r.f(), 1e-9, name + " SciPy F");
            }
            sets++;
        }
        assertEquals(11, sets);
    }

    @Test
    void effectSizesFollowTheirDefinitions() {
        double[][] s = {{1, 2, 3, 4}, {3, 4, 5, 6, 7}, {8, 9, 9}};
        OneWayAnova.Result a = OneWayAnova.test(s);
        double sst = a.ssBetween() + a.ssWithin();
        assertEquals(a.ssBetween() / sst, a.etaSquared(), 1e-15);
        double msw = a.ssWithin() / a.dfWithin();
        assertEquals((a.ssBetween() - 2 * msw) / sst, a.epsilonSquared(), 1e-15);
        assertEquals((a.ssBetween() - 2 * msw) / (sst + msw), a.omegaSquared(), 1e-15);
        KruskalWallis.Result k = KruskalWallis.test(s);
        assertEquals(k.h() / 11, k.epsilonSquared(), 1e-15);
        assertEquals((k.h() - 2) / 9, k.etaSquared(), 1e-15);
        assertTrue(k.tieCorrection() < 1);
        assertTrue(a.toString().startsWith("ANOVA[F(2, 9)") && k.toString().startsWith("KruskalWallis[H(2)"));
    }

    @Test
    void labelsAndArraysGiveTheSameTest() {
        SplittableRandom r = new SplittableRandom(3);
        double[] v = new double[200];
        int[] g = new int[200];
        for (int i = 0; i < v.length; i++) {
            g[i] = i % 7 == 0 ? -1 : r.nextInt(4);
            v[i] = g[i] + r.nextGaussian();
        }
        List<List<Double>> by = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            by.add(new ArrayList<>());
        }
        for (int i = 0; i < v.length; i++) {
            if (g[i] >= 0) {
                by.get(g[i]).add(v[i]);
            }
        }
        double[][] samples = by.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray())
                .toArray(double[][]::new);
        assertEquals(OneWayAnova.test(samples), OneWayAnova.test(v, g));
        assertEquals(KruskalWallis.test(samples), KruskalWallis.test(v, g));
    }
}
