/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import dev.segmentation.core.internal.IndexSort;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * The rows of {@link TransactionColumns} that fall in a time window, grouped by customer and sorted by time
 * (ties in their input order). Not API.
 *
 * <p>Invariants: the rows of customer code {@code k} are {@code rows[start[k] .. start[k + 1])}, in ascending
 * time, rows with equal times in ascending row index; only rows with a customer and
 * {@code from <= time < to} are present, and the counts of the others are in {@link #missingCustomer},
 * {@link #atOrAfter} and {@link #before}. {@link #firstSecond} is the earliest time of any row (or
 * {@link Long#MAX_VALUE} for no rows).
 *
 * <p>Cost: a counting sort by customer, then a primitive sort of packed (time, position) keys within each
 * customer: \( O(n \log m) \) for the largest customer's \( m \) rows.
 */
public final class CustomerRows {
    /** Start offset of each customer's rows, {@code customers + 1} entries. */
    public final int[] start;
    /** Row indices, grouped by customer and sorted by time. */
    public final int[] rows;
    /** Rows without a customer. */
    public final long missingCustomer;
    /** Rows at or after {@code to}. */
    public final long atOrAfter;
    /** Rows with a customer before {@code from}. */
    public final long before;
    /** The earliest time of any row. */
    public final long firstSecond;

    private CustomerRows(int[] start, int[] rows, long missingCustomer, long atOrAfter, long before,
            long firstSecond) {
        this.start = start;
        this.rows = rows;
        this.missingCustomer = missingCustomer;
        this.atOrAfter = atOrAfter;
        this.before = before;
        this.firstSecond = firstSecond;
    }

    /** The number of rows used. */
    public int used() {
        return rows.length;
    }

    /** Groups the rows with {@code from <= time < to}. */
    public static CustomerRows group(TransactionColumns c, long from, long to) {
        int nc = c.customerIds.length;
        int[] count = new int[nc + 1];
        long missing = 0;
        long after = 0;
        long early = 0;
        long first = Long.MAX_VALUE;
        for (int i = 0; i < c.size; i++) {
            long t = c.epochSecond[i];
            if (t < first) {
                first = t;
            }
            int cu = c.customer[i];
            if (cu < 0) {
                missing++;
            } else if (t >= to) {
                after++;
            } else if (t < from) {
                early++;
            } else {
                count[cu + 1]++;
            }
        }
        for (int k = 0; k < nc; k++) {
            count[k + 1] += count[k];
        }
        int[] start = count.clone();
        int[] pos = Arrays.copyOf(count, nc);
        int[] rows = new int[count[nc]];
        for (int i = 0; i < c.size; i++) {
            int cu = c.customer[i];
            long t = c.epochSecond[i];
            if (cu >= 0 && t < to && t >= from) {
                rows[pos[cu]++] = i;
            }
        }
        long[] keys = new long[0];
        for (int k = 0; k < nc; k++) {
            int a = start[k];
            int b = start[k + 1];
            int m = b - a;
            if (m < 2) {
                continue;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            boolean sorted = true;
            for (int p = a; p < b; p++) {
                long t = c.epochSecond[rows[p]];
                if (p > a && t < c.epochSecond[rows[p - 1]]) {
                    sorted = false;
                }
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
            if (sorted) {
                continue;   // rows are already in time order, ties in row order
            }
            if (keys.length < m) {
                keys = new long[Math.max(m, 2 * keys.length)];
            }
            // key = (time - min) * m + position within the customer: ties keep row order
            boolean fits = (max - min) < Long.MAX_VALUE / m;
            if (fits) {
                for (int p = 0; p < m; p++) {
                    keys[p] = (c.epochSecond[rows[a + p]] - min) * m + p;
                }
                Arrays.sort(keys, 0, m);
                int[] seg = Arrays.copyOfRange(rows, a, b);
                for (int p = 0; p < m; p++) {
                    rows[a + p] = seg[(int) (keys[p] % m)];
                }
            } else {
                IndexSort.sort(rows, a, a + m, (x, y) -> {
                    int t = Long.compare(c.epochSecond[x], c.epochSecond[y]);
                    return t != 0 ? t : Integer.compare(x, y);
                });
            }
        }
        return new CustomerRows(start, rows, missing, after, early, first);
    }

    /** The calendar day of an epoch second in a zone, as an epoch day. */
    public static long epochDay(long epochSecond, ZoneId zone) {
        java.time.zone.ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return Math.floorDiv(epochSecond + rules.getOffset(java.time.Instant.EPOCH).getTotalSeconds(), 86_400L);
        }
        return LocalDate.ofInstant(java.time.Instant.ofEpochSecond(epochSecond), zone).toEpochDay();
    }
}
