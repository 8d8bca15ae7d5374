/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

/**
 * What applying a {@link CustomerIdentity} did to one source: rows in and out, rows whose customer id was
 * rewritten to its canonical id, and rows and customers removed because the customer opted out.
 *
 * @param rowsIn rows given
 * @param rowsOut rows kept ({@code rowsIn - optedOutRows - mergedRows})
 * @param aliasedRows kept rows whose customer id was an alias and was replaced by the canonical id
 * @param aliasesSeen distinct alias ids that occurred
 * @param optedOutRows rows removed because their customer opted out
 * @param optedOutCustomers distinct customers (canonical ids) removed because they opted out
 * @param mergedRows for customer tables only: rows removed because an earlier row already had the same
 *     canonical customer (the first row is kept); 0 for transactions and events
 * @since 0.1
 */
public record IdentityReport(long rowsIn, long rowsOut, long aliasedRows, int aliasesSeen, long optedOutRows,
        int optedOutCustomers, long mergedRows) {
}
