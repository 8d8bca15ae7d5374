/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import static dev.segmentation.core.internal.CentroidKernel.squaredDistance;

/**
 * A uniform grid for fixed-radius queries in one to three dimensions. Not API.
 *
 * <h2>Structure</h2>
 * Cells are cubes of side \( s = r (1 + 10^{-6}) \), slightly larger than the radius, anchored at the
 * minimum of each coordinate. The points are copied once, sorted by cell (row-major cell order, then input
 * order), so that a cell's points are contiguous; a cell is found through a dense table of offsets when
 * there are at most {@code 4 n + 1024} cells, else by binary search over the sorted keys of the occupied
 * cells. A query scans the \( 3^d \) cells around its own, own cell first. Memory: the copy
 * ({@code n d} doubles) plus {@code O(n)}.
 *
 * <h2>Exactness</h2>
 * Whether a point is a neighbour is decided by the same squared-distance rule as everywhere (see
 * {@link NeighborIndex}); the grid only chooses candidates. A point whose computed squared distance is at
 * most \( r^2 \) differs from the query by at most \( r (1 + 10^{-15}) \) in every coordinate, less than a
 * cell side by a margin of about \( 10^{-6} r \), which exceeds the rounding error of the computed cell
 * positions as long as a coordinate spans at most \( 2^{20} \) cells ({@link #fits} checks this; otherwise
 * the caller uses a k-d tree). So the neighbour always lies in one of the scanned cells.
 */
final class GridIndex extends NeighborIndex {
    /** The most cells along one coordinate. */
    static final long MAX_CELLS_PER_DIMENSION = 1L << 20;
    private static final double MARGIN = 1e-6;

    private final int n;
    private final int d;
    private final double[] pts;
    private final int[] orig;
    private final double[] min;
    private final long[] cells;
    private final double side;
    /** Dense table: start of cell key k at {@code cellStart[k]}, end at {@code cellStart[k + 1]}. */
    private final int[] cellStart;
    /** Sparse table: occupied keys, increasing, and the start of each (plus a final end). */
    private final long[] keys;
    private final int[] keyStart;
    /** Per-thread buffers of {@link #nearest}, so that a model's per-row prediction allocates nothing. */
    private final ThreadLocal<NearestScratch> nearestScratch = ThreadLocal.withInitial(NearestScratch::new);

    /** Buffers of one nearest-core query. */
    private static final class NearestScratch {
        final long[] cellKeys = new long[27];
        final long[] own = new long[3];
        final int[] range = new int[2];
    }

    /** Whether a grid with cells of side about {@code r} fits the data (1 to 3 dimensions, cell count). */
    static boolean fits(double[] x, int n, int d, double r) {
        if (d > 3 || n == 0) {
            return false;
        }
        double side = r * (1 + MARGIN);
        double[] min = new double[d];
        for (int j = 0; j < d; j++) {
            if (!(span(x, n, d, j, side, min) <= MAX_CELLS_PER_DIMENSION)) {
                return false;
            }
        }
        return true;
    }

    /** The number of cells of side {@code side} that column {@code j} spans; its minimum goes to {@code min[j]}. */
    private static double span(double[] x, int n, int d, int j, double side, double[] min) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = x[i * d + j];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        min[j] = lo;
        return Math.floor((hi - lo) / side) + 1;
    }

    /** A grid over the points, which must pass {@link #fits}. */
    GridIndex(double[] x, int n, int d, double r) {
        this.n = n;
        this.d = d;
        this.side = r * (1 + MARGIN);
        this.min = new double[d];
        this.cells = new long[d];
        for (int j = 0; j < d; j++) {
            cells[j] = (long) span(x, n, d, j, side, min);
        }
        long total = 1;
        for (int j = 0; j < d; j++) {
            total *= cells[j];
        }
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = keyOf(x, i * d);
        }
        // Order the points by key (stable): counting sort on a dense table, else a merge sort.
        int[] order;
        boolean dense = total <= 4L * this.n + 1024;
        if (dense) {
            int[] start = new int[(int) total + 1];
            for (int i = 0; i < this.n; i++) {
                start[(int) key[i] + 1]++;
            }
            for (int c = 0; c < total; c++) {
                start[c + 1] += start[c];
            }
            int[] fill = new int[(int) total];
            order = new int[this.n];
            for (int i = 0; i < this.n; i++) {
                int c = (int) key[i];
                order[start[c] + fill[c]++] = i;
            }
            this.cellStart = start;
            this.keys = null;
            this.keyStart = null;
        } else {
            order = sortByKey(key, this.n);
            int distinct = 0;
            for (int p = 0; p < this.n; p++) {
                if (p == 0 || key[order[p]] != key[order[p - 1]]) {
                    distinct++;
                }
            }
            this.keys = new long[distinct];
            this.keyStart = new int[distinct + 1];
            int k = -1;
            for (int p = 0; p < this.n; p++) {
                if (p == 0 || key[order[p]] != key[order[p - 1]]) {
                    k++;
                    keys[k] = key[order[p]];
                    keyStart[k] = p;
                }
            }
            keyStart[distinct] = this.n;
            this.cellStart = null;
        }
        this.orig = order;
        this.pts = new double[n * d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(x, order[p] * d, pts, p * d, d);
        }
    }

    private long keyOf(double[] v, int off) {
        long k = 0;
        for (int j = 0; j < d; j++) {
            long c = (long) Math.floor((v[off + j] - min[j]) / side);
            k = k * cells[j] + c;
        }
        return k;
    }

    private static int[] sortByKey(long[] key, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    tmp[k++] = key[idx[j]] < key[idx[i]] ? idx[j++] : idx[i++];
                }
                while (i < mid) {
                    tmp[k++] = idx[i++];
                }
                while (j < hi) {
                    tmp[k++] = idx[j++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
        return idx;
    }

    @Override
    int size() {
        return n;
    }

    @Override
    int original(int position) {
        return orig[position];
    }

    /** Writes the cell range {@code [start, end)} of key {@code k} into {@code range}; empty if unoccupied. */
    private void cellRange(long k, int[] range) {
        if (cellStart != null) {
            range[0] = cellStart[(int) k];
            range[1] = cellStart[(int) k + 1];
            return;
        }
        int lo = 0;
        int hi = keys.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < k) {
                lo = mid + 1;
            } else if (keys[mid] > k) {
                hi = mid - 1;
            } else {
                range[0] = keyStart[mid];
                range[1] = keyStart[mid + 1];
                return;
            }
        }
        range[0] = 0;
        range[1] = 0;
    }

    /**
     * The keys of the cells to scan for a query, own cell first; returns how many. Cells outside the grid
     * are left out.
     */
    private int neighbourCells(double[] q, int off, long[] out, long[] c) {
        for (int j = 0; j < d; j++) {
            double f = Math.floor((q[off + j] - min[j]) / side);
            if (f < -1 || f > cells[j]) {
                return 0;
            }
            c[j] = (long) f;
        }
        int count = 0;
        int combos = d == 1 ? 3 : d == 2 ? 9 : 27;
        // Offset code 0 first (own cell), then the rest.
        for (int t = 0; t < combos; t++) {
            int code = t;
            long key = 0;
            boolean inside = true;
            for (int j = 0; j < d; j++) {
                int digit = code % 3;
                code /= 3;
                long cj = c[j] + (digit == 0 ? 0 : digit == 1 ? -1 : 1);
                if (cj < 0 || cj >= cells[j]) {
                    inside = false;
                    break;
                }
                key = key * cells[j] + cj;
            }
            if (inside) {
                out[count++] = key;
            }
        }
        return count;
    }

    @Override
    void count(int from, int to, double r2, int limit, int[] counts) {
        long[] cellKeys = new long[27];
        long[] own = new long[3];
        int[] range = new int[2];
        for (int qp = from; qp < to; qp++) {
            int off = qp * d;
            int m = neighbourCells(pts, off, cellKeys, own);
            int found = 0;
            scan:
            for (int c = 0; c < m; c++) {
                cellRange(cellKeys[c], range);
                for (int p = range[0]; p < range[1]; p++) {
                    if (squaredDistance(pts, p * d, pts, off, d) <= r2 && ++found >= limit) {
                        break scan;
                    }
                }
            }
            counts[qp] = found;
        }
    }

    @Override
    void visit(int from, int to, boolean[] mask, double r2, Visitor visitor) {
        long[] cellKeys = new long[27];
        long[] own = new long[3];
        int[] range = new int[2];
        for (int qp = from; qp < to; qp++) {
            if (mask != null && !mask[qp]) {
                continue;
            }
            int off = qp * d;
            int m = neighbourCells(pts, off, cellKeys, own);
            for (int c = 0; c < m; c++) {
                cellRange(cellKeys[c], range);
                for (int p = range[0]; p < range[1]; p++) {
                    double s = squaredDistance(pts, p * d, pts, off, d);
                    if (s <= r2) {
                        visitor.visit(qp, p, s);
                    }
                }
            }
        }
    }

    @Override
    int nearest(double[] q, int off, double r2, int[] tieKey) {
        NearestScratch scratch = nearestScratch.get();
        long[] cellKeys = scratch.cellKeys;
        long[] own = scratch.own;
        int[] range = scratch.range;
        int m = neighbourCells(q, off, cellKeys, own);
        int best = -1;
        double bestD = r2;
        for (int c = 0; c < m; c++) {
            cellRange(cellKeys[c], range);
            for (int p = range[0]; p < range[1]; p++) {
                double s = squaredDistance(pts, p * d, q, off, d);
                if (s < bestD || (s == bestD && (best < 0 || tieKey[p] < tieKey[best]))) {
                    bestD = s;
                    best = p;
                }
            }
        }
        return best;
    }
}
