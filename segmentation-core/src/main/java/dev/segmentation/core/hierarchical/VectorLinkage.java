/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.FitControl;

import java.util.Arrays;

/**
 * Agglomerative algorithms that work on the data vectors instead of a distance matrix: {@code O(n d)}
 * memory and {@code O(n^2 d)} time. Not API.
 *
 * <h2>Ward's method by the nearest-neighbour chain on centroids</h2>
 * Each active cluster is kept as its weight \( n_a \) and centroid \( c_a \); the Ward distance is
 * \[ d(a, b) = \sqrt{\frac{2 n_a n_b}{n_a + n_b}}\, \lVert c_a - c_b \rVert , \]
 * which is exactly the distance SciPy's Lance-Williams recursion maintains, computed directly (so no
 * matrix is needed; this is the "stored data" variant of Müllner's {@code fastcluster}). The search for
 * the nearest neighbour of the chain's top cluster \( x \) compares
 * \( \frac{n_b}{n_x + n_b} \lVert c_x - c_b \rVert^2 \), which orders candidates as \( d(x, b) \) does.
 * The scan order, the tie rules (first minimum in slot order; the previous chain element preferred on
 * ties) and the slot kept by a merge (the larger slot) are SciPy's, so the linkage matrix equals SciPy's
 * up to rounding: the two compute the same distances by different formulas, so merges whose distances
 * differ only in the last bits (exact ties in SciPy's arithmetic) may be made in another order.
 *
 * <p>Centroids are stored transposed (one array per feature, indexed by slot), so that the distance pass
 * over all candidates runs with unit stride and is vectorised by the JIT. Retired slots hold NaN, which no
 * comparison selects; when half of the slots are retired the arrays are compacted, keeping their order. Each
 * search makes three passes over the slots: the squared distances, the keys (the JIT vectorises the division
 * too, which the earlier single pass with its running minimum could not), and a plain scan for the first least
 * key; this is about 1.5 times as fast as the single pass at 5,000 and 10,000 rows. A fused pass on the Vector
 * API (distances, keys and a running minimum per lane) was measured 17% slower than these three and is not
 * used.
 *
 * <h2>Single linkage by Prim's algorithm on the data</h2>
 * SciPy's {@code mst_single_linkage} with each distance computed from the rows when needed: the same
 * visiting order and tie rules, and the same distances as {@link MatrixLinkage#condensed}, bit for bit.
 *
 * <p>References: D. Müllner, "fastcluster: Fast hierarchical, agglomerative clustering routines for R and
 * Python", Journal of Statistical Software 53(9), 2013, doi:10.18637/jss.v053.i09. J. H. Ward, "Hierarchical
 * grouping to optimize an objective function", JASA 58(301), 1963, doi:10.1080/01621459.1963.10500845.
 */
final class VectorLinkage {
    private VectorLinkage() {
    }

    /**
     * Ward's method on weighted points.
     *
     * @param x {@code n * d} values, row-major. Not modified.
     * @param weights the weight of each point (its count of rows), or {@code null} for all 1. Not modified.
     * @return the merges by slot, in the order made
     */
    static MergeLog ward(double[] x, int n, int d, double[] weights, FitControl control) {
        // Slot arrays, compacted from time to time; slotId maps a position to the original slot.
        final double[][] ct = MatrixLinkage.transpose(x, n, d);
        final double[] w = new double[n];
        if (weights == null) {
            Arrays.fill(w, 1);
        } else {
            System.arraycopy(weights, 0, w, 0, n);
        }
        final int[] slotId = new int[n];
        for (int i = 0; i < n; i++) {
            slotId[i] = i;
        }
        final double[] acc = new double[n];
        final double[] cx = new double[d];
        final int[] chain = new int[n];
        final int[] remap = new int[n];
        int m = n;          // positions in use
        int dead = 0;       // retired positions among them
        int chainLength = 0;
        int firstLive = 0;
        MergeLog log = new MergeLog(n);
        final double[] c0 = ct[0];
        for (int k = 0; k < n - 1; k++) {
            if (chainLength == 0) {
                while (c0[firstLive] != c0[firstLive]) {
                    firstLive++;
                }
                chain[0] = firstLive;
                chainLength = 1;
            }
            int xp;
            int yp = -1;
            double best;
            while (true) {
                xp = chain[chainLength - 1];
                for (int j = 0; j < d; j++) {
                    cx[j] = ct[j][xp];
                }
                final double wx = w[xp];
                // The query's own key becomes NaN, which no comparison selects; restored below.
                w[xp] = Double.NaN;
                if (chainLength > 1) {
                    yp = chain[chainLength - 2];
                    best = squaredDistance(ct, d, cx, yp) * (w[yp] / (wx + w[yp]));
                } else {
                    best = Double.POSITIVE_INFINITY;
                }
                // Distances, then keys (both passes vectorised by the JIT, the division too), then the first
                // least key in a plain scan.
                MatrixLinkage.squaredDistances(ct, d, cx, 0, 0, m, acc);
                for (int p = 0; p < m; p++) {
                    acc[p] = acc[p] * (w[p] / (wx + w[p]));
                }
                for (int p = 0; p < m; p++) {
                    if (acc[p] < best) {
                        best = acc[p];
                        yp = p;
                    }
                }
                w[xp] = wx;
                if (chainLength > 1 && yp == chain[chainLength - 2]) {
                    break;
                }
                chain[chainLength++] = yp;
            }
            chainLength -= 2;
            // ||c_x - c_y||^2 as the search summed it (the same sum, whichever centre is subtracted).
            final double dist2 = squaredDistance(ct, d, cx, yp);
            if (xp > yp) {
                int t = xp;
                xp = yp;
                yp = t;
            }
            final double nx = w[xp];
            final double ny = w[yp];
            double height = Math.sqrt(2.0 * nx * ny / (nx + ny) * dist2);
            log.add(slotId[xp], slotId[yp], height);
            final double total = nx + ny;
            // c_y + (c_x - c_y) n_x / (n_x + n_y): the weighted mean, and exactly c_y when c_x == c_y, so that
            // duplicate rows keep merging at height 0.
            final double fx = nx / total;
            for (int j = 0; j < d; j++) {
                final double[] cj = ct[j];
                cj[yp] = cj[yp] + (cj[xp] - cj[yp]) * fx;
                cj[xp] = Double.NaN;
            }
            w[yp] = total;
            w[xp] = Double.NaN;
            dead++;
            if (xp == firstLive) {
                firstLive++;
            }
            if (dead * 2 > m && m > 64) {
                // Compact, keeping the order of the live positions.
                int q = 0;
                for (int p = 0; p < m; p++) {
                    if (c0[p] == c0[p]) {
                        remap[p] = q;
                        if (q != p) {
                            for (int j = 0; j < d; j++) {
                                ct[j][q] = ct[j][p];
                            }
                            w[q] = w[p];
                            slotId[q] = slotId[p];
                        }
                        q++;
                    } else {
                        remap[p] = -1;
                    }
                }
                for (int c = 0; c < chainLength; c++) {
                    chain[c] = remap[chain[c]];
                }
                m = q;
                dead = 0;
                firstLive = 0;
            }
            MatrixLinkage.report(control, "hierarchical (ward, nn-chain on centroids)", k, n, height);
        }
        return log;
    }

    /**
     * \( \sum_j (c_{jp} - x_j)^2 \) summed left to right from {@code t * t}: the bits of
     * {@link MatrixLinkage#squaredDistances} for slot {@code p}.
     */
    private static double squaredDistance(double[][] ct, int d, double[] cx, int p) {
        double t = ct[0][p] - cx[0];
        double s = t * t;
        for (int j = 1; j < d; j++) {
            t = ct[j][p] - cx[j];
            s = s + t * t;
        }
        return s;
    }

    /** SciPy's {@code mst_single_linkage} with distances computed from the rows. */
    static MergeLog singleMst(double[] x, int n, int d, FitControl control) {
        // Open (not yet merged) points, compacted in order after each step.
        final int[] open = new int[n];
        final double[] best = new double[n];
        final double[] acc = new double[n];
        final double[][] ot = MatrixLinkage.transpose(x, n, d);
        for (int i = 0; i < n; i++) {
            open[i] = i;
        }
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int nOpen = n;
        MergeLog log = new MergeLog(n);
        int x0 = 0;
        int xPos = 0;
        for (int k = 0; k < n - 1; k++) {
            // Remove x from the open list (position xPos), keeping order.
            final int tail = nOpen - xPos - 1;
            System.arraycopy(open, xPos + 1, open, xPos, tail);
            System.arraycopy(best, xPos + 1, best, xPos, tail);
            for (int j = 0; j < d; j++) {
                System.arraycopy(ot[j], xPos + 1, ot[j], xPos, tail);
            }
            nOpen--;
            MatrixLinkage.squaredDistances(ot, d, x, x0 * d, 0, nOpen, acc);
            double currentMin = Double.POSITIVE_INFINITY;
            int yPos = 0;
            for (int p = 0; p < nOpen; p++) {
                double v = Math.sqrt(acc[p]);
                if (best[p] > v) {
                    best[p] = v;
                }
                if (best[p] < currentMin) {
                    yPos = p;
                    currentMin = best[p];
                }
            }
            int y = open[yPos];
            log.add(x0, y, currentMin);
            x0 = y;
            xPos = yPos;
            MatrixLinkage.report(control, "hierarchical (single, mst on data)", k, n, currentMin);
        }
        return log;
    }
}
