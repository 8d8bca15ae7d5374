/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import jdk.incubator.vector.DoubleVector;
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
 * For each group of {@code L} rows, every feature is fetched with one gather load (lane {@code q} reads
 * {@code x[(i + q) * d + j]}) into a small column-major buffer of {@code d} vectors, which stays in the
 * first-level cache; a gather was measured several times faster than transposing a block with scalar loads and
 * stores. Four centres are then summed side by side: four independent chains of additions per loaded feature
 * vector, which hides their latency. The last rows, fewer than {@code L}, are copied into a zero-padded group
 * and scored the same way (the padding lanes are computed and dropped).
 */
final class VectorCentroidKernel implements BlockKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /**
     * @throws UnsupportedOperationException if a vector holds fewer than four doubles (then the Vector API
     *     would not beat the scalar kernel)
     */
    VectorCentroidKernel() {
        if (L < 4) {
            throw new UnsupportedOperationException("vectors of " + L + " doubles");
        }
    }

    private static void allocate(CentroidKernel.Scratch s, int d) {
        if (s.vecColumns == null) {
            s.vecColumns = new double[d * L];
            s.vecRows = new double[d * L];
            s.vecLanes = new double[3 * L];
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
     * (used only for the one padded group of the last rows).
     */
    private static int score(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                             double[] bestOut, int distOff, double[] secondOut, CentroidKernel.Scratch s) {
        final double[] xt = s.vecColumns;
        final double[] lanes = s.vecLanes;
        final int[] index = s.vecIndex;
        final boolean wantSecond = secondOut != null;
        final int secondOff = secondOut == bestOut ? distOff + L : distOff;
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector zero = DoubleVector.zero(S);
        int invalid = -1;
        for (int i = from; i < to; i += L) {
            final int base = i * d;
            for (int j = 0; j < d; j++) {
                DoubleVector.fromArray(S, x, base + j, index, 0).intoArray(xt, j * L);
            }
            DoubleVector best = inf;
            DoubleVector second = inf;
            DoubleVector lab = zero;
            int cc = 0;
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
                if (wantSecond) {
                    second = second.blend(a0, a0.lt(second)).blend(best, m);
                }
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
                m = a1.lt(best);
                if (wantSecond) {
                    second = second.blend(a1, a1.lt(second)).blend(best, m);
                }
                best = best.blend(a1, m);
                lab = lab.blend((double) (cc + 1), m);
                m = a2.lt(best);
                if (wantSecond) {
                    second = second.blend(a2, a2.lt(second)).blend(best, m);
                }
                best = best.blend(a2, m);
                lab = lab.blend((double) (cc + 2), m);
                m = a3.lt(best);
                if (wantSecond) {
                    second = second.blend(a3, a3.lt(second)).blend(best, m);
                }
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
                if (wantSecond) {
                    second = second.blend(a0, a0.lt(second)).blend(best, m);
                }
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
            }
            // A row has a finite nearest distance iff its minimum is below +Inf: the minimum starts at +Inf and a
            // NaN never compares less, so it is never NaN. (eq rather than lt(...).not(): mask logic is not
            // compiled to SIMD code on every JDK.)
            if (invalid < 0) {
                VectorMask<Double> bad = best.eq(inf);
                if (bad.anyTrue()) {
                    invalid = i + bad.firstTrue();
                }
            }
            final int out = i - from;
            lab.intoArray(lanes, 2 * L);
            for (int q = 0; q < L; q++) {
                labels[labelsOff + out + q] = (int) lanes[2 * L + q];
            }
            if (bestOut != null) {
                best.intoArray(bestOut, distOff + out);
            }
            if (wantSecond) {
                second.intoArray(secondOut, secondOff + out);
            }
        }
        return invalid;
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
     * The dot-product form of {@link DotKernel}, lane by lane, over a whole number of groups: the label of row
     * {@code i} goes to {@code labels[i + shift]}.
     *
     * <p>Per row the arithmetic is {@link DotKernel}'s, operation for operation:
     * \( x' = \mathrm{fl}(x - m) \), \( X = \mathrm{fl}(x'_0 x'_0) \) then one fused multiply-add per feature,
     * and for each centre \( \tilde D_c = \) the fused multiply-add chain over \( x'_j \cdot (-2c'_j) \) started
     * from \( \mathrm{fl}(X + \lVert c'\rVert^2) \). A row keeps the label of its smallest \( \tilde D \) only if
     * the runner-up exceeds it by more than {@link DotKernel}'s bound \( \tau(X + M) + \eta \) and
     * \( X + M < 10^{300} \); every other row (near ties, exact ties, non-finite values) is rescored with the
     * difference form {@link CentroidKernel#nearestOne}, whose label is the naive scan's.
     */
    private static int dotLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int shift,
                                 CentroidKernel.Scratch s, long[] rescored) {
        final int d = c.d;
        final int k = c.k;
        final double[] xt = s.vecColumns;
        final double[] lanes = s.vecLanes;
        final int[] index = s.vecIndex;
        final double[] mean = c.mean;
        final double[] m2 = c.minus2;
        final double[] norm = c.norm;
        final double maxNorm = c.maxNorm;
        final double tf = c.tauFactor;
        final double eta = c.eta;
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector zero = DoubleVector.zero(S);
        int invalid = -1;
        for (int i = from; i < to; i += L) {
            final int base = i * d;
            final DoubleVector v0 = DoubleVector.fromArray(S, x, base, index, 0).sub(mean[0]);
            v0.intoArray(xt, 0);
            DoubleVector xn = v0.mul(v0);
            for (int j = 1; j < d; j++) {
                final DoubleVector v = DoubleVector.fromArray(S, x, base + j, index, 0).sub(mean[j]);
                v.intoArray(xt, j * L);
                xn = v.fma(v, xn);
            }
            DoubleVector best = inf;
            DoubleVector second = inf;
            DoubleVector lab = zero;
            int cc = 0;
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
                DoubleVector a0 = DoubleVector.fromArray(S, xt, 0).fma(DoubleVector.broadcast(S, m2[o0]),
                        xn.add(norm[cc]));
                for (int j = 1; j < d; j++) {
                    a0 = DoubleVector.fromArray(S, xt, j * L).fma(DoubleVector.broadcast(S, m2[o0 + j]), a0);
                }
                VectorMask<Double> m = a0.lt(best);
                second = second.blend(a0, a0.lt(second)).blend(best, m);
                best = best.blend(a0, m);
                lab = lab.blend((double) cc, m);
            }
            // Accepted iff gap > tau * scale + eta and scale < LIMIT; a NaN scale makes the threshold NaN, which
            // no gap exceeds. (One comparison: mask logic is not compiled to SIMD code on every JDK.)
            final DoubleVector scale = xn.add(maxNorm);
            final DoubleVector gap = second.sub(best);
            final DoubleVector thr = scale.mul(tf).add(eta)
                    .blend(inf, scale.compare(VectorOperators.GE, DotKernel.LIMIT));
            lab.intoArray(lanes, 2 * L);
            final int out = i + shift;
            if (gap.compare(VectorOperators.GT, thr).allTrue()) {
                for (int q = 0; q < L; q++) {
                    labels[out + q] = (int) lanes[2 * L + q];
                }
            } else {
                gap.intoArray(lanes, 0);
                thr.intoArray(lanes, L);
                for (int q = 0; q < L; q++) {
                    int l;
                    if (lanes[q] > lanes[L + q]) {
                        l = (int) lanes[2 * L + q];
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

    @Override
    public String toString() {
        return "Vector API, " + L + " doubles per vector";
    }
}
