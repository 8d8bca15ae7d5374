/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

import dev.segmentation.core.internal.IndexSort;
import java.util.Arrays;

/**
 * Mid-ranks with ties, the ranks of the Kruskal-Wallis test and of percentile scores. Not API.
 */
public final class Ranks {
    private Ranks() {
    }

    /** Ranks of a sample and the tie statistics. */
    public static final class Result {
        /**
         * Twice the mid-rank of each value: ranks are 1-based and tied values share the mean of their ranks, a
         * multiple of 1/2, so doubled ranks are exact integers.
         */
        public final long[] doubledRanks;
        /** \( \sum_t (t^3 - t) \) over the sizes t of the tie groups, exact. */
        public final double tieSum;
        /** The number of distinct values. */
        public final int distinct;

        Result(long[] doubledRanks, double tieSum, int distinct) {
            this.doubledRanks = doubledRanks;
            this.tieSum = tieSum;
            this.distinct = distinct;
        }
    }

    /**
     * Mid-ranks of finite values.
     *
     * @param values the sample. Not modified.
     */
    public static Result of(double[] values) {
        int n = values.length;
        int[] order = order(values);
        long[] ranks = new long[n];
        double tieSum = 0;
        int distinct = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            long doubled = (long) start + end + 2; // (start + 1) + (end + 1)
            for (int t = start; t <= end; t++) {
                ranks[order[t]] = doubled;
            }
            long t = end - start + 1L;
            if (t > 1) {
                tieSum += (double) t * t * t - t;
            }
            distinct++;
            start = end + 1;
        }
        return new Result(ranks, tieSum, distinct);
    }

    /** The indices of {@code values} in increasing order of value; ties keep index order (stable). */
    public static int[] order(double[] values) {
        return IndexSort.order(values);
    }

    /** A sorted copy. */
    public static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
