/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * What a reader does with rows that parse but are questionable: rows without a customer id, rows with a
 * zero or negative amount (returns, refunds, corrections), and exact duplicate rows. Each reader counts these
 * rows in its {@link ReadReport} whatever the policy.
 *
 * @since 0.1
 */
public enum RowPolicy {
    /** Keep the row (and count it). */
    KEEP,
    /**
     * Drop the row and count it in {@link ReadReport#rowsDropped()}. For duplicates, the first copy is kept
     * and the later copies are dropped.
     */
    DROP,
    /** Stop with a {@link TransactionFormatException} naming the line (for duplicates, both lines). */
    FAIL
}
