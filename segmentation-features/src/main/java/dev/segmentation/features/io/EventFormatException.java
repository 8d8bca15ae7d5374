/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * Thrown when an event file ({@link EventCsvReader}) cannot be read as configured; see
 * {@link RecordFormatException} for what the message and the accessors carry.
 *
 * @since 0.1
 */
public final class EventFormatException extends RecordFormatException {
    private static final long serialVersionUID = 1L;

    EventFormatException(String message, long line, String column, String value, String customerId,
            RowError.Kind kind, Throwable cause) {
        super(message, line, column, value, customerId, kind, cause);
    }
}
