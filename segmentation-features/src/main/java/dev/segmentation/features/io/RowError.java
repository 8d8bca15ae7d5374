/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * One bad row found while reading a file.
 *
 * @param line the line of the file where the record starts (1 = the first line of the file, the header if
 *     there is one); a record whose quoted field spans several lines is named by its first line
 * @param column the column name, or {@link ReadReport#ROW} for an error of the whole record (its field count,
 *     malformed CSV)
 * @param value the offending text as read (for a field-count error, the number of fields; for malformed CSV,
 *     the beginning of the record)
 * @param kind what kind of error
 * @param reason what was expected, for people
 * @param customerId the customer id of the row when it was read before the error was found, else null
 * @since 0.1
 */
public record RowError(long line, String column, String value, Kind kind, String reason, String customerId) {

    /** Kinds of row errors. */
    public enum Kind {
        /** The timestamp does not match the pattern or is not a valid date and time. */
        UNPARSEABLE_TIMESTAMP,
        /** The number is not a decimal number. */
        UNPARSEABLE_NUMBER,
        /** The number, or quantity times unit price, overflows to infinity. */
        NON_FINITE_NUMBER,
        /** A required value (order id, event name, timestamp, number) is empty or a missing-value marker. */
        MISSING_VALUE,
        /** The record has more or fewer fields than the header. */
        FIELD_COUNT,
        /**
         * The record is not well-formed CSV: a quote that never closes, or that closes and is followed by more
         * text, or a quoted line break where {@link ReadOptions#multiLineFields()} forbids one. Reading goes on
         * at the line after the one where the record started.
         */
        MALFORMED_CSV,
        /** The field holds bytes that are not valid in the declared {@link ReadOptions#charset() charset}. */
        INVALID_ENCODING
    }

    /** An error whose customer is not known. */
    public RowError(long line, String column, String value, Kind kind, String reason) {
        this(line, column, value, kind, reason, null);
    }

    @Override
    public String toString() {
        return "line " + line + (customerId == null ? "" : " (customer '" + customerId + "')") + ", column '"
                + column + "': value '" + value + "' " + reason + " (" + kind + ")";
    }
}
