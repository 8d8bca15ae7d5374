/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * What a reader does with a row of one kind: a row with an error (an unparseable value, malformed CSV, bytes
 * that are not valid in the charset; {@link ReadOptions#onRowError()}), a row without a customer id, a row
 * with a zero or negative amount, and a duplicate row. Every reader counts these rows in its
 * {@link ReadReport} whatever the policy, so that
 * {@code rowsRead = rowsKept + rowsSkipped + rowsDropped} always holds.
 *
 * <p>Not every policy fits every kind of row: a row with an error cannot be kept (its value is not known), and
 * a customer table cannot keep a row without a customer id or two rows of one customer. The option that takes
 * the policy says which values it accepts and throws {@link IllegalArgumentException} for the others.
 *
 * @since 0.1
 */
public enum RowPolicy {
    /** Keep the row (and count it). */
    KEEP,
    /**
     * Drop the row and count it: a row with an error in {@link ReadReport#rowsSkipped()}, the others in
     * {@link ReadReport#rowsDropped()}. For duplicates, the first copy is kept and the later copies are
     * dropped.
     */
    DROP,
    /**
     * Stop with the reader's {@link RecordFormatException} naming the line, the column, the value and, where
     * it is known, the customer id (for duplicates, both lines). The default for row errors.
     */
    FAIL
}
