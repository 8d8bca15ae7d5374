/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.internal;

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
        int n = values.length;
        // Sort (value, index) pairs through a long key when possible would lose doubles; use a primitive
        // index sort by value with a merge sort, which is stable and allocation-light.
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[n];
        mergeSort(idx, tmp, 0, n, values);
        return idx;
    }

    private static void mergeSort(int[] a, int[] tmp, int from, int to, double[] v) {
        if (to - from <= 32) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && v[a[j]] > v[x]) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, v);
        mergeSort(a, tmp, mid, to, v);
        if (v[a[mid - 1]] <= v[a[mid]]) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && v[tmp[i]] <= v[tmp[j]])) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }

    /** A sorted copy. */
    public static double[] sorted(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }
}
