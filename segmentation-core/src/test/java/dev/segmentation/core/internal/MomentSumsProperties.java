/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mixture's moment sums ({@link MomentSums}) have the bits of the textbook loop written in the order the class
 * defines (eight partial sums by row modulo 8, a fixed tree, then the running sum), with the scalar loops and with
 * the SIMD kernel when the JVM has 512-bit vectors: for 1 to 20 features, blocks of 0 to 70 rows (whole groups of
 * eight and the rows past them), full and diagonal second moments, sums that start from earlier values, hard
 * (0 or 1) and fractional weights, and a layout reused for blocks of another length.
 */
class MomentSumsProperties {

    /** The textbook loop in the documented order: one sum at a time, terms by row, partial sums by row mod 8. */
    static double ordered(double[] terms) {
        double[] lanes = new double[8];
        for (int p = 0; p < terms.length; p++) {
            lanes[p % 8] = lanes[p % 8] + terms[p];
        }
        return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    }

    static void naive(double[][] xt, int d, int b, double[][] resp, int k, double[] shift, boolean full,
                      double[] mass, double[] first, double[] second) {
        for (int c = 0; c < k; c++) {
            double[][] v = new double[d][b];
            double[][] u = new double[d][b];
            for (int j = 0; j < d; j++) {
                for (int p = 0; p < b; p++) {
                    v[j][p] = xt[j][p] - shift[c * d + j];
                    u[j][p] = resp[c][p] * v[j][p];
                }
            }
            mass[c] += ordered(resp[c].clone());
            for (int j = 0; j < d; j++) {
                first[c * d + j] += ordered(u[j]);
            }
            for (int i = 0; i < d; i++) {
                for (int j = full ? i : i; j < (full ? d : i + 1); j++) {
                    double[] terms = new double[b];
                    for (int p = 0; p < b; p++) {
                        terms[p] = u[i][p] * v[j][p];
                    }
                    second[full ? c * d * d + i * d + j : c * d + i] += ordered(terms);
                }
            }
        }
    }

    private static double[][] block(SplittableRandom r, int d, int b) {
        double[][] xt = new double[d][b];
        for (int j = 0; j < d; j++) {
            for (int p = 0; p < b; p++) {
                xt[j][p] = r.nextGaussian() * 3 + j;
            }
        }
        return xt;
    }

    private static void check(long seed, int d, int k, int b, boolean full, boolean hard) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] xt = block(r, d, b);
        double[][] resp = new double[k][b];
        for (int p = 0; p < b; p++) {
            int label = r.nextInt(k);
            for (int c = 0; c < k; c++) {
                resp[c][p] = hard ? (c == label ? 1.0 : 0.0) : r.nextDouble();
            }
        }
        double[] shift = new double[k * d];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = r.nextGaussian() + (i % d);
        }
        int sLength = full ? k * d * d : k * d;
        double[] mass0 = new double[k];
        double[] first0 = new double[k * d];
        double[] second0 = new double[sLength];
        for (int i = 0; i < k; i++) {
            mass0[i] = r.nextDouble() * 10;
        }
        for (int i = 0; i < first0.length; i++) {
            first0[i] = r.nextGaussian();
        }
        for (int i = 0; i < second0.length; i++) {
            second0[i] = r.nextDouble() * 5;
        }
        double[] mass = mass0.clone();
        double[] first = first0.clone();
        double[] second = second0.clone();
        naive(xt, d, b, resp, k, shift, full, mass, first, second);
        double[][] xtCopy = new double[d][];
        for (int j = 0; j < d; j++) {
            xtCopy[j] = xt[j].clone();
        }
        for (boolean allowSimd : new boolean[] {false, true}) {
            // A block of another length first, so that the offsets are laid out again for this one.
            MomentSums sums = new MomentSums(d, b + 9, full, allowSimd);
            sums.add(block(r, d, b + 9), b + 9, new double[k][b + 9], k, shift, new double[k], new double[k * d],
                    new double[sLength]);
            double[] ms = mass0.clone();
            double[] fs = first0.clone();
            double[] ss = second0.clone();
            sums.add(xt, b, resp, k, shift, ms, fs, ss);
            String what = "d=" + d + " k=" + k + " b=" + b + " full=" + full + " hard=" + hard + " simd="
                    + sums.vectorized();
            assertArrayEquals(mass, ms, what);
            assertArrayEquals(first, fs, what);
            if (full) {
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        for (int j = i; j < d; j++) {
                            int o = c * d * d + i * d + j;
                            assertEquals(second[o], ss[o], what + " second[" + c + "][" + i + "][" + j + "]");
                        }
                    }
                }
            } else {
                assertArrayEquals(second, ss, what);
            }
        }
        for (int j = 0; j < d; j++) {
            assertArrayEquals(xtCopy[j], xt[j], "the block is not modified");
        }
    }

    @Property(tries = 300)
    void bothKernelsSumInTheDocumentedOrder(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed,
                                            @ForAll @IntRange(min = 1, max = 20) int d,
                                            @ForAll @IntRange(min = 1, max = 9) int k,
                                            @ForAll @IntRange(min = 0, max = 70) int b,
                                            @ForAll boolean full,
                                            @ForAll boolean hard) {
        check(seed, d, k, b, full, hard);
    }

    @Test
    void theBenchmarkShapeSumsInTheDocumentedOrder() {
        // d = 8, k = 8, a whole block and one a row short of a multiple of eight.
        check(8, 8, 8, 256, true, false);
        check(9, 8, 8, 255, false, false);
    }

    @Test
    void theSimdKernelRunsWhereVectorsHoldEightDoubles() {
        boolean eight = CentroidKernel.vectorized() && CentroidKernel.laneWidth() == MomentSums.LANES;
        assertEquals(eight, new MomentSums(8, 64, true).vectorized());
        assertTrue(!new MomentSums(8, 64, true, false).vectorized());
    }
}
