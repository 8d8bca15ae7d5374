/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.internal.StringDictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Growable columns that collect the rows of a customer table: a customer code, numeric values and category
 * codes (-1 for missing) per row. Not thread-safe; one per read.
 */
final class TableColumns {
    private final StringDictionary customers = new StringDictionary();
    private final StringDictionary[] dictionaries;
    private int size;
    private int[] customer = new int[1024];
    private double[][] numeric;
    private int[][] codes;

    TableColumns(int numericColumns, int categoricalColumns) {
        numeric = new double[numericColumns][1024];
        codes = new int[categoricalColumns][1024];
        dictionaries = new StringDictionary[categoricalColumns];
        for (int k = 0; k < categoricalColumns; k++) {
            dictionaries[k] = new StringDictionary();
        }
    }

    StringDictionary customers() {
        return customers;
    }

    /** The dictionary of each categorical column. */
    StringDictionary[] dictionaries() {
        return dictionaries;
    }

    int size() {
        return size;
    }

    /** Appends a row; the arrays are read, not kept. */
    void add(int customerCode, double[] values, int[] categoryCodes) {
        if (size == customer.length) {
            int cap = size + (size >> 1);
            customer = Arrays.copyOf(customer, cap);
            for (int k = 0; k < numeric.length; k++) {
                numeric[k] = Arrays.copyOf(numeric[k], cap);
            }
            for (int k = 0; k < codes.length; k++) {
                codes[k] = Arrays.copyOf(codes[k], cap);
            }
        }
        int i = size++;
        customer[i] = customerCode;
        for (int k = 0; k < numeric.length; k++) {
            numeric[k][i] = values[k];
        }
        for (int k = 0; k < codes.length; k++) {
            codes[k][i] = categoryCodes[k];
        }
    }

    /**
     * The table, in file order.
     *
     * @param lines the line of each row
     */
    CustomerTable build(List<String> numericNames, List<String> categoricalNames, List<String> protect,
            String source, long[] lines) {
        List<String> ids = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            ids.add(customers.get(customer[i]));
        }
        CustomerTable.Builder b = CustomerTable.builder(ids);
        for (int k = 0; k < numeric.length; k++) {
            b.numeric(numericNames.get(k), Arrays.copyOf(numeric[k], size));
        }
        for (int k = 0; k < codes.length; k++) {
            String[] values = new String[size];
            for (int i = 0; i < size; i++) {
                int c = codes[k][i];
                values[i] = c < 0 ? null : dictionaries[k].get(c);
            }
            b.categorical(categoricalNames.get(k), values);
        }
        b.protect(protect.toArray(new String[0]));
        b.sourceLines(source, Arrays.copyOf(lines, size));
        return b.build();
    }
}
