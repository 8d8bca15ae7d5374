/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;

import java.util.Arrays;
import java.util.Locale;

/**
 * The contingency table of two labellings of the same rows: how many rows carry row label {@code a} in the
 * first labelling and column label {@code b} in the second.
 * <pre>{@code
 * ContingencyTable t = ContingencyTable.of(segmentsBefore, segmentsAfter);
 * long stayed = t.countOf(2, 2);
 * }</pre>
 *
 * <p>Every distinct value is a row or column of its own, -1 (noise) included, ordered by value. Only the
 * non-zero cells are stored (sorted by row, then column), so a table of two labellings with many distinct
 * values costs \( O(n) \) memory, never \( O(r c) \). Counts are {@code long}; the pair counts used by the
 * adjusted Rand index (\( \sum n_{ij}^2 \le n^2 \lt 2^{62} \)) fit without overflow.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ContingencyTable {
    /** The largest table {@link #toArray()} materialises. */
    static final long MAX_DENSE_CELLS = 1L << 24;

    private final int[] rowValues;
    private final int[] colValues;
    private final long[] rowTotals;
    private final long[] colTotals;
    private final int[] cellRow;
    private final int[] cellCol;
    private final long[] cellCount;
    private final long total;

    private ContingencyTable(int[] rowValues, int[] colValues, long[] rowTotals, long[] colTotals, int[] cellRow,
                             int[] cellCol, long[] cellCount, long total) {
        this.rowValues = rowValues;
        this.colValues = colValues;
        this.rowTotals = rowTotals;
        this.colTotals = colTotals;
        this.cellRow = cellRow;
        this.cellCol = cellCol;
        this.cellCount = cellCount;
        this.total = total;
    }

    /**
     * The table of two labellings.
     *
     * @param rows the first labelling (any int values). Not modified.
     * @param cols the second labelling, of the same length. Not modified.
     * @throws IllegalArgumentException if the lengths differ
     */
    public static ContingencyTable of(int[] rows, int[] cols) {
        Checks.notNull("rows", rows);
        Checks.notNull("cols", cols);
        if (rows.length != cols.length) {
            throw new IllegalArgumentException("The labellings have different lengths: " + rows.length + " and "
                    + cols.length);
        }
        Labels.Encoded a = Labels.encodeAll(rows);
        Labels.Encoded b = Labels.encodeAll(cols);
        int n = rows.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (long) a.codes[i] * b.k + b.codes[i];
        }
        Arrays.sort(keys);
        int cells = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                cells++;
            }
        }
        int[] cr = new int[cells];
        int[] cc = new int[cells];
        long[] cn = new long[cells];
        for (int i = 0, c = -1; i < n; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                c++;
                cr[c] = (int) (keys[i] / b.k);
                cc[c] = (int) (keys[i] % b.k);
            }
            cn[c]++;
        }
        long[] rt = new long[a.k];
        long[] ct = new long[b.k];
        for (int c = 0; c < cells; c++) {
            rt[cr[c]] += cn[c];
            ct[cc[c]] += cn[c];
        }
        return new ContingencyTable(a.values, b.values, rt, ct, cr, cc, cn, n);
    }

    /** The number of rows (distinct values of the first labelling). */
    public int rows() {
        return rowValues.length;
    }

    /** The number of columns (distinct values of the second labelling). */
    public int cols() {
        return colValues.length;
    }

    /** The label of each row, increasing. */
    public int[] rowLabels() {
        return rowValues.clone();
    }

    /** The label of each column, increasing. */
    public int[] colLabels() {
        return colValues.clone();
    }

    /** The number of labelled items. */
    public long total() {
        return total;
    }

    /** Row sums, by row index. */
    public long[] rowTotals() {
        return rowTotals.clone();
    }

    /** Column sums, by column index. */
    public long[] colTotals() {
        return colTotals.clone();
    }

    /** The number of non-zero cells. */
    public int nonZeroCells() {
        return cellCount.length;
    }

    /**
     * The count at row index {@code r}, column index {@code c}.
     *
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public long count(int r, int c) {
        if (r < 0 || r >= rows() || c < 0 || c >= cols()) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") is outside " + rows() + " x " + cols());
        }
        long key = (long) r * cols() + c;
        int lo = 0;
        int hi = cellCount.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = (long) cellRow[mid] * cols() + cellCol[mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return cellCount[mid];
            }
        }
        return 0;
    }

    /** The count of rows labelled {@code rowLabel} first and {@code colLabel} second (0 if either is absent). */
    public long countOf(int rowLabel, int colLabel) {
        int r = Arrays.binarySearch(rowValues, rowLabel);
        int c = Arrays.binarySearch(colValues, colLabel);
        return r < 0 || c < 0 ? 0 : count(r, c);
    }

    /**
     * The dense table, {@code rows() x cols()}.
     *
     * @throws IllegalStateException if it has more than \(2^{24}\) cells
     */
    public long[][] toArray() {
        if ((long) rows() * cols() > MAX_DENSE_CELLS) {
            throw new IllegalStateException("A dense " + rows() + " x " + cols() + " table is too large; read the "
                    + nonZeroCells() + " non-zero cells with count(r, c)");
        }
        long[][] out = new long[rows()][cols()];
        for (int c = 0; c < cellCount.length; c++) {
            out[cellRow[c]][cellCol[c]] = cellCount[c];
        }
        return out;
    }

    /** Package view of the non-zero cells. */
    int cellRow(int cell) {
        return cellRow[cell];
    }

    int cellCol(int cell) {
        return cellCol[cell];
    }

    long cellCount(int cell) {
        return cellCount[cell];
    }

    long rowTotal(int r) {
        return rowTotals[r];
    }

    long colTotal(int c) {
        return colTotals[c];
    }

    /**
     * The counts with their margins: a row per label of the first labelling, a column per label of the second.
     *
     * @throws IllegalStateException if the table has more than \(2^{24}\) cells
     */
    public String table() {
        long[][] dense = toArray();
        String[] header = new String[cols() + 2];
        header[0] = "rows\\cols";
        for (int c = 0; c < cols(); c++) {
            header[c + 1] = Integer.toString(colValues[c]);
        }
        header[cols() + 1] = "total";
        TextTable t = TextTable.of(header);
        for (int r = 0; r < rows(); r++) {
            Object[] cells = new Object[cols() + 2];
            cells[0] = rowValues[r];
            for (int c = 0; c < cols(); c++) {
                cells[c + 1] = TextTable.fmt("%,d", dense[r][c]);
            }
            cells[cols() + 1] = TextTable.fmt("%,d", rowTotals[r]);
            t.row(cells);
        }
        Object[] last = new Object[cols() + 2];
        last[0] = "total";
        for (int c = 0; c < cols(); c++) {
            last[c + 1] = TextTable.fmt("%,d", colTotals[c]);
        }
        last[cols() + 1] = TextTable.fmt("%,d", total);
        return t.row(last).render();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ContingencyTable[%d x %d, total=%d, non-zero cells=%d]", rows(), cols(),
                total, nonZeroCells());
    }
}
