/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import java.util.Arrays;

/**
 * The exact nearest-centre kernel in dot-product form, for batches. Not API.
 *
 * <h2>What it computes</h2>
 * The label of a row is the one of the naive scan of {@link CentroidKernel#squaredDistance}: the lowest index
 * among the smallest distances \( \mathrm{fl}\big(\sum_j (x_j - c_j)^2\big) \), summed in feature order. The
 * kernel reaches it by a cheaper route and proves, row by row, that the route gave the same answer.
 *
 * <h2>The fast route</h2>
 * Rows and centres are first centred at the mean \( m \) of the centres: \( x' = \mathrm{fl}(x - m) \),
 * \( c' = \mathrm{fl}(c - m) \) (the subtraction is folded into the block transposition, so it costs one
 * operation per value, not per centre). Then for every centre
 * \[ \tilde D_c = \mathrm{fl}\Big(\lVert x'\rVert^2 + \lVert c'\rVert^2 + \sum_j x'_j \,(-2c'_j)\Big), \]
 * one fused multiply-add per feature and centre instead of the difference form's subtraction, multiplication
 * and addition, vectorised by the JIT over a block of transposed rows. The best and second-best
 * \( \tilde D \) are kept per row, branch-free.
 *
 * <h2>Why the label is exact</h2>
 * Let \( u = 2^{-53} \), \( \gamma_n = nu/(1-nu) \), \( X = \lVert x'\rVert^2 \) and
 * \( M = \max_c \lVert c'\rVert^2 \). Standard bounds (Higham, <i>Accuracy and Stability of Numerical
 * Algorithms</i>, 2nd ed., SIAM 2002, ch. 3, doi:10.1137/1.9780898718027) give, for every centre:
 * <ul>
 *   <li>the centring moves a true distance by at most \( 4.02\,u\,(X + M) \)
 *       (\( |(x'-c') - (x-c)| \le u(|x'| + |c'|) \) per feature);</li>
 *   <li>the fast value differs from the exact \( \lVert x' - c'\rVert^2 \) by at most
 *       \( 3\gamma_{d+2}(X + M) \) (the computed norms, and the FMA chain over terms whose magnitudes sum
 *       to at most \( 2(X + M) \), as \( 2|x'\cdot c'| \le X + M \));</li>
 *   <li>the naive scan's value differs from the exact \( \lVert x - c\rVert^2 \) by at most
 *       \( \gamma_{d+2}\lVert x - c\rVert^2 \le 2.01\,\gamma_{d+2}(X + M) \).</li>
 * </ul>
 * So if the fast gap between the runner-up and the best exceeds
 * \( \tau = 16\,\gamma_{d+2}(X + M) + \eta \) (twice the sum of these errors for both centres, with
 * \( \eta = 8(d+2) \) times the smallest subnormal for underflow, and a margin for rounding \( \tau \)
 * and the gap themselves), every other centre's naive distance is strictly
 * larger than the best's (the errors sum to about \( 10.5\,\gamma_{d+2}(X + M) \)): the naive scan picks
 * the same centre. Rows inside the bound (near ties, exact ties, and rows whose \( X + M \) is not below {@code 1e300}, which includes rows with a NaN or infinite value) are
 * rescored with the naive difference form by {@link CentroidKernel#nearestOne}. On standardised data
 * \( \tau \approx 10^{-12} \) and the rescored rows are a vanishing fraction; for data far from the centres'
 * mean the bound grows with \( X \) and so does the rescored fraction, never the error.
 *
 * <h2>Ordering without branches</h2>
 * A fast value can be slightly negative; it is clamped to {@code +0.0} by clearing the bits of negative values
 * (two clamped values give a gap of 0, which is rescored). Non-negative doubles order as their raw bits read
 * as longs, so the running best and runner-up are updated with masks, as in {@link CentroidKernel}.
 */
public final class DotKernel {
    /** Rows with \( X + M \) at or above this are rescored: their squared differences could overflow. */
    static final double LIMIT = 1e300;

    private DotKernel() {
    }

    /** Centres prepared for the kernel: immutable, shareable between threads. */
    public static final class Centres {
        final int k;
        final int d;
        final double[] raw;
        final double[] mean;
        /** {@code -2 (c - m)}, row-major. */
        final double[] minus2;
        /** {@code ||c - m||^2} per centre. */
        final double[] norm;
        final double maxNorm;
        final double tauFactor;
        final double eta;
        /** The low bits of a score's pattern that carry the centre index. */
        final long labelMask;
        /**
         * The lane width {@code w} of the centres-in-lanes layout (the SIMD kernel's vector length), or 0 when
         * that layout is not built: no SIMD kernel, {@code k < 2} or {@code k > w}, or centres whose mean is far
         * from the origin compared with their spread ({@code ||m||^2 > 10^4 max ||c - m||^2}), for which the
         * layout's bound, which grows with {@code ||x||^2}, would send too many rows to rescoring.
         */
        final int lanes;
        /** {@code -2 (c - m)} transposed: {@code lanesMinus2[j * w + cc]}, lanes past {@code k} hold 0. */
        final double[] lanesMinus2;
        /**
         * {@code ||c - m||^2 + 2 m . (c - m)} per lane (one fused multiply-add chain from the norm), lanes past
         * {@code k} hold {@code +Inf}: the score of the raw row {@code x} is this plus {@code x . (-2 (c - m))}.
         */
        final double[] lanesOffset;
        /**
         * The centre index of each lane ({@code 0} past {@code k}), or {@code null} unless {@code 2 <= k <= w}
         * (w the SIMD kernel's vector length).
         */
        final long[] lanesIndex;
        /**
         * The raw centres transposed, {@code rawLanes[j * w + cc] = c[cc][j]}, lanes past {@code k} hold NaN: the
         * layout of the one-row search {@link CentroidKernel#nearestOne(double[], int, Centres)}; {@code null}
         * unless {@code 2 <= k <= w}.
         */
        final double[] rawLanes;
        /** {@code ||m||^2 + max ||c - m||^2}, rounded up: with the rows' {@code ||x||^2}, half the bound's scale. */
        final double lanesScale;

        /**
         * Prepares {@code k} centres of dimension {@code d}, row-major.
         *
         * @param c the centres, finite. Not modified (kept by reference: the caller must not change it).
         */
        public Centres(double[] c, int k, int d) {
            this.k = k;
            this.d = d;
            this.raw = c;
            this.mean = new double[d];
            for (int cc = 0; cc < k; cc++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += c[cc * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                mean[j] /= k;
            }
            this.minus2 = new double[k * d];
            this.norm = new double[k];
            double max = 0;
            for (int cc = 0; cc < k; cc++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double v = c[cc * d + j] - mean[j];
                    minus2[cc * d + j] = -2 * v;
                    s = Math.fma(v, v, s);
                }
                norm[cc] = s;
                max = Math.max(max, s);
            }
            // The computed norms are low by at most gamma_d relative: round the maximum up.
            this.maxNorm = max * (1 + 4 * (d + 2) * 0x1p-53);
            double nu = (d + 2) * 0x1p-53;
            double gamma = nu / (1 - nu);
            int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, k - 1));
            this.labelMask = (1L << bits) - 1;
            // Replacing the low bits moves each score by fewer than 2^bits ulps, scores are below 2.01(X + M).
            this.tauFactor = (16 * gamma + 0x1p-50 * (1L << bits)) * (1 + 0x1p-40);
            this.eta = 8.0 * (d + 2) * Double.MIN_VALUE;
            int w = CentroidKernel.laneWidth();
            double meanNorm = 0;
            for (int j = 0; j < d; j++) {
                meanNorm = Math.fma(mean[j], mean[j], meanNorm);
            }
            meanNorm *= 1 + 4 * (d + 2) * 0x1p-53;
            if (k >= 2 && k <= w) {
                this.lanesIndex = new long[w];
                this.rawLanes = new double[d * w];
                Arrays.fill(rawLanes, Double.NaN);
                for (int cc = 0; cc < k; cc++) {
                    lanesIndex[cc] = cc;
                    for (int j = 0; j < d; j++) {
                        rawLanes[j * w + cc] = c[cc * d + j];
                    }
                }
            } else {
                this.lanesIndex = null;
                this.rawLanes = null;
            }
            if (k >= 2 && k <= w && meanNorm <= 1e4 * maxNorm) {
                this.lanes = w;
                this.lanesMinus2 = new double[d * w];
                this.lanesOffset = new double[w];
                Arrays.fill(lanesOffset, Double.POSITIVE_INFINITY);
                for (int cc = 0; cc < k; cc++) {
                    double offset = norm[cc];
                    for (int j = 0; j < d; j++) {
                        lanesMinus2[j * w + cc] = minus2[cc * d + j];
                        offset = Math.fma(-mean[j], minus2[cc * d + j], offset);
                    }
                    lanesOffset[cc] = offset;
                }
                this.lanesScale = (meanNorm + maxNorm) * (1 + 0x1p-50);
            } else {
                this.lanes = 0;
                this.lanesMinus2 = null;
                this.lanesOffset = null;
                this.lanesScale = 0;
            }
        }

        /** The number of centres. */
        public int k() {
            return k;
        }

        /** The dimension. */
        public int d() {
            return d;
        }
    }

    /** Per-thread buffers for one dimension. */
    public static final class Scratch {
        final int block;
        final double[][] xt;
        final double[] xn;
        final double[] acc;
        final long[] best;
        final long[] second;

        /** Buffers for dimension {@code d}. */
        public Scratch(int d) {
            this.block = CentroidKernel.blockSize(d);
            this.xt = new double[d][block];
            this.xn = new double[block];
            this.acc = new double[block];
            this.best = new long[block];
            this.second = new long[block];
        }
    }

    /**
     * Nearest centres for rows {@code [from, to)}: labels identical to the naive scan's.
     *
     * @param x rows, row-major with {@code c.d} columns. Not modified.
     * @param labels receives the label of row {@code i} at {@code labels[i - from + labelsOff]}. Modified.
     * @return the first row with no finite distance (a NaN or infinite value, or an overflow), or -1; such a
     *     row's label is meaningless
     */
    public static int nearest(double[] x, int from, int to, Centres c, int[] labels, int labelsOff, Scratch s) {
        return nearest(x, from, to, c, labels, labelsOff, s, null);
    }

    /**
     * As {@link #nearest(double[], int, int, Centres, int[], int, Scratch)}; also counts the rows that had to
     * be rescored into {@code rescored[0]} when it is not {@code null} (for tests and benchmarks).
     */
    public static int nearest(double[] x, int from, int to, Centres c, int[] labels, int labelsOff, Scratch s,
                              long[] rescored) {
        final int d = c.d;
        final int k = c.k;
        if (k < 2) {
            return CentroidKernel.nearest(x, d, from, to, c.raw, k, labels, labelsOff, null, 0, null,
                    new CentroidKernel.Scratch(d));
        }
        int invalid = -1;
        long again = 0;
        final int block = s.block;
        final double[] acc = s.acc;
        final double[] xn = s.xn;
        final long[] best = s.best;
        final long[] second = s.second;
        final long mask = c.labelMask;
        for (int start = from; start < to; start += block) {
            final int b = Math.min(block, to - start);
            transposeCentred(x, d, start, b, c.mean, s.xt);
            squaredNorms(s.xt, b, d, xn);
            Arrays.fill(best, 0, b, Long.MAX_VALUE);
            Arrays.fill(second, 0, b, Long.MAX_VALUE);
            for (int cc = 0; cc < k; cc++) {
                scores(s.xt, b, d, xn, c.norm[cc], c.minus2, cc * d, acc);
                updateTwo(acc, b, cc, ~mask, best, second);
            }
            final int out = start - from + labelsOff;
            final double maxNorm = c.maxNorm;
            final double tf = c.tauFactor;
            final double eta = c.eta;
            for (int p = 0; p < b; p++) {
                double scale = xn[p] + maxNorm;
                double gap = Double.longBitsToDouble(second[p] & ~mask) - Double.longBitsToDouble(best[p] & ~mask);
                if (gap > tf * scale + eta && scale < LIMIT) {
                    labels[out + p] = (int) (best[p] & mask);
                } else {
                    again++;
                    int l = CentroidKernel.nearestOne(x, (start + p) * d, c.raw, k, d);
                    if (l < 0) {
                        if (invalid < 0) {
                            invalid = start + p;
                        }
                        l = 0;
                    }
                    labels[out + p] = l;
                }
            }
        }
        if (rescored != null) {
            rescored[0] += again;
        }
        return invalid;
    }

    /** {@code xt[j][p] = x[(start+p)*d + j] - m[j]}, four rows at a time (sequential reads). */
    static void transposeCentred(double[] x, int d, int start, int b, double[] m, double[][] xt) {
        final int base = start * d;
        int p = 0;
        for (; p + 3 < b; p += 4) {
            final int r0 = base + p * d;
            final int r1 = r0 + d;
            final int r2 = r1 + d;
            final int r3 = r2 + d;
            for (int j = 0; j < d; j++) {
                final double[] col = xt[j];
                final double mj = m[j];
                col[p] = x[r0 + j] - mj;
                col[p + 1] = x[r1 + j] - mj;
                col[p + 2] = x[r2 + j] - mj;
                col[p + 3] = x[r3 + j] - mj;
            }
        }
        for (; p < b; p++) {
            final int r0 = base + p * d;
            for (int j = 0; j < d; j++) {
                xt[j][p] = x[r0 + j] - m[j];
            }
        }
    }

    private static void squaredNorms(double[][] xt, int b, int d, double[] xn) {
        final double[] x0 = xt[0];
        for (int p = 0; p < b; p++) {
            xn[p] = x0[p] * x0[p];
        }
        for (int j = 1; j < d; j++) {
            final double[] xj = xt[j];
            for (int p = 0; p < b; p++) {
                xn[p] = Math.fma(xj[p], xj[p], xn[p]);
            }
        }
    }

    /** {@code acc[p] = xn[p] + norm + sum_j xt[j][p] * m2[off + j]}, four features per pass. */
    private static void scores(double[][] xt, int b, int d, double[] xn, double norm, double[] m2, int off,
                               double[] acc) {
        int j = 0;
        {
            final double c0 = m2[off];
            final double[] x0 = xt[0];
            for (int p = 0; p < b; p++) {
                acc[p] = Math.fma(x0[p], c0, xn[p] + norm);
            }
            j = 1;
        }
        for (; j + 3 < d; j += 4) {
            final double c1 = m2[off + j];
            final double c2 = m2[off + j + 1];
            final double c3 = m2[off + j + 2];
            final double c4 = m2[off + j + 3];
            final double[] x1 = xt[j];
            final double[] x2 = xt[j + 1];
            final double[] x3 = xt[j + 2];
            final double[] x4 = xt[j + 3];
            for (int p = 0; p < b; p++) {
                double a = acc[p];
                a = Math.fma(x1[p], c1, a);
                a = Math.fma(x2[p], c2, a);
                a = Math.fma(x3[p], c3, a);
                a = Math.fma(x4[p], c4, a);
                acc[p] = a;
            }
        }
        for (; j < d; j++) {
            final double cj = m2[off + j];
            final double[] xj = xt[j];
            for (int p = 0; p < b; p++) {
                acc[p] = Math.fma(xj[p], cj, acc[p]);
            }
        }
    }

    /*
     * Clamp to +0.0 by clearing a negative value's bits; for non-negative doubles the raw bits order as the
     * values, and the difference of two such longs cannot overflow. The centre index replaces the low bits, so
     * one long minimum gives both the best score and its centre (equal truncated scores go to the lowest
     * index; they are inside the bound and rescored anyway), and no int lanes are mixed with long lanes,
     * which keeps the loop vectorisable. The runner-up is the minimum of the values that lost.
     */
    private static void updateTwo(double[] acc, int b, int cc, long keep, long[] best, long[] second) {
        final long index = cc;
        for (int p = 0; p < b; p++) {
            long raw = Double.doubleToRawLongBits(acc[p]);
            long key = (raw & ~(raw >> 63) & keep) | index;
            long bp = best[p];
            long dd = key - bp;
            long m = dd & (dd >> 63);
            best[p] = bp + m;
            long loser = key - m;
            long sp = second[p];
            long e = loser - sp;
            second[p] = sp + (e & (e >> 63));
        }
    }
}
