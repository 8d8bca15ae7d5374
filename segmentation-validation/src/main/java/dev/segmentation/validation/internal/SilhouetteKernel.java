/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

import java.util.Arrays;

/**
 * The blocked kernel of the exact silhouette: for a block of query rows, the sum of Euclidean distances to
 * every row of each cluster, without ever holding more than one block of distances. Not API.
 *
 * <h2>Layout</h2>
 * The reference rows are sorted by cluster (cluster c occupies rows {@code start[c] .. start[c+1])}), so
 * that the sums for one cluster are a contiguous scan. A block of up to {@link #BLOCK} query rows is
 * transposed into one array per feature, {@code xt[f][p]}; for each reference row r, the innermost loops run
 * over the block's rows p with unit stride,
 * \[ \mathrm{acc}_p \mathrel{+}= \sqrt{\textstyle\sum_f (xt_{f,p} - r_f)^2} , \]
 * which HotSpot's superword pass compiles to SIMD instructions (vector subtract, multiply, add and square
 * root) without the incubating Vector API. Four features are folded per pass over the block.
 *
 * <h2>Exactness</h2>
 * Each squared distance is summed in feature order, \( ((d_0 + d_1) + d_2) + \dots \), exactly as the naive
 * loop {@code s += t * t} does, so every distance is bit-identical to the naive one; each query row's sum over
 * a cluster runs over the cluster's rows in their sorted order. A row's sums therefore depend only on the data
 * and the labels, never on the block, the chunk or the thread that computes them.
 *
 * <h2>Memory</h2>
 * Per worker: {@code d * BLOCK + 2 * BLOCK + BLOCK * k} doubles (see {@link #scratchBytes}).
 */
public final class SilhouetteKernel {
    /** Query rows per transposed block. */
    public static final int BLOCK = 256;

    private SilhouetteKernel() {
    }

    /** The bytes of one worker's scratch for dimension d and k clusters. */
    public static long scratchBytes(int d, int k) {
        return 8L * ((long) d * BLOCK + 2L * BLOCK + (long) BLOCK * k) + 64L * d;
    }

    /** Per-worker buffers. */
    public static final class Scratch {
        final double[][] xt;
        final double[] tmp;
        final double[] acc;
        final double[] sums;
        final int k;

        /** Buffers for dimension {@code d} and {@code k} clusters. */
        public Scratch(int d, int k) {
            this.xt = new double[d][BLOCK];
            this.tmp = new double[BLOCK];
            this.acc = new double[BLOCK];
            this.sums = new double[BLOCK * k];
            this.k = k;
        }
    }

    /**
     * Silhouette values of query rows.
     *
     * @param q query rows, row-major with {@code d} columns. Not modified.
     * @param qCodes the cluster of each query row, in {@code [0, k)}. Not modified.
     * @param from first query row
     * @param to one past the last query row
     * @param ref reference rows sorted by cluster, row-major. Not modified.
     * @param start {@code k + 1} offsets: cluster c is reference rows {@code [start[c], start[c+1])}
     * @param k the number of clusters
     * @param d the number of columns
     * @param out receives the silhouette of query row i at {@code out[outIndex[i]]}. Modified.
     * @param outIndex the output position of each query row. Not modified.
     * @param s scratch
     */
    public static void silhouettes(double[] q, int[] qCodes, int from, int to, double[] ref, int[] start, int k,
                                   int d, double[] out, int[] outIndex, Scratch s) {
        final double[] sums = s.sums;
        for (int b0 = from; b0 < to; b0 += BLOCK) {
            final int b = Math.min(BLOCK, to - b0);
            clusterSums(q, b0, b, ref, start, k, d, s);
            for (int p = 0; p < b; p++) {
                out[outIndex[b0 + p]] = value(sums, p * k, k, qCodes[b0 + p], start);
            }
        }
    }

    /**
     * The silhouette of a row from its sums of dissimilarities to every cluster, {@code sums[off + c]}:
     * \( (b - a) / \max(a, b) \), 0 for a singleton's row and when \( a = b = 0 \).
     *
     * @param own the row's cluster
     * @param start {@code k + 1} offsets whose differences are the cluster sizes
     */
    static double value(double[] sums, int off, int k, int own, int[] start) {
        int ownSize = start[own + 1] - start[own];
        if (ownSize <= 1) {
            return 0; // Rousseeuw: a singleton's silhouette is 0
        }
        double a = sums[off + own] / (ownSize - 1);
        double nearest = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (c != own) {
                double mean = sums[off + c] / (start[c + 1] - start[c]);
                if (mean < nearest) {
                    nearest = mean;
                }
            }
        }
        double m = Math.max(a, nearest);
        return m > 0 ? (nearest - a) / m : 0;
    }

    /**
     * Silhouette values from a condensed dissimilarity matrix, for query rows {@code queries[from .. to)} (in
     * increasing order): each row's sum to each cluster runs over every other clustered row j in increasing
     * order of j, exactly as a naive loop over the row of the square matrix, so a row's value depends only on
     * the matrix and the labels. The rows {@code j < i} are read row by row (their entries for the queries lie in
     * row j of the condensed matrix) and the rows {@code j > i} from the query's own contiguous row.
     *
     * @param dist the condensed matrix of n items. Not modified.
     * @param rowStart {@code Condensed.rowStarts(n)}
     * @param codes the cluster of each item in {@code [0, k)}, or -1 for noise (left out). Not modified.
     * @param start {@code k + 1} offsets whose differences are the cluster sizes
     * @param out receives the silhouette of item i at {@code out[i]}. Modified.
     * @param sums scratch of at least {@code (to - from) * k} doubles
     */
    public static void precomputed(double[] dist, int n, int[] rowStart, int[] codes, int[] start, int k,
                                   int[] queries, int from, int to, double[] out, double[] sums) {
        final int m = to - from;
        Arrays.fill(sums, 0, m * k, 0.0);
        final int last = queries[to - 1];
        int first = from;
        for (int j = 0; j < last; j++) {
            while (queries[first] <= j) {
                first++;
            }
            final int cj = codes[j];
            if (cj < 0) {
                continue;
            }
            final int base = rowStart[j];
            for (int p = first; p < to; p++) {
                sums[(p - from) * k + cj] += dist[base + queries[p]];
            }
        }
        for (int p = from; p < to; p++) {
            final int i = queries[p];
            final int base = rowStart[i];
            final int off = (p - from) * k;
            for (int j = i + 1; j < n; j++) {
                final int cj = codes[j];
                if (cj >= 0) {
                    sums[off + cj] += dist[base + j];
                }
            }
            out[i] = value(sums, off, k, codes[i], start);
        }
    }

    /** {@code s.sums[p * k + c]} = the sum of distances from query row {@code b0 + p} to cluster c. */
    static void clusterSums(double[] q, int b0, int b, double[] ref, int[] start, int k, int d, Scratch s) {
        final double[][] xt = s.xt;
        final double[] acc = s.acc;
        final double[] tmp = s.tmp;
        transpose(q, d, b0, b, xt);
        for (int c = 0; c < k; c++) {
            Arrays.fill(acc, 0, b, 0.0);
            final int end = start[c + 1];
            for (int r = start[c]; r < end; r++) {
                accumulate(xt, b, ref, r * d, d, tmp, acc);
            }
            for (int p = 0; p < b; p++) {
                s.sums[p * k + c] = acc[p];
            }
        }
    }

    private static void transpose(double[] x, int d, int start, int b, double[][] xt) {
        final int base = start * d;
        for (int p = 0; p < b; p++) {
            final int row = base + p * d;
            for (int f = 0; f < d; f++) {
                xt[f][p] = x[row + f];
            }
        }
    }

    /** {@code acc[p] += ||xt[.][p] - ref[off .. off+d)||} for p in {@code [0, b)}, summed in feature order. */
    static void accumulate(double[][] xt, int b, double[] ref, int off, int d, double[] tmp, double[] acc) {
        if (d <= 4) {
            finish(xt, b, ref, off, 0, d, null, acc);
            return;
        }
        // First four features into tmp.
        {
            final double c0 = ref[off];
            final double c1 = ref[off + 1];
            final double c2 = ref[off + 2];
            final double c3 = ref[off + 3];
            final double[] x0 = xt[0];
            final double[] x1 = xt[1];
            final double[] x2 = xt[2];
            final double[] x3 = xt[3];
            for (int p = 0; p < b; p++) {
                double t0 = x0[p] - c0;
                double t1 = x1[p] - c1;
                double t2 = x2[p] - c2;
                double t3 = x3[p] - c3;
                tmp[p] = t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
            }
        }
        int f = 4;
        for (; d - f > 4; f += 4) {
            final double c0 = ref[off + f];
            final double c1 = ref[off + f + 1];
            final double c2 = ref[off + f + 2];
            final double c3 = ref[off + f + 3];
            final double[] x0 = xt[f];
            final double[] x1 = xt[f + 1];
            final double[] x2 = xt[f + 2];
            final double[] x3 = xt[f + 3];
            for (int p = 0; p < b; p++) {
                double t0 = x0[p] - c0;
                double t1 = x1[p] - c1;
                double t2 = x2[p] - c2;
                double t3 = x3[p] - c3;
                tmp[p] = tmp[p] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3;
            }
        }
        finish(xt, b, ref, off, f, d - f, tmp, acc);
    }

    /**
     * The last one to four features ({@code f .. f+m)}), added to {@code tmp} (or to nothing when
     * {@code tmp == null}), then the square root into {@code acc}.
     */
    private static void finish(double[][] xt, int b, double[] ref, int off, int f, int m, double[] tmp,
                               double[] acc) {
        switch (m) {
            case 1: {
                final double c0 = ref[off + f];
                final double[] x0 = xt[f];
                if (tmp == null) {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        acc[p] += Math.sqrt(t0 * t0);
                    }
                } else {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        acc[p] += Math.sqrt(tmp[p] + t0 * t0);
                    }
                }
                break;
            }
            case 2: {
                final double c0 = ref[off + f];
                final double c1 = ref[off + f + 1];
                final double[] x0 = xt[f];
                final double[] x1 = xt[f + 1];
                if (tmp == null) {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        double t1 = x1[p] - c1;
                        acc[p] += Math.sqrt(t0 * t0 + t1 * t1);
                    }
                } else {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        double t1 = x1[p] - c1;
                        acc[p] += Math.sqrt(tmp[p] + t0 * t0 + t1 * t1);
                    }
                }
                break;
            }
            case 3: {
                final double c0 = ref[off + f];
                final double c1 = ref[off + f + 1];
                final double c2 = ref[off + f + 2];
                final double[] x0 = xt[f];
                final double[] x1 = xt[f + 1];
                final double[] x2 = xt[f + 2];
                if (tmp == null) {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        double t1 = x1[p] - c1;
                        double t2 = x2[p] - c2;
                        acc[p] += Math.sqrt(t0 * t0 + t1 * t1 + t2 * t2);
                    }
                } else {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        double t1 = x1[p] - c1;
                        double t2 = x2[p] - c2;
                        acc[p] += Math.sqrt(tmp[p] + t0 * t0 + t1 * t1 + t2 * t2);
                    }
                }
                break;
            }
            default: {
                final double c0 = ref[off + f];
                final double c1 = ref[off + f + 1];
                final double c2 = ref[off + f + 2];
                final double c3 = ref[off + f + 3];
                final double[] x0 = xt[f];
                final double[] x1 = xt[f + 1];
                final double[] x2 = xt[f + 2];
                final double[] x3 = xt[f + 3];
                if (tmp == null) {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        double t1 = x1[p] - c1;
                        double t2 = x2[p] - c2;
                        double t3 = x3[p] - c3;
                        acc[p] += Math.sqrt(t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3);
                    }
                } else {
                    for (int p = 0; p < b; p++) {
                        double t0 = x0[p] - c0;
                        double t1 = x1[p] - c1;
                        double t2 = x2[p] - c2;
                        double t3 = x3[p] - c3;
                        acc[p] += Math.sqrt(tmp[p] + t0 * t0 + t1 * t1 + t2 * t2 + t3 * t3);
                    }
                }
                break;
            }
        }
    }
}
