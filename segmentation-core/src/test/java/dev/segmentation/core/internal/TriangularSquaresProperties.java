/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link CentroidKernel#triangularSquares} (the SIMD kernel for whole vectors of rows when the Vector API is
 * present, the scalar loops otherwise and for the last rows) gives, row by row, the bits of the textbook loop in the
 * documented order, for 1 to 20 features and blocks of 0 to 70 rows.
 */
class TriangularSquaresProperties {

    @Property(tries = 300)
    void everyRowHasTheTextbookBits(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed,
                                    @ForAll @IntRange(min = 1, max = 20) int d,
                                    @ForAll @IntRange(min = 0, max = 70) int b) {
        SplittableRandom r = new SplittableRandom(seed);
        int t = r.nextInt(3) * d * d;
        double[] tri = new double[t + d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                tri[t + i * d + j] = r.nextGaussian();
            }
        }
        double[][] dt = new double[d][b];
        for (int i = 0; i < d; i++) {
            for (int p = 0; p < b; p++) {
                dt[i][p] = r.nextGaussian() * 4;
            }
        }
        double[] expected = new double[b];
        for (int p = 0; p < b; p++) {
            double acc = 0;
            for (int j = 0; j < d; j++) {
                double y = tri[t + j] * dt[0][p];
                for (int i = 1; i <= j; i++) {
                    y = y + tri[t + i * d + j] * dt[i][p];
                }
                acc = j == 0 ? y * y : acc + y * y;
            }
            expected[p] = acc;
        }
        double[] acc = new double[b + 3];
        CentroidKernel.triangularSquares(dt, d, tri, t, b, new double[b], acc);
        for (int p = 0; p < b; p++) {
            assertEquals(expected[p], acc[p], "row " + p + " of " + b + ", d = " + d + ", SIMD "
                    + CentroidKernel.vectorized());
        }
        assertArrayEquals(new double[3], java.util.Arrays.copyOfRange(acc, b, b + 3), "nothing past b is written");
    }
}
