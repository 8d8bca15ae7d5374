/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

/**
 * Finds exact duplicate rows of {@link TransactionColumns}: rows equal in every column (customer, order or
 * event, time, amount, quantity, unit price and every kept string column; numbers compared by their bits).
 * Not API.
 *
 * <p>Design: one pass with open addressing over a power-of-two table of row indices, at most half full,
 * keyed by a hash of all the row's fields; equal hashes are confirmed field by field. \( O(n) \) expected time,
 * \( O(n) \) memory.
 */
public final class Duplicates {
    private Duplicates() {
    }

    /**
     * For each row, the index of the first earlier row it duplicates, or -1 when it is the first of its kind.
     */
    public static int[] firstCopies(TransactionColumns c) {
        int n = c.size;
        int[] first = new int[n];
        int cap = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
        int[] table = new int[cap];
        int mask = cap - 1;
        for (int i = 0; i < n; i++) {
            int slot = hash(c, i) & mask;
            first[i] = -1;
            while (true) {
                int r = table[slot] - 1;
                if (r < 0) {
                    table[slot] = i + 1;
                    break;
                }
                if (same(c, r, i)) {
                    first[i] = r;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return first;
    }

    private static int hash(TransactionColumns c, int i) {
        long h = c.customer[i];
        h = h * 0x9E3779B97F4A7C15L + c.epochSecond[i];
        h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(c.amount[i]);
        if (c.order != null) {
            h = h * 0x9E3779B97F4A7C15L + c.order[i];
        }
        if (c.quantity != null) {
            h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(c.quantity[i]);
            h = h * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(c.unitPrice[i]);
        }
        for (int k = 0; k < c.stringCodes.length; k++) {
            h = h * 0x9E3779B97F4A7C15L + c.stringCodes[k][i];
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    private static boolean same(TransactionColumns c, int a, int b) {
        if (c.customer[a] != c.customer[b] || c.epochSecond[a] != c.epochSecond[b]
                || Double.doubleToLongBits(c.amount[a]) != Double.doubleToLongBits(c.amount[b])) {
            return false;
        }
        if (c.order != null && c.order[a] != c.order[b]) {
            return false;
        }
        if (c.quantity != null && (Double.doubleToLongBits(c.quantity[a]) != Double.doubleToLongBits(c.quantity[b])
                || Double.doubleToLongBits(c.unitPrice[a]) != Double.doubleToLongBits(c.unitPrice[b]))) {
            return false;
        }
        for (int k = 0; k < c.stringCodes.length; k++) {
            if (c.stringCodes[k][a] != c.stringCodes[k][b]) {
                return false;
            }
        }
        return true;
    }
}
