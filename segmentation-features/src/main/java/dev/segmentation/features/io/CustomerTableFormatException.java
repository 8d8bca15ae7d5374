/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * Thrown when a customer attribute table ({@link CustomerTableCsvReader}) cannot be read as configured; see
 * {@link RecordFormatException} for what the message and the accessors carry.
 *
 * @since 0.1
 */
public final class CustomerTableFormatException extends RecordFormatException {
    private static final long serialVersionUID = 1L;

    CustomerTableFormatException(String message, long line, String column, String value, String customerId,
            RowError.Kind kind, Throwable cause) {
        super(message, line, column, value, customerId, kind, cause);
    }
}
