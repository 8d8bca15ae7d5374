/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import dev.segmentation.core.MemoryBudgetExceededException;

import java.util.Locale;

/**
 * The layout of a condensed (upper-triangle) matrix of pairwise values, SciPy's {@code squareform} order: the
 * value of the pair {@code i < j} of {@code n} items is at {@code rowStart(i) + j}, with
 * \( \mathrm{rowStart}(i) = i n - i(i+1)/2 - i - 1 \), so that row i's values for {@code j = i+1 .. n-1} are
 * contiguous. Not API.
 */
public final class Condensed {
    /**
     * The largest n whose condensed matrix fits in one Java array: \( 65536 \cdot 65535 / 2 \lt 2^{31} - 8 \).
     */
    public static final int MAX_N = 65536;

    private Condensed() {
    }

    /**
     * Refuses a condensed matrix of more items than one Java array holds, before anything is allocated.
     *
     * @param what the matrix, for the message ("A dissimilarity matrix")
     * @param advice what to use instead
     * @throws MemoryBudgetExceededException if {@code n > MAX_N}
     */
    public static void requireCapacity(int n, String what, String advice) {
        if (n > MAX_N) {
            throw new MemoryBudgetExceededException(String.format(Locale.ROOT, "%s of n = %,d items has %,d values, "
                    + "more than one Java array holds (n <= %,d); %s", what, n, length(n), MAX_N, advice),
                    8 * length(n), MemoryBudget.defaultBytes());
        }
    }

    /** The number of pairs of n items, \( n(n-1)/2 \). */
    public static long length(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** The number of items whose condensed matrix has {@code length} values, or -1 if there is none. */
    public static int sizeOf(long length) {
        long n = Math.round((1 + Math.sqrt(1 + 8.0 * length)) / 2);
        return n >= 2 && n * (n - 1) / 2 == length ? (int) n : -1;
    }

    /** {@code rowStart[i]} for every i: the pair {@code i < j} is at {@code rowStart[i] + j}. */
    public static int[] rowStarts(int n) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = (int) ((long) i * n - (long) i * (i + 1) / 2 - i - 1);
        }
        return s;
    }

    /** The index of the pair {@code i != j} (in either order). */
    public static int index(int n, int i, int j) {
        int a = Math.min(i, j);
        int b = Math.max(i, j);
        return (int) ((long) a * n - (long) a * (a + 1) / 2 - a - 1 + b);
    }

    /**
     * Row bounds that cut the triangle into at most {@code maxBlocks} blocks of about equal numbers of pairs
     * (the rows thin out towards the end): block b is rows {@code [bounds[b], bounds[b+1])}. A function of n
     * and {@code maxBlocks} alone, so work split by these blocks never depends on the thread count.
     */
    public static int[] rowBlocks(int n, int maxBlocks) {
        final int blocks = Math.max(1, Math.min(maxBlocks, n / 64));
        final int[] bounds = new int[blocks + 1];
        long total = length(n);
        int row = 0;
        long done = 0;
        for (int b = 1; b < blocks; b++) {
            long target = total * b / blocks;
            while (row < n && done < target) {
                done += n - row - 1;
                row++;
            }
            bounds[b] = row;
        }
        bounds[blocks] = n;
        return bounds;
    }
}
