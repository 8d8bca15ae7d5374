/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stability;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.ContingencyTable;

import java.util.Locale;

/**
 * How the same customers moved between segments from one assignment to another (two scoring dates, or two
 * model versions after {@linkplain LabelMatching label matching}): the migration matrix and the reassignment
 * rate.
 * <pre>{@code
 * Migration m = Migration.between(segmentsInJune, segmentsInDecember);
 * m.reassignmentRate();          // share of customers whose segment changed
 * m.rate(2, 0);                  // share of segment 2 that moved to segment 0
 * }</pre>
 *
 * <p>Row i of the matrix is a segment before, column j a segment after; -1 (noise) is a segment like any
 * other here, so that customers falling out of every segment are counted. The reassignment rate is
 * \( 1 - \sum_s n_{ss} / n \): a customer counts as staying only when its label is the same on both sides, so
 * relabel first when the two sides come from different models.
 *
 * <p>Bad input: labellings of different lengths, or no customers, throw {@link IllegalArgumentException}.
 * Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Migration {
    private final ContingencyTable table;
    private final long stayed;

    private Migration(ContingencyTable table, long stayed) {
        this.table = table;
        this.stayed = stayed;
    }

    /**
     * The migration of the same customers from {@code before} to {@code after}.
     *
     * @param before the first labelling. Not modified.
     * @param after the second labelling, of the same customers in the same order. Not modified.
     * @throws IllegalArgumentException if the lengths differ or there are no customers
     */
    public static Migration between(int[] before, int[] after) {
        Checks.notNull("before", before);
        Checks.notNull("after", after);
        if (before.length == 0) {
            throw new IllegalArgumentException("No customers to compare");
        }
        ContingencyTable t = ContingencyTable.of(before, after);
        long stayed = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] == after[i]) {
                stayed++;
            }
        }
        return new Migration(t, stayed);
    }

    /** The segments before (rows of the matrix), increasing. */
    public int[] fromSegments() {
        return table.rowLabels();
    }

    /** The segments after (columns of the matrix), increasing. */
    public int[] toSegments() {
        return table.colLabels();
    }

    /** The number of customers. */
    public long total() {
        return table.total();
    }

    /** Customers in segment {@code from} before and {@code to} after. */
    public long count(int from, int to) {
        return table.countOf(from, to);
    }

    /** The share of segment {@code from} (before) found in segment {@code to} after; 0 if {@code from} was empty. */
    public double rate(int from, int to) {
        long size = 0;
        int[] rows = table.rowLabels();
        long[] totals = table.rowTotals();
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == from) {
                size = totals[r];
            }
        }
        return size == 0 ? 0 : (double) count(from, to) / size;
    }

    /** Customers whose label changed. */
    public long moved() {
        return table.total() - stayed;
    }

    /** The share of customers whose label changed. */
    public double reassignmentRate() {
        return (double) moved() / table.total();
    }

    /** The matrix of counts, rows {@link #fromSegments()}, columns {@link #toSegments()}. */
    public long[][] counts() {
        return table.toArray();
    }

    /** The matrix as text, with row shares. */
    public String table() {
        int[] rows = table.rowLabels();
        int[] cols = table.colLabels();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%10s", "from\\to"));
        for (int c = 0; c < cols.length; c++) {
            sb.append(String.format(Locale.ROOT, " %8d", cols[c]));
        }
        sb.append(System.lineSeparator());
        long[][] m = counts();
        long[] totals = table.rowTotals();
        for (int r = 0; r < rows.length; r++) {
            sb.append(String.format(Locale.ROOT, "%10d", rows[r]));
            for (int c = 0; c < cols.length; c++) {
                sb.append(String.format(Locale.ROOT, " %7.1f%%", 100.0 * m[r][c] / totals[r]));
            }
            sb.append(String.format(Locale.ROOT, "   (%,d)", totals[r])).append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Migration[%,d customers, %.1f%% reassigned]", total(),
                100 * reassignmentRate());
    }
}
