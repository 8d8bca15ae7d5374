package dev.segmentation.validation.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Hungarian method finds the optimum that brute force over all assignments finds. */
class HungarianProperties {
    @Provide
    Arbitrary<double[][]> matrices() {
        return Arbitraries.integers().between(1, 6).flatMap(r -> Arbitraries.integers().between(1, 6).flatMap(
                c -> Arbitraries.integers().between(-20, 50).map(v -> (double) v).array(double[].class).ofSize(c)
                        .array(double[][].class).ofSize(r)));
    }

    @Property(tries = 400)
    void optimalAndOneToOne(@ForAll("matrices") double[][] cost) {
        int r = cost.length;
        int c = cost[0].length;
        int[] a = Hungarian.solve(cost);
        assertEquals(r, a.length);
        Set<Integer> used = new HashSet<>();
        int assigned = 0;
        for (int i = 0; i < r; i++) {
            if (a[i] >= 0) {
                assertTrue(used.add(a[i]), "column used twice");
                assigned++;
            }
        }
        assertEquals(Math.min(r, c), assigned);
        assertEquals(brute(cost, 0, new boolean[c], Math.min(r, c)), Hungarian.totalCost(cost, a), 1e-9);
    }

    /** The minimum total cost over assignments of min(r, c) pairs, by exhaustive search. */
    private static double brute(double[][] cost, int row, boolean[] used, int need) {
        int r = cost.length;
        if (need == 0) {
            return 0;
        }
        if (r - row < need) {
            return Double.POSITIVE_INFINITY;
        }
        double best = brute(cost, row + 1, used, need); // leave this row unassigned
        for (int j = 0; j < used.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.min(best, cost[row][j] + brute(cost, row + 1, used, need - 1));
                used[j] = false;
            }
        }
        return best;
    }

    @Property(tries = 1)
    void rejectsBadMatrices() {
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][] {{1, Double.NaN}}));
        assertEquals(0, Hungarian.solve(new double[0][]).length);
        assertEquals(-1, Hungarian.solve(new double[][] {{}})[0]);
    }
}
