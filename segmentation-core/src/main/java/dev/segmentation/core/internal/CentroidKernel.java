/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import java.util.Arrays;

/**
 * Nearest-centre kernels shared by K-means and the scorers. Not API.
 *
 * <h2>Exactness</h2>
 * Every squared distance is computed as the plain left-to-right sum
 * \( \sum_{j=0}^{d-1} (x_j - c_j)^2 \) in the order {@code j = 0, 1, ...}, exactly as the naive scan
 * {@link #squaredDistance} does, and the nearest centre is the lowest index among equal distances (strict
 * {@code <}). The blocked kernel therefore returns bit-identical distances and labels to the naive scan;
 * it only changes the loop order across rows, never the arithmetic of one row.
 *
 * <h2>Speed</h2>
 * {@link #nearest} transposes a block of rows into one array per column so that the innermost loop runs
 * over rows with unit stride: {@code acc[p] += (xt[j][p] - c[j])^2}. HotSpot's superword pass turns that
 * loop into SIMD instructions without the incubating Vector API; four features are folded per pass over
 * {@code acc} (still in the original order) to cut loads and stores, and the running minimum is updated
 * without branches. Measured on a 2-core AMD EPYC (d = 16, k = 8): about 3x the naive scan.
 *
 * <h2>SIMD on the Vector API</h2>
 * When the JVM is started with {@code --add-modules jdk.incubator.vector}, {@link #nearest} runs
 * {@code VectorCentroidKernel} instead: one SIMD lane per row, the same per-row arithmetic, so the same bits.
 * The choice is made once ({@code KernelSelection}); the scalar loops here remain the fallback, run batches of
 * fewer than {@value #VECTOR_MIN_ROWS} rows, and are always reachable through {@link #nearestScalar}.
 * {@link #vectorized()} tells which one is available.
 */
public final class CentroidKernel {
    /**
     * The bits of +Inf. A row with a NaN has NaN distances: a positive NaN's bits exceed every finite
     * distance's, so the minimum stays {@code Long.MAX_VALUE}; a negative NaN (the x86 default NaN) has
     * negative bits and becomes the minimum. An infinite value or an overflow gives exactly these bits. So a
     * row's minimum is meaningful iff its bits are in {@code [0, INFINITY_BITS)}.
     */
    private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

    /** The SIMD kernel, or {@code null} when the scalar loops of this class are used; chosen once. */
    private static final BlockKernel VECTOR = KernelSelection.select();
    /**
     * Fewer rows than this run the scalar loops even when the SIMD kernel is available: the Vector API's
     * objects are free only once the JIT has compiled the kernel, so a rare small batch would allocate, and
     * would gain little.
     */
    static final int VECTOR_MIN_ROWS = 128;

    private CentroidKernel() {
    }

    /**
     * Whether {@link #nearest} runs the SIMD kernel on the JDK's Vector API: the JVM was started with
     * {@code --add-modules jdk.incubator.vector}, its vectors hold at least four doubles, and the system
     * property {@code dev.segmentation.vector} is not {@code false}. Either way the results are identical.
     */
    public static boolean vectorized() {
        return VECTOR != null;
    }

    /**
     * The number of doubles per vector of the SIMD kernel, or 0 without it: the width of the centres-in-lanes
     * layout that {@link DotKernel.Centres} prepares for it.
     */
    static int laneWidth() {
        return VECTOR == null ? 0 : VECTOR.lanes();
    }

    /** The SIMD kernel, or {@code null} without it. */
    static BlockKernel simd() {
        return VECTOR;
    }

    /** The block size for dimension {@code d}: about 32 KiB of transposed rows, 64 to 256 rows. */
    public static int blockSize(int d) {
        int b = 4096 / Math.max(1, d);
        return Math.max(64, Math.min(256, b & ~7));
    }

    /** Scratch buffers for {@link #nearest}: one per thread of work; about {@code 8 * d * 256} bytes. */
    public static final class Scratch {
        final int block;
        final double[][] xt;
        final double[] acc;
        final long[] best;
        final long[] second;
        final int[] label;
        /** The SIMD kernel's buffers, allocated by it on first use (see {@code VectorCentroidKernel}). */
        double[] vecColumns;
        double[] vecRows;
        double[] vecLanes;
        long[] vecKeys;
        int[] vecIndex;
        int[] vecLabels;
        long[] vecCount;

        /** Buffers for dimension {@code d}. */
        public Scratch(int d) {
            this.block = blockSize(d);
            this.xt = new double[d][block];
            this.acc = new double[block];
            this.best = new long[block];
            this.second = new long[block];
            this.label = new int[block];
        }
    }

    /**
     * The squared Euclidean distance between {@code x[xOff .. xOff+d)} and {@code c[cOff .. cOff+d)}, summed
     * in feature order: the reference every other kernel matches.
     */
    public static double squaredDistance(double[] x, int xOff, double[] c, int cOff, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = x[xOff + j] - c[cOff + j];
            s += t * t;
        }
        return s;
    }

    /**
     * The nearest centre to one row, without allocation. Four centres are summed side by side (each in
     * feature order, so every distance is bit-identical to {@link #squaredDistance}) to hide the latency
     * of the floating-point additions.
     *
     * @param x the row at {@code x[off .. off+d)}. Not modified.
     * @param c {@code k} centres, row-major. Not modified.
     * @return the label, or -1 if no distance is finite (a NaN or infinite value in the row, or an overflow)
     */
    public static int nearestOne(double[] x, int off, double[] c, int k, int d) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        int cc = 0;
        for (; cc + 3 < k; cc += 4) {
            final int o0 = cc * d;
            final int o1 = o0 + d;
            final int o2 = o1 + d;
            final int o3 = o2 + d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < d; j++) {
                final double v = x[off + j];
                double t0 = v - c[o0 + j];
                double t1 = v - c[o1 + j];
                double t2 = v - c[o2 + j];
                double t3 = v - c[o3 + j];
                s0 += t0 * t0;
                s1 += t1 * t1;
                s2 += t2 * t2;
                s3 += t3 * t3;
            }
            if (s0 < bestD) {
                bestD = s0;
                best = cc;
            }
            if (s1 < bestD) {
                bestD = s1;
                best = cc + 1;
            }
            if (s2 < bestD) {
                bestD = s2;
                best = cc + 2;
            }
            if (s3 < bestD) {
                bestD = s3;
                best = cc + 3;
            }
        }
        for (; cc < k; cc++) {
            double s = squaredDistance(x, off, c, cc * d, d);
            if (s < bestD) {
                bestD = s;
                best = cc;
            }
        }
        return best;
    }

    /**
     * The nearest centre to one row, as {@link #nearestOne(double[], int, double[], int, int)} (same label, ties
     * to the lowest index, -1 if no distance is finite). With the SIMD kernel and {@code 2 <= k <=} its vector
     * length, the centres sit in the lanes of one vector per feature and the row's features are broadcast: the
     * squared differences are summed lane by lane in feature order with a separate subtraction, multiplication
     * and addition, so every distance has the naive scan's bits (about 3x faster at d = 16, k = 8 on 512-bit
     * vectors). That path allocates nothing once the JIT has compiled it.
     *
     * @param x the row at {@code x[off .. off + c.d())}. Not modified.
     * @param c the prepared centres
     */
    public static int nearestOne(double[] x, int off, DotKernel.Centres c) {
        if (VECTOR != null && c.rawLanes != null) {
            return VECTOR.nearestOne(x, off, c);
        }
        return nearestOne(x, off, c.raw, c.k, c.d);
    }

    /**
     * Adds rows {@code [from, to)} to the sums of their labels, in row order: {@code sums[l][j] += x[i][j]} and
     * {@code wsum[l] += 1}, or with weights {@code sums[l][j] += w[i] * x[i][j]} (the product rounded, then the
     * sum) and {@code wsum[l] += w[i]}, where {@code l = labels[i]}. The SIMD kernel adds a vector of features
     * per instruction with the same two roundings per value, so the sums have the same bits either way.
     *
     * @param x the rows, row-major with {@code d} columns. Not modified.
     * @param labels the label of row {@code i} at {@code labels[i]}, in {@code [0, k)}. Not modified.
     * @param w the row weights, or {@code null} for weight 1. Not modified.
     * @param sums {@code k * d} running sums, row-major. Modified.
     * @param wsum {@code k} running weights. Modified.
     */
    public static void addRows(double[] x, int d, int from, int to, int[] labels, double[] w, double[] sums,
                               double[] wsum) {
        if (VECTOR != null && d >= VECTOR.lanes()) {
            VECTOR.addRows(x, d, from, to, labels, w, sums, wsum);
            return;
        }
        addRowsScalar(x, d, from, to, labels, w, sums, wsum);
    }

    /**
     * The squared norms of triangular transforms of a transposed block: for rows {@code p < b},
     * \[ \text{acc}_p = \sum_{j=0}^{d-1} y_{jp}^2, \qquad y_{jp} = \sum_{i=0}^{j} U_{ij}\, \text{dt}_{ip}, \]
     * with \( U_{ij} = \) {@code tri[t + i d + j]} (upper triangular): each \( y_{jp} \) formed from
     * {@code U[0][j] * dt[0][p]} by adding the products for {@code i = 1 .. j} in order, and {@code acc} from
     * {@code y[0]^2} by adding the squares in order, every product and sum rounded (no fused multiply-add). The
     * SIMD kernel computes a vector of rows at once with these operations, so the bits are the same. A Gaussian
     * component's squared Mahalanobis distances, with {@code U} the Cholesky factor of its precision.
     *
     * @param dt {@code dt[i][p]}, {@code d} arrays of at least {@code b}. Not modified.
     * @param y scratch of at least {@code b} doubles. Modified.
     * @param acc receives the norms at {@code [0, b)}. Modified.
     */
    public static void triangularSquares(double[][] dt, int d, double[] tri, int t, int b, double[] y,
                                         double[] acc) {
        final int from = VECTOR == null ? 0 : VECTOR.triangularSquares(dt, d, tri, t, b, acc);
        if (from == b) {
            return;
        }
        for (int j = 0; j < d; j++) {
            final double u0 = tri[t + j];
            final double[] d0 = dt[0];
            for (int p = from; p < b; p++) {
                y[p] = u0 * d0[p];
            }
            for (int i = 1; i <= j; i++) {
                final double u = tri[t + i * d + j];
                final double[] di = dt[i];
                for (int p = from; p < b; p++) {
                    y[p] += u * di[p];
                }
            }
            if (j == 0) {
                for (int p = from; p < b; p++) {
                    acc[p] = y[p] * y[p];
                }
            } else {
                for (int p = from; p < b; p++) {
                    acc[p] += y[p] * y[p];
                }
            }
        }
    }

    /**
     * Folds rows {@code [from, to)} into running per-column extremes: {@code min[minOff + j] = min(min[minOff + j],
     * x[i][j])} and likewise for {@code max}, with {@link Math#min} and {@link Math#max} (finite values: the
     * result does not depend on the order, and the SIMD kernel gives the same). Used by the overflow check of
     * every distance-based fit.
     *
     * @param x the rows, row-major with {@code d} columns, finite. Not modified.
     * @param min running minima at {@code [minOff, minOff + d)}. Modified.
     * @param max running maxima at {@code [maxOff, maxOff + d)}. Modified.
     */
    public static void columnExtremes(double[] x, int d, int from, int to, double[] min, int minOff, double[] max,
                                      int maxOff) {
        if (VECTOR != null && d >= VECTOR.lanes()) {
            VECTOR.columnExtremes(x, d, from, to, min, minOff, max, maxOff);
            return;
        }
        for (int i = from; i < to; i++) {
            final int row = i * d;
            for (int j = 0; j < d; j++) {
                min[minOff + j] = Math.min(min[minOff + j], x[row + j]);
                max[maxOff + j] = Math.max(max[maxOff + j], x[row + j]);
            }
        }
    }

    /** {@link #addRows} with the scalar loops, whatever {@link #vectorized()} says (for tests). */
    public static void addRowsScalar(double[] x, int d, int from, int to, int[] labels, double[] w,
                                     double[] sums, double[] wsum) {
        for (int i = from; i < to; i++) {
            final int l = labels[i];
            final int row = i * d;
            final int off = l * d;
            if (w == null) {
                for (int j = 0; j < d; j++) {
                    sums[off + j] += x[row + j];
                }
                wsum[l] += 1;
            } else {
                final double wi = w[i];
                for (int j = 0; j < d; j++) {
                    sums[off + j] += wi * x[row + j];
                }
                wsum[l] += wi;
            }
        }
    }

    /**
     * The nearest and second-nearest centres of one row, without allocation; distances are those of
     * {@link #squaredDistance} (four centres are summed side by side, each in feature order).
     *
     * @param out receives the squared distances to the nearest ({@code out[0]}) and the runner-up
     *     ({@code out[1]}, {@code +Inf} when k = 1). Modified.
     * @return the nearest centre (lowest index on ties), or -1 if no distance is finite
     */
    public static int nearestTwo(double[] x, int off, double[] c, int k, int d, double[] out) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        double secondD = Double.POSITIVE_INFINITY;
        int cc = 0;
        for (; cc + 3 < k; cc += 4) {
            final int o0 = cc * d;
            final int o1 = o0 + d;
            final int o2 = o1 + d;
            final int o3 = o2 + d;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < d; j++) {
                final double v = x[off + j];
                double t0 = v - c[o0 + j];
                double t1 = v - c[o1 + j];
                double t2 = v - c[o2 + j];
                double t3 = v - c[o3 + j];
                s0 += t0 * t0;
                s1 += t1 * t1;
                s2 += t2 * t2;
                s3 += t3 * t3;
            }
            for (int q = 0; q < 4; q++) {
                double s = q == 0 ? s0 : q == 1 ? s1 : q == 2 ? s2 : s3;
                if (s < bestD) {
                    secondD = bestD;
                    bestD = s;
                    best = cc + q;
                } else if (s < secondD) {
                    secondD = s;
                }
            }
        }
        for (; cc < k; cc++) {
            double s = squaredDistance(x, off, c, cc * d, d);
            if (s < bestD) {
                secondD = bestD;
                bestD = s;
                best = cc;
            } else if (s < secondD) {
                secondD = s;
            }
        }
        out[0] = bestD;
        out[1] = secondD;
        return best;
    }

    /**
     * A squared distance summed with four partial sums: faster than {@link #squaredDistance} but not
     * bit-identical to it, so only for bounds (Hamerly's tightening), never for choosing a label.
     */
    public static double boundDistance(double[] x, int xOff, double[] c, int cOff, int d) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            double t0 = x[xOff + j] - c[cOff + j];
            double t1 = x[xOff + j + 1] - c[cOff + j + 1];
            double t2 = x[xOff + j + 2] - c[cOff + j + 2];
            double t3 = x[xOff + j + 3] - c[cOff + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < d; j++) {
            double t = x[xOff + j] - c[cOff + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Nearest centres for rows {@code [from, to)} of a row-major matrix.
     *
     * @param x the rows, row-major with {@code d} columns. Not modified.
     * @param d the number of columns
     * @param from first row
     * @param to one past the last row
     * @param c {@code k} centres, row-major. Not modified.
     * @param k the number of centres
     * @param labels receives the label of row {@code i} at {@code labels[i - from + labelsOff]}. Modified.
     * @param labelsOff offset into {@code labels}
     * @param bestOut receives the squared distance of row {@code i} to its nearest centre at
     *     {@code bestOut[i - from + distOff]}, or {@code null}. Modified.
     * @param distOff offset into {@code bestOut} and {@code secondOut}
     * @param secondOut receives the squared distance to the runner-up ({@code +Inf} when k = 1), indexed as
     *     {@code bestOut}, or {@code null}. Modified.
     * @param s scratch for dimension {@code d}
     * @return the first row whose nearest distance is not finite (a NaN or infinite value in the row, or
     *     an overflow), or -1 if there is none; such a row's label is meaningless
     */
    public static int nearest(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                               double[] bestOut, int distOff, double[] secondOut, Scratch s) {
        if (VECTOR != null && to - from >= VECTOR_MIN_ROWS) {
            return VECTOR.nearest(x, d, from, to, c, k, labels, labelsOff, bestOut, distOff, secondOut, s);
        }
        return nearestScalar(x, d, from, to, c, k, labels, labelsOff, bestOut, distOff, secondOut, s);
    }

    /**
     * The labels of rows {@code [from, to)}, identical to the naive scan's (lowest index on ties), without
     * distances. With the SIMD kernel and k &gt;= 2 this runs the dot-product form of {@link DotKernel} (same
     * arithmetic, same rounding-error bound, rows inside the bound rescored with the difference form), one lane
     * per row; otherwise it is {@link #nearest} without distances.
     *
     * @param x the rows, row-major with {@code c.d()} columns. Not modified.
     * @param c the prepared centres
     * @param labels receives the label of row {@code i} at {@code labels[i - from + labelsOff]}. Modified.
     * @return the first row without a finite distance (a NaN or infinite value, or an overflow), or -1; such a
     *     row's label is meaningless
     */
    public static int nearestLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int labelsOff,
                                    Scratch s) {
        if (VECTOR != null && to - from >= VECTOR_MIN_ROWS) {
            return VECTOR.nearestLabels(x, from, to, c, labels, labelsOff, s, null);
        }
        return nearestScalar(x, c.d, from, to, c.raw, c.k, labels, labelsOff, null, 0, null, s);
    }

    /**
     * {@link #nearest} with the scalar loops of this class, whatever {@link #vectorized()} says (for tests and
     * benchmarks); same parameters and result.
     */
    public static int nearestScalar(double[] x, int d, int from, int to, double[] c, int k, int[] labels,
                                    int labelsOff, double[] bestOut, int distOff, double[] secondOut, Scratch s) {
        int invalid = -1;
        final int block = s.block;
        final double[] acc = s.acc;
        final long[] best = s.best;
        final long[] second = s.second;
        final int[] label = s.label;
        final boolean wantSecond = secondOut != null;
        for (int start = from; start < to; start += block) {
            final int b = Math.min(block, to - start);
            transpose(x, d, start, b, s.xt);
            Arrays.fill(best, 0, b, Long.MAX_VALUE);
            Arrays.fill(second, 0, b, Long.MAX_VALUE);
            Arrays.fill(label, 0, b, 0);
            for (int cc = 0; cc < k; cc++) {
                distancesToCentre(s.xt, b, c, cc * d, d, acc);
                if (wantSecond) {
                    updateTwo(acc, b, cc, best, second, label);
                } else {
                    updateOne(acc, b, cc, best, label);
                }
            }
            if (invalid < 0) {
                for (int p = 0; p < b; p++) {
                    if (best[p] < 0 || best[p] >= INFINITY_BITS) {
                        invalid = start + p;
                        break;
                    }
                }
            }
            System.arraycopy(label, 0, labels, start - from + labelsOff, b);
            final int out = start - from + distOff;
            if (bestOut != null) {
                for (int p = 0; p < b; p++) {
                    bestOut[out + p] = Double.longBitsToDouble(best[p]);
                }
            }
            if (wantSecond) {
                for (int p = 0; p < b; p++) {
                    secondOut[out + p] = second[p] == Long.MAX_VALUE
                            ? Double.POSITIVE_INFINITY : Double.longBitsToDouble(second[p]);
                }
            }
        }
        return invalid;
    }

    /*
     * Branch-free minimum. A squared distance is a non-negative double (never -0.0 or NaN), and for
     * non-negative doubles the order of the raw bit patterns, read as longs, is the order of the values. So
     * "a < best" is the sign of (bits(a) - bits(best)), which cannot overflow, and the running minimum and
     * its label are updated with masks instead of an unpredictable branch. Strict "<" keeps the lowest
     * index among equal distances, like the naive scan.
     */
    private static void updateOne(double[] acc, int b, int cc, long[] best, int[] label) {
        for (int p = 0; p < b; p++) {
            long diff = Double.doubleToRawLongBits(acc[p]) - best[p];
            long lt = diff >> 63;
            best[p] += diff & lt;
            label[p] ^= (label[p] ^ cc) & (int) lt;
        }
    }

    private static void updateTwo(double[] acc, int b, int cc, long[] best, long[] second, int[] label) {
        for (int p = 0; p < b; p++) {
            long a = Double.doubleToRawLongBits(acc[p]);
            long bp = best[p];
            long ltBest = (a - bp) >> 63;
            long ltSecond = (a - second[p]) >> 63;
            long s2 = second[p] + ((a - second[p]) & ltSecond);
            second[p] = s2 + ((bp - s2) & ltBest);
            best[p] = bp + ((a - bp) & ltBest);
            label[p] ^= (label[p] ^ cc) & (int) ltBest;
        }
    }

    /**
     * Copies rows {@code [start, start+b)} of the row-major {@code x} into {@code xt[j][p]} (also the
     * Gaussian-mixture kernels' layout). Four rows at a time: the reads stay sequential and each column
     * receives four adjacent values per visit (measured about 1.6x faster than filling one column at a time
     * with strided reads).
     */
    public static void transpose(double[] x, int d, int start, int b, double[][] xt) {
        final int base = start * d;
        int p = 0;
        for (; p + 3 < b; p += 4) {
            final int r0 = base + p * d;
            final int r1 = r0 + d;
            final int r2 = r1 + d;
            final int r3 = r2 + d;
            for (int j = 0; j < d; j++) {
                final double[] col = xt[j];
                col[p] = x[r0 + j];
                col[p + 1] = x[r1 + j];
                col[p + 2] = x[r2 + j];
                col[p + 3] = x[r3 + j];
            }
        }
        for (; p < b; p++) {
            final int r0 = base + p * d;
            for (int j = 0; j < d; j++) {
                xt[j][p] = x[r0 + j];
            }
        }
    }

    /**
     * {@code acc[p] = ||row p - centre||^2} for a transposed block, summed in feature order. Each column is
     * its own array indexed by {@code p} alone, which is what lets the JIT vectorise the loops: it cannot
     * prove that two offsets into one array never overlap, but equal indices into any arrays are safe.
     */
    private static void distancesToCentre(double[][] xt, int b, double[] c, int cOff, int d, double[] acc) {
        final double c0 = c[cOff];
        final double[] x0 = xt[0];
        for (int p = 0; p < b; p++) {
            double t = x0[p] - c0;
            acc[p] = t * t;
        }
        int j = 1;
        for (; j + 3 < d; j += 4) {
            final double c1 = c[cOff + j];
            final double c2 = c[cOff + j + 1];
            final double c3 = c[cOff + j + 2];
            final double c4 = c[cOff + j + 3];
            final double[] x1 = xt[j];
            final double[] x2 = xt[j + 1];
            final double[] x3 = xt[j + 2];
            final double[] x4 = xt[j + 3];
            for (int p = 0; p < b; p++) {
                double t1 = x1[p] - c1;
                double t2 = x2[p] - c2;
                double t3 = x3[p] - c3;
                double t4 = x4[p] - c4;
                double a = acc[p];
                a += t1 * t1;
                a += t2 * t2;
                a += t3 * t3;
                a += t4 * t4;
                acc[p] = a;
            }
        }
        for (; j < d; j++) {
            final double cj = c[cOff + j];
            final double[] xj = xt[j];
            for (int p = 0; p < b; p++) {
                double t = xj[p] - cj;
                acc[p] += t * t;
            }
        }
    }
}
