/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dot-form kernel's labels equal the naive difference-form scan's, bit for bit, ties included. */
class DotKernelProperties {

    /** The textbook scan: squared differences summed in feature order, first minimum wins, -1 if none finite. */
    static int naive(double[] x, int off, double[] c, int k, int d) {
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double s = 0;
            for (int f = 0; f < d; f++) {
                double t = x[off + f] - c[j * d + f];
                s += t * t;
            }
            if (s < bestD) {
                bestD = s;
                best = j;
            }
        }
        return best;
    }

    /**
     * {@code n} rows at the midpoint of two random centres (or, when {@code someOnCentres}, a quarter of them on
     * a centre), one random feature then moved by up to 4 ulps: distances that differ in their last bits.
     */
    static double[] nearTieRows(Random r, double[] c, int k, int d, int n, boolean someOnCentres) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int a = r.nextInt(k);
            int b = (a + 1 + r.nextInt(k - 1)) % k;
            boolean onCentre = someOnCentres && r.nextInt(4) == 0;
            for (int f = 0; f < d; f++) {
                x[i * d + f] = onCentre ? c[a * d + f] : 0.5 * (c[a * d + f] + c[b * d + f]);
            }
            int f = r.nextInt(d);
            int ulps = r.nextInt(9) - 4;
            for (int u = 0; u < Math.abs(ulps); u++) {
                x[i * d + f] = ulps > 0 ? Math.nextUp(x[i * d + f]) : Math.nextDown(x[i * d + f]);
            }
        }
        return x;
    }

    private static void assertSameAsNaive(double[] x, int n, double[] c, int k, int d) {
        int[] expected = new int[n];
        int firstInvalid = -1;
        for (int i = 0; i < n; i++) {
            expected[i] = naive(x, i * d, c, k, d);
            if (expected[i] < 0) {
                if (firstInvalid < 0) {
                    firstInvalid = i;
                }
                expected[i] = 0;
            }
        }
        int[] got = new int[n + 3];
        int invalid = DotKernel.nearest(x, 0, n, new DotKernel.Centres(c, k, d), got, 3, new DotKernel.Scratch(d));
        int[] gotLabels = java.util.Arrays.copyOfRange(got, 3, n + 3);
        // The SIMD kernel's dot form (the same arithmetic, lane by lane), when the Vector API is present.
        BlockKernel vector = KernelSelection.load("dev.segmentation.core.internal.VectorCentroidKernel");
        if (vector != null) {
            // The default layout (one row per lane), then the centres in the lanes (when k fits in one vector).
            for (int layout = 0; layout < 2; layout++) {
                int[] lanes = new int[n + 1];
                DotKernel.Centres prepared = new DotKernel.Centres(c, k, d);
                int vInvalid = layout == 0
                        ? vector.nearestLabels(x, 0, n, prepared, lanes, 1, new CentroidKernel.Scratch(d), null)
                        : centreLanes(vector, x, n, prepared, lanes, 1, new long[1]);
                String name = layout == 0 ? "SIMD dot form" : "SIMD dot form, centres in lanes";
                assertEquals(invalid, vInvalid, name + ": first row without a finite distance");
                for (int i = 0; i < n; i++) {
                    if (naive(x, i * d, c, k, d) >= 0) {
                        assertEquals(expected[i], lanes[1 + i], name + ": row " + i);
                    }
                }
            }
        }
        if (firstInvalid >= 0) {
            assertEquals(firstInvalid, invalid, "first row without a finite distance");
            for (int i = 0; i < n; i++) {
                if (naive(x, i * d, c, k, d) < 0) {
                    gotLabels[i] = 0;
                }
            }
        } else {
            assertEquals(-1, invalid);
        }
        assertArrayEquals(expected, gotLabels);
    }

    /** The SIMD kernel's labels-only search with the centres in the lanes (its package-private method). */
    private static int centreLanes(BlockKernel vector, double[] x, int n, DotKernel.Centres c, int[] labels, int off,
                                long[] rescored) {
        try {
            java.lang.reflect.Method m = vector.getClass().getDeclaredMethod("centresInLanes", double[].class,
                    int.class, int.class, DotKernel.Centres.class, int[].class, int.class,
                    CentroidKernel.Scratch.class, long[].class);
            m.setAccessible(true);
            return (int) m.invoke(vector, x, 0, n, c, labels, off, new CentroidKernel.Scratch(c.d), rescored);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** Gaussian rows, or rows and centres on a small grid where exact ties between centres are common. */
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
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid ? r.nextInt(3) * 0.5 : r.nextGaussian() * 2;
        }
        assertSameAsNaive(x, n, c, k, d);
    }

    /**
     * Near ties: each row is the midpoint of two centres moved by a few ulps along a random feature, so the
     * two distances differ in their last bits, which is exactly where the dot form's rounding could reorder
     * them.
     */
    @Property(tries = 200)
    void equalsNaiveScanOnNearTies(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                   @ForAll @IntRange(min = 2, max = 12) int k,
                                   @ForAll @IntRange(min = 1, max = 17) int d) {
        Random r = new Random(seed);
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextGaussian();
        }
        int n = 300;
        double[] x = nearTieRows(r, c, k, d, n, false);
        assertSameAsNaive(x, n, c, k, d);
    }

    /**
     * Extreme magnitudes: everything scaled by 2^e (subnormal to near overflow, where squared distances overflow
     * and rows become invalid), or moved far from the origin, where the bound is wide and many rows are rescored.
     */
    @Property(tries = 200)
    void equalsNaiveScanAtExtremeMagnitudes(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                            @ForAll @IntRange(min = 1, max = 9) int k,
                                            @ForAll @IntRange(min = 1, max = 16) int d,
                                            @ForAll @IntRange(min = -1074, max = 1023) int exponent,
                                            @ForAll boolean offset) {
        Random r = new Random(seed);
        double scale = Math.scalb(1.0, exponent);
        double shift = offset ? 1e9 * (r.nextBoolean() ? 1 : -1) : 0;
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = (r.nextGaussian() * scale) + shift;
        }
        int n = 200;
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (r.nextGaussian() * 3 * scale) + shift;
        }
        boolean finite = true;
        for (double v : c) {
            finite &= Double.isFinite(v);
        }
        if (!finite) {
            return; // centres are finite by contract
        }
        assertSameAsNaive(x, n, c, k, d);
    }

    /** Rows with a NaN or an infinite value are reported, first one first; the other rows are still labelled. */
    @Property(tries = 50)
    void reportsTheFirstNonFiniteRow(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                     @ForAll @IntRange(min = 2, max = 9) int k) {
        Random r = new Random(seed);
        int d = 5;
        int n = 600;
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = r.nextGaussian();
        }
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        int bad = r.nextInt(n);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                             Double.longBitsToDouble(0xfff8000000000000L)};
        x[bad * d + r.nextInt(d)] = specials[r.nextInt(specials.length)];
        x[Math.min(n - 1, bad + 1 + r.nextInt(5)) * d] = Double.NaN;
        assertSameAsNaive(x, n, c, k, d);
    }

    /** On standardised data the bound is tight: almost no row needs the difference form. */
    @Property(tries = 10)
    void rescoresFewRowsOnOrdinaryData(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random r = new Random(seed);
        int k = 8;
        int d = 16;
        int n = 20_000;
        double[] c = new double[k * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = 0.5 * r.nextGaussian();
        }
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        long[] rescored = new long[1];
        int[] out = new int[n];
        DotKernel.nearest(x, 0, n, new DotKernel.Centres(c, k, d), out, 0, new DotKernel.Scratch(d), rescored);
        assertTrue(rescored[0] < n / 1000, rescored[0] + " of " + n + " rows rescored");
        BlockKernel vector = KernelSelection.load("dev.segmentation.core.internal.VectorCentroidKernel");
        if (vector != null) {
            long[] vRescored = new long[1];
            vector.nearestLabels(x, 0, n, new DotKernel.Centres(c, k, d), out, 0, new CentroidKernel.Scratch(d),
                    vRescored);
            assertTrue(vRescored[0] < n / 1000, vRescored[0] + " of " + n + " rows rescored by the SIMD dot form");
            vRescored[0] = 0;
            centreLanes(vector, x, n, new DotKernel.Centres(c, k, d), out, 0, vRescored);
            assertTrue(vRescored[0] < n / 1000, vRescored[0] + " of " + n + " rows rescored, centres in lanes");
        }
        assertSameAsNaive(x, n, c, k, d);
    }
}
