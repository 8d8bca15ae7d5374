/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * What {@link TransactionCsvReader} does with a row that has an unparseable timestamp or number, an empty
 * required value or the wrong number of fields. A missing customer id is not an error (see
 * {@link dev.segmentation.features.Transactions}).
 *
 * @since 0.1
 */
public enum RowErrorPolicy {
    /**
     * Stop at the first bad row with a {@link TransactionFormatException} that names the line, the column,
     * the value and what was expected. The default.
     */
    FAIL,
    /** Drop bad rows, count them in the {@link ReadReport} and keep the first examples. */
    SKIP
}
