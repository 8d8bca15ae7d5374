/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * The blocked nearest-centre search on the JDK's Vector API: one SIMD lane per row. Not API; loaded only by
 * {@link KernelSelection}, and only when the module {@code jdk.incubator.vector} is present.
 *
 * <h2>Exactness</h2>
 * A vector holds the same feature of {@code L} consecutive rows ({@code L = 8} with 512-bit vectors). For each
 * centre the kernel computes, lane by lane, \( s = 0;\ s \leftarrow s + (x_j - c_j)\cdot(x_j - c_j) \) for
 * {@code j = 0, 1, ..., d-1}: a separate subtraction, multiplication and addition, each rounded as in the naive
 * scan {@link CentroidKernel#squaredDistance} (no fused multiply-add, which would round once instead of twice).
 * The centres are then visited in index order with a strict {@code <}, so every lane's distance, runner-up
 * and label are bit-identical to the naive scan's, ties to the lowest index. Only the loop order across rows
 * changes, never the arithmetic of one row.
 *
 * <h2>Layout</h2>
 * Each group of {@code L} rows is copied into a small column-major buffer of {@code d} vectors (lane {@code q} of
 * vector {@code j} holds {@code x[(i + q) * d + j]}) with scalar loads and stores, and the buffer, which stays in
 * the first-level cache, is read one vector per feature. Behind {@link #TRANSPOSE_PROPERTY} each feature is
 * fetched with one gather load instead: faster on an earlier Intel machine, five times slower on an AMD one.
 * Eight centres are then summed side by side (then four, then one, for the rest of k): eight independent chains
 * per loaded feature vector, enough to cover the latency of the additions or fused multiply-adds at two per
 * cycle. With four, as before, the searches ran 5-15% slower on the AMD machine (batch scoring 72-81 against
 * 77-86 M rows/s; a Hamerly fit of 100,000 separated rows 37 against 32 ms). The last rows, fewer than
 * {@code L}, are copied into a zero-padded group and scored the same way (the padding lanes are computed and
 * dropped).
 *
 * <h2>Centres in the lanes</h2>
 * Two searches hold the k centres in the lanes instead, one vector per feature, when {@code 2 <= k <= L}: the
 * one-row search {@link #nearestOne(double[], int, DotKernel.Centres)} (exact difference form, the scorer's
 * single-row path) and, behind {@link #LAYOUT_PROPERTY}, the labels-only batch search {@link #centreLaneLabels}.
 */
final class VectorCentroidKernel implements BlockKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * The system property that, set to {@code gather}, makes the row-per-lane searches fetch each feature of a group
     * of rows with one gather load instead of copying the group into columns with scalar loads and stores (the
     * default, {@code copy}). The results are the same. On the 2-core AVX-512 machine of the benchmarks that
     * reports an AMD EPYC (family 26), batch scoring ran at 15 M rows/s with gathers and 73 M rows/s with the copy;
     * on an earlier machine that reported an Intel Xeon the gathers were the faster.
     */
    static final String TRANSPOSE_PROPERTY = "dev.segmentation.vector.transpose";
    private static final boolean GATHER =
            "gather".equalsIgnoreCase(System.getProperty(TRANSPOSE_PROPERTY, "copy").trim());
    /**
     * The system property that, set to {@code centres}, makes the labels-only search put the centres in the lanes
     * when they fit in one vector ({@link #centreLaneLabels}) instead of one row per lane. The labels are the
     * same; on the 2-core AVX-512 machine of the benchmarks the centres-in-lanes layout was as fast with the rows
     * in cache and about 20% slower with 1,000,000 rows from memory, so it is not the default.
     */
    static final String LAYOUT_PROPERTY = "dev.segmentation.vector.layout";
    private static final long INFINITY_BITS = Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);
    /** Rows per block of the centres-in-lanes search: 8 KiB of rows at d = 16, kept in the first-level cache. */
    static final int LANE_BLOCK = 64;
    private static final boolean CENTRES_IN_LANES =
            "centres".equalsIgnoreCase(System.getProperty(LAYOUT_PROPERTY, "rows").trim());

    /**
     * @throws UnsupportedOperationException if a vector holds fewer than four doubles (then the Vector API
     *     would not beat the scalar kernel)
     */
    VectorCentroidKernel() {
        if (L < 4 || LS.length() != L) {
            throw new UnsupportedOperationException("vectors of " + L + " doubles");
        }
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void addRows(double[] x, int d, int from, int to, int[] labels, double[] w, double[] sums,
                        double[] wsum) {
        final int whole = d / L * L;
        for (int i = from; i < to; i++) {
            final int l = labels[i];
            final int row = i * d;
            final int off = l * d;
            if (w == null) {
                for (int j = 0; j < whole; j += L) {
                    DoubleVector.fromArray(S, sums, off + j).add(DoubleVector.fromArray(S, x, row + j))
                            .intoArray(sums, off + j);
                }
                for (int j = whole; j < d; j++) {
                    sums[off + j] += x[row + j];
                }
                wsum[l] += 1;
            } else {
                final double wi = w[i];
                for (int j = 0; j < whole; j += L) {
                    DoubleVector.fromArray(S, sums, off + j).add(DoubleVector.fromArray(S, x, row + j).mul(wi))
                            .intoArray(sums, off + j);
                }
                for (int j = whole; j < d; j++) {
                    sums[off + j] += wi * x[row + j];
                }
                wsum[l] += wi;
            }
        }
    }

    @Override
    public void columnExtremes(double[] x, int d, int from, int to, double[] min, int minOff, double[] max,
                               int maxOff) {
        final int whole = d / L * L;
        for (int i = from; i < to; i++) {
            final int row = i * d;
            for (int j = 0; j < whole; j += L) {
                final DoubleVector v = DoubleVector.fromArray(S, x, row + j);
                DoubleVector.fromArray(S, min, minOff + j).min(v).intoArray(min, minOff + j);
                DoubleVector.fromArray(S, max, maxOff + j).max(v).intoArray(max, maxOff + j);
            }
            for (int j = whole; j < d; j++) {
                min[minOff + j] = Math.min(min[minOff + j], x[row + j]);
                max[maxOff + j] = Math.max(max[maxOff + j], x[row + j]);
            }
        }
    }

    private static void allocate(CentroidKernel.Scratch s, int d) {
        if (s.vecColumns == null) {
            s.vecColumns = new double[d * L];
            s.vecRows = new double[d * L];
            s.vecLanes = new double[3 * L];
            s.vecKeys = new long[L];
            s.vecLabels = new int[L];
            s.vecIndex = new int[L];
            s.vecCount = new long[1];
            for (int q = 0; q < L; q++) {
                s.vecIndex[q] = q * d;
            }
        }
    }

    @Override
    public int nearest(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                       double[] bestOut, int distOff, double[] secondOut, CentroidKernel.Scratch s) {
        allocate(s, d);
        final int whole = from + (to - from) / L * L;
        int invalid = score(x, d, from, whole, c, k, labels, labelsOff, bestOut, distOff, secondOut, s);
        if (whole < to) {
            final int n = to - whole;
            final double[] rows = s.vecRows;
            final double[] lanes = s.vecLanes;
            System.arraycopy(x, whole * d, rows, 0, n * d);
            Arrays.fill(rows, n * d, L * d, 0);
            int bad = score(rows, d, 0, L, c, k, s.vecLabels, 0, lanes, 0, secondOut == null ? null : lanes, s);
            final int at = whole - from;
            System.arraycopy(s.vecLabels, 0, labels, labelsOff + at, n);
            if (bestOut != null) {
                System.arraycopy(lanes, 0, bestOut, distOff + at, n);
            }
            if (secondOut != null) {
                System.arraycopy(lanes, L, secondOut, distOff + at, n);
            }
            if (invalid < 0 && bad >= 0 && bad < n) {
                invalid = whole + bad;
            }
        }
        return invalid;
    }

    /**
     * Scores rows {@code [from, to)}, a whole number of groups of {@code L} rows. As {@link #nearest}, except
     * that when {@code secondOut == bestOut} the runner-up distances go to {@code secondOut[distOff + L ..]}
     * (used only for the one padded group of the last rows). Two loops, with and without the runner-up: with one
     * loop and {@code if (wantSecond)} around the runner-up's blends, C2 could not keep the vectors merged at
     * those branches in registers and boxed them (measured: a pass with the runner-up 8 to 10 times slower than
     * without).
     */
    private static int score(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                             double[] bestOut, int distOff, double[] secondOut, CentroidKernel.Scratch s) {
        return secondOut == null
                ? scoreBest(x, d, from, to, c, k, labels, labelsOff, bestOut, distOff, s)
                : scoreTwo(x, d, from, to, c, k, labels, labelsOff, bestOut, distOff, secondOut,
                        secondOut == bestOut ? distOff + L : distOff, s);
    }

    /** {@link #score} without the runner-up; {@code bestOut} may be {@code null}. */
    private static int scoreBest(double[] x, int d, int from, int to, double[] c, int k, int[] labels,
                                 int labelsOff, double[] bestOut, int distOff, CentroidKernel.Scratch s) {
        final double[] xt = s.vecColumns;
        final double[] lanes = s.vecLanes;
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector zero = DoubleVector.zero(S);
        int invalid = -1;
        for (int i = from; i < to; i += L) {
            transposeGroup(x, i * d, d, xt, s.vecIndex);
            DoubleVector best = inf;
            DoubleVector lab = zero;
            int cc = 0;
            for (; cc + 7 < k; cc += 8) {
                final int o0 = cc * d;
                final int o1 = o0 + d;
                final int o2 = o1 + d;
                final int o3 = o2 + d;
                final int o4 = o3 + d;
                final int o5 = o4 + d;
                final int o6 = o5 + d;
                final int o7 = o6 + d;
                DoubleVector a0 = zero;
                DoubleVector a1 = zero;
                DoubleVector a2 = zero;
                DoubleVector a3 = zero;
                DoubleVector a4 = zero;
                DoubleVector a5 = zero;
                DoubleVector a6 = zero;
                DoubleVector a7 = zero;
                for (int j = 0; j < d; j++) {
                    final DoubleVector v = DoubleVector.fromArray(S, xt, j * L);
                    final DoubleVector t0 = v.sub(c[o0 + j]);
                    final DoubleVector t1 = v.sub(c[o1 + j]);
                    final DoubleVector t2 = v.sub(c[o2 + j]);
                    final DoubleVector t3 = v.sub(c[o3 + j]);
                    final DoubleVector t4 = v.sub(c[o4 + j]);
                    final DoubleVector t5 = v.sub(c[o5 + j]);
                    final DoubleVector t6 = v.sub(c[o6 + j]);
                    final DoubleVector t7 = v.sub(c[o7 + j]);
                    a0 = a0.add(t0.mul(t0));
                    a1 = a1.add(t1.mul(t1));
                    a2 = a2.add(t2.mul(t2));
                    a3 = a3.add(t3.mul(t3));
                    a4 = a4.add(t4.mul(t4));
                    a5 = a5.add(t5.mul(t5));
                    a6 = a6.add(t6.mul(t6));
                    a7 = a7.add(t7.mul(t7));
                }
                VectorMask<Double> m = a0.lt(best);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
                m = a1.lt(best);
                best = best.blend(a1, m);
                lab = lab.blend((double) (cc + 1), m);
                m = a2.lt(best);
                best = best.blend(a2, m);
                lab = lab.blend((double) (cc + 2), m);
                m = a3.lt(best);
                best = best.blend(a3, m);
                lab = lab.blend((double) (cc + 3), m);
                m = a4.lt(best);
                best = best.blend(a4, m);
                lab = lab.blend((double) (cc + 4), m);
                m = a5.lt(best);
                best = best.blend(a5, m);
                lab = lab.blend((double) (cc + 5), m);
                m = a6.lt(best);
                best = best.blend(a6, m);
                lab = lab.blend((double) (cc + 6), m);
                m = a7.lt(best);
                best = best.blend(a7, m);
                lab = lab.blend((double) (cc + 7), m);
            }
            for (; cc + 3 < k; cc += 4) {
                final int o0 = cc * d;
                final int o1 = o0 + d;
                final int o2 = o1 + d;
                final int o3 = o2 + d;
                DoubleVector a0 = zero;
                DoubleVector a1 = zero;
                DoubleVector a2 = zero;
                DoubleVector a3 = zero;
                for (int j = 0; j < d; j++) {
                    final DoubleVector v = DoubleVector.fromArray(S, xt, j * L);
                    final DoubleVector t0 = v.sub(c[o0 + j]);
                    final DoubleVector t1 = v.sub(c[o1 + j]);
                    final DoubleVector t2 = v.sub(c[o2 + j]);
                    final DoubleVector t3 = v.sub(c[o3 + j]);
                    a0 = a0.add(t0.mul(t0));
                    a1 = a1.add(t1.mul(t1));
                    a2 = a2.add(t2.mul(t2));
                    a3 = a3.add(t3.mul(t3));
                }
                VectorMask<Double> m = a0.lt(best);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
                m = a1.lt(best);
                best = best.blend(a1, m);
                lab = lab.blend((double) (cc + 1), m);
                m = a2.lt(best);
                best = best.blend(a2, m);
                lab = lab.blend((double) (cc + 2), m);
                m = a3.lt(best);
                best = best.blend(a3, m);
                lab = lab.blend((double) (cc + 3), m);
            }
            for (; cc < k; cc++) {
                final int o0 = cc * d;
                DoubleVector a0 = zero;
                for (int j = 0; j < d; j++) {
                    final DoubleVector t0 = DoubleVector.fromArray(S, xt, j * L).sub(c[o0 + j]);
                    a0 = a0.add(t0.mul(t0));
                }
                VectorMask<Double> m = a0.lt(best);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
            }
            if (invalid < 0) {
                invalid = firstInfinite(best, inf, i);
            }
            final int out = i - from;
            storeLabels(lab, lanes, labels, labelsOff + out);
            if (bestOut != null) {
                best.intoArray(bestOut, distOff + out);
            }
        }
        return invalid;
    }

    /** {@link #score} with the runner-up, written to {@code secondOut[secondOff + ..]}. */
    private static int scoreTwo(double[] x, int d, int from, int to, double[] c, int k, int[] labels,
                                int labelsOff, double[] bestOut, int distOff, double[] secondOut, int secondOff,
                                CentroidKernel.Scratch s) {
        final double[] xt = s.vecColumns;
        final double[] lanes = s.vecLanes;
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector zero = DoubleVector.zero(S);
        int invalid = -1;
        for (int i = from; i < to; i += L) {
            transposeGroup(x, i * d, d, xt, s.vecIndex);
            DoubleVector best = inf;
            DoubleVector second = inf;
            DoubleVector lab = zero;
            int cc = 0;
            for (; cc + 7 < k; cc += 8) {
                final int o0 = cc * d;
                final int o1 = o0 + d;
                final int o2 = o1 + d;
                final int o3 = o2 + d;
                final int o4 = o3 + d;
                final int o5 = o4 + d;
                final int o6 = o5 + d;
                final int o7 = o6 + d;
                DoubleVector a0 = zero;
                DoubleVector a1 = zero;
                DoubleVector a2 = zero;
                DoubleVector a3 = zero;
                DoubleVector a4 = zero;
                DoubleVector a5 = zero;
                DoubleVector a6 = zero;
                DoubleVector a7 = zero;
                for (int j = 0; j < d; j++) {
                    final DoubleVector v = DoubleVector.fromArray(S, xt, j * L);
                    final DoubleVector t0 = v.sub(c[o0 + j]);
                    final DoubleVector t1 = v.sub(c[o1 + j]);
                    final DoubleVector t2 = v.sub(c[o2 + j]);
                    final DoubleVector t3 = v.sub(c[o3 + j]);
                    final DoubleVector t4 = v.sub(c[o4 + j]);
                    final DoubleVector t5 = v.sub(c[o5 + j]);
                    final DoubleVector t6 = v.sub(c[o6 + j]);
                    final DoubleVector t7 = v.sub(c[o7 + j]);
                    a0 = a0.add(t0.mul(t0));
                    a1 = a1.add(t1.mul(t1));
                    a2 = a2.add(t2.mul(t2));
                    a3 = a3.add(t3.mul(t3));
                    a4 = a4.add(t4.mul(t4));
                    a5 = a5.add(t5.mul(t5));
                    a6 = a6.add(t6.mul(t6));
                    a7 = a7.add(t7.mul(t7));
                }
                VectorMask<Double> m = a0.lt(best);
                second = second.blend(a0, a0.lt(second)).blend(best, m);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
                m = a1.lt(best);
                second = second.blend(a1, a1.lt(second)).blend(best, m);
                best = best.blend(a1, m);
                lab = lab.blend((double) (cc + 1), m);
                m = a2.lt(best);
                second = second.blend(a2, a2.lt(second)).blend(best, m);
                best = best.blend(a2, m);
                lab = lab.blend((double) (cc + 2), m);
                m = a3.lt(best);
                second = second.blend(a3, a3.lt(second)).blend(best, m);
                best = best.blend(a3, m);
                lab = lab.blend((double) (cc + 3), m);
                m = a4.lt(best);
                second = second.blend(a4, a4.lt(second)).blend(best, m);
                best = best.blend(a4, m);
                lab = lab.blend((double) (cc + 4), m);
                m = a5.lt(best);
                second = second.blend(a5, a5.lt(second)).blend(best, m);
                best = best.blend(a5, m);
                lab = lab.blend((double) (cc + 5), m);
                m = a6.lt(best);
                second = second.blend(a6, a6.lt(second)).blend(best, m);
                best = best.blend(a6, m);
                lab = lab.blend((double) (cc + 6), m);
                m = a7.lt(best);
                second = second.blend(a7, a7.lt(second)).blend(best, m);
                best = best.blend(a7, m);
                lab = lab.blend((double) (cc + 7), m);
            }
            for (; cc + 3 < k; cc += 4) {
                final int o0 = cc * d;
                final int o1 = o0 + d;
                final int o2 = o1 + d;
                final int o3 = o2 + d;
                DoubleVector a0 = zero;
                DoubleVector a1 = zero;
                DoubleVector a2 = zero;
                DoubleVector a3 = zero;
                for (int j = 0; j < d; j++) {
                    final DoubleVector v = DoubleVector.fromArray(S, xt, j * L);
                    final DoubleVector t0 = v.sub(c[o0 + j]);
                    final DoubleVector t1 = v.sub(c[o1 + j]);
                    final DoubleVector t2 = v.sub(c[o2 + j]);
                    final DoubleVector t3 = v.sub(c[o3 + j]);
                    a0 = a0.add(t0.mul(t0));
                    a1 = a1.add(t1.mul(t1));
                    a2 = a2.add(t2.mul(t2));
                    a3 = a3.add(t3.mul(t3));
                }
                VectorMask<Double> m = a0.lt(best);
                second = second.blend(a0, a0.lt(second)).blend(best, m);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
                m = a1.lt(best);
                second = second.blend(a1, a1.lt(second)).blend(best, m);
                best = best.blend(a1, m);
                lab = lab.blend((double) (cc + 1), m);
                m = a2.lt(best);
                second = second.blend(a2, a2.lt(second)).blend(best, m);
                best = best.blend(a2, m);
                lab = lab.blend((double) (cc + 2), m);
                m = a3.lt(best);
                second = second.blend(a3, a3.lt(second)).blend(best, m);
                best = best.blend(a3, m);
                lab = lab.blend((double) (cc + 3), m);
            }
            for (; cc < k; cc++) {
                final int o0 = cc * d;
                DoubleVector a0 = zero;
                for (int j = 0; j < d; j++) {
                    final DoubleVector t0 = DoubleVector.fromArray(S, xt, j * L).sub(c[o0 + j]);
                    a0 = a0.add(t0.mul(t0));
                }
                VectorMask<Double> m = a0.lt(best);
                second = second.blend(a0, a0.lt(second)).blend(best, m);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
            }
            if (invalid < 0) {
                invalid = firstInfinite(best, inf, i);
            }
            final int out = i - from;
            storeLabels(lab, lanes, labels, labelsOff + out);
            if (bestOut != null) {
                best.intoArray(bestOut, distOff + out);
            }
            second.intoArray(secondOut, secondOff + out);
        }
        return invalid;
    }

    /** Copies (or gathers) the {@code L} rows at {@code base} (row-major, {@code d} columns) into columns {@code xt[j * L ..]}. */
    private static void transposeGroup(double[] x, int base, int d, double[] xt, int[] index) {
        if (GATHER) {
            for (int j = 0; j < d; j++) {
                DoubleVector.fromArray(S, x, base + j, index, 0).intoArray(xt, j * L);
            }
        } else {
            for (int q = 0; q < L; q++) {
                final int r = base + q * d;
                for (int j = 0; j < d; j++) {
                    xt[j * L + q] = x[r + j];
                }
            }
        }
    }

    /**
     * The first row of the group at {@code i} whose nearest distance is +Inf (no finite distance), or -1. The
     * minimum starts at +Inf and a NaN never compares less, so it is never NaN. (eq rather than lt(...).not():
     * mask logic is not compiled to SIMD code on every JDK.)
     */
    private static int firstInfinite(DoubleVector best, DoubleVector inf, int i) {
        VectorMask<Double> bad = best.eq(inf);
        return bad.anyTrue() ? i + bad.firstTrue() : -1;
    }

    /** Writes the {@code L} labels held as doubles in {@code lab} to {@code labels[at ..]}, through {@code lanes}. */
    private static void storeLabels(DoubleVector lab, double[] lanes, int[] labels, int at) {
        lab.intoArray(lanes, 2 * L);
        for (int q = 0; q < L; q++) {
            labels[at + q] = (int) lanes[2 * L + q];
        }
    }

    @Override
    public int nearestLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int labelsOff,
                             CentroidKernel.Scratch s, long[] rescored) {
        final int d = c.d;
        if (c.k < 2) {
            return nearest(x, d, from, to, c.raw, c.k, labels, labelsOff, null, 0, null, s);
        }
        allocate(s, d);
        final long[] again = rescored == null ? s.vecCount : rescored;
        if (CENTRES_IN_LANES) {
            return centresInLanes(x, from, to, c, labels, labelsOff, s, again);
        }
        return rowLaneLabels(x, from, to, c, labels, labelsOff, s, again);
    }

    /**
     * {@link #nearestLabels} with the centres in the lanes ({@link #centreLaneLabels}) when {@code c} has that
     * layout, else with one row per lane (for tests, and behind {@link #LAYOUT_PROPERTY}).
     */
    int centresInLanes(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int labelsOff,
                       CentroidKernel.Scratch s, long[] again) {
        if (c.lanes == L) {
            return centreLaneLabels(x, from, to, c, labels, labelsOff - from, again);
        }
        return rowLaneLabels(x, from, to, c, labels, labelsOff, s, again);
    }

    /** {@link #nearestLabels} with one row per lane, whatever k (for tests: the layout of k &gt; L). */
    int rowLaneLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int labelsOff,
                      CentroidKernel.Scratch s, long[] again) {
        final int d = c.d;
        allocate(s, d);
        final int whole = from + (to - from) / L * L;
        int invalid = dotLabels(x, from, whole, c, labels, labelsOff - from, s, again);
        if (whole < to) {
            final int n = to - whole;
            final double[] rows = s.vecRows;
            System.arraycopy(x, whole * d, rows, 0, n * d);
            Arrays.fill(rows, n * d, L * d, 0);
            // The padding rows are zeros: finite, and their (dropped) labels cost no rescoring of real rows.
            int bad = dotLabels(rows, 0, L, c, s.vecLabels, 0, s, again);
            System.arraycopy(s.vecLabels, 0, labels, labelsOff + whole - from, n);
            if (invalid < 0 && bad >= 0 && bad < n) {
                invalid = whole + bad;
            }
        }
        return invalid;
    }

    /**
     * The dot-product form with the centres in the lanes, for {@code 2 <= k <= L}: the label of row {@code i}
     * goes to {@code labels[i + shift]}.
     *
     * <h3>Layout</h3>
     * The centres are kept transposed, one vector per feature ({@code lanesMinus2}: lane {@code c} of vector
     * {@code j} holds \( -2c'_j \), with \( c' = \mathrm{fl}(c - m) \) and \( m \) the centres' mean), so each
     * feature of a row is broadcast to all lanes straight from the row array: no gather, no transposition and
     * no scalar work per feature. For a row \( x \) (not centred),
     * \[ \tilde S_c = \mathrm{fl}\Big(N_c + \sum_j x_j\,(-2c'_j)\Big),\qquad
     *    N_c = \mathrm{fl}\big(\lVert c'\rVert^2 + 2\,m\cdot c'\big), \]
     * one fused multiply-add chain per lane in feature order; in exact arithmetic
     * \( S_c = \lVert x - m - c'\rVert^2 - \lVert x - m\rVert^2 \), the squared distance less a term common to
     * every centre. The lanes past {@code k} score {@code +Inf}. Four rows are scored side by side: four
     * independent chains hide the latency of the fused multiply-adds and of the lane reductions.
     *
     * <h3>Arg-min</h3>
     * Each score's bits are mapped to a long that orders as the double (the magnitude bits of a negative value
     * flipped), the low bits are replaced by the lane's centre index, and the minimum over the lanes gives the
     * best score and its centre at once; the runner-up is the minimum once that lane is set to
     * {@code Long.MAX_VALUE}.
     *
     * <h3>Why the label is exact</h3>
     * Let \( Z = \lVert x\rVert^2 + \lVert m\rVert^2 + M \), \( M = \max_c \lVert c'\rVert^2 \), and
     * \( A = \sum_j |x_j c'_j| \le (\lVert x\rVert^2 + M)/2 \), \( B = \sum_j |m_j c'_j| \le
     * (\lVert m\rVert^2 + M)/2 \) (Higham, as in {@link DotKernel}). Then \( |N_c| \le M + 2B \le 2Z \) is
     * computed within \( \gamma_{d+1}(M + 2B) \le 2\gamma_{d+2}Z \); the chain adds at most
     * \( \gamma_d(|N_c| + 2A) \le 3.01\gamma_{d+2}Z \); the centring of the centres moves a distance by at most
     * \( 5uZ \); the naive scan's own error is at most \( \gamma_{d+2}\lVert x - c\rVert^2 \le 4\gamma_{d+2}Z \).
     * That is under \( 9.5\gamma_{d+2}Z \) per centre and \( 19\gamma_{d+2}Z \) for the best and the
     * runner-up, below {@link DotKernel}'s threshold \( \tau(s) + \eta \) at the scale \( s = 2Z \), which
     * is \( 32\gamma_{d+2}Z \) plus the low-bit term (scores are below \( 3Z \le 2.01 s \)) and the
     * underflow term. So a row whose gap exceeds that threshold, with \( s \) below {@link DotKernel#LIMIT},
     * has the naive scan's label; every other row (near ties, exact ties, NaN and infinite values, huge rows) is
     * rescored with the difference form.
     *
     * <p>\( \lVert x\rVert^2 \) is not computed row by row: every row of a block of {@value #LANE_BLOCK} rows
     * is bounded by the block's sum of squares (vector fused multiply-adds over the block's flat range, rounded
     * up by a factor \( 1 + 2^{-20} \), far above the summation error), which only makes the threshold larger.
     * A NaN or an infinity makes the bound NaN or infinite, and the whole block is rescored.
     */
    private static int centreLaneLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels,
                                        int shift, long[] rescored) {
        final int d = c.d;
        final double tf = c.tauFactor;
        final double eta = c.eta;
        int invalid = -1;
        for (int start = from; start < to; start += LANE_BLOCK) {
            final int end = Math.min(to, start + LANE_BLOCK);
            // The bound on ||x||^2 of every row of the block (the block's sum of squares), then the scale s = 2Z.
            int p = start * d;
            final int e = end * d;
            DoubleVector sum = DoubleVector.zero(S);
            for (; p + L <= e; p += L) {
                final DoubleVector v = DoubleVector.fromArray(S, x, p);
                sum = v.fma(v, sum);
            }
            double rows = sum.reduceLanes(VectorOperators.ADD);
            for (; p < e; p++) {
                rows = Math.fma(x[p], x[p], rows);
            }
            rows *= 1 + 0x1p-20;
            final double scale = 2 * (rows + c.lanesScale);
            final double thr = scale < DotKernel.LIMIT ? tf * scale + eta : Double.NaN;
            final int whole = start + (end - start) / 4 * 4;
            int bad = fourRows(x, start, whole, c, thr, labels, shift, rescored);
            for (int i = whole; i < end; i++) {
                int l = oneRow(x, i, c, thr, rescored);
                if (l < 0 && bad < 0) {
                    bad = i;
                }
                labels[i + shift] = Math.max(l, 0);
            }
            if (invalid < 0) {
                invalid = bad;
            }
        }
        return invalid;
    }

    /**
     * Rows {@code [from, to)}, a multiple of four, of {@link #centreLaneLabels} with the threshold {@code thr}:
     * four rows side by side. A method of its own so that the JIT inlines the lane reductions (a larger method
     * stops inlining and then allocates the vectors).
     */
    private static int fourRows(double[] x, int from, int to, DotKernel.Centres c, double thr, int[] labels,
                                int shift, long[] rescored) {
        final int d = c.d;
        final DoubleVector offset = DoubleVector.fromArray(S, c.lanesOffset, 0);
        final LongVector index = LongVector.fromArray(LS, c.lanesIndex, 0);
        final double[] ct = c.lanesMinus2;
        final long mask = c.labelMask;
        int invalid = -1;
        for (int i = from; i < to; i += 4) {
            final int b0 = i * d;
            final int b1 = b0 + d;
            final int b2 = b1 + d;
            final int b3 = b2 + d;
            DoubleVector col = DoubleVector.fromArray(S, ct, 0);
            DoubleVector a0 = DoubleVector.broadcast(S, x[b0]).fma(col, offset);
            DoubleVector a1 = DoubleVector.broadcast(S, x[b1]).fma(col, offset);
            DoubleVector a2 = DoubleVector.broadcast(S, x[b2]).fma(col, offset);
            DoubleVector a3 = DoubleVector.broadcast(S, x[b3]).fma(col, offset);
            for (int j = 1; j < d; j++) {
                col = DoubleVector.fromArray(S, ct, j * L);
                a0 = DoubleVector.broadcast(S, x[b0 + j]).fma(col, a0);
                a1 = DoubleVector.broadcast(S, x[b1 + j]).fma(col, a1);
                a2 = DoubleVector.broadcast(S, x[b2 + j]).fma(col, a2);
                a3 = DoubleVector.broadcast(S, x[b3 + j]).fma(col, a3);
            }
            int l0 = laneLabel(a0, index, mask, thr);
            int l1 = laneLabel(a1, index, mask, thr);
            int l2 = laneLabel(a2, index, mask, thr);
            int l3 = laneLabel(a3, index, mask, thr);
            if ((l0 | l1 | l2 | l3) < 0) {
                l0 = l0 >= 0 ? l0 : rescore(x, i, d, c, rescored);
                l1 = l1 >= 0 ? l1 : rescore(x, i + 1, d, c, rescored);
                l2 = l2 >= 0 ? l2 : rescore(x, i + 2, d, c, rescored);
                l3 = l3 >= 0 ? l3 : rescore(x, i + 3, d, c, rescored);
                if (invalid < 0 && (l0 | l1 | l2 | l3) < 0) {
                    invalid = l0 < 0 ? i : l1 < 0 ? i + 1 : l2 < 0 ? i + 2 : i + 3;
                }
            }
            final int out = i + shift;
            labels[out] = Math.max(l0, 0);
            labels[out + 1] = Math.max(l1, 0);
            labels[out + 2] = Math.max(l2, 0);
            labels[out + 3] = Math.max(l3, 0);
        }
        return invalid;
    }

    /** One row of {@link #centreLaneLabels}: its label, rescored if need be; -1 if no distance is finite. */
    private static int oneRow(double[] x, int i, DotKernel.Centres c, double thr, long[] rescored) {
        final int d = c.d;
        final DoubleVector offset = DoubleVector.fromArray(S, c.lanesOffset, 0);
        final LongVector index = LongVector.fromArray(LS, c.lanesIndex, 0);
        final double[] ct = c.lanesMinus2;
        final int b0 = i * d;
        DoubleVector a0 = DoubleVector.broadcast(S, x[b0]).fma(DoubleVector.fromArray(S, ct, 0), offset);
        for (int j = 1; j < d; j++) {
            a0 = DoubleVector.broadcast(S, x[b0 + j]).fma(DoubleVector.fromArray(S, ct, j * L), a0);
        }
        int l = laneLabel(a0, index, c.labelMask, thr);
        return l >= 0 ? l : rescore(x, i, d, c, rescored);
    }

    /**
     * The label of the smallest lane of {@code scores} if the runner-up exceeds it by more than {@code thr}
     * (see {@link #centreLaneLabels}; a NaN {@code thr} is never exceeded), else -1: the row must be rescored.
     */
    private static int laneLabel(DoubleVector scores, LongVector index, long mask, double thr) {
        final LongVector bits = scores.reinterpretAsLongs();
        final LongVector key = bits.lanewise(VectorOperators.XOR, bits.lanewise(VectorOperators.ASHR, 63)
                .lanewise(VectorOperators.LSHR, 1)).and(~mask).or(index);
        final long first = key.reduceLanes(VectorOperators.MIN);
        final long second = key.blend(Long.MAX_VALUE, key.eq(first)).reduceLanes(VectorOperators.MIN);
        final double gap = Double.longBitsToDouble(second ^ ((second >> 63) >>> 1))
                - Double.longBitsToDouble(first ^ ((first >> 63) >>> 1));
        return gap > thr ? (int) (first & mask) : -1;
    }

    /** The difference-form label of row {@code i}, counted in {@code rescored[0]}; -1 if no distance is finite. */
    private static int rescore(double[] x, int i, int d, DotKernel.Centres c, long[] rescored) {
        rescored[0]++;
        return CentroidKernel.nearestOne(x, i * d, c.raw, c.k, d);
    }

    /**
     * The dot-product form of {@link DotKernel}, lane by lane, over a whole number of groups: the label of row
     * {@code i} goes to {@code labels[i + shift]}.
     *
     * <p>Per row the arithmetic is {@link DotKernel}'s, operation for operation:
     * \( x' = \mathrm{fl}(x - m) \), \( X = \mathrm{fl}(x'_0 x'_0) \) then one fused multiply-add per feature,
     * and for each centre \( \tilde D_c = \) the fused multiply-add chain over \( x'_j \cdot (-2c'_j) \) started
     * from \( \mathrm{fl}(X + \lVert c'\rVert^2) \). The best and the runner-up are kept as {@link DotKernel}
     * keeps them, as long minima of <em>keys</em>: a score's bits with a negative value
     * clamped to {@code +0.0} and the low bits replaced by the centre index. Non-negative doubles order as their
     * bits, so the long minimum gives the best score and its centre at once, and the minimum of the losers the
     * runner-up. (A negative NaN, which the clamp turns into 0, only arises in rows whose bound is not finite,
     * and those are rescored.) The key is written out at each centre, not in a helper method: the loop is large
     * enough that the compiler stops inlining, and a call boxes the vectors, which halved the speed.
     * A row keeps the label of its smallest \( \tilde D \) only if
     * the runner-up exceeds it by more than {@link DotKernel}'s bound \( \tau(X + M) + \eta \), which covers the
     * replaced low bits, and
     * \( X + M < 10^{300} \); every other row (near ties, exact ties, non-finite values) is rescored with the
     * difference form {@link CentroidKernel#nearestOne}, whose label is the naive scan's.
     */
    private static int dotLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int shift,
                                 CentroidKernel.Scratch s, long[] rescored) {
        final int d = c.d;
        final int k = c.k;
        final double[] xt = s.vecColumns;
        final double[] lanes = s.vecLanes;
        final long[] keys = s.vecKeys;
        final int[] index = s.vecIndex;
        final double[] mean = c.mean;
        final double[] m2 = c.minus2;
        final double[] norm = c.norm;
        final double maxNorm = c.maxNorm;
        final double tf = c.tauFactor;
        final double eta = c.eta;
        final long mask = c.labelMask;
        final long keep = ~mask;
        final LongVector none = LongVector.broadcast(LS, Long.MAX_VALUE);
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        int invalid = -1;
        for (int i = from; i < to; i += L) {
            final int base = i * d;
            transposeGroup(x, base, d, xt, index);
            final DoubleVector v0 = DoubleVector.fromArray(S, xt, 0).sub(mean[0]);
            v0.intoArray(xt, 0);
            DoubleVector xn = v0.mul(v0);
            for (int j = 1; j < d; j++) {
                final DoubleVector v = DoubleVector.fromArray(S, xt, j * L).sub(mean[j]);
                v.intoArray(xt, j * L);
                xn = v.fma(v, xn);
            }
            LongVector best = none;
            LongVector second = none;
            int cc = 0;
            for (; cc + 7 < k; cc += 8) {
                final int o0 = cc * d;
                final int o1 = o0 + d;
                final int o2 = o1 + d;
                final int o3 = o2 + d;
                final int o4 = o3 + d;
                final int o5 = o4 + d;
                final int o6 = o5 + d;
                final int o7 = o6 + d;
                DoubleVector v = DoubleVector.fromArray(S, xt, 0);
                DoubleVector a0 = v.fma(DoubleVector.broadcast(S, m2[o0]), xn.add(norm[cc]));
                DoubleVector a1 = v.fma(DoubleVector.broadcast(S, m2[o1]), xn.add(norm[cc + 1]));
                DoubleVector a2 = v.fma(DoubleVector.broadcast(S, m2[o2]), xn.add(norm[cc + 2]));
                DoubleVector a3 = v.fma(DoubleVector.broadcast(S, m2[o3]), xn.add(norm[cc + 3]));
                DoubleVector a4 = v.fma(DoubleVector.broadcast(S, m2[o4]), xn.add(norm[cc + 4]));
                DoubleVector a5 = v.fma(DoubleVector.broadcast(S, m2[o5]), xn.add(norm[cc + 5]));
                DoubleVector a6 = v.fma(DoubleVector.broadcast(S, m2[o6]), xn.add(norm[cc + 6]));
                DoubleVector a7 = v.fma(DoubleVector.broadcast(S, m2[o7]), xn.add(norm[cc + 7]));
                for (int j = 1; j < d; j++) {
                    v = DoubleVector.fromArray(S, xt, j * L);
                    a0 = v.fma(DoubleVector.broadcast(S, m2[o0 + j]), a0);
                    a1 = v.fma(DoubleVector.broadcast(S, m2[o1 + j]), a1);
                    a2 = v.fma(DoubleVector.broadcast(S, m2[o2 + j]), a2);
                    a3 = v.fma(DoubleVector.broadcast(S, m2[o3 + j]), a3);
                    a4 = v.fma(DoubleVector.broadcast(S, m2[o4 + j]), a4);
                    a5 = v.fma(DoubleVector.broadcast(S, m2[o5 + j]), a5);
                    a6 = v.fma(DoubleVector.broadcast(S, m2[o6 + j]), a6);
                    a7 = v.fma(DoubleVector.broadcast(S, m2[o7 + j]), a7);
                }
                LongVector key = a0.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) cc);
                second = second.min(best.max(key));
                best = best.min(key);
                key = a1.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 1));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a2.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 2));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a3.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 3));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a4.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 4));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a5.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 5));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a6.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 6));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a7.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 7));
                second = second.min(best.max(key));
                best = best.min(key);
            }
            for (; cc + 3 < k; cc += 4) {
                final int o0 = cc * d;
                final int o1 = o0 + d;
                final int o2 = o1 + d;
                final int o3 = o2 + d;
                DoubleVector v = DoubleVector.fromArray(S, xt, 0);
                DoubleVector a0 = v.fma(DoubleVector.broadcast(S, m2[o0]), xn.add(norm[cc]));
                DoubleVector a1 = v.fma(DoubleVector.broadcast(S, m2[o1]), xn.add(norm[cc + 1]));
                DoubleVector a2 = v.fma(DoubleVector.broadcast(S, m2[o2]), xn.add(norm[cc + 2]));
                DoubleVector a3 = v.fma(DoubleVector.broadcast(S, m2[o3]), xn.add(norm[cc + 3]));
                for (int j = 1; j < d; j++) {
                    v = DoubleVector.fromArray(S, xt, j * L);
                    a0 = v.fma(DoubleVector.broadcast(S, m2[o0 + j]), a0);
                    a1 = v.fma(DoubleVector.broadcast(S, m2[o1 + j]), a1);
                    a2 = v.fma(DoubleVector.broadcast(S, m2[o2 + j]), a2);
                    a3 = v.fma(DoubleVector.broadcast(S, m2[o3 + j]), a3);
                }
                LongVector key = a0.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) cc);
                second = second.min(best.max(key));
                best = best.min(key);
                key = a1.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 1));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a2.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 2));
                second = second.min(best.max(key));
                best = best.min(key);
                key = a3.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) (cc + 3));
                second = second.min(best.max(key));
                best = best.min(key);
            }
            for (; cc < k; cc++) {
                final int o0 = cc * d;
                DoubleVector a0 = DoubleVector.fromArray(S, xt, 0).fma(DoubleVector.broadcast(S, m2[o0]),
                        xn.add(norm[cc]));
                for (int j = 1; j < d; j++) {
                    a0 = DoubleVector.fromArray(S, xt, j * L).fma(DoubleVector.broadcast(S, m2[o0 + j]), a0);
                }
                LongVector key = a0.viewAsIntegralLanes().lanewise(VectorOperators.MAX, 0L).and(keep).or((long) cc);
                second = second.min(best.max(key));
                best = best.min(key);
            }
            // Accepted iff gap > tau * scale + eta and scale < LIMIT; a NaN scale makes the threshold NaN, which
            // no gap exceeds. (One comparison: mask logic is not compiled to SIMD code on every JDK.)
            final DoubleVector scale = xn.add(maxNorm);
            final DoubleVector gap = second.and(keep).viewAsFloatingLanes()
                    .sub(best.and(keep).viewAsFloatingLanes());
            final DoubleVector thr = scale.mul(tf).add(eta)
                    .blend(inf, scale.compare(VectorOperators.GE, DotKernel.LIMIT));
            best.intoArray(keys, 0);
            final int out = i + shift;
            if (gap.compare(VectorOperators.GT, thr).allTrue()) {
                for (int q = 0; q < L; q++) {
                    labels[out + q] = (int) (keys[q] & mask);
                }
            } else {
                gap.intoArray(lanes, 0);
                thr.intoArray(lanes, L);
                for (int q = 0; q < L; q++) {
                    int l;
                    if (lanes[q] > lanes[L + q]) {
                        l = (int) (keys[q] & mask);
                    } else {
                        rescored[0]++;
                        l = CentroidKernel.nearestOne(x, (i + q) * d, c.raw, k, d);
                        if (l < 0) {
                            if (invalid < 0) {
                                invalid = i + q;
                            }
                            l = 0;
                        }
                    }
                    labels[out + q] = l;
                }
            }
        }
        return invalid;
    }

    /**
     * One row against the centres in the lanes ({@code c.rawLanes}, lanes past {@code k} NaN): lane by lane
     * \( s = (x_0 - c_0)^2 \) then \( s \leftarrow s + (x_j - c_j)\cdot(x_j - c_j) \) for
     * {@code j = 1, ..., d-1}, a separate subtraction, multiplication and addition each rounded as in
     * {@link CentroidKernel#squaredDistance} (whose {@code 0 + t*t} is exactly {@code t*t}), so every lane holds
     * the naive scan's distance. The minimum is taken over the bits (non-negative doubles order as their bits;
     * the NaN lanes past {@code k} have larger bits than +Inf), the label is the lowest lane that holds it.
     */
    @Override
    public int nearestOne(double[] x, int off, DotKernel.Centres c) {
        final int d = c.d;
        final double[] ct = c.rawLanes;
        DoubleVector t = DoubleVector.broadcast(S, x[off]).sub(DoubleVector.fromArray(S, ct, 0));
        DoubleVector acc = t.mul(t);
        for (int j = 1; j < d; j++) {
            t = DoubleVector.broadcast(S, x[off + j]).sub(DoubleVector.fromArray(S, ct, j * L));
            acc = acc.add(t.mul(t));
        }
        final LongVector bits = acc.reinterpretAsLongs();
        final long min = bits.reduceLanes(VectorOperators.MIN);
        if (min < 0 || min >= INFINITY_BITS) {
            return -1;
        }
        return (int) LongVector.fromArray(LS, c.lanesIndex, 0)
                .blend(Long.MAX_VALUE, bits.compare(VectorOperators.NE, min)).reduceLanes(VectorOperators.MIN);
    }

    @Override
    public void laneSums(int b, double[][] plain, double[][] u, double[][] v, int d, boolean full, double[] totals,
                         double[] lanes) {
        final int nPlain = plain.length;
        // One vector of L = MomentSums.LANES rows per step: lane q holds the partial sum of the rows p = q mod L, as
        // in the scalar loops. Four sums side by side, a group padded with repeats of its last sum; the last
        // b mod L rows are added to the first lanes in scalar code after the vectors are stored (no masks, and no
        // branch that merges vectors).
        final int whole = b - b % L;
        for (int e = 0; e < nPlain; e += 4) {
            final double[] a0 = plain[e];
            final double[] a1 = plain[Math.min(e + 1, nPlain - 1)];
            final double[] a2 = plain[Math.min(e + 2, nPlain - 1)];
            final double[] a3 = plain[Math.min(e + 3, nPlain - 1)];
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (int p = 0; p < whole; p += L) {
                s0 = s0.add(DoubleVector.fromArray(S, a0, p));
                s1 = s1.add(DoubleVector.fromArray(S, a1, p));
                s2 = s2.add(DoubleVector.fromArray(S, a2, p));
                s3 = s3.add(DoubleVector.fromArray(S, a3, p));
            }
            s0.intoArray(lanes, 0);
            s1.intoArray(lanes, L);
            s2.intoArray(lanes, 2 * L);
            s3.intoArray(lanes, 3 * L);
            for (int q = 0; q < 4 && e + q < nPlain; q++) {
                final double[] aq = plain[e + q];
                for (int p = whole; p < b; p++) {
                    lanes[q * L + p - whole] += aq[p];
                }
                totals[e + q] = MomentSums.tree(lanes, q * L);
            }
        }
        int e = nPlain;
        if (full) {
            // The products u_i v_j for j >= i, four at a time with u_i loaded once.
            for (int i = 0; i < d; i++) {
                final double[] ui = u[i];
                for (int j = i; j < d; j += 4) {
                    final double[] c0 = v[j];
                    final double[] c1 = v[Math.min(j + 1, d - 1)];
                    final double[] c2 = v[Math.min(j + 2, d - 1)];
                    final double[] c3 = v[Math.min(j + 3, d - 1)];
                    DoubleVector s0 = DoubleVector.zero(S);
                    DoubleVector s1 = s0;
                    DoubleVector s2 = s0;
                    DoubleVector s3 = s0;
                    for (int p = 0; p < whole; p += L) {
                        final DoubleVector a = DoubleVector.fromArray(S, ui, p);
                        s0 = s0.add(a.mul(DoubleVector.fromArray(S, c0, p)));
                        s1 = s1.add(a.mul(DoubleVector.fromArray(S, c1, p)));
                        s2 = s2.add(a.mul(DoubleVector.fromArray(S, c2, p)));
                        s3 = s3.add(a.mul(DoubleVector.fromArray(S, c3, p)));
                    }
                    s0.intoArray(lanes, 0);
                    s1.intoArray(lanes, L);
                    s2.intoArray(lanes, 2 * L);
                    s3.intoArray(lanes, 3 * L);
                    for (int q = 0; q < 4 && j + q < d; q++) {
                        final double[] cq = v[j + q];
                        for (int p = whole; p < b; p++) {
                            lanes[q * L + p - whole] += ui[p] * cq[p];
                        }
                        totals[e++] = MomentSums.tree(lanes, q * L);
                    }
                }
            }
        } else {
            // The diagonal u_i v_i, four at a time.
            for (int i = 0; i < d; i += 4) {
                final int i1 = Math.min(i + 1, d - 1);
                final int i2 = Math.min(i + 2, d - 1);
                final int i3 = Math.min(i + 3, d - 1);
                final double[] a0 = u[i];
                final double[] a1 = u[i1];
                final double[] a2 = u[i2];
                final double[] a3 = u[i3];
                final double[] c0 = v[i];
                final double[] c1 = v[i1];
                final double[] c2 = v[i2];
                final double[] c3 = v[i3];
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = s0;
                DoubleVector s2 = s0;
                DoubleVector s3 = s0;
                for (int p = 0; p < whole; p += L) {
                    s0 = s0.add(DoubleVector.fromArray(S, a0, p).mul(DoubleVector.fromArray(S, c0, p)));
                    s1 = s1.add(DoubleVector.fromArray(S, a1, p).mul(DoubleVector.fromArray(S, c1, p)));
                    s2 = s2.add(DoubleVector.fromArray(S, a2, p).mul(DoubleVector.fromArray(S, c2, p)));
                    s3 = s3.add(DoubleVector.fromArray(S, a3, p).mul(DoubleVector.fromArray(S, c3, p)));
                }
                s0.intoArray(lanes, 0);
                s1.intoArray(lanes, L);
                s2.intoArray(lanes, 2 * L);
                s3.intoArray(lanes, 3 * L);
                for (int q = 0; q < 4 && i + q < d; q++) {
                    final double[] aq = u[i + q];
                    final double[] cq = v[i + q];
                    for (int p = whole; p < b; p++) {
                        lanes[q * L + p - whole] += aq[p] * cq[p];
                    }
                    totals[e++] = MomentSums.tree(lanes, q * L);
                }
            }
        }
    }

    @Override
    public int triangularSquares(double[][] dt, int d, double[] tri, int t, int b, double[] acc) {
        // Lanes are rows; per lane, the scalar loops' operations in their order. Each y_j is a chain of j dependent
        // additions, so four vectors of rows are computed side by side to overlap their latencies.
        final int whole = b - b % L;
        final int quad = b - b % (4 * L);
        final double[] d0 = dt[0];
        int p = 0;
        for (; p < quad; p += 4 * L) {
            final DoubleVector x0 = DoubleVector.fromArray(S, d0, p);
            final DoubleVector x1 = DoubleVector.fromArray(S, d0, p + L);
            final DoubleVector x2 = DoubleVector.fromArray(S, d0, p + 2 * L);
            final DoubleVector x3 = DoubleVector.fromArray(S, d0, p + 3 * L);
            final double u00 = tri[t];
            DoubleVector y0 = x0.mul(u00);
            DoubleVector y1 = x1.mul(u00);
            DoubleVector y2 = x2.mul(u00);
            DoubleVector y3 = x3.mul(u00);
            DoubleVector s0 = y0.mul(y0);
            DoubleVector s1 = y1.mul(y1);
            DoubleVector s2 = y2.mul(y2);
            DoubleVector s3 = y3.mul(y3);
            for (int j = 1; j < d; j++) {
                final double u0j = tri[t + j];
                y0 = x0.mul(u0j);
                y1 = x1.mul(u0j);
                y2 = x2.mul(u0j);
                y3 = x3.mul(u0j);
                for (int i = 1; i <= j; i++) {
                    final double[] di = dt[i];
                    final double u = tri[t + i * d + j];
                    y0 = y0.add(DoubleVector.fromArray(S, di, p).mul(u));
                    y1 = y1.add(DoubleVector.fromArray(S, di, p + L).mul(u));
                    y2 = y2.add(DoubleVector.fromArray(S, di, p + 2 * L).mul(u));
                    y3 = y3.add(DoubleVector.fromArray(S, di, p + 3 * L).mul(u));
                }
                s0 = s0.add(y0.mul(y0));
                s1 = s1.add(y1.mul(y1));
                s2 = s2.add(y2.mul(y2));
                s3 = s3.add(y3.mul(y3));
            }
            s0.intoArray(acc, p);
            s1.intoArray(acc, p + L);
            s2.intoArray(acc, p + 2 * L);
            s3.intoArray(acc, p + 3 * L);
        }
        for (; p < whole; p += L) {
            final DoubleVector x0 = DoubleVector.fromArray(S, d0, p);
            DoubleVector y = x0.mul(tri[t]);
            DoubleVector s = y.mul(y);
            for (int j = 1; j < d; j++) {
                y = x0.mul(tri[t + j]);
                for (int i = 1; i <= j; i++) {
                    y = y.add(DoubleVector.fromArray(S, dt[i], p).mul(tri[t + i * d + j]));
                }
                s = s.add(y.mul(y));
            }
            s.intoArray(acc, p);
        }
        return whole;
    }

    @Override
    public String toString() {
        return "Vector API, " + L + " doubles per vector";
    }
}
