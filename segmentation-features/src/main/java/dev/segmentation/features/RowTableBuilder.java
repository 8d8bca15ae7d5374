/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionColumnsBuilder;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the in-memory builders of {@link Transactions} and {@link Events} share, written once: the zone, the
 * string columns declared before the first row, and the encoding of a row into the shared columnar layout.
 *
 * <p>Invariants: options are set before the first row (the columns are created on the first row, or by
 * {@link #finish()} for an empty table); after {@link #finish()} the builder must not be used.
 *
 * @param <B> the builder's own type, which every setter returns
 */
abstract class RowTableBuilder<B extends RowTableBuilder<B>> {
    private final String rowWord;
    private final String stringsWord;
    private ZoneId zone = ZoneOffset.UTC;
    private boolean zoneSet;
    private String[] names = new String[0];
    private boolean namesSet;
    private String[] roles;
    private TransactionColumnsBuilder columns;
    private int[] codes = new int[0];

    /**
     * @param rowWord what a row is called in messages ("row", "event")
     * @param stringsWord what the string columns are called in messages ("kept", "property")
     */
    RowTableBuilder(String rowWord, String stringsWord) {
        this.rowWord = rowWord;
        this.stringsWord = stringsWord;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * The zone that defines calendar days (default UTC); set before the first row.
     *
     * @throws IllegalStateException if set twice or after a row was added
     */
    public final B zone(ZoneId value) {
        Checks.notNull("zone", value);
        Checks.notYetSet("zone", zoneSet);
        started("zone");
        zone = value;
        zoneSet = true;
        return self();
    }

    /** Declares the string columns, each name non-blank and distinct; {@code label} names one in messages. */
    final B declareStrings(String option, String label, String... values) {
        Checks.notNull("names", values);
        Checks.notYetSet(option, namesSet);
        started(option);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < values.length; k++) {
            if (values[k] == null || values[k].isBlank() || !seen.add(values[k])) {
                throw new IllegalArgumentException(label + " " + k + " is blank or repeated: " + values[k]);
            }
        }
        names = values.clone();
        codes = new int[names.length];
        namesSet = true;
        return self();
    }

    /** The declared string columns (not a copy). */
    final String[] strings() {
        return names;
    }

    /** The role columns to record on the table. Not copied; must not change after the first row. */
    final void roles(String[] value) {
        roles = value;
    }

    /** Throws if a row was already added. */
    final void started(String option) {
        if (columns != null) {
            throw new IllegalStateException(option + " must be set before the first " + rowWord);
        }
    }

    /** The number of rows added so far. */
    final int size() {
        return columns == null ? 0 : columns.size();
    }

    private TransactionColumnsBuilder columns() {
        if (columns == null) {
            columns = new TransactionColumnsBuilder(true, false, names, zone);
            if (roles != null) {
                columns.roles(roles);
            }
        }
        return columns;
    }

    /**
     * Adds a row whose string values have been checked against the declared columns.
     *
     * @param customerId the customer, or {@code null} when missing
     * @param key the order id or event name
     */
    final void addRow(String customerId, String key, Instant time, double value, String[] stringValues) {
        if (stringValues.length != names.length) {
            throw new IllegalArgumentException(capitalised() + " " + size() + " has " + stringValues.length + " "
                    + stringsWord + " values but the " + stringsWord + " columns are " + Arrays.toString(names));
        }
        TransactionColumnsBuilder c = columns();
        for (int k = 0; k < names.length; k++) {
            codes[k] = c.strings(k).code(stringValues[k] == null ? "" : stringValues[k]);
        }
        int cust = customerId == null ? -1 : c.customers().code(customerId);
        c.add(cust, c.orders().code(key), time.getEpochSecond(), value, 0, 0, codes);
    }

    private String capitalised() {
        return Character.toUpperCase(rowWord.charAt(0)) + rowWord.substring(1);
    }

    /** The columns (possibly empty); the builder must not be used afterwards. */
    final TransactionColumns finish() {
        TransactionColumns out = columns().build();
        columns = null;
        return out;
    }
}
