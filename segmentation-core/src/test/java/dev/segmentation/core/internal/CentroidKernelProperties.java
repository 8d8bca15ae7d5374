/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every blocked nearest-centre kernel (the scalar loops, the SIMD kernel when the Vector API is present, and
 * whichever {@link CentroidKernel#nearest} chose) returns the naive scan's labels, nearest and runner-up
 * distances bit for bit, ties included.
 */
class CentroidKernelProperties {

    /** A kernel under test. */
    interface Kernel {
        int nearest(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                    double[] bestOut, int distOff, double[] secondOut, CentroidKernel.Scratch s);
    }

    static List<Kernel> kernels() {
        List<Kernel> all = new ArrayList<>();
        all.add(CentroidKernel::nearest);
        all.add(CentroidKernel::nearestScalar);
        BlockKernel vector = KernelSelection.load("dev.segmentation.core.internal.VectorCentroidKernel");
        if (vector != null) {
            all.add(vector::nearest);
        }
        return all;
    }

    /**
     * The textbook scan with a runner-up: squared differences summed in feature order, the first minimum wins.
     *
     * @param out receives the nearest and runner-up distances
     * @return the label, -1 if no distance is finite
     */
    static int naive(double[] x, int off, double[] c, int k, int d, double[] out) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int f = 0; f < d; f++) {
                double t = x[off + f] - c[j * d + f];
                s += t * t;
            }
            if (s < bestD) {
                second = bestD;
                bestD = s;
                best = j;
            } else if (s < second) {
                second = s;
            }
        }
        out[0] = bestD;
        out[1] = second;
        return best;
    }

    private static void assertSameAsNaive(double[] x, int n, double[] c, int k, int d, int from) {
        int rows = n - from;
        int[] expected = new int[rows];
        double[] expBest = new double[rows];
        double[] expSecond = new double[rows];
        double[] two = new double[2];
        int firstInvalid = -1;
        for (int i = 0; i < rows; i++) {
            expected[i] = naive(x, (from + i) * d, c, k, d, two);
            expBest[i] = two[0];
            expSecond[i] = two[1];
            if (expected[i] < 0 && firstInvalid < 0) {
                firstInvalid = from + i;
            }
        }
        assertLabelsSameAsNaive(x, n, c, k, d, from, expected, firstInvalid);
        List<Kernel> kernels = kernels();
        for (int q = 0; q < kernels.size(); q++) {
            Kernel kernel = kernels.get(q);
            for (int mode = 0; mode < 3; mode++) {
                int[] labels = new int[rows + 3];
                double[] best = mode == 0 ? null : new double[rows + 5];
                double[] second = mode == 2 ? new double[rows + 5] : null;
                CentroidKernel.Scratch s = new CentroidKernel.Scratch(d);
                int invalid = kernel.nearest(x, d, from, n, c, k, labels, 3, best, 5, second, s);
                String what = "kernel " + q + " mode " + mode;
                assertEquals(firstInvalid, invalid, what + ": first row without a finite distance");
                for (int i = 0; i < rows; i++) {
                    if (expected[i] < 0) {
                        continue;
                    }
                    assertEquals(expected[i], labels[3 + i], what + ": label of row " + (from + i));
                    if (best != null) {
                        assertEquals(Double.doubleToRawLongBits(expBest[i]), Double.doubleToRawLongBits(best[5 + i]),
                                what + ": nearest distance of row " + (from + i));
                    }
                    if (second != null) {
                        assertEquals(Double.doubleToRawLongBits(expSecond[i]),
                                Double.doubleToRawLongBits(second[5 + i]), what + ": runner-up of row " + (from + i));
                    }
                }
                // The scratch is reused: a second call on it gives the same labels.
                int[] again = new int[rows + 3];
                kernel.nearest(x, d, from, n, c, k, again, 3, null, 0, null, s);
                for (int i = 0; i < rows; i++) {
                    if (expected[i] >= 0) {
                        assertEquals(expected[i], again[3 + i], what + ": reused scratch, row " + (from + i));
                    }
                }
            }
        }
    }

    /** The labels-only entry ({@link CentroidKernel#nearestLabels}, and the SIMD dot form directly). */
    private static void assertLabelsSameAsNaive(double[] x, int n, double[] c, int k, int d, int from, int[] expected,
                                                int firstInvalid) {
        DotKernel.Centres centres = new DotKernel.Centres(c, k, d);
        BlockKernel vector = KernelSelection.load("dev.segmentation.core.internal.VectorCentroidKernel");
        for (int q = 0; q < 2; q++) {
            if (q == 1 && vector == null) {
                break;
            }
            int[] labels = new int[n - from + 2];
            CentroidKernel.Scratch s = new CentroidKernel.Scratch(d);
            int invalid = q == 0 ? CentroidKernel.nearestLabels(x, from, n, centres, labels, 2, s)
                    : vector.nearestLabels(x, from, n, centres, labels, 2, s, null);
            assertEquals(firstInvalid, invalid, "labels-only " + q + ": first row without a finite distance");
            for (int i = 0; i < n - from; i++) {
                if (expected[i] >= 0) {
                    assertEquals(expected[i], labels[2 + i], "labels-only " + q + ": row " + (from + i));
                }
            }
        }
    }

    /**
     * Gaussian rows, or rows and centres on a small grid where exact ties are common, with some centres
     * duplicated; any d, k and n (tails that are not a multiple of the lane count or of the block), and a first
     * row that is not 0.
     */
    @Property(tries = 300)
    void equalsNaiveScanWithTies(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                 @ForAll @IntRange(min = 1, max = 20) int k,
                                 @ForAll @IntRange(min = 1, max = 19) int d,
                                 @ForAll @IntRange(min = 1, max = 700) int n,
                                 @ForAll boolean grid) {
        Random r = new Random(seed);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = grid ? r.nextInt(3) * 0.5 : r.nextGaussian();
        }
        for (int cc = 1; cc < k; cc++) {
            if (r.nextInt(4) == 0) {
                int src = r.nextInt(cc);
                System.arraycopy(c, src * d, c, cc * d, d);
            }
        }
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid ? r.nextInt(3) * 0.5 : r.nextGaussian() * 2;
        }
        assertSameAsNaive(x, n, c, k, d, r.nextInt(Math.min(n, 9)));
    }

    /** Rows equal to a centre, at a midpoint between two centres, or a few ulps from one. */
    @Property(tries = 150)
    void equalsNaiveScanOnNearTies(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                   @ForAll @IntRange(min = 2, max = 12) int k,
                                   @ForAll @IntRange(min = 1, max = 17) int d) {
        Random r = new Random(seed);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextGaussian();
        }
        int n = 301;
        double[] x = DotKernelProperties.nearTieRows(r, c, k, d, n, true);
        assertSameAsNaive(x, n, c, k, d, 0);
    }

    /** Rows with a NaN or an infinite value, and rows whose distances overflow, are reported first one first. */
    @Property(tries = 60)
    void reportsTheFirstNonFiniteRow(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                     @ForAll @IntRange(min = 1, max = 9) int k,
                                     @ForAll @IntRange(min = 1, max = 300) int n) {
        Random r = new Random(seed);
        int d = 1 + r.nextInt(7);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextGaussian();
        }
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                             Double.longBitsToDouble(0xfff8000000000000L), 1e200, -1e160};
        int bad = r.nextInt(n);
        x[bad * d + r.nextInt(d)] = specials[r.nextInt(specials.length)];
        x[Math.min(n - 1, bad + 1 + r.nextInt(5)) * d] = Double.NaN;
        assertSameAsNaive(x, n, c, k, d, 0);
    }

    /**
     * The M-step sums of every implementation ({@link CentroidKernel#addRows}, the scalar loops, the SIMD kernel
     * when the Vector API is present) are those of the textbook loop bit for bit, with and without weights, for
     * any d (below, at and above the lane count, with a tail) and any range of rows, added to sums that are not
     * zero.
     */
    @Property(tries = 200)
    void addRowsEqualsTheTextbookSums(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                      @ForAll @IntRange(min = 1, max = 9) int k,
                                      @ForAll @IntRange(min = 1, max = 35) int d,
                                      @ForAll @IntRange(min = 1, max = 400) int n,
                                      @ForAll boolean weighted) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k);
        }
        double[] w = null;
        if (weighted) {
            w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = r.nextDouble() * 3;
            }
        }
        double[] start = new double[k * d];
        for (int i = 0; i < start.length; i++) {
            start[i] = r.nextGaussian();
        }
        int from = r.nextInt(n);
        int to = from + r.nextInt(n - from + 1);
        double[] expected = start.clone();
        double[] expectedW = new double[k];
        for (int i = from; i < to; i++) {
            double wi = w == null ? 1 : w[i];
            for (int j = 0; j < d; j++) {
                expected[labels[i] * d + j] += w == null ? x[i * d + j] : wi * x[i * d + j];
            }
            expectedW[labels[i]] += wi;
        }
        List<Adder> adders = new ArrayList<>();
        adders.add(CentroidKernel::addRows);
        adders.add(CentroidKernel::addRowsScalar);
        BlockKernel vector = KernelSelection.load("dev.segmentation.core.internal.VectorCentroidKernel");
        if (vector != null && d >= vector.lanes()) {
            adders.add(vector::addRows);
        }
        for (Adder adder : adders) {
            double[] sums = start.clone();
            double[] wsum = new double[k];
            adder.add(x, d, from, to, labels, w, sums, wsum);
            for (int i = 0; i < sums.length; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(sums[i]),
                        "sum " + i);
            }
            for (int c = 0; c < k; c++) {
                assertEquals(Double.doubleToRawLongBits(expectedW[c]), Double.doubleToRawLongBits(wsum[c]));
            }
        }
    }

    /** The per-column extremes of the overflow check equal the textbook minima and maxima, for any d. */
    @Property(tries = 100)
    void columnExtremesEqualTheTextbookOnes(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                            @ForAll @IntRange(min = 1, max = 35) int d,
                                            @ForAll @IntRange(min = 1, max = 300) int n) {
        Random r = new Random(seed);
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * Math.pow(10, r.nextInt(41) - 20);
        }
        int from = r.nextInt(n);
        double[] min = new double[d + 3];
        double[] max = new double[d + 3];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        CentroidKernel.columnExtremes(x, d, from, n, min, 3, max, 3);
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = from; i < n; i++) {
                lo = Math.min(lo, x[i * d + j]);
                hi = Math.max(hi, x[i * d + j]);
            }
            assertEquals(lo, min[3 + j]);
            assertEquals(hi, max[3 + j]);
        }
        assertEquals(Double.POSITIVE_INFINITY, min[0]);
    }

    /** An M-step summation under test. */
    interface Adder {
        void add(double[] x, int d, int from, int to, int[] labels, double[] w, double[] sums, double[] wsum);
    }
}
