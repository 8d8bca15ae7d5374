/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

/**
 * One bad value found while reading transactions.
 *
 * @param line the line where the record starts (1 = the first line of the file, the header if there is one)
 * @param column the column name, or {@link ReadReport#ROW} for an error of the whole record (field count)
 * @param value the offending text as read (for a field-count error, the number of fields)
 * @param kind what kind of error
 * @param reason what was expected, for people
 * @since 0.1
 */
public record RowError(long line, String column, String value, Kind kind, String reason) {

    /** Kinds of row errors. */
    public enum Kind {
        /** The timestamp does not match the pattern or is not a valid date and time. */
        UNPARSEABLE_TIMESTAMP,
        /** The number is not a decimal number. */
        UNPARSEABLE_NUMBER,
        /** The number, or quantity times unit price, overflows to infinity. */
        NON_FINITE_NUMBER,
        /** A required value (order id, timestamp, number) is empty. */
        MISSING_VALUE,
        /** The record has more or fewer fields than the header. */
        FIELD_COUNT
    }

    @Override
    public String toString() {
        return "line " + line + ", column '" + column + "': value '" + value + "' " + reason + " (" + kind + ")";
    }
}
