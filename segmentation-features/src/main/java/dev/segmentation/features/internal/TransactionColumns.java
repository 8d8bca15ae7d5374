/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import java.time.ZoneId;
import java.util.Arrays;

/**
 * The raw columns behind a {@link dev.segmentation.features.Transactions}. Not API.
 *
 * <p>Invariants (established by {@link #of} and kept by {@link #select}):
 * <ul>
 *   <li>every array has {@link #size} entries (the string-column arrays one per kept column);</li>
 *   <li>{@code customer[i]} is {@code -1} (missing) or a code in {@code [0, customerIds.length)}, and every
 *       dictionary entry is used by at least one row; codes are numbered in order of first appearance;</li>
 *   <li>the same holds for {@code order}/{@code orderIds} (never -1) and each string column;</li>
 *   <li>{@code order}, {@code orderIds}, {@code quantity} and {@code unitPrice} are {@code null} when the
 *       source had no such column; {@code amount}, {@code quantity} and {@code unitPrice} are finite.</li>
 * </ul>
 * The arrays are shared, never modified after construction, and must be treated as read-only.
 */
public final class TransactionColumns {
    /** Number of rows. */
    public final int size;
    /** Customer code per row, -1 when the customer is missing. */
    public final int[] customer;
    /** Distinct customer ids by code. */
    public final String[] customerIds;
    /** Order code per row, or null. */
    public final int[] order;
    /** Distinct order ids by code, or null. */
    public final String[] orderIds;
    /** Timestamp per row, epoch seconds (UTC). */
    public final long[] epochSecond;
    /** Amount per row. */
    public final double[] amount;
    /** Quantity per row, or null. */
    public final double[] quantity;
    /** Unit price per row, or null. */
    public final double[] unitPrice;
    /** Names of the kept string columns. */
    public final String[] stringNames;
    /** Codes per kept string column and row. */
    public final int[][] stringCodes;
    /** Distinct values per kept string column, by code. */
    public final String[][] stringValues;
    /** The zone the timestamps were read in. */
    public final ZoneId zone;
    /**
     * The kept string column that plays each role ({@link #CHANNEL}, {@link #PRODUCT}, {@link #CATEGORY}), or
     * null; never modified.
     */
    public final String[] roles;

    /** Index of the channel role in {@link #roles}. */
    public static final int CHANNEL = 0;
    /** Index of the product role in {@link #roles}. */
    public static final int PRODUCT = 1;
    /** Index of the category role in {@link #roles}. */
    public static final int CATEGORY = 2;

    private TransactionColumns(int size, int[] customer, String[] customerIds, int[] order, String[] orderIds,
            long[] epochSecond, double[] amount, double[] quantity, double[] unitPrice, String[] stringNames,
            int[][] stringCodes, String[][] stringValues, ZoneId zone, String[] roles) {
        this.size = size;
        this.customer = customer;
        this.customerIds = customerIds;
        this.order = order;
        this.orderIds = orderIds;
        this.epochSecond = epochSecond;
        this.amount = amount;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
        this.stringNames = stringNames;
        this.stringCodes = stringCodes;
        this.stringValues = stringValues;
        this.zone = zone;
        this.roles = roles == null ? new String[3] : roles;
    }

    /**
     * Columns over the given arrays, which are taken over (trimmed to {@code size} and their dictionaries
     * compacted in place).
     */
    public static TransactionColumns of(int size, int[] customer, String[] customerIds, int[] order,
            String[] orderIds, long[] epochSecond, double[] amount, double[] quantity, double[] unitPrice,
            String[] stringNames, int[][] stringCodes, String[][] stringValues, ZoneId zone, String[] roles) {
        int[] c = trim(customer, size);
        String[] cIds = compact(c, customerIds);
        int[] o = order == null ? null : trim(order, size);
        String[] oIds = order == null ? null : compact(o, orderIds);
        int[][] sc = new int[stringNames.length][];
        String[][] sv = new String[stringNames.length][];
        for (int k = 0; k < sc.length; k++) {
            sc[k] = trim(stringCodes[k], size);
            sv[k] = compact(sc[k], stringValues[k]);
        }
        return new TransactionColumns(size, c, cIds, o, oIds, trim(epochSecond, size), trim(amount, size),
                quantity == null ? null : trim(quantity, size), unitPrice == null ? null : trim(unitPrice, size),
                stringNames.clone(), sc, sv, zone, roles == null ? null : roles.clone());
    }

    /** The rows at the given indices, in that order, with dictionaries compacted. */
    public TransactionColumns select(int[] rows) {
        return select(rows, null, null);
    }

    /**
     * The rows at the given indices, in that order, with dictionaries compacted; with {@code newCustomer}
     * non-null, row {@code r} of the result gets customer code {@code newCustomer[r]} into {@code newIds}
     * (used to merge aliases).
     */
    public TransactionColumns select(int[] rows, int[] newCustomer, String[] newIds) {
        int n = rows.length;
        int[] c = new int[n];
        int[] o = order == null ? null : new int[n];
        long[] t = new long[n];
        double[] a = new double[n];
        double[] q = quantity == null ? null : new double[n];
        double[] p = unitPrice == null ? null : new double[n];
        int[][] sc = new int[stringNames.length][n];
        for (int r = 0; r < n; r++) {
            int i = rows[r];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("row " + i + " is out of range [0, " + size + ")");
            }
            c[r] = newCustomer == null ? customer[i] : newCustomer[r];
            t[r] = epochSecond[i];
            a[r] = amount[i];
            if (o != null) {
                o[r] = order[i];
            }
            if (q != null) {
                q[r] = quantity[i];
                p[r] = unitPrice[i];
            }
            for (int k = 0; k < sc.length; k++) {
                sc[k][r] = stringCodes[k][i];
            }
        }
        return of(n, c, newIds == null ? customerIds : newIds, o, orderIds, t, a, q, p, stringNames, sc, stringValues,
                zone, roles);
    }

    /** The index of a kept string column, or -1. */
    public int stringColumn(String name) {
        for (int k = 0; k < stringNames.length; k++) {
            if (stringNames[k].equals(name)) {
                return k;
            }
        }
        return -1;
    }

    private static int[] trim(int[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static long[] trim(long[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    private static double[] trim(double[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    /**
     * Renumbers {@code codes} (in place) so that only used entries remain, in order of first use, and
     * returns the matching dictionary. Returns {@code values} itself when nothing changes.
     */
    private static String[] compact(int[] codes, String[] values) {
        int m = values.length;
        int[] remap = new int[m];
        Arrays.fill(remap, -1);
        int next = 0;
        boolean identity = true;
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c < 0) {
                continue;
            }
            int r = remap[c];
            if (r < 0) {
                r = next++;
                remap[c] = r;
                identity &= r == c;
            }
        }
        if (identity && next == m) {
            return values;
        }
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c >= 0) {
                codes[i] = remap[c];
            }
        }
        String[] out = new String[next];
        for (int c = 0; c < m; c++) {
            if (remap[c] >= 0) {
                out[remap[c]] = values[c];
            }
        }
        return out;
    }
}
