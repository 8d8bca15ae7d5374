/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

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
 * A block of rows is first transposed into one column-major buffer ({@code xt[j * block + p]}); the tail of
 * the block is padded with zeros to a whole vector (those lanes are computed and dropped). Four centres are
 * summed side by side, which gives four independent chains of additions per loaded feature vector and hides
 * their latency.
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

    @Override
    public int nearest(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                       double[] bestOut, int distOff, double[] secondOut, CentroidKernel.Scratch s) {
        final int block = s.block;
        if (s.flat == null) {
            s.flat = new double[d * block];
            s.lanes = new double[3 * L];
        }
        final double[] xt = s.flat;
        final double[] tmp = s.lanes;
        final boolean wantSecond = secondOut != null;
        final DoubleVector inf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        final DoubleVector zero = DoubleVector.zero(S);
        int invalid = -1;
        for (int start = from; start < to; start += block) {
            final int b = Math.min(block, to - start);
            transposePadded(x, d, start, b, xt, block);
            for (int p = 0; p < b; p += L) {
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
                        final DoubleVector v = DoubleVector.fromArray(S, xt, j * block + p);
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
                        final DoubleVector t0 = DoubleVector.fromArray(S, xt, j * block + p).sub(c[o0 + j]);
                        a0 = a0.add(t0.mul(t0));
                    }
                    VectorMask<Double> m = a0.lt(best);
                    if (wantSecond) {
                        second = second.blend(a0, a0.lt(second)).blend(best, m);
                    }
                    best = best.blend(a0, m);
                    lab = lab.blend((double) cc, m);
                }
                // A row has a finite nearest distance iff its minimum is below +Inf (a NaN never compares less);
                // padding lanes hold zeros and are always finite.
                if (invalid < 0) {
                    VectorMask<Double> bad = best.lt(inf).not();
                    if (bad.anyTrue()) {
                        invalid = start + p + bad.firstTrue();
                    }
                }
                final int n = Math.min(L, b - p);
                final int out = start - from + p;
                lab.intoArray(tmp, 0);
                for (int q = 0; q < n; q++) {
                    labels[labelsOff + out + q] = (int) tmp[q];
                }
                if (n == L) {
                    if (bestOut != null) {
                        best.intoArray(bestOut, distOff + out);
                    }
                    if (wantSecond) {
                        second.intoArray(secondOut, distOff + out);
                    }
                } else {
                    best.intoArray(tmp, L);
                    second.intoArray(tmp, 2 * L);
                    for (int q = 0; q < n; q++) {
                        if (bestOut != null) {
                            bestOut[distOff + out + q] = tmp[L + q];
                        }
                        if (wantSecond) {
                            secondOut[distOff + out + q] = tmp[2 * L + q];
                        }
                    }
                }
            }
        }
        return invalid;
    }

    /**
     * {@code xt[j * block + p] = x[(start + p) * d + j]} for {@code p < b}, and zeros up to the next multiple of
     * the lane count. Four rows at a time, so that the reads stay sequential.
     */
    private static void transposePadded(double[] x, int d, int start, int b, double[] xt, int block) {
        final int base = start * d;
        int p = 0;
        for (; p + 3 < b; p += 4) {
            final int r0 = base + p * d;
            final int r1 = r0 + d;
            final int r2 = r1 + d;
            final int r3 = r2 + d;
            for (int j = 0; j < d; j++) {
                final int col = j * block + p;
                xt[col] = x[r0 + j];
                xt[col + 1] = x[r1 + j];
                xt[col + 2] = x[r2 + j];
                xt[col + 3] = x[r3 + j];
            }
        }
        for (; p < b; p++) {
            final int r0 = base + p * d;
            for (int j = 0; j < d; j++) {
                xt[j * block + p] = x[r0 + j];
            }
        }
        final int padded = Math.min(block, (b + L - 1) / L * L);
        for (int j = 0; j < d; j++) {
            for (int q = b; q < padded; q++) {
                xt[j * block + q] = 0;
            }
        }
    }

    @Override
    public String toString() {
        return "Vector API, " + L + " doubles per vector";
    }
}
