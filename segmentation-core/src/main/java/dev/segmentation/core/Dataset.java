/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable table of finite {@code double} values with named columns: the input of every clustering
 * algorithm and the output of every feature pipeline.
 *
 * <p>Values are stored once, row-major, in a flat array: the value of row {@code i}, column {@code j} is at
 * index {@code i * cols() + j}. The factories copy what they are given, so later changes to the caller's
 * arrays never reach a dataset, and every accessor that returns an array returns a copy.
 *
 * <p>Every factory rejects, with an {@link IllegalArgumentException} that names the row and the column:
 * NaN and infinite values, ragged rows, a column count of zero, and blank or duplicate column names. A
 * dataset with zero rows is allowed (a filter may leave nothing), and algorithms reject it themselves.
 *
 * <p>Instances are thread-safe. {@link #equals(Object)} compares column names and the bit patterns of the
 * values ({@link Double#compare} semantics).
 *
 * @since 0.1
 */
public final class Dataset {
    static {
        DatasetAccess.install(new DatasetAccess.Accessor() {
            @Override
            public double[] data(Dataset dataset) {
                return dataset.data;
            }

            @Override
            public Dataset wrap(double[] data, int rows, int cols, List<String> names) {
                return new Dataset(data, rows, cols, names);
            }
        });
    }

    private final double[] data;
    private final int rows;
    private final int cols;
    private final List<String> names;

    private Dataset(double[] data, int rows, int cols, List<String> names) {
        if (cols < 1) {
            throw new IllegalArgumentException("A dataset needs at least one column but has " + cols);
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0 but was " + rows);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException("rows * cols = " + ((long) rows * cols)
                    + " but the data array has " + data.length + " values");
        }
        this.names = checkNames(names, cols);
        Checks.finite(data, rows, cols, this.names, "dataset");
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * A dataset from rows, with columns named {@code x0, x1, ...}.
     *
     * @param rows the rows; at least one, all of the same length. Not modified.
     * @return the dataset
     * @throws IllegalArgumentException if there are no rows, the rows are ragged or a value is not finite
     */
    public static Dataset of(double[][] rows) {
        Checks.notNull("rows", rows);
        if (rows.length == 0) {
            throw new IllegalArgumentException(
                    "Cannot infer the column count from zero rows; use ofRowMajor with column names");
        }
        Checks.notNull("rows[0]", rows[0]);
        return of(rows, defaultNames(rows[0].length));
    }

    /**
     * A dataset from rows with the given column names.
     *
     * @param rows the rows, each of {@code names.size()} values. Not modified.
     * @param names the column names: unique and not blank
     * @return the dataset
     * @throws IllegalArgumentException if a row has the wrong length, a value is not finite or a name is
     *     blank or repeated
     */
    public static Dataset of(double[][] rows, List<String> names) {
        Checks.notNull("rows", rows);
        Checks.notNull("names", names);
        int d = names.size();
        double[] flat = new double[Math.multiplyExact(rows.length, d)];
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null) {
                throw new IllegalArgumentException("Row " + i + " is null");
            }
            if (row.length != d) {
                throw new IllegalArgumentException("Ragged rows: row " + i + " has " + row.length
                        + " values but " + d + " columns were expected");
            }
            System.arraycopy(row, 0, flat, i * d, d);
        }
        return new Dataset(flat, rows.length, d, names);
    }

    /**
     * A dataset from columns.
     *
     * @param names the column names, one per column
     * @param columns the columns, all of the same length. Not modified.
     * @return the dataset
     * @throws IllegalArgumentException if the counts differ, columns have different lengths or a value is
     *     not finite
     */
    public static Dataset ofColumns(List<String> names, double[]... columns) {
        Checks.notNull("names", names);
        Checks.notNull("columns", columns);
        if (names.size() != columns.length) {
            throw new IllegalArgumentException(
                    names.size() + " column names were given for " + columns.length + " columns");
        }
        if (columns.length == 0) {
            throw new IllegalArgumentException("A dataset needs at least one column but has 0");
        }
        int n = Checks.notNull("columns[0]", columns[0]).length;
        int d = columns.length;
        double[] flat = new double[Math.multiplyExact(n, d)];
        for (int j = 0; j < d; j++) {
            double[] col = Checks.notNull("columns[" + j + "]", columns[j]);
            if (col.length != n) {
                throw new IllegalArgumentException("Ragged columns: column " + j + " ('" + names.get(j)
                        + "') has " + col.length + " values but column 0 has " + n);
            }
            for (int i = 0; i < n; i++) {
                flat[i * d + j] = col[i];
            }
        }
        return new Dataset(flat, n, d, names);
    }

    /**
     * A dataset from a flat row-major array, which is copied.
     *
     * @param data row-major values, {@code rows * names.size()} of them. Not modified.
     * @param rows the number of rows
     * @param names the column names
     * @return the dataset
     * @throws IllegalArgumentException if the length does not match or a value is not finite
     */
    public static Dataset ofRowMajor(double[] data, int rows, List<String> names) {
        Checks.notNull("data", data);
        Checks.notNull("names", names);
        return new Dataset(data.clone(), rows, names.size(), names);
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The number of columns. */
    public int cols() {
        return cols;
    }

    /** The column names, in order; an unmodifiable list. */
    public List<String> columnNames() {
        return names;
    }

    /**
     * The index of a column.
     *
     * @throws IllegalArgumentException if there is no such column
     */
    public int columnIndex(String name) {
        int j = names.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("No column '" + name + "'; the columns are " + names);
        }
        return j;
    }

    /**
     * The value at row {@code i}, column {@code j}.
     *
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public double get(int i, int j) {
        return data[index(i, j)];
    }

    /** A copy of row {@code i}. */
    public double[] row(int i) {
        double[] out = new double[cols];
        copyRow(i, out, 0);
        return out;
    }

    /**
     * Copies row {@code i} into {@code dst} at {@code offset}, without allocating.
     *
     * @param dst the destination. Modified.
     */
    public void copyRow(int i, double[] dst, int offset) {
        System.arraycopy(data, index(i, 0), dst, offset, cols);
    }

    /** A copy of column {@code j}. */
    public double[] column(int j) {
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " is out of range [0, " + cols + ")");
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = data[i * cols + j];
        }
        return out;
    }

    /** A copy of the named column. */
    public double[] column(String name) {
        return column(columnIndex(name));
    }

    /** A copy of the values, row-major. */
    public double[] toRowMajorArray() {
        return data.clone();
    }

    /** A copy of the values as an array of rows. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = row(i);
        }
        return out;
    }

    /**
     * The rows at the given indices, in that order (repeats allowed, as in a bootstrap sample).
     *
     * @param indices row indices. Not modified.
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Dataset selectRows(int[] indices) {
        Checks.notNull("indices", indices);
        double[] out = new double[Math.multiplyExact(indices.length, cols)];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(data, index(indices[r], 0), out, r * cols, cols);
        }
        return new Dataset(out, indices.length, cols, names);
    }

    /**
     * The named columns, in the order given.
     *
     * @throws IllegalArgumentException if a name is unknown or repeated
     */
    public Dataset selectColumns(List<String> columns) {
        Checks.notNull("columns", columns);
        int[] idx = new int[columns.size()];
        for (int c = 0; c < idx.length; c++) {
            idx[c] = columnIndex(columns.get(c));
        }
        int d = idx.length;
        double[] out = new double[Math.multiplyExact(rows, d)];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < d; c++) {
                out[i * d + c] = data[i * cols + idx[c]];
            }
        }
        return new Dataset(out, rows, d, columns);
    }

    /** The same values under new column names. */
    public Dataset withColumnNames(List<String> newNames) {
        Checks.notNull("newNames", newNames);
        if (newNames.size() != cols) {
            throw new IllegalArgumentException(
                    newNames.size() + " column names were given for " + cols + " columns");
        }
        return new Dataset(data, rows, cols, newNames);
    }

    private int index(int i, int j) {
        if (i < 0 || i >= rows) {
            throw new IndexOutOfBoundsException("row " + i + " is out of range [0, " + rows + ")");
        }
        if (j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("column " + j + " is out of range [0, " + cols + ")");
        }
        return i * cols + j;
    }

    /** Column names {@code x0 .. x(d-1)}. */
    public static List<String> defaultNames(int d) {
        List<String> out = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            out.add("x" + j);
        }
        return Collections.unmodifiableList(out);
    }

    private static List<String> checkNames(List<String> names, int cols) {
        Checks.notNull("names", names);
        if (names.size() != cols) {
            throw new IllegalArgumentException(names.size() + " column names were given for " + cols + " columns");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Column name " + j + " is blank");
            }
            Integer previous = seen.put(name, j);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "Column name '" + name + "' is used by columns " + previous + " and " + j);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Dataset)) {
            return false;
        }
        Dataset other = (Dataset) o;
        return rows == other.rows && cols == other.cols && names.equals(other.names)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Dataset[" + rows + " x " + cols + ", columns=" + names + "]";
    }
}
