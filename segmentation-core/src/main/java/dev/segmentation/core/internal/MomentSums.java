/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/**
 * The weighted moment sums of a Gaussian mixture's M-step over blocks of rows, with one summation order whatever
 * runs them. Not API; one instance per thread of work (it holds scratch).
 *
 * <h2>The sums</h2>
 * For a block of {@code b} rows (transposed: {@code xt[j][p]}) and component {@code c} with weights
 * \( r_p = \) {@code resp[c][p]} and centre \( m = \) {@code shift[c d .. c d + d)}, let
 * \( v_{jp} = x_{jp} - m_j \) and \( u_{jp} = r_p v_{jp} \). The block adds
 * \[ \text{mass}_c \mathrel{+}= \sum_p r_p, \quad \text{first}_{cj} \mathrel{+}= \sum_p u_{jp}, \quad
 *    \text{second}_{c,ij} \mathrel{+}= \sum_p u_{ip} v_{jp} \ (j \ge i)\ \text{(full), or}\
 *    \text{second}_{cj} \mathrel{+}= \sum_p u_{jp} v_{jp} \ \text{(diagonal)}, \]
 * the full moments at {@code second[c d d + i d + j]} (only {@code j >= i} is written).
 *
 * <h2>The order of every sum</h2>
 * Each block sum \( \sum_p t_p \) is formed in {@value #LANES} partial sums: partial \( q \) adds, in row order,
 * the terms of the rows \( p \equiv q \pmod{8} \), starting from +0; the block total is
 * \( ((P_0 + P_1) + (P_2 + P_3)) + ((P_4 + P_5) + (P_6 + P_7)) \), added to the running sum. Every difference,
 * product and sum is rounded as written (no fused multiply-add). The SIMD kernel holds the eight partial sums in
 * the lanes of one 512-bit vector and the scalar loops in eight variables, so both give the same bits; the SIMD
 * kernel runs only where a vector holds exactly eight doubles.
 */
public final class MomentSums {
    /** The number of partial sums of every block sum, and the vector length the SIMD kernel needs. */
    public static final int LANES = 8;

    private final int d;
    private final boolean full;
    private final int nPlain;
    private final int n;
    /** {@code v[j][p]}, {@code u[j][p]} and a copy of the weights {@code r[p]} of the current component. */
    private final double[][] v;
    private final double[][] u;
    private final double[] r;
    /** The plain sums' sources: {@code r}, then {@code u[0 .. d)}. */
    private final double[][] plain;
    private final int[] target;
    private final double[] totals;
    private final double[] lanes = new double[4 * LANES];
    private final BlockKernel simd;

    /**
     * @param d the number of features
     * @param maxBlock the most rows a block will have
     * @param full whether the full second moments are summed (else only their diagonal)
     */
    public MomentSums(int d, int maxBlock, boolean full) {
        this(d, maxBlock, full, true);
    }

    /** As {@link #MomentSums(int, int, boolean)}; {@code allowSimd == false} forces the scalar loops (tests). */
    MomentSums(int d, int maxBlock, boolean full, boolean allowSimd) {
        this.d = d;
        this.full = full;
        this.nPlain = 1 + d;
        this.n = nPlain + (full ? d * (d + 1) / 2 : d);
        this.v = new double[d][maxBlock];
        this.u = new double[d][maxBlock];
        this.r = new double[maxBlock];
        this.plain = new double[nPlain][];
        plain[0] = r;
        System.arraycopy(u, 0, plain, 1, d);
        this.target = new int[n];
        this.totals = new double[n];
        BlockKernel k = CentroidKernel.simd();
        this.simd = allowSimd && k != null && k.lanes() == LANES ? k : null;
        int e = nPlain;
        for (int i = 0; i < d; i++) {
            if (full) {
                for (int j = i; j < d; j++) {
                    target[e++] = i * d + j;
                }
            } else {
                target[e++] = i;
            }
        }
    }

    /** Whether the block sums run on the SIMD kernel. */
    public boolean vectorized() {
        return simd != null;
    }

    /**
     * Adds a block of {@code b} rows to the sums of every component (see the class comment).
     *
     * @param xt the block, transposed: {@code xt[j][p]} for {@code p < b}. Not modified.
     * @param resp {@code resp[c][p]}: the weight of row {@code p} in component {@code c}. Not modified.
     * @param shift {@code k * d} centres. Not modified.
     * @param mass {@code k} running sums. Modified.
     * @param first {@code k * d} running sums. Modified.
     * @param second {@code k * d * d} (full) or {@code k * d} running sums. Modified.
     */
    public void add(double[][] xt, int b, double[][] resp, int k, double[] shift, double[] mass, double[] first,
                    double[] second) {
        for (int cc = 0; cc < k; cc++) {
            final double[] rc = resp[cc];
            final int mo = cc * d;
            System.arraycopy(rc, 0, r, 0, b);
            for (int j = 0; j < d; j++) {
                final double m = shift[mo + j];
                final double[] xj = xt[j];
                final double[] vj = v[j];
                final double[] uj = u[j];
                for (int p = 0; p < b; p++) {
                    final double t = xj[p] - m;
                    vj[p] = t;
                    uj[p] = rc[p] * t;
                }
            }
            if (simd != null) {
                simd.laneSums(b, plain, u, v, d, full, totals, lanes);
            } else {
                laneSumsScalar(b, plain, u, v, d, full, totals, lanes);
            }
            mass[cc] += totals[0];
            for (int j = 0; j < d; j++) {
                first[mo + j] += totals[1 + j];
            }
            final int so = full ? cc * d * d : mo;
            for (int e = nPlain; e < n; e++) {
                second[so + target[e]] += totals[e];
            }
        }
    }

    /**
     * The block totals over the first {@code b} rows in the order of the class comment: {@code totals[e]} for
     * {@code e < plain.length} sums {@code plain[e]}; then come the sums of {@code u[i][p] * v[j][p]}, for
     * {@code j >= i} row by row when {@code full}, else for {@code j == i}.
     *
     * @param lanes at least {@value #LANES} doubles of scratch. Modified.
     */
    static void laneSumsScalar(int b, double[][] plain, double[][] u, double[][] v, int d, boolean full,
                               double[] totals, double[] lanes) {
        final int whole = b - b % LANES;
        int e = 0;
        for (; e < plain.length; e++) {
            totals[e] = single(plain[e], null, whole, b, lanes);
        }
        for (int i = 0; i < d; i++) {
            final double[] a = u[i];
            if (!full) {
                totals[e++] = single(a, v[i], whole, b, lanes);
                continue;
            }
            int j = i;
            // Two products with u_i loaded once: sixteen chains of additions.
            for (; j + 1 < d; j += 2) {
                final double[] c0 = v[j];
                final double[] c1 = v[j + 1];
                double p0 = 0;
                double p1 = 0;
                double p2 = 0;
                double p3 = 0;
                double p4 = 0;
                double p5 = 0;
                double p6 = 0;
                double p7 = 0;
                double q0 = 0;
                double q1 = 0;
                double q2 = 0;
                double q3 = 0;
                double q4 = 0;
                double q5 = 0;
                double q6 = 0;
                double q7 = 0;
                for (int p = 0; p < whole; p += LANES) {
                    final double a0 = a[p];
                    final double a1 = a[p + 1];
                    final double a2 = a[p + 2];
                    final double a3 = a[p + 3];
                    final double a4 = a[p + 4];
                    final double a5 = a[p + 5];
                    final double a6 = a[p + 6];
                    final double a7 = a[p + 7];
                    p0 = p0 + a0 * c0[p];
                    p1 = p1 + a1 * c0[p + 1];
                    p2 = p2 + a2 * c0[p + 2];
                    p3 = p3 + a3 * c0[p + 3];
                    p4 = p4 + a4 * c0[p + 4];
                    p5 = p5 + a5 * c0[p + 5];
                    p6 = p6 + a6 * c0[p + 6];
                    p7 = p7 + a7 * c0[p + 7];
                    q0 = q0 + a0 * c1[p];
                    q1 = q1 + a1 * c1[p + 1];
                    q2 = q2 + a2 * c1[p + 2];
                    q3 = q3 + a3 * c1[p + 3];
                    q4 = q4 + a4 * c1[p + 4];
                    q5 = q5 + a5 * c1[p + 5];
                    q6 = q6 + a6 * c1[p + 6];
                    q7 = q7 + a7 * c1[p + 7];
                }
                totals[e++] = finish(lanes, p0, p1, p2, p3, p4, p5, p6, p7, a, c0, whole, b);
                totals[e++] = finish(lanes, q0, q1, q2, q3, q4, q5, q6, q7, a, c1, whole, b);
            }
            if (j < d) {
                totals[e++] = single(a, v[j], whole, b, lanes);
            }
        }
    }

    /** One block total: of {@code a[p]}, or of {@code a[p] * c[p]} when {@code c} is not null. */
    private static double single(double[] a, double[] c, int whole, int b, double[] lanes) {
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        double p4 = 0;
        double p5 = 0;
        double p6 = 0;
        double p7 = 0;
        if (c == null) {
            for (int p = 0; p < whole; p += LANES) {
                p0 = p0 + a[p];
                p1 = p1 + a[p + 1];
                p2 = p2 + a[p + 2];
                p3 = p3 + a[p + 3];
                p4 = p4 + a[p + 4];
                p5 = p5 + a[p + 5];
                p6 = p6 + a[p + 6];
                p7 = p7 + a[p + 7];
            }
        } else {
            for (int p = 0; p < whole; p += LANES) {
                p0 = p0 + a[p] * c[p];
                p1 = p1 + a[p + 1] * c[p + 1];
                p2 = p2 + a[p + 2] * c[p + 2];
                p3 = p3 + a[p + 3] * c[p + 3];
                p4 = p4 + a[p + 4] * c[p + 4];
                p5 = p5 + a[p + 5] * c[p + 5];
                p6 = p6 + a[p + 6] * c[p + 6];
                p7 = p7 + a[p + 7] * c[p + 7];
            }
        }
        return finish(lanes, p0, p1, p2, p3, p4, p5, p6, p7, a, c, whole, b);
    }

    /**
     * The partial sums {@code p0 .. p7} with the rows {@code [whole, b)} added to the first ones (terms
     * {@code a[p]}, or {@code a[p] * c[p]} when {@code c} is not null), reduced by {@link #tree}.
     */
    private static double finish(double[] lanes, double p0, double p1, double p2, double p3, double p4, double p5,
                                 double p6, double p7, double[] a, double[] c, int whole, int b) {
        lanes[0] = p0;
        lanes[1] = p1;
        lanes[2] = p2;
        lanes[3] = p3;
        lanes[4] = p4;
        lanes[5] = p5;
        lanes[6] = p6;
        lanes[7] = p7;
        for (int p = whole; p < b; p++) {
            lanes[p - whole] += c == null ? a[p] : a[p] * c[p];
        }
        return tree(lanes, 0);
    }

    /** \( ((l_0 + l_1) + (l_2 + l_3)) + ((l_4 + l_5) + (l_6 + l_7)) \) of {@code l[off .. off + 8)}. */
    static double tree(double[] l, int off) {
        return ((l[off] + l[off + 1]) + (l[off + 2] + l[off + 3]))
                + ((l[off + 4] + l[off + 5]) + (l[off + 6] + l[off + 7]));
    }
}
