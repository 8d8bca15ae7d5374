/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact sums on {@code double[]} states: correctly rounded, and independent of order and grouping. */
class ExactSumTest {
    /** Values over a wide exponent range, with cancellations, so that a state holds many partials. */
    private static double[] values(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = Math.scalb(1 + r.nextDouble(), r.nextInt(-200, 200));
            v[i] = r.nextBoolean() ? x : -x;
        }
        return v;
    }

    @Test
    void theSumIsTheExactSumCorrectlyRounded() {
        for (long seed = 1; seed <= 20; seed++) {
            double[] v = values(seed, 500);
            double[] state = ExactSum.zero();
            BigDecimal exact = BigDecimal.ZERO;
            for (int i = 0; i < v.length; i++) {
                state = ExactSum.add(state, v[i]);
                exact = exact.add(new BigDecimal(v[i]));
            }
            assertTrue(state[0] > 4, "the state grew past its first capacity: " + state[0] + " partials");
            double s = ExactSum.value(state);
            BigDecimal err = exact.subtract(new BigDecimal(s)).abs();
            assertTrue(err.compareTo(exact.subtract(new BigDecimal(Math.nextUp(s))).abs()) <= 0, "seed " + seed);
            assertTrue(err.compareTo(exact.subtract(new BigDecimal(Math.nextDown(s))).abs()) <= 0, "seed " + seed);
            assertEquals(s, ExactSum.of(v), 0.0);
        }
    }

    @Test
    void partialSumsMergedInAnyGroupingGiveTheSameBits() {
        double[] v = values(7, 1_000);
        double whole = ExactSum.of(v);
        for (int parts : new int[] {2, 3, 7}) {
            double[][] states = ExactSum.zeros(parts);
            for (int i = 0; i < v.length; i++) {
                states[i % parts] = ExactSum.add(states[i % parts], v[v.length - 1 - i]);
            }
            double[][] merged = ExactSum.zeros(1);
            for (int p = parts - 1; p >= 0; p--) {
                ExactSum.addAll(merged, new double[][] {states[p]});
            }
            assertEquals(whole, ExactSum.value(merged[0]), 0.0, parts + " parts");
        }
        assertEquals(0.0, ExactSum.value(ExactSum.zero()), 0.0);
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        assertEquals(1.0, ExactSum.of(tenths), 0.0); // the plain loop gives 0.9999999999999999
    }
}
