/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import java.io.IOException;

/**
 * Thrown when a file cannot be read as configured: a configured column is missing from the header (the message
 * lists the columns that are there), the file is empty or its header is malformed, or a row is bad under a
 * {@link RowPolicy#FAIL FAIL} policy (the message names the line, the column, the value, what was expected and,
 * where it is known, the customer id). Each reader throws its own subclass, so that a caller can tell a bad
 * transaction file from a bad customer table and catch either with this type.
 *
 * @since 0.1
 */
public abstract sealed class RecordFormatException extends IOException
        permits TransactionFormatException, EventFormatException, CustomerTableFormatException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String column;
    private final String value;
    private final String customerId;
    private final RowError.Kind kind;

    RecordFormatException(String message, long line, String column, String value, String customerId,
            RowError.Kind kind, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.value = value;
        this.customerId = customerId;
        this.kind = kind;
    }

    /**
     * The line where the bad record starts (1-based, counting the header), or -1 when the error is not tied to
     * a line.
     */
    public long line() {
        return line;
    }

    /** The column name ({@link ReadReport#ROW} for the whole record), or null. */
    public String column() {
        return column;
    }

    /** The offending value, or null. */
    public String value() {
        return value;
    }

    /** The customer id of the bad row, or null when it is not known (not read yet, or the row has none). */
    public String customerId() {
        return customerId;
    }

    /** The kind of row error, or null when the failure is a row policy or the file as a whole. */
    public RowError.Kind kind() {
        return kind;
    }

    /** The exception type each reader throws. */
    enum Source {
        TRANSACTIONS("transaction file"),
        EVENTS("event file"),
        CUSTOMER_TABLE("customer table");

        final String noun;

        Source(String noun) {
            this.noun = noun;
        }

        RecordFormatException create(String message, long line, String column, String value, String customerId,
                RowError.Kind kind, Throwable cause) {
            switch (this) {
                case TRANSACTIONS:
                    return new TransactionFormatException(message, line, column, value, customerId, kind, cause);
                case EVENTS:
                    return new EventFormatException(message, line, column, value, customerId, kind, cause);
                default:
                    return new CustomerTableFormatException(message, line, column, value, customerId, kind, cause);
            }
        }

        RecordFormatException create(String message) {
            return create(message, -1, null, null, null, null, null);
        }
    }
}
