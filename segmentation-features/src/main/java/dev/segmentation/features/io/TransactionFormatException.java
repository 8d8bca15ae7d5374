/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import java.io.IOException;

/**
 * Thrown when a transaction file cannot be read as configured: a column named in the reader is missing from
 * the header (the message lists the columns that are there), the file is empty, the CSV is malformed, or,
 * under {@link RowErrorPolicy#FAIL}, a row has a bad value (the message names the line, the column, the
 * value and what was expected).
 *
 * @since 0.1
 */
public final class TransactionFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final String column;
    private final String value;

    /** An exception about the file as a whole. */
    public TransactionFormatException(String message) {
        this(message, -1, null, null, null);
    }

    /** An exception about one line (and optionally one column and value). */
    public TransactionFormatException(String message, long line, String column, String value, Throwable cause) {
        super(message, cause);
        this.line = line;
        this.column = column;
        this.value = value;
    }

    /** The line (1-based, counting the header), or -1 when the error is not tied to a line. */
    public long line() {
        return line;
    }

    /** The column name, or {@code null}. */
    public String column() {
        return column;
    }

    /** The offending value, or {@code null}. */
    public String value() {
        return value;
    }
}
