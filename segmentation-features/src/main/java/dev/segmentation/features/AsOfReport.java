/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Which rows a point-in-time feature computation used and why it left the others out. Each row is counted
 * once, by the first rule that excludes it: no customer id, at or after the start of the as-of day (the
 * future: no leakage), or before the look-back window.
 *
 * @param asOf the as-of date; rows from its start on are excluded
 * @param zone the zone whose calendar days were used
 * @param rowsUsed rows that entered the features
 * @param excludedMissingCustomer rows without a customer id
 * @param excludedAtOrAfterAsOf rows at or after the start of the as-of day
 * @param excludedBeforeWindow rows before the look-back window (0 without one)
 * @param firstDataDay the calendar day of the earliest row of the input, if it had any row
 * @param truncatedWindows the windows (as labels such as {@code 365d}) that reach back before
 *     {@code firstDataDay}, so that the data cover only part of them; empty when every window is covered
 * @since 0.1
 */
public record AsOfReport(LocalDate asOf, ZoneId zone, long rowsUsed, long excludedMissingCustomer,
        long excludedAtOrAfterAsOf, long excludedBeforeWindow, Optional<LocalDate> firstDataDay,
        List<String> truncatedWindows) {
    /** Copies the window list. */
    public AsOfReport {
        truncatedWindows = List.copyOf(truncatedWindows);
    }

    /** All rows looked at. */
    public long rowsIn() {
        return rowsUsed + excludedMissingCustomer + excludedAtOrAfterAsOf + excludedBeforeWindow;
    }
}
