/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/**
 * The library's one sort of primitive indices by a key: a stable merge sort (insertion sort below 32
 * elements, a skipped merge when the halves are already in order), so that no caller boxes indices into
 * {@code Integer[]} to use a comparator. Not API.
 *
 * <p>Stable: indices whose keys compare equal keep their input order, which the library's determinism
 * relies on (ties resolved by first appearance). \( O(n \log n) \) comparisons, one {@code int[n]} buffer.
 */
public final class IndexSort {
    /** Compares two indices by their keys. */
    @FunctionalInterface
    public interface IntComparator {
        /** Negative, zero or positive as the key of {@code a} is below, equal to or above that of {@code b}. */
        int compare(int a, int b);
    }

    private static final int INSERTION = 32;

    private IndexSort() {
    }

    /** {@code 0 .. n-1} sorted by {@code cmp}, stably. */
    public static int[] order(int n, IntComparator cmp) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        sort(idx, 0, n, cmp);
        return idx;
    }

    /** The indices of {@code values} in increasing order of value ({@link Double#compare}); stable. */
    public static int[] order(double[] values) {
        return order(values.length, (a, b) -> Double.compare(values[a], values[b]));
    }

    /** Sorts {@code a[from .. to)} by {@code cmp}, stably. */
    public static void sort(int[] a, int from, int to, IntComparator cmp) {
        if (to - from < 2) {
            return;
        }
        sort(a, new int[a.length], from, to, cmp);
    }

    /** Sorts all of {@code a} by {@code cmp}, stably. */
    public static void sort(int[] a, IntComparator cmp) {
        sort(a, 0, a.length, cmp);
    }

    private static void sort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
        if (to - from <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, tmp, from, mid, cmp);
        sort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(tmp[i], tmp[j]) <= 0)) {
                a[k] = tmp[i++];
            } else {
                a[k] = tmp[j++];
            }
        }
    }
}
