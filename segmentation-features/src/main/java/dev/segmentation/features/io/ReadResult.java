/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.Transactions;

/**
 * What {@link TransactionCsvReader#read} returns.
 *
 * @param transactions the rows kept
 * @param report counts of rows read, kept and skipped, errors per column and kind, and examples
 * @since 0.1
 */
public record ReadResult(Transactions transactions, ReadReport report) {
}
