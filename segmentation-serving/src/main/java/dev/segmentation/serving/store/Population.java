/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;

import java.util.List;

/**
 * The customers a batch run scores: an identifier and a raw record per customer.
 *
 * @since 0.1
 */
public interface Population {

    /** The number of customers. */
    int size();

    /** Customer {@code i}'s identifier. */
    String customerId(int i);

    /**
     * Customer {@code i}'s raw record, in the model's input order.
     *
     * @param out receives the values. Modified.
     */
    void raw(int i, double[] out);

    /** The input columns the records hold, in order. */
    List<String> inputNames();

    /**
     * A population from identifiers and a dataset of raw records, row i for customer i.
     *
     * @throws IllegalArgumentException if the counts differ
     */
    static Population of(List<String> customerIds, Dataset raw) {
        Checks.notNull("customerIds", customerIds);
        Checks.notNull("raw", raw);
        if (customerIds.size() != raw.rows()) {
            throw new IllegalArgumentException(customerIds.size() + " customer ids for " + raw.rows() + " records");
        }
        List<String> ids = List.copyOf(customerIds);
        return new Population() {
            @Override
            public int size() {
                return ids.size();
            }

            @Override
            public String customerId(int i) {
                return ids.get(i);
            }

            @Override
            public void raw(int i, double[] out) {
                raw.copyRow(i, out, 0);
            }

            @Override
            public List<String> inputNames() {
                return raw.columnNames();
            }
        };
    }
}
