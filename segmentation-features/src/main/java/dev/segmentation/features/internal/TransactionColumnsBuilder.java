/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import java.time.ZoneId;
import java.util.Arrays;

/**
 * Growable primitive columns that collect transactions row by row, then hand their arrays to
 * {@link TransactionColumns} without a further copy beyond trimming. Not API; not thread-safe.
 */
public final class TransactionColumnsBuilder {
    private final boolean hasOrders;
    private final boolean hasQuantity;
    private final String[] stringNames;
    private final ZoneId zone;
    /** Dictionaries; callers may look codes up directly (see {@link #customers()} etc.). */
    private final StringDictionary customers = new StringDictionary();
    private final StringDictionary orders;
    private final StringDictionary[] strings;

    private int size;
    private int[] customer;
    private int[] order;
    private long[] time;
    private double[] amount;
    private double[] quantity;
    private double[] unitPrice;
    private int[][] stringCodes;
    private String[] roles;

    /**
     * An empty builder.
     *
     * @param hasOrders whether rows carry an order id
     * @param hasQuantity whether rows carry quantity and unit price
     * @param stringNames the names of the kept string columns
     * @param zone the zone of the source timestamps
     */
    public TransactionColumnsBuilder(boolean hasOrders, boolean hasQuantity, String[] stringNames, ZoneId zone) {
        this.hasOrders = hasOrders;
        this.hasQuantity = hasQuantity;
        this.stringNames = stringNames.clone();
        this.zone = zone;
        int cap = 1024;
        customer = new int[cap];
        order = hasOrders ? new int[cap] : null;
        orders = hasOrders ? new StringDictionary() : null;
        time = new long[cap];
        amount = new double[cap];
        quantity = hasQuantity ? new double[cap] : null;
        unitPrice = hasQuantity ? new double[cap] : null;
        strings = new StringDictionary[stringNames.length];
        stringCodes = new int[stringNames.length][cap];
        for (int k = 0; k < strings.length; k++) {
            strings[k] = new StringDictionary();
        }
    }

    /** Sets the role columns (see {@link TransactionColumns#roles}). */
    public void roles(String[] value) {
        roles = value.clone();
    }

    /** The customer dictionary. */
    public StringDictionary customers() {
        return customers;
    }

    /** The order dictionary, or null. */
    public StringDictionary orders() {
        return orders;
    }

    /** The dictionary of kept string column {@code k}. */
    public StringDictionary strings(int k) {
        return strings[k];
    }

    /** The number of rows added. */
    public int size() {
        return size;
    }

    /**
     * Appends a row.
     *
     * @param stringCodesOfRow one code per kept string column. Not modified.
     */
    public void add(int customerCode, int orderCode, long epochSecond, double amountValue, double quantityValue,
            double unitPriceValue, int[] stringCodesOfRow) {
        if (size == time.length) {
            grow();
        }
        int i = size++;
        customer[i] = customerCode;
        time[i] = epochSecond;
        amount[i] = amountValue;
        if (hasOrders) {
            order[i] = orderCode;
        }
        if (hasQuantity) {
            quantity[i] = quantityValue;
            unitPrice[i] = unitPriceValue;
        }
        for (int k = 0; k < stringCodes.length; k++) {
            stringCodes[k][i] = stringCodesOfRow[k];
        }
    }

    private void grow() {
        int cap = Math.max(16, size + (size >> 1));
        if (cap < 0) {
            throw new IllegalStateException("Too many rows: " + size);
        }
        customer = Arrays.copyOf(customer, cap);
        time = Arrays.copyOf(time, cap);
        amount = Arrays.copyOf(amount, cap);
        if (hasOrders) {
            order = Arrays.copyOf(order, cap);
        }
        if (hasQuantity) {
            quantity = Arrays.copyOf(quantity, cap);
            unitPrice = Arrays.copyOf(unitPrice, cap);
        }
        for (int k = 0; k < stringCodes.length; k++) {
            stringCodes[k] = Arrays.copyOf(stringCodes[k], cap);
        }
    }

    /** The columns; the builder must not be used afterwards. */
    public TransactionColumns build() {
        String[][] values = new String[strings.length][];
        for (int k = 0; k < strings.length; k++) {
            values[k] = strings[k].toArray();
        }
        return TransactionColumns.of(size, customer, customers.toArray(), order,
                hasOrders ? orders.toArray() : null, time, amount, quantity, unitPrice, stringNames, stringCodes,
                values, zone, roles);
    }
}
