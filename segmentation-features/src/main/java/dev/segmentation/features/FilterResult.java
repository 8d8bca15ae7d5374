/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

/**
 * What {@link TransactionFilter#apply} returns.
 *
 * @param transactions the kept rows, in their original order
 * @param report rows dropped per rule
 * @since 0.1
 */
public record FilterResult(Transactions transactions, FilterReport report) {
}
