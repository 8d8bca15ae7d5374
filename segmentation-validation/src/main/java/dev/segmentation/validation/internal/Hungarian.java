/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

import java.util.Arrays;

/**
 * The Hungarian method (Kuhn 1955, Munkres 1957) for the rectangular assignment problem: a minimum-cost
 * one-to-one assignment of the rows of a cost matrix to its columns. Not API.
 *
 * <p>This is the shortest-augmenting-path form with dual potentials (Jonker and Volgenant 1987), which
 * takes \( O(r^2 c) \) time for \( r \le c \); with more rows than columns the matrix is transposed, so every
 * column gets a row and the remaining rows stay unassigned. The result is exact (an optimal assignment) and
 * deterministic: it depends only on the matrix, scanned in index order, and the lowest index wins ties.
 *
 * <p>References: H. W. Kuhn, "The Hungarian method for the assignment problem", Naval Research Logistics
 * Quarterly 2 (1955) 83-97, doi:10.1002/nav.3800020109; R. Jonker, A. Volgenant, "A shortest augmenting path
 * algorithm for dense and sparse linear assignment problems", Computing 38 (1987) 325-340,
 * doi:10.1007/BF02278710.
 */
public final class Hungarian {
    private Hungarian() {
    }

    /**
     * A minimum-cost assignment.
     *
     * @param cost {@code r} rows of {@code c} finite costs. Not modified.
     * @return for each row, its column, or -1 if the row is left unassigned (only when {@code r > c})
     * @throws IllegalArgumentException if the matrix is ragged or a cost is not finite
     */
    public static int[] solve(double[][] cost) {
        int r = cost.length;
        if (r == 0) {
            return new int[0];
        }
        int c = cost[0].length;
        for (int i = 0; i < r; i++) {
            if (cost[i].length != c) {
                throw new IllegalArgumentException("Ragged cost matrix: row " + i + " has " + cost[i].length
                        + " columns but row 0 has " + c);
            }
            for (int j = 0; j < c; j++) {
                if (!Double.isFinite(cost[i][j])) {
                    throw new IllegalArgumentException("Non-finite cost " + cost[i][j] + " at (" + i + ", " + j + ")");
                }
            }
        }
        if (c == 0) {
            int[] none = new int[r];
            Arrays.fill(none, -1);
            return none;
        }
        if (r <= c) {
            return solveWide(cost, r, c, false);
        }
        int[] colToRow = solveWide(cost, c, r, true);
        int[] out = new int[r];
        Arrays.fill(out, -1);
        for (int j = 0; j < c; j++) {
            out[colToRow[j]] = j;
        }
        return out;
    }

    /** The total cost of an assignment from {@link #solve}. */
    public static double totalCost(double[][] cost, int[] assignment) {
        double total = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0) {
                total += cost[i][assignment[i]];
            }
        }
        return total;
    }

    /** Rows {@code n <= m} columns; {@code transposed} reads {@code cost[j][i]} as the cost of (i, j). */
    private static int[] solveWide(double[][] cost, int n, int m, boolean transposed) {
        // 1-based arrays as in the textbook formulation; p[j] = row assigned to column j (0 = none).
        double[] u = new double[n + 1];
        double[] v = new double[m + 1];
        int[] p = new int[m + 1];
        int[] way = new int[m + 1];
        double[] minv = new double[m + 1];
        boolean[] used = new boolean[m + 1];
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            Arrays.fill(used, false);
            do {
                used[j0] = true;
                int i0 = p[j0];
                double delta = Double.POSITIVE_INFINITY;
                int j1 = 0;
                for (int j = 1; j <= m; j++) {
                    if (!used[j]) {
                        double a = transposed ? cost[j - 1][i0 - 1] : cost[i0 - 1][j - 1];
                        double cur = a - u[i0] - v[j];
                        if (cur < minv[j]) {
                            minv[j] = cur;
                            way[j] = j0;
                        }
                        if (minv[j] < delta) {
                            delta = minv[j];
                            j1 = j;
                        }
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        Arrays.fill(rowToCol, -1);
        for (int j = 1; j <= m; j++) {
            if (p[j] != 0) {
                rowToCol[p[j] - 1] = j - 1;
            }
        }
        return rowToCol;
    }
}
