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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What happened while reading a file: rows read, kept, skipped for errors and dropped by a {@link RowPolicy}
 * or the customer identity; how many kept rows have no customer id; the rows with a non-positive amount and
 * the duplicates found; error counts per column and kind; and the first examples of bad rows.
 *
 * <h2>Accounting</h2>
 * Rows are data records: the header and blank lines are not counted. Every record read is kept, skipped or
 * dropped, and each drop has its count:
 * <pre>
 * rowsRead    = rowsKept + rowsSkipped + rowsDropped
 * rowsDropped = droppedMissingCustomerRows + droppedNonPositiveAmountRows + droppedDuplicateRows
 *               + identity.optedOutRows + identity.mergedRows
 * </pre>
 * (the constructor checks both). A record is one line, or several when a quoted field spans lines:
 * {@link #linesRead()} counts the lines of the records, so that {@code linesRead - rowsRead} lines were
 * continuation lines of multi-line records. A malformed record (a stray quote) is one skipped row of one line;
 * the lines after it are read again as records of their own, so no line is lost inside a quote. A skipped row
 * can have several errors, each counted under its column, so the sum of the error counts can exceed
 * {@link #rowsSkipped()}. Policies apply in this order: row errors, missing customer, non-positive amount
 * (repeated customer for a table), identity (aliases and opt-outs), duplicates.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class ReadReport {
    /** The column name used for errors of a whole record (its field count). */
    public static final String ROW = "(record)";

    private final String source;
    private final RowPolicy policy;
    private final long rowsRead;
    private final long linesRead;
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

    ReadReport(String source, RowPolicy policy, long rowsRead, long linesRead, long rowsKept, long rowsSkipped,
            long missingCustomerRows, long droppedMissingCustomerRows, long nonPositiveAmountRows,
            long droppedNonPositiveAmountRows, long duplicateRows, long droppedDuplicateRows, IdentityReport identity,
            Map<String, Map<RowError.Kind, Long>> errorCounts, List<RowError> examples) {
        this.source = source;
        this.policy = policy;
        this.rowsRead = rowsRead;
        this.linesRead = linesRead;
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
        if (rowsRead != rowsKept + rowsSkipped + rowsDropped() || linesRead < rowsRead) {
            throw new IllegalStateException("The counts of " + source + " do not add up: " + this);
        }
    }

    /** The file or stream that was read. */
    public String source() {
        return source;
    }

    /** The row-error policy the reader used ({@link ReadOptions#onRowError()}). */
    public RowPolicy policy() {
        return policy;
    }

    /** Data rows read (the header and blank lines excluded). */
    public long rowsRead() {
        return rowsRead;
    }

    /**
     * Lines of the data records read: {@link #rowsRead()} plus the continuation lines of records whose quoted
     * fields span lines.
     */
    public long linesRead() {
        return linesRead;
    }

    /** Rows kept. */
    public long rowsKept() {
        return rowsKept;
    }

    /** Rows skipped because of an error ({@link RowPolicy#DROP} for {@link ReadOptions#onRowError()}). */
    public long rowsSkipped() {
        return rowsSkipped;
    }

    /**
     * Rows that parsed but were dropped by a {@link RowPolicy}, because their customer opted out, or (tables)
     * because an alias merged them into an earlier row.
     */
    public long rowsDropped() {
        long d = droppedMissingCustomerRows + droppedNonPositiveAmountRows + droppedDuplicateRows;
        if (identity != null) {
            d += identity.optedOutRows() + identity.mergedRows();
        }
        return d;
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
     * Duplicate rows found beyond the first copy: exact duplicates of transactions and events (0 when they were
     * not looked for, under {@link RowPolicy#KEEP}), rows of a customer already read for a customer table.
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

    /**
     * The report as a plain-text table: the row accounting, the counts of each policy, the error counts per
     * kind and column, and the first bad rows, for example
     * <pre>
     * orders.csv: 3 rows read (3 lines), 1 kept, 1 skipped for errors, 1 dropped
     *            1  dropped: no customer id
     *   errors (policy DROP):
     *            1  UNPARSEABLE_TIMESTAMP  time
     *   first bad rows:
     *     line 4 (customer 'y'), column 'time': value 'bad' is not a valid timestamp for ... (UNPARSEABLE_TIMESTAMP)
     * </pre>
     */
    public String table() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %,d rows read (%,d lines), %,d kept, %,d skipped for errors, %,d "
                + "dropped%n", source, rowsRead, linesRead, rowsKept, rowsSkipped, rowsDropped()));
        line(s, "kept without customer id", missingCustomerRows);
        line(s, "dropped: no customer id", droppedMissingCustomerRows);
        line(s, "non-positive amount", nonPositiveAmountRows);
        line(s, "dropped: non-positive amount", droppedNonPositiveAmountRows);
        line(s, "duplicates", duplicateRows);
        line(s, "dropped: duplicates", droppedDuplicateRows);
        if (identity != null) {
            line(s, "dropped: opted out", identity.optedOutRows());
            line(s, "dropped: merged aliases", identity.mergedRows());
            line(s, "aliased to canonical ids", identity.aliasedRows());
        }
        if (!errorCounts.isEmpty()) {
            s.append(String.format(Locale.ROOT, "  errors (policy %s):%n", policy));
            for (Map.Entry<String, Map<RowError.Kind, Long>> e : errorCounts.entrySet()) {
                for (Map.Entry<RowError.Kind, Long> k : e.getValue().entrySet()) {
                    s.append(String.format(Locale.ROOT, "  %,10d  %-22s %s%n", k.getValue(), k.getKey(), e.getKey()));
                }
            }
        }
        if (!examples.isEmpty()) {
            s.append(String.format(Locale.ROOT, "  first bad rows:%n"));
            for (int k = 0; k < examples.size(); k++) {
                s.append("    ").append(examples.get(k)).append(System.lineSeparator());
            }
        }
        return s.toString();
    }

    private static void line(StringBuilder s, String what, long count) {
        if (count > 0) {
            s.append(String.format(Locale.ROOT, "  %,10d  %s%n", count, what));
        }
    }

    @Override
    public String toString() {
        return "ReadReport[source=" + source + ", rowsRead=" + rowsRead + ", linesRead=" + linesRead
                + ", rowsKept=" + rowsKept + ", rowsSkipped=" + rowsSkipped + ", rowsDropped=" + rowsDropped()
                + ", missingCustomerRows=" + missingCustomerRows
                + (nonPositiveAmountRows > 0 ? ", nonPositiveAmountRows=" + nonPositiveAmountRows : "")
                + (duplicateRows > 0 ? ", duplicateRows=" + duplicateRows : "")
                + (identity == null ? "" : ", identity=" + identity) + ", errors=" + errorCounts + "]";
    }
}
