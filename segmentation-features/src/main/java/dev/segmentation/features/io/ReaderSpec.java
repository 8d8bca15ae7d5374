/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerIdentity;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What the ingestion path needs to know about a reader: its options and the role of each column. Immutable;
 * built by the readers' builders.
 *
 * @param kind which reader (it decides the exception type and the output)
 * @param options the file's layout, encoding, markers and error policy
 * @param customerColumn the customer id column
 * @param normalizeDecimalIds whether {@code 17850.0} becomes {@code 17850}
 * @param orderColumn the order (or event name) column, or null
 * @param orderRole what the order column is called in messages ("order id", "event name")
 * @param timestampColumn the timestamp column, or null (customer tables)
 * @param timestampPatterns the patterns, tried in order
 * @param channelColumn the channel column (one of {@code keep}), or null
 * @param channelZones zones of local timestamps per channel value
 * @param amountColumn the amount (or event value) column, or null
 * @param quantityColumn the quantity column, or null
 * @param unitPriceColumn the unit price column, or null
 * @param keep kept string columns
 * @param roles kept columns playing the channel, product and category roles (nulls allowed)
 * @param numeric numeric attribute columns of a customer table
 * @param categorical categorical attribute columns of a customer table
 * @param protectedColumns protected attribute columns of a customer table
 * @param missingCustomer what to do with a row without customer id
 * @param nonPositiveAmount what to do with an amount {@code <= 0}, or null when amounts are not checked
 * @param duplicates what to do with exact duplicate rows (of a customer table: a customer seen before)
 * @param identity aliases and opt-outs, or null
 */
record ReaderSpec(RecordFormatException.Source kind, ReadOptions options, String customerColumn,
        boolean normalizeDecimalIds, String orderColumn, String orderRole, String timestampColumn,
        List<String> timestampPatterns, String channelColumn, Map<String, ZoneId> channelZones, String amountColumn,
        String quantityColumn, String unitPriceColumn, List<String> keep, String[] roles, List<String> numeric,
        List<String> categorical, List<String> protectedColumns, RowPolicy missingCustomer,
        RowPolicy nonPositiveAmount, RowPolicy duplicates, CustomerIdentity identity) {

    /** Whether the rows are the customers of a table. */
    boolean isTable() {
        return kind == RecordFormatException.Source.CUSTOMER_TABLE;
    }
}
