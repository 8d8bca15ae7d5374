/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.IdentityReport;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What happened while reading a transaction or event file: rows read, kept, skipped for errors and dropped by
 * a {@link RowPolicy} or the customer identity; how many kept rows have no customer id; the rows with a
 * non-positive amount and the exact duplicates found; error counts per column and kind; and the first
 * examples of bad values.
 *
 * <p>Rows are data records: the header and blank lines are not counted.
 * {@code rowsRead = rowsKept + rowsSkipped + rowsDropped}. A skipped row can have several errors, each counted
 * under its column, so the sum of the error counts can exceed {@link #rowsSkipped()}. Policies apply in this
 * order: row errors, missing customer, non-positive amount, identity (aliases and opt-outs), duplicates.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class ReadReport {
    /** The column name used for errors of a whole record (its field count). */
    public static final String ROW = "(record)";

    private final String source;
    private final RowErrorPolicy policy;
    private final long rowsRead;
    private final long rowsKept;
    private final long rowsSkipped;
    private final long missingCustomerRows;
    private final long droppedMissingCustomerRows;
    private final long nonPositiveAmountRows;
    private final long droppedNonPositiveAmountRows;
    private final long duplicateRows;
    private final long droppedDuplicateRows;
    private final IdentityReport identity;
    private final Map<String, Map<RowError.Kind, Long>> errorCounts;
    private final List<RowError> examples;

    ReadReport(String source, RowErrorPolicy policy, long rowsRead, long rowsKept, long rowsSkipped,
            long missingCustomerRows, long droppedMissingCustomerRows, long nonPositiveAmountRows,
            long droppedNonPositiveAmountRows, long duplicateRows, long droppedDuplicateRows, IdentityReport identity,
            Map<String, Map<RowError.Kind, Long>> errorCounts, List<RowError> examples) {
        this.source = source;
        this.policy = policy;
        this.rowsRead = rowsRead;
        this.rowsKept = rowsKept;
        this.rowsSkipped = rowsSkipped;
        this.missingCustomerRows = missingCustomerRows;
        this.droppedMissingCustomerRows = droppedMissingCustomerRows;
        this.nonPositiveAmountRows = nonPositiveAmountRows;
        this.droppedNonPositiveAmountRows = droppedNonPositiveAmountRows;
        this.duplicateRows = duplicateRows;
        this.droppedDuplicateRows = droppedDuplicateRows;
        this.identity = identity;
        Map<String, Map<RowError.Kind, Long>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<RowError.Kind, Long>> e : errorCounts.entrySet()) {
            copy.put(e.getKey(), Collections.unmodifiableMap(new EnumMap<>(e.getValue())));
        }
        this.errorCounts = Collections.unmodifiableMap(copy);
        this.examples = List.copyOf(examples);
    }

    /** The file or stream that was read. */
    public String source() {
        return source;
    }

    /** The policy the reader used. */
    public RowErrorPolicy policy() {
        return policy;
    }

    /** Data rows read (the header and blank lines excluded). */
    public long rowsRead() {
        return rowsRead;
    }

    /** Rows kept. */
    public long rowsKept() {
        return rowsKept;
    }

    /** Rows skipped because of an error ({@link RowErrorPolicy#SKIP}). */
    public long rowsSkipped() {
        return rowsSkipped;
    }

    /** Rows that parsed but were dropped by a {@link RowPolicy} or because their customer opted out. */
    public long rowsDropped() {
        return rowsRead - rowsKept - rowsSkipped;
    }

    /** Kept rows with no customer id. */
    public long missingCustomerRows() {
        return missingCustomerRows;
    }

    /** Rows dropped because they had no customer id ({@link RowPolicy#DROP}). */
    public long droppedMissingCustomerRows() {
        return droppedMissingCustomerRows;
    }

    /** Rows whose amount was zero or negative (0 when the reader does not check amounts), kept or dropped. */
    public long nonPositiveAmountRows() {
        return nonPositiveAmountRows;
    }

    /** Rows dropped because their amount was zero or negative ({@link RowPolicy#DROP}). */
    public long droppedNonPositiveAmountRows() {
        return droppedNonPositiveAmountRows;
    }

    /**
     * Exact duplicate rows found beyond the first copy (0 when duplicates were not looked for, under
     * {@link RowPolicy#KEEP}).
     */
    public long duplicateRows() {
        return duplicateRows;
    }

    /** Duplicate rows dropped ({@link RowPolicy#DROP}). */
    public long droppedDuplicateRows() {
        return droppedDuplicateRows;
    }

    /** What the customer identity did, if the reader had one. */
    public Optional<IdentityReport> identity() {
        return Optional.ofNullable(identity);
    }

    /** The total number of errors. */
    public long errorCount() {
        long sum = 0;
        for (Map<RowError.Kind, Long> m : errorCounts.values()) {
            for (Long v : m.values()) {
                sum += v;
            }
        }
        return sum;
    }

    /** The number of errors of one kind in one column (or {@link #ROW}). */
    public long errorCount(String column, RowError.Kind kind) {
        Checks.notNull("column", column);
        Checks.notNull("kind", kind);
        Map<RowError.Kind, Long> m = errorCounts.get(column);
        Long v = m == null ? null : m.get(kind);
        return v == null ? 0 : v;
    }

    /** Error counts by column (in file order, {@link #ROW} last) and kind; only non-zero counts. */
    public Map<String, Map<RowError.Kind, Long>> errorCounts() {
        return errorCounts;
    }

    /** The first errors, in file order (at most the reader's {@code maxErrorExamples}). */
    public List<RowError> examples() {
        return examples;
    }

    @Override
    public String toString() {
        return "ReadReport[source=" + source + ", rowsRead=" + rowsRead + ", rowsKept=" + rowsKept
                + ", rowsSkipped=" + rowsSkipped + ", rowsDropped=" + rowsDropped() + ", missingCustomerRows="
                + missingCustomerRows + (nonPositiveAmountRows > 0 ? ", nonPositiveAmountRows=" + nonPositiveAmountRows
                        : "") + (duplicateRows > 0 ? ", duplicateRows=" + duplicateRows : "")
                + (identity == null ? "" : ", identity=" + identity) + ", errors=" + errorCounts + "]";
    }
}
