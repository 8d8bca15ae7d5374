/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import static dev.segmentation.core.internal.CentroidKernel.squaredDistance;

/**
 * Fixed-radius queries by scanning every point, blocked for the cache: a batch of queries is compared
 * with a block of points that stays in cache, so the data are read from memory once per batch instead of
 * once per query. For many dimensions, where a k-d tree cannot prune. Memory: none beyond the points,
 * which it reads in place; no distance matrix. Positions are the input order. Not API.
 */
final class BruteForceIndex extends NeighborIndex {
    /** Queries per batch. */
    private static final int QUERY_BLOCK = 64;

    private final int n;
    private final int d;
    private final double[] pts;
    private final int pointBlock;

    /**
     * An index over the points.
     *
     * @param x {@code n} points, row-major. Not modified, and not copied: they must not change while the
     *     index is in use.
     */
    BruteForceIndex(double[] x, int n, int d) {
        this.n = n;
        this.d = d;
        this.pts = x;
        // About 64 KiB of points per block.
        this.pointBlock = Math.max(16, 8192 / Math.max(1, d));
    }

    @Override
    int size() {
        return n;
    }

    @Override
    int original(int position) {
        return position;
    }

    @Override
    void count(int from, int to, double r2, int limit, int[] counts) {
        for (int qs = from; qs < to; qs += QUERY_BLOCK) {
            int qe = Math.min(to, qs + QUERY_BLOCK);
            for (int q = qs; q < qe; q++) {
                counts[q] = 0;
            }
            int open = qe - qs;
            for (int ps = 0; ps < n && open > 0; ps += pointBlock) {
                int pe = Math.min(n, ps + pointBlock);
                for (int q = qs; q < qe; q++) {
                    int c = counts[q];
                    if (c >= limit) {
                        continue;
                    }
                    int qo = q * d;
                    for (int p = ps; p < pe; p++) {
                        if (squaredDistance(pts, p * d, pts, qo, d) <= r2) {
                            c++;
                        }
                    }
                    if (c >= limit) {
                        c = limit;
                        open--;
                    }
                    counts[q] = c;
                }
            }
        }
    }

    @Override
    void visit(int from, int to, boolean[] mask, double r2, Visitor visitor) {
        for (int qs = from; qs < to; qs += QUERY_BLOCK) {
            int qe = Math.min(to, qs + QUERY_BLOCK);
            for (int ps = 0; ps < n; ps += pointBlock) {
                int pe = Math.min(n, ps + pointBlock);
                for (int q = qs; q < qe; q++) {
                    if (mask != null && !mask[q]) {
                        continue;
                    }
                    int qo = q * d;
                    for (int p = ps; p < pe; p++) {
                        double s = squaredDistance(pts, p * d, pts, qo, d);
                        if (s <= r2) {
                            visitor.visit(q, p, s);
                        }
                    }
                }
            }
        }
    }

    @Override
    int nearest(double[] q, int off, double r2, int[] tieKey) {
        int best = -1;
        double bestD = r2;
        for (int p = 0; p < n; p++) {
            double s = squaredDistance(pts, p * d, q, off, d);
            if (s < bestD || (s == bestD && (best < 0 || tieKey[p] < tieKey[best]))) {
                bestD = s;
                best = p;
            }
        }
        return best;
    }
}
