/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerIdentity;

import java.nio.charset.Charset;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a record handler needs to know about the columns of a transaction or event file. Immutable; built by
 * {@link TransactionCsvReader} and {@link EventCsvReader}.
 *
 * @param layout the text layout
 * @param columnNames the caller's column names when the file has no header, else null
 * @param customerColumn the customer id column
 * @param normalizeDecimalIds whether {@code 17850.0} becomes {@code 17850}
 * @param orderColumn the order (or event name) column, or null
 * @param orderRole what the order column is called in messages ("order id", "event name")
 * @param timestampColumn the timestamp column
 * @param timestampPatterns the patterns, tried in order
 * @param zone the zone of local timestamps
 * @param channelColumn the channel column (one of {@code keep}), or null
 * @param channelZones zones of local timestamps per channel value
 * @param amountColumn the amount (or event value) column, or null
 * @param quantityColumn the quantity column, or null
 * @param unitPriceColumn the unit price column, or null
 * @param keep kept string columns
 * @param roles kept columns playing the channel, product and category roles (nulls allowed)
 * @param policy what to do with a bad row
 * @param maxErrorExamples how many examples the report keeps
 * @param charset the text encoding
 * @param missingCustomer what to do with a row without customer id
 * @param nonPositiveAmount what to do with an amount {@code <= 0}, or null when amounts are not checked
 * @param duplicates what to do with exact duplicate rows
 * @param identity aliases and opt-outs, or null
 */
record ReaderSpec(TransactionCsvReader.Layout layout, List<String> columnNames, String customerColumn,
        boolean normalizeDecimalIds, String orderColumn, String orderRole, String timestampColumn,
        List<String> timestampPatterns, ZoneId zone, String channelColumn, Map<String, ZoneId> channelZones,
        String amountColumn, String quantityColumn, String unitPriceColumn, List<String> keep, String[] roles,
        RowErrorPolicy policy, int maxErrorExamples, Charset charset, RowPolicy missingCustomer,
        RowPolicy nonPositiveAmount, RowPolicy duplicates, CustomerIdentity identity) {
}
