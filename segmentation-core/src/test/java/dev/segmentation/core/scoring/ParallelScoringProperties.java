/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Parallel batch scoring gives the sequential labels, whatever the pool, and fails on the same row. */
class ParallelScoringProperties {
    /** Shared by every try; their workers are daemon threads and end when idle. */
    private static final ForkJoinPool ONE = new ForkJoinPool(1);
    private static final ForkJoinPool TWO = new ForkJoinPool(2);

    private static NearestCentroidScorer scorer(Random r, int k, int d, boolean grid) {
        double[][] c = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int f = 0; f < d; f++) {
                c[j][f] = grid ? r.nextInt(3) * 0.5 : r.nextGaussian();
            }
        }
        return NearestCentroidScorer.of(Centroids.of(c, Dataset.defaultNames(d)));
    }

    private static double[] rows(Random r, int n, int d, boolean grid) {
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid ? r.nextInt(3) * 0.5 : r.nextGaussian() * 2;
        }
        return x;
    }

    /** One thread, two threads, no pool and the sequential call: the same labels, ties included. */
    @Property(tries = 30)
    void oneThreadEqualsTwoThreads(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                   @ForAll @IntRange(min = 1, max = 12) int k,
                                   @ForAll @IntRange(min = 1, max = 17) int d,
                                   @ForAll @IntRange(min = 0, max = 30_000) int n,
                                   @ForAll boolean grid) {
        Random r = new Random(seed);
        NearestCentroidScorer s = scorer(r, k, d, grid);
        double[] x = rows(r, n, d, grid);
        int[] sequential = new int[n];
        s.assign(x, n, sequential);
        int[] none = new int[n];
        int[] single = new int[n];
        int[] pair = new int[n];
        s.assignParallel(x, n, none, null);
        s.assignParallel(x, n, single, ONE);
        s.assignParallel(x, n, pair, TWO);
        assertArrayEquals(sequential, none);
        assertArrayEquals(sequential, single);
        assertArrayEquals(sequential, pair);
        Dataset data = Dataset.ofRowMajor(x, n, Dataset.defaultNames(d));
        assertArrayEquals(sequential, s.assignParallel(data, TWO));
    }

    /** A bad row is reported as by the sequential call: the first one in row order, whatever the chunking. */
    @Property(tries = 20)
    void reportsTheFirstBadRow(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                               @ForAll @IntRange(min = 0, max = 19_999) int first) {
        Random r = new Random(seed);
        int n = 20_000;
        int d = 5;
        NearestCentroidScorer s = scorer(r, 8, d, false);
        double[] x = rows(r, n, d, false);
        x[first * d + r.nextInt(d)] = Double.NaN;
        int later = first + 1 + r.nextInt(n - first);
        if (later < n) {
            x[later * d] = Double.POSITIVE_INFINITY;
        }
        IllegalArgumentException expected = assertThrows(IllegalArgumentException.class,
                () -> s.assign(x, n, new int[n]));
        IllegalArgumentException got = assertThrows(IllegalArgumentException.class,
                () -> s.assignParallel(x, n, new int[n], TWO));
        assertEquals(expected.getMessage(), got.getMessage());
    }
}
