/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import java.util.Arrays;

import static dev.segmentation.core.internal.CentroidKernel.squaredDistance;

/**
 * A static k-d tree for fixed-radius queries. Not API.
 *
 * <h2>Structure</h2>
 * Built top-down: a node's points are split at the median of the dimension in which their bounding box is
 * widest, until at most {@value #LEAF_SIZE} remain. The points are copied once, in tree order, into one flat
 * row-major array, so that a leaf's points are contiguous; every node keeps its position range and its
 * tight bounding box (flat arrays, {@code d} values per node). Memory: the copy ({@code n d} doubles) plus
 * about {@code 4 n d / LEAF_SIZE} doubles of boxes.
 *
 * <h2>Exactness</h2>
 * A node is skipped when the squared distance from the query to its box exceeds \( r^2 \), and all of its
 * points are counted at once when the squared distance to the box's farthest corner is at most \( r^2 \).
 * Both bounds are sums of squares of coordinate differences taken in feature order, as the point distance
 * is; since rounding is monotone, the lower bound never exceeds, and the upper bound is never below, the
 * computed squared distance of any point in the box. The pruning therefore never changes an answer: the
 * neighbours are exactly those of a brute-force scan with the same rule.
 *
 * <p>Reference: J. L. Bentley, "Multidimensional binary search trees used for associative searching",
 * CACM 18(9), 1975, doi:10.1145/361002.361007.
 */
final class KdTree extends NeighborIndex {
    static final int LEAF_SIZE = 16;

    private final int n;
    private final int d;
    /** Points in tree order, row-major. */
    private final double[] pts;
    /** Input index of each position. */
    private final int[] orig;
    private final int[] nodeStart;
    private final int[] nodeEnd;
    /** First child (the second is at {@code left + 1}), or -1 for a leaf. */
    private final int[] nodeLeft;
    private final double[] boxMin;
    private final double[] boxMax;
    /** Per-thread traversal stacks of {@link #nearest}, so that a model's per-row prediction allocates nothing. */
    private final ThreadLocal<int[]> nearestStack = ThreadLocal.withInitial(() -> new int[128]);
    private int nodes;

    /**
     * A tree over the points.
     *
     * @param x {@code n} points, row-major. Not modified.
     */
    KdTree(double[] x, int n, int d) {
        this.n = n;
        this.d = d;
        this.orig = new int[n];
        for (int i = 0; i < n; i++) {
            orig[i] = i;
        }
        int maxNodes = 2 * Math.max(1, (this.n + LEAF_SIZE - 1) / LEAF_SIZE) * 2 + 1;
        nodeStart = new int[maxNodes];
        nodeEnd = new int[maxNodes];
        nodeLeft = new int[maxNodes];
        boxMin = new double[maxNodes * d];
        boxMax = new double[maxNodes * d];
        // Built on a working copy, which the build reorders along with orig.
        this.pts = Arrays.copyOf(x, n * d);
        if (n > 0) {
            build();
        }
    }

    private void build() {
        int[] stack = new int[128];
        int top = 0;
        nodes = 1;
        nodeStart[0] = 0;
        nodeEnd[0] = n;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            int s = nodeStart[node];
            int e = nodeEnd[node];
            int bo = node * d;
            for (int j = 0; j < d; j++) {
                boxMin[bo + j] = Double.POSITIVE_INFINITY;
                boxMax[bo + j] = Double.NEGATIVE_INFINITY;
            }
            for (int p = s; p < e; p++) {
                int po = p * d;
                for (int j = 0; j < d; j++) {
                    double v = pts[po + j];
                    if (v < boxMin[bo + j]) {
                        boxMin[bo + j] = v;
                    }
                    if (v > boxMax[bo + j]) {
                        boxMax[bo + j] = v;
                    }
                }
            }
            int dim = 0;
            double widest = -1;
            for (int j = 0; j < d; j++) {
                double w = boxMax[bo + j] - boxMin[bo + j];
                if (w > widest) {
                    widest = w;
                    dim = j;
                }
            }
            if (e - s <= LEAF_SIZE || widest <= 0) {
                nodeLeft[node] = -1;
                continue;
            }
            int mid = (s + e) >>> 1;
            select(s, e - 1, mid, dim);
            int left = nodes;
            nodes += 2;
            nodeLeft[node] = left;
            nodeStart[left] = s;
            nodeEnd[left] = mid;
            nodeStart[left + 1] = mid;
            nodeEnd[left + 1] = e;
            stack[top++] = left + 1;
            stack[top++] = left;
        }
    }

    /** Hoare-style quickselect on coordinate {@code dim}: the {@code k}-th point in {@code [lo, hi]}. */
    private void select(int lo, int hi, int k, int dim) {
        while (hi > lo) {
            // Median of three as pivot: deterministic.
            int mid = (lo + hi) >>> 1;
            double a = coord(lo, dim);
            double b = coord(mid, dim);
            double c = coord(hi, dim);
            double pivot = a < b ? (b < c ? b : Math.max(a, c)) : (a < c ? a : Math.max(b, c));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (coord(i, dim) < pivot) {
                    i++;
                }
                while (coord(j, dim) > pivot) {
                    j--;
                }
                if (i <= j) {
                    swap(i, j);
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private double coord(int p, int dim) {
        return pts[p * d + dim];
    }

    private void swap(int a, int b) {
        int ao = a * d;
        int bo = b * d;
        for (int j = 0; j < d; j++) {
            double t = pts[ao + j];
            pts[ao + j] = pts[bo + j];
            pts[bo + j] = t;
        }
        int t = orig[a];
        orig[a] = orig[b];
        orig[b] = t;
    }

    @Override
    int size() {
        return n;
    }

    @Override
    int original(int position) {
        return orig[position];
    }

    /** The squared distance from the query to the node's box (0 inside), in feature order. */
    private double minDist(double[] q, int off, int node) {
        int bo = node * d;
        double s = 0;
        for (int j = 0; j < d; j++) {
            double v = q[off + j];
            double lo = boxMin[bo + j];
            double hi = boxMax[bo + j];
            double t = v < lo ? lo - v : v > hi ? v - hi : 0;
            s += t * t;
        }
        return s;
    }

    /** The squared distance from the query to the farthest corner of the node's box, in feature order. */
    private double maxDist(double[] q, int off, int node) {
        int bo = node * d;
        double s = 0;
        for (int j = 0; j < d; j++) {
            double v = q[off + j];
            double t = Math.max(v - boxMin[bo + j], boxMax[bo + j] - v);
            s += t * t;
        }
        return s;
    }

    @Override
    void count(int from, int to, double r2, int limit, int[] counts) {
        int[] stack = new int[128];
        for (int p = from; p < to; p++) {
            counts[p] = countOne(pts, p * d, r2, limit, stack);
        }
    }

    private int countOne(double[] q, int off, double r2, int limit, int[] stack) {
        int found = 0;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            int node = stack[--top];
            if (minDist(q, off, node) > r2) {
                continue;
            }
            int s = nodeStart[node];
            int e = nodeEnd[node];
            if (maxDist(q, off, node) <= r2) {
                found += e - s;
                if (found >= limit) {
                    return limit;
                }
                continue;
            }
            int left = nodeLeft[node];
            if (left >= 0) {
                stack[top++] = left + 1;
                stack[top++] = left;
                continue;
            }
            for (int p = s; p < e; p++) {
                if (squaredDistance(pts, p * d, q, off, d) <= r2) {
                    if (++found >= limit) {
                        return limit;
                    }
                }
            }
        }
        return found;
    }

    @Override
    void visit(int from, int to, boolean[] mask, double r2, Visitor visitor) {
        int[] stack = new int[128];
        for (int qp = from; qp < to; qp++) {
            if (mask != null && !mask[qp]) {
                continue;
            }
            final int off = qp * d;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int node = stack[--top];
                if (minDist(pts, off, node) > r2) {
                    continue;
                }
                int left = nodeLeft[node];
                if (left >= 0) {
                    stack[top++] = left + 1;
                    stack[top++] = left;
                    continue;
                }
                for (int p = nodeStart[node]; p < nodeEnd[node]; p++) {
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
        if (n == 0) {
            return -1;
        }
        int[] stack = nearestStack.get();
        int top = 0;
        stack[top++] = 0;
        int best = -1;
        double bestD = r2;
        while (top > 0) {
            int node = stack[--top];
            double lb = minDist(q, off, node);
            if (lb > bestD) {
                continue;
            }
            int left = nodeLeft[node];
            if (left >= 0) {
                stack[top++] = left + 1;
                stack[top++] = left;
                continue;
            }
            for (int p = nodeStart[node]; p < nodeEnd[node]; p++) {
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
