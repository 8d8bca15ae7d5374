package dev.segmentation.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gower's dissimilarity against R's {@code cluster::daisy} (fixtures/gower, made by make_gower_fixtures.R). */
class GowerTest {
    /** daisy and this class sum each pair's contributions in the same (column) order: equal to the last bits. */
    private static final double ENTRY_TOL = 1e-15;

    static JsonNode daisy() {
        try (InputStream in = GowerTest.class.getResourceAsStream("/fixtures/gower/gower_daisy.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode daisyCase(String name) {
        for (JsonNode c : daisy().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException("No case " + name);
    }

    static Dataset data(JsonNode c) {
        JsonNode rows = c.get("data");
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = doubles(rows.get(i));
        }
        List<String> names = new ArrayList<>();
        c.get("columns").forEach(n -> names.add(n.asText()));
        return Dataset.of(x, names);
    }

    static Gower gowerOf(JsonNode c) {
        List<String> cat = new ArrayList<>();
        c.get("categorical").forEach(n -> cat.add(n.asText()));
        return Gower.of(cat.toArray(new String[0])).withWeights(doubles(c.get("weights")));
    }

    static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    @Test
    void matchesDaisyOnTheFullMatrices() {
        for (String name : new String[] {"wholesale_150", "small_mixed", "small_numeric"}) {
            JsonNode c = daisyCase(name);
            double[] expected = doubles(c.get("condensed"));
            double[] ours = gowerOf(c).matrix(data(c)).toCondensedArray();
            assertEquals(expected.length, ours.length, name);
            for (int q = 0; q < ours.length; q++) {
                assertEquals(expected[q], ours[q], ENTRY_TOL, name + " pair " + q);
            }
        }
    }

    @Test
    void matchesDaisyOnTheWholesaleTableWithAndWithoutWeights() {
        for (String name : new String[] {"wholesale", "wholesale_weighted"}) {
            JsonNode c = daisyCase(name);
            DissimilarityMatrix d = gowerOf(c).matrix(data(c));
            int n = c.get("n").asInt();
            assertEquals(n, d.size());
            double[] sums = doubles(c.get("rowSums"));
            double max = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                double comp = 0;
                for (int j = 0; j < n; j++) {
                    double v = d.get(i, j);
                    max = Math.max(max, v);
                    double t = s + v;
                    comp += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
                    s = t;
                }
                // R's rowSums accumulates in long double: both are the exact sum to about 1e-15 relative
                assertEquals(sums[i], s + comp, 1e-13 * sums[i], name + " row " + i);
            }
            assertEquals(c.get("max").asDouble(), max, ENTRY_TOL);
            for (JsonNode r : c.get("rows")) {
                int i = r.get("row").asInt();
                double[] expected = doubles(r.get("values"));
                for (int j = 0; j < n; j++) {
                    assertEquals(expected[j], d.get(i, j), ENTRY_TOL, name + " (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void aConstantColumnCountsInTheDenominatorAndCategoriesAreCodes() {
        Dataset x = Dataset.of(new double[][] {{0, 5, 1}, {10, 5, 2}, {5, 5, 1}}, List.of("spend", "flat", "tier"));
        DissimilarityMatrix d = Gower.of("tier").matrix(x);
        // (|0 - 10| / 10 + 0 + 1) / 3, (0.5 + 0 + 0) / 3, (0.5 + 0 + 1) / 3
        assertArrayEquals(new double[] {2.0 / 3, 0.5 / 3, 1.5 / 3}, d.toCondensedArray(), 1e-15);
        // the codes' values play no part: relabelling a category changes nothing
        Dataset relabelled = Dataset.of(new double[][] {{0, 5, 7}, {10, 5, -3}, {5, 5, 7}},
                List.of("spend", "flat", "tier"));
        assertEquals(d, Gower.of("tier").matrix(relabelled));
        // a zero weight drops a column
        assertArrayEquals(new double[] {0.5, 0.25, 0.25},
                Gower.of("tier").withWeights(1, 1, 0).matrix(x).toCondensedArray(), 1e-15);
    }

    @Test
    void theMatrixDoesNotDependOnThePool() {
        JsonNode c = daisyCase("wholesale");
        Dataset x = data(c);
        DissimilarityMatrix one = gowerOf(c).singleThreaded().matrix(x);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            assertEquals(one, gowerOf(c).withPool(pool).matrix(x));
        } finally {
            pool.shutdown();
        }
        assertEquals(one, gowerOf(c).matrix(x));
    }

    @Property(tries = 40)
    void isAMetricInTheUnitIntervalAndRowOrderOnlyPermutesIt(@ForAll @IntRange(min = 2, max = 30) int n,
                                                              @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] rows = new double[n][3];
        for (int i = 0; i < n; i++) {
            rows[i][0] = rnd.nextGaussian() * 100;
            rows[i][1] = rnd.nextInt(3);
            rows[i][2] = rnd.nextInt(5) - 2.5;
        }
        Dataset x = Dataset.of(rows, List.of("spend", "tier", "score"));
        DissimilarityMatrix d = Gower.of("tier").matrix(x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = d.get(i, j);
                assertTrue(v >= 0 && v <= 1, "d(" + i + ", " + j + ") = " + v);
                assertEquals(v, d.get(j, i));
                for (int k = 0; k < n; k++) {
                    assertTrue(v <= d.get(i, k) + d.get(k, j) + 1e-15, "triangle " + i + " " + j + " " + k);
                }
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = n - 1 - i;
        }
        DissimilarityMatrix p = Gower.of("tier").matrix(x.selectRows(perm));
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(d.get(perm[i], perm[j]), p.get(i, j), 1e-15);
            }
        }
    }

    @Test
    void extremeFiniteValuesGiveFiniteDissimilarities() {
        Dataset x = Dataset.of(new double[][] {{-1.7e308, 0}, {1.7e308, 1}, {0, 1}, {Double.MIN_VALUE, 0}});
        double[] d = Gower.of("x1").matrix(x).toCondensedArray();
        for (double v : d) {
            assertTrue(v >= 0 && v <= 1, "finite in [0, 1]: " + v);
        }
        assertEquals(1.0, d[0], 1e-15);              // opposite ends of the range, different categories
        assertEquals(0.25, d[3], 1e-15);             // (1/2 + 0) / 2 between 1.7e308 and 0
        double[] tiny = Gower.of().matrix(Dataset.of(new double[][] {{Double.MIN_VALUE}, {0}, {2 * Double.MIN_VALUE}}))
                .toCondensedArray();
        assertArrayEquals(new double[] {0.5, 0.5, 1.0}, tiny);
    }

    @Test
    void badInputIsRejectedWithTheColumnOrValue() {
        Dataset x = Dataset.of(new double[][] {{1, 2}, {3, 4}}, List.of("a", "b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gower.of("c").matrix(x));
        assertTrue(e.getMessage().contains("'c'") || e.getMessage().contains("[c]"), e.getMessage());
        assertTrue(e.getMessage().contains("[a, b]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gower.of("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> Gower.of(" "));
        assertThrows(NullPointerException.class, () -> Gower.of((String) null));
        e = assertThrows(IllegalArgumentException.class, () -> Gower.of().withWeights(1, 2, 3).matrix(x));
        assertTrue(e.getMessage().contains("3 column weights") && e.getMessage().contains("2 columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gower.of().withWeights(1, -1));
        assertTrue(e.getMessage().contains("columnWeights[1]") && e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gower.of().withWeights(1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Gower.of().withWeights(0, 0));
        e = assertThrows(IllegalArgumentException.class, () -> Gower.of().matrix(Dataset.of(new double[][] {{1}})));
        assertTrue(e.getMessage().contains("at least 2 rows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Gower.of().withMemoryBudget(0));
    }

    @Test
    void theMemoryEstimateRefusesBeforeAllocating() {
        Gower g = Gower.of().singleThreaded();
        long est = g.estimateBytes(3000, 4);
        assertTrue(est >= DissimilarityMatrix.estimateBytes(3000) + 8L * 3000 * 4, "estimate " + est);
        assertTrue(est < DissimilarityMatrix.estimateBytes(3000) + 8L * 3000 * 4 + 100_000, "estimate " + est);
        Dataset x = Dataset.ofRowMajor(new double[3000 * 4], 3000, List.of("a", "b", "c", "d"));
        MemoryBudgetExceededException e = assertThrows(MemoryBudgetExceededException.class,
                () -> g.withMemoryBudget(1_000_000).matrix(x));
        assertEquals(est, e.bytesNeeded());
        assertEquals(1_000_000, e.budgetBytes());
        assertTrue(e.getMessage().contains(Long.toString(est)) && e.getMessage().contains("sample"), e.getMessage());
        assertEquals(Runtime.getRuntime().maxMemory() / 2, Gower.of().memoryBudget());
        assertThrows(MemoryBudgetExceededException.class, () -> Gower.of().matrix(
                Dataset.ofRowMajor(new double[65537], 65537, List.of("a"))));
    }
}
