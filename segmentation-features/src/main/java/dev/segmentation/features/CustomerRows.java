/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.features.internal.TransactionColumns;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What {@link Transactions} and {@link Events} share, written once: rows in the shared columnar layout, each with
 * a time and a dictionary-encoded customer that may be missing (code {@code -1}), and the zone that defines
 * calendar days. Immutable; arrays returned are copies and lists are unmodifiable.
 */
abstract class CustomerRows {
    final TransactionColumns c;
    private final List<String> customerIds;
    private final int missingCustomers;

    CustomerRows(TransactionColumns c) {
        this.c = c;
        this.customerIds = Collections.unmodifiableList(Arrays.asList(c.customerIds));
        int missing = 0;
        for (int i = 0; i < c.size; i++) {
            if (c.customer[i] < 0) {
                missing++;
            }
        }
        this.missingCustomers = missing;
    }

    /** The number of rows. */
    public final int size() {
        return c.size;
    }

    /** The zone the timestamps were read in; calendar days (for RFM recency) are days in this zone. */
    public final ZoneId zone() {
        return c.zone;
    }

    /** The customer code of row {@code i}, or {@code -1} when the row has no customer id. */
    public final int customerCode(int i) {
        return c.customer[index(i)];
    }

    /** Whether row {@code i} has a customer id. */
    public final boolean hasCustomer(int i) {
        return c.customer[index(i)] >= 0;
    }

    /** The customer id of row {@code i}, or {@code null} when it is missing. */
    public final String customerId(int i) {
        int code = c.customer[index(i)];
        return code < 0 ? null : c.customerIds[code];
    }

    /** The distinct customer ids, indexed by customer code; unmodifiable. */
    public final List<String> customerIds() {
        return customerIds;
    }

    /** The number of distinct customers. */
    public final int customerCount() {
        return c.customerIds.length;
    }

    /** The number of rows without a customer id. */
    public final int missingCustomerCount() {
        return missingCustomers;
    }

    /** A copy of the customer code of every row ({@code -1} = missing). */
    public final int[] customerCodes() {
        return c.customer.clone();
    }

    /** The time of row {@code i}, in epoch seconds (UTC). */
    public final long epochSecond(int i) {
        return c.epochSecond[index(i)];
    }

    /** The time of row {@code i}. */
    public final Instant instant(int i) {
        return Instant.ofEpochSecond(epochSecond(i));
    }

    /** A copy of every row's time, in epoch seconds (UTC). */
    public final long[] epochSeconds() {
        return c.epochSecond.clone();
    }

    /**
     * {@code i}, checked.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not a row
     */
    final int index(int i) {
        if (i < 0 || i >= c.size) {
            throw new IndexOutOfBoundsException("row " + i + " is out of range [0, " + c.size + ")");
        }
        return i;
    }
}
