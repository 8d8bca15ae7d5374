/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerTable;

/**
 * What {@link CustomerTableCsvReader#read} returns.
 *
 * @param table one row per customer
 * @param report rows read, kept, skipped for errors and dropped (missing id, repeated id, opted out), and the
 *     errors ({@link ReadReport#duplicateRows()} counts repeated customer ids)
 * @since 0.1
 */
public record CustomerTableReadResult(CustomerTable table, ReadReport report) {
}
