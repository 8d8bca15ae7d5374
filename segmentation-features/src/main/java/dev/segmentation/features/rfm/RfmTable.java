/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.features.AsOfReport;
import dev.segmentation.features.CustomerTable;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Recency, frequency and monetary value per customer as of a date, computed by {@link Rfm}, with the counts
 * of the rows that were left out and why. Rows are customers in ascending order of id.
 *
 * <p>Immutable and thread-safe; array accessors return copies.
 *
 * @since 0.1
 */
public final class RfmTable {
    /** Column name of recency in {@link #toDataset()}. */
    public static final String RECENCY = "recency_days";
    /** Column name of frequency in {@link #toDataset()}. */
    public static final String FREQUENCY = "frequency";
    /** Column name of monetary value in {@link #toDataset()}. */
    public static final String MONETARY = "monetary";

    private static final List<String> COLUMNS = List.of(RECENCY, FREQUENCY, MONETARY);

    private final LocalDate asOf;
    private final Period window;
    private final ZoneId zone;
    private final String[] ids;
    private final int[] recency;
    private final int[] frequency;
    private final double[] monetary;
    private final long rowsUsed;
    private final long missingCustomer;
    private final long atOrAfterAsOf;
    private final long beforeWindow;
    private final LocalDate firstDay;
    private final boolean truncated;

    RfmTable(LocalDate asOf, Period window, ZoneId zone, String[] ids, int[] recency, int[] frequency,
            double[] monetary, long rowsUsed, long missingCustomer, long atOrAfterAsOf, long beforeWindow,
            LocalDate firstDay, boolean truncated) {
        this.firstDay = firstDay;
        this.truncated = truncated;
        this.asOf = asOf;
        this.window = window;
        this.zone = zone;
        this.ids = ids;
        this.recency = recency;
        this.frequency = frequency;
        this.monetary = monetary;
        this.rowsUsed = rowsUsed;
        this.missingCustomer = missingCustomer;
        this.atOrAfterAsOf = atOrAfterAsOf;
        this.beforeWindow = beforeWindow;
    }

    /** The number of customers (rows). */
    public int size() {
        return ids.length;
    }

    /** The as-of date (exclusive). */
    public LocalDate asOf() {
        return asOf;
    }

    /** The look-back window, if one was set. */
    public Optional<Period> window() {
        return Optional.ofNullable(window);
    }

    /** The zone that defined calendar days. */
    public ZoneId zone() {
        return zone;
    }

    /** The customer ids, ascending; unmodifiable. */
    public List<String> customerIds() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    /** The row of a customer, or -1 if the customer is not in the table. */
    public int indexOf(String customerId) {
        Checks.notNull("customerId", customerId);
        int i = Arrays.binarySearch(ids, customerId);
        return i >= 0 ? i : -1;
    }

    /** Recency in days per customer (a copy). */
    public int[] recencyDays() {
        return recency.clone();
    }

    /** Distinct orders per customer (a copy). */
    public int[] frequency() {
        return frequency.clone();
    }

    /** Sum of amounts per customer (a copy). */
    public double[] monetary() {
        return monetary.clone();
    }

    /** Recency of row {@code i}. */
    public int recencyDays(int i) {
        return recency[i];
    }

    /** Frequency of row {@code i}. */
    public int frequency(int i) {
        return frequency[i];
    }

    /** Monetary value of row {@code i}. */
    public double monetary(int i) {
        return monetary[i];
    }

    /** Transaction rows used. */
    public long rowsUsed() {
        return rowsUsed;
    }

    /** Rows excluded because they have no customer id. */
    public long excludedMissingCustomer() {
        return missingCustomer;
    }

    /** Rows excluded because they are at or after the start of the as-of day. */
    public long excludedAtOrAfterAsOf() {
        return atOrAfterAsOf;
    }

    /** Rows excluded because they are before the look-back window (0 without a window). */
    public long excludedBeforeWindow() {
        return beforeWindow;
    }

    /** The calendar day of the earliest transaction of the input, if it had any. */
    public Optional<LocalDate> firstTransactionDay() {
        return Optional.ofNullable(firstDay);
    }

    /**
     * Whether the window reaches back before the first transaction, so that the data cover only part of it
     * (a window longer than the data); always false without a window.
     */
    public boolean windowTruncated() {
        return truncated;
    }

    /** The rows used and excluded, as a report. */
    public AsOfReport report() {
        return new AsOfReport(asOf, zone, rowsUsed, missingCustomer, atOrAfterAsOf, beforeWindow,
                Optional.ofNullable(firstDay), truncated ? List.of(RfmWindows.label(window)) : List.of());
    }

    /**
     * The table as a customer table with columns {@value #RECENCY}, {@value #FREQUENCY}, {@value #MONETARY},
     * keyed by customer id, to join with other features.
     */
    public CustomerTable toTable() {
        double[] r = new double[ids.length];
        double[] f = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            r[i] = recency[i];
            f[i] = frequency[i];
        }
        return CustomerTable.builder(customerIds()).numeric(RECENCY, r).numeric(FREQUENCY, f)
                .numeric(MONETARY, monetary.clone()).build();
    }

    /**
     * The table as a dataset with columns {@value #RECENCY}, {@value #FREQUENCY}, {@value #MONETARY}, one row
     * per customer in the order of {@link #customerIds()}.
     */
    public Dataset toDataset() {
        int n = ids.length;
        double[] data = new double[n * 3];
        for (int i = 0; i < n; i++) {
            data[3 * i] = recency[i];
            data[3 * i + 1] = frequency[i];
            data[3 * i + 2] = monetary[i];
        }
        return DatasetAccess.wrap(data, n, 3, COLUMNS);
    }

    @Override
    public String toString() {
        return "RfmTable[asOf=" + asOf + (window == null ? "" : ", window=" + window) + ", customers=" + ids.length
                + ", rowsUsed=" + rowsUsed + ", excluded: missingCustomer=" + missingCustomer + ", atOrAfterAsOf="
                + atOrAfterAsOf + ", beforeWindow=" + beforeWindow + (truncated ? ", window truncated (data from "
                        + firstDay + ")" : "") + "]";
    }
}
