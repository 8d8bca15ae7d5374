/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * An immutable customer-by-feature table: one row per customer id, named numeric and categorical columns
 * that may have missing values, and columns marked <em>protected</em>. It is what every feature computation
 * of this module returns (RFM windows, the buy-till-you-die summary, sessions, engagement, motifs), what a
 * CRM attribute table reads into, and what a {@link dev.segmentation.features.transform.FeaturePipeline}
 * fits on.
 *
 * <pre>{@code
 * CustomerTable features = rfmWindows.table()
 *     .leftJoin(sessions.table(), 0.0)          // customers without sessions get 0
 *     .leftJoin(attributes)                     // CRM columns; absent customers are missing
 *     .withProtected("gender");                 // carried for audits, never a clustering feature
 * }</pre>
 *
 * <h2>Columns</h2>
 * <ul>
 *   <li><b>numeric</b>: {@code double} values; NaN means missing. Infinite values are rejected.</li>
 *   <li><b>categorical</b>: strings, {@code null} means missing; stored as codes into a dictionary of the
 *       distinct values in order of first appearance.</li>
 *   <li><b>protected</b>: a numeric or categorical column (age band, gender, postcode) kept for audits of the
 *       segments (see the validation module's bias audit); a fitted pipeline carries it through to
 *       {@link dev.segmentation.features.transform.TransformedTable#audit()} and never uses it as a
 *       feature, and {@link #toDataset()} leaves it out.</li>
 * </ul>
 * Customer ids are unique and not blank; column names are unique and not blank.
 *
 * <p>Instances are immutable and thread-safe; accessors that return arrays return copies.
 *
 * @since 0.1
 */
public final class CustomerTable {
    /** The kind of a column. */
    public enum ColumnType {
        /** Numbers; NaN is missing. */
        NUMERIC,
        /** Categories (strings); null is missing. */
        CATEGORICAL
    }

    private final String[] ids;
    private final Map<String, Integer> rowOf;
    private final List<String> names;
    private final ColumnType[] types;
    private final double[][] numeric;
    private final int[][] codes;
    private final String[][] dictionaries;
    private final boolean[] protectedFlags;
    /** Where the rows were read (see {@link Builder#sourceLines}), or null; line 0 = not known. */
    private final String source;
    private final long[] lines;

    private CustomerTable(String[] ids, Map<String, Integer> rowOf, List<String> names, ColumnType[] types,
            double[][] numeric, int[][] codes, String[][] dictionaries, boolean[] protectedFlags, String source,
            long[] lines) {
        this.ids = ids;
        this.rowOf = rowOf;
        this.names = List.copyOf(names);
        this.types = types;
        this.numeric = numeric;
        this.codes = codes;
        this.dictionaries = dictionaries;
        this.protectedFlags = protectedFlags;
        this.source = source;
        this.lines = lines;
    }

    /**
     * A builder for a table with these customers, in this order.
     *
     * @param customerIds unique, non-blank ids. Not modified.
     * @throws IllegalArgumentException if an id is blank or repeated
     */
    public static Builder builder(List<String> customerIds) {
        return new Builder(customerIds);
    }

    /**
     * A table of the numeric columns of a dataset.
     *
     * @param data one row per customer. Not modified.
     * @param customerIds the customers, in row order
     * @throws IllegalArgumentException if the counts differ or an id is blank or repeated
     */
    public static CustomerTable of(Dataset data, List<String> customerIds) {
        Checks.notNull("data", data);
        Checks.notNull("customerIds", customerIds);
        if (customerIds.size() != data.rows()) {
            throw new IllegalArgumentException(customerIds.size() + " customer ids were given for " + data.rows()
                    + " rows");
        }
        Builder b = builder(customerIds);
        for (int j = 0; j < data.cols(); j++) {
            b.numeric(data.columnNames().get(j), data.column(j));
        }
        return b.build();
    }

    /** The number of customers (rows). */
    public int size() {
        return ids.length;
    }

    /** The customer ids, in row order; unmodifiable. */
    public List<String> customerIds() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    /** The customer of row {@code i}. */
    public String customerId(int i) {
        return ids[row(i)];
    }

    /** The row of a customer, or -1. */
    public int indexOf(String customerId) {
        Checks.notNull("customerId", customerId);
        Integer r = rowOf.get(customerId);
        return r == null ? -1 : r;
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return names;
    }

    /** Whether there is a column of this name. */
    public boolean hasColumn(String name) {
        return names.contains(name);
    }

    /**
     * The type of a column.
     *
     * @throws IllegalArgumentException if there is no such column
     */
    public ColumnType type(String column) {
        return types[col(column)];
    }

    /** Whether a column is protected. */
    public boolean isProtected(String column) {
        return protectedFlags[col(column)];
    }

    /** The protected columns, in column order. */
    public List<String> protectedColumns() {
        List<String> out = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (protectedFlags[j]) {
                out.add(names.get(j));
            }
        }
        return List.copyOf(out);
    }

    /**
     * A copy of a numeric column (NaN = missing).
     *
     * @throws IllegalArgumentException if there is no such column or it is categorical
     */
    public double[] numeric(String column) {
        return numericColumn(column).clone();
    }

    /** The value of a numeric column at row {@code i} (NaN = missing). */
    public double numeric(String column, int i) {
        return numericColumn(column)[row(i)];
    }

    /**
     * A copy of a categorical column's values ({@code null} = missing).
     *
     * @throws IllegalArgumentException if there is no such column or it is numeric
     */
    public String[] categorical(String column) {
        int j = categoricalIndex(column);
        String[] out = new String[ids.length];
        for (int i = 0; i < out.length; i++) {
            int c = codes[j][i];
            out[i] = c < 0 ? null : dictionaries[j][c];
        }
        return out;
    }

    /** The category of a categorical column at row {@code i}, or {@code null}. */
    public String category(String column, int i) {
        int j = categoricalIndex(column);
        int c = codes[j][row(i)];
        return c < 0 ? null : dictionaries[j][c];
    }

    /** A copy of a categorical column's codes into {@link #categories(String)} (-1 = missing). */
    public int[] categoryCodes(String column) {
        return codes[categoricalIndex(column)].clone();
    }

    /** The distinct categories of a categorical column, in order of first appearance. */
    public List<String> categories(String column) {
        return List.of(dictionaries[categoricalIndex(column)]);
    }

    /** The number of missing values in a column. */
    public int missingCount(String column) {
        int j = col(column);
        int m = 0;
        for (int i = 0; i < ids.length; i++) {
            if (types[j] == ColumnType.NUMERIC ? numeric[j][i] != numeric[j][i] : codes[j][i] < 0) {
                m++;
            }
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------ derived tables

    /**
     * This table with more columns marked protected.
     *
     * @throws IllegalArgumentException if a column does not exist
     */
    public CustomerTable withProtected(String... columns) {
        Checks.notNull("columns", columns);
        boolean[] p = protectedFlags.clone();
        for (int k = 0; k < columns.length; k++) {
            p[col(columns[k])] = true;
        }
        return new CustomerTable(ids, rowOf, names, types, numeric, codes, dictionaries, p, source, lines);
    }

    /**
     * The named columns, in that order (protection kept).
     *
     * @throws IllegalArgumentException if a name is unknown or repeated
     */
    public CustomerTable select(String... columns) {
        Checks.notNull("columns", columns);
        Set<String> seen = new HashSet<>();
        int[] idx = new int[columns.length];
        for (int k = 0; k < columns.length; k++) {
            if (!seen.add(columns[k])) {
                throw new IllegalArgumentException("Column '" + columns[k] + "' is selected twice");
            }
            idx[k] = col(columns[k]);
        }
        return pick(idx);
    }

    private CustomerTable pick(int[] idx) {
        List<String> n = new ArrayList<>(idx.length);
        ColumnType[] t = new ColumnType[idx.length];
        double[][] num = new double[idx.length][];
        int[][] cod = new int[idx.length][];
        String[][] dic = new String[idx.length][];
        boolean[] p = new boolean[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int j = idx[k];
            n.add(names.get(j));
            t[k] = types[j];
            num[k] = numeric[j];
            cod[k] = codes[j];
            dic[k] = dictionaries[j];
            p[k] = protectedFlags[j];
        }
        return new CustomerTable(ids, rowOf, n, t, num, cod, dic, p, source, lines);
    }

    /**
     * The rows of the given customers, in that order.
     *
     * @throws IllegalArgumentException if a customer is not in the table or repeated
     */
    public CustomerTable selectCustomers(List<String> customerIds) {
        Checks.notNull("customerIds", customerIds);
        int[] rows = new int[customerIds.size()];
        for (int r = 0; r < rows.length; r++) {
            Integer i = rowOf.get(customerIds.get(r));
            if (i == null) {
                throw new IllegalArgumentException("Customer '" + customerIds.get(r) + "' is not in the table");
            }
            rows[r] = i;
        }
        return selectRows(rows, customerIds.toArray(new String[0]));
    }

    private CustomerTable selectRows(int[] rows, String[] newIds) {
        int d = names.size();
        double[][] num = new double[d][];
        int[][] cod = new int[d][];
        for (int j = 0; j < d; j++) {
            if (types[j] == ColumnType.NUMERIC) {
                num[j] = new double[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    num[j][r] = numeric[j][rows[r]];
                }
            } else {
                cod[j] = new int[rows.length];
                for (int r = 0; r < rows.length; r++) {
                    cod[j][r] = codes[j][rows[r]];
                }
            }
        }
        long[] l = null;
        if (lines != null) {
            l = new long[rows.length];
            for (int r = 0; r < rows.length; r++) {
                l[r] = lines[rows[r]];
            }
        }
        return new CustomerTable(newIds, index(newIds), names, types, num, cod, dictionaries, protectedFlags, source,
                l);
    }

    /** The same rows under new, unique customer ids (used by {@link CustomerIdentity}). */
    CustomerTable withCustomerIds(List<String> newIds) {
        if (newIds.size() != ids.length) {
            throw new IllegalArgumentException(newIds.size() + " ids for " + ids.length + " rows");
        }
        String[] a = newIds.toArray(new String[0]);
        return new CustomerTable(a, index(a), names, types, numeric, codes, dictionaries, protectedFlags, source,
                lines);
    }

    /**
     * What {@link #dropRowsWithMissing(String...)} returns: the kept rows and the customers dropped.
     *
     * @param table the rows without missing values in the tested columns
     * @param droppedCustomers the ids of the dropped rows, in row order
     */
    public record RowDrop(CustomerTable table, List<String> droppedCustomers) {
        /** The number of dropped rows. */
        public int dropped() {
            return droppedCustomers.size();
        }
    }

    /**
     * Drops the customers with a missing value in any of the named columns (all columns when none are
     * named): the row-wise drop policy, with the list of dropped customers as its report.
     *
     * @throws IllegalArgumentException if a column does not exist
     */
    public RowDrop dropRowsWithMissing(String... columns) {
        Checks.notNull("columns", columns);
        int[] idx;
        if (columns.length == 0) {
            idx = new int[names.size()];
            for (int j = 0; j < idx.length; j++) {
                idx[j] = j;
            }
        } else {
            idx = new int[columns.length];
            for (int k = 0; k < columns.length; k++) {
                idx[k] = col(columns[k]);
            }
        }
        List<String> dropped = new ArrayList<>();
        int[] keep = new int[ids.length];
        int m = 0;
        rows:
        for (int i = 0; i < ids.length; i++) {
            for (int k = 0; k < idx.length; k++) {
                int j = idx[k];
                if (types[j] == ColumnType.NUMERIC ? numeric[j][i] != numeric[j][i] : codes[j][i] < 0) {
                    dropped.add(ids[i]);
                    continue rows;
                }
            }
            keep[m++] = i;
        }
        int[] rows = Arrays.copyOf(keep, m);
        String[] newIds = new String[m];
        for (int r = 0; r < m; r++) {
            newIds[r] = ids[rows[r]];
        }
        return new RowDrop(selectRows(rows, newIds), List.copyOf(dropped));
    }

    /**
     * This table with the columns of {@code other} added, matched by customer id; rows are this table's.
     * Customers missing from {@code other} get missing values (NaN, null).
     *
     * @throws IllegalArgumentException if a column name is in both tables
     */
    public CustomerTable leftJoin(CustomerTable other) {
        return join(other, Double.NaN, false);
    }

    /**
     * As {@link #leftJoin(CustomerTable)}, but customers missing from {@code other} get {@code fill} in its
     * numeric columns (for example 0 sessions for a customer with no events); categorical columns are still
     * missing.
     */
    public CustomerTable leftJoin(CustomerTable other, double fill) {
        return join(other, fill, false);
    }

    /**
     * The union of the customers of both tables (this table's first, then the new ones of {@code other} in
     * its order) with the columns of both; values a table does not have are {@code fill} in numeric columns
     * (NaN for missing) and missing in categorical ones.
     *
     * @throws IllegalArgumentException if a column name is in both tables
     */
    public CustomerTable outerJoin(CustomerTable other, double fill) {
        return join(other, fill, true);
    }

    private CustomerTable join(CustomerTable other, double fill, boolean outer) {
        Checks.notNull("other", other);
        if (fill - fill != 0 && fill == fill) {
            throw new IllegalArgumentException("The fill value must be finite or NaN but was " + fill);
        }
        for (int j = 0; j < other.names.size(); j++) {
            if (names.contains(other.names.get(j))) {
                throw new IllegalArgumentException("Column '" + other.names.get(j) + "' is in both tables");
            }
        }
        List<String> allIds = new ArrayList<>(Arrays.asList(ids));
        if (outer) {
            for (int i = 0; i < other.ids.length; i++) {
                if (!rowOf.containsKey(other.ids[i])) {
                    allIds.add(other.ids[i]);
                }
            }
        }
        int n = allIds.size();
        String[] newIds = allIds.toArray(new String[0]);
        int d = names.size() + other.names.size();
        List<String> n2 = new ArrayList<>(names);
        n2.addAll(other.names);
        ColumnType[] t = Arrays.copyOf(types, d);
        double[][] num = new double[d][];
        int[][] cod = new int[d][];
        String[][] dic = Arrays.copyOf(dictionaries, d);
        boolean[] p = Arrays.copyOf(protectedFlags, d);
        for (int j = 0; j < names.size(); j++) {
            num[j] = types[j] == ColumnType.NUMERIC ? extend(numeric[j], n, fill) : null;
            cod[j] = types[j] == ColumnType.CATEGORICAL ? extend(codes[j], n) : null;
        }
        int[] src = new int[n];
        for (int i = 0; i < n; i++) {
            Integer r = other.rowOf.get(newIds[i]);
            src[i] = r == null ? -1 : r;
        }
        for (int k = 0; k < other.names.size(); k++) {
            int j = names.size() + k;
            t[j] = other.types[k];
            dic[j] = other.dictionaries[k];
            p[j] = other.protectedFlags[k];
            if (t[j] == ColumnType.NUMERIC) {
                num[j] = new double[n];
                for (int i = 0; i < n; i++) {
                    num[j][i] = src[i] < 0 ? fill : other.numeric[k][src[i]];
                }
            } else {
                cod[j] = new int[n];
                for (int i = 0; i < n; i++) {
                    cod[j][i] = src[i] < 0 ? -1 : other.codes[k][src[i]];
                }
            }
        }
        return new CustomerTable(newIds, index(newIds), n2, t, num, cod, dic, p, source,
                lines == null ? null : Arrays.copyOf(lines, n));
    }

    private static double[] extend(double[] a, int n, double fill) {
        double[] out = Arrays.copyOf(a, n);
        Arrays.fill(out, a.length, n, fill);
        return out;
    }

    private static int[] extend(int[] a, int n) {
        int[] out = Arrays.copyOf(a, n);
        Arrays.fill(out, a.length, n, -1);
        return out;
    }

    /**
     * The numeric, non-protected columns as a dataset (categorical and protected columns are left out: encode
     * categories with a {@link dev.segmentation.features.transform.FeaturePipeline}).
     *
     * @throws IllegalArgumentException if a numeric column has missing values (the message names it and gives
     *     the count), or there is no numeric column
     */
    public Dataset toDataset() {
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < names.size(); j++) {
            if (types[j] == ColumnType.NUMERIC && !protectedFlags[j]) {
                int m = missingCount(names.get(j));
                if (m > 0) {
                    throw new IllegalArgumentException("Column '" + names.get(j) + "' has " + m + " missing values; "
                            + "impute them (FeaturePipeline.Builder.impute) or drop the rows (dropRowsWithMissing)");
                }
                cols.add(j);
            }
        }
        if (cols.isEmpty()) {
            throw new IllegalArgumentException("The table has no numeric, non-protected column: " + names);
        }
        int n = ids.length;
        int d = cols.size();
        double[] data = new double[Math.multiplyExact(n, d)];
        List<String> out = new ArrayList<>(d);
        for (int k = 0; k < d; k++) {
            int j = cols.get(k);
            out.add(names.get(j));
            for (int i = 0; i < n; i++) {
                data[i * d + k] = numeric[j][i];
            }
        }
        return DatasetAccess.wrap(data, n, d, out);
    }

    /**
     * The line of the source file that row {@code i} was read from (1 = the first line of the file), when the
     * table was read from a file (see {@link Builder#sourceLines}); empty otherwise, and for the rows an outer
     * join added.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not a row
     */
    public OptionalLong sourceLine(int i) {
        row(i);
        return lines == null || lines[i] <= 0 ? OptionalLong.empty() : OptionalLong.of(lines[i]);
    }

    /** The file the rows were read from, if the table was read from one. */
    public Optional<String> source() {
        return Optional.ofNullable(source);
    }

    /**
     * Row {@code i} as error messages name it: its index, its customer and, when the table was read from a
     * file, the line, as the readers number lines: {@code row 41 (customer 'C1043', line 43 of crm.csv)}.
     *
     * @throws IndexOutOfBoundsException if {@code i} is not a row
     */
    public String describeRow(int i) {
        OptionalLong l = sourceLine(i);
        return "row " + i + " (customer '" + ids[i] + "'" + (l.isPresent() ? ", line " + l.getAsLong() + " of "
                + source : "") + ")";
    }

    private int row(int i) {
        if (i < 0 || i >= ids.length) {
            throw new IndexOutOfBoundsException("row " + i + " is out of range [0, " + ids.length + ")");
        }
        return i;
    }

    private int col(String column) {
        Checks.notNull("column", column);
        int j = names.indexOf(column);
        if (j < 0) {
            throw new IllegalArgumentException("No column '" + column + "'; the columns are " + names);
        }
        return j;
    }

    private double[] numericColumn(String column) {
        int j = col(column);
        if (types[j] != ColumnType.NUMERIC) {
            throw new IllegalArgumentException("Column '" + column + "' is categorical, not numeric");
        }
        return numeric[j];
    }

    private int categoricalIndex(String column) {
        int j = col(column);
        if (types[j] != ColumnType.CATEGORICAL) {
            throw new IllegalArgumentException("Column '" + column + "' is numeric, not categorical");
        }
        return j;
    }

    private static Map<String, Integer> index(String[] ids) {
        Map<String, Integer> m = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("Customer id at row " + i + " is blank");
            }
            Integer previous = m.put(id, i);
            if (previous != null) {
                throw new IllegalArgumentException("Customer id '" + id + "' is in rows " + previous + " and " + i);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CustomerTable)) {
            return false;
        }
        CustomerTable t = (CustomerTable) o;
        if (!Arrays.equals(ids, t.ids) || !names.equals(t.names) || !Arrays.equals(types, t.types)
                || !Arrays.equals(protectedFlags, t.protectedFlags)) {
            return false;
        }
        for (int j = 0; j < names.size(); j++) {
            if (types[j] == ColumnType.NUMERIC) {
                if (!Arrays.equals(numeric[j], t.numeric[j])) {
                    return false;
                }
            } else if (!Arrays.equals(categorical(names.get(j)), t.categorical(names.get(j)))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + names.hashCode();
    }

    @Override
    public String toString() {
        Map<String, String> cols = new LinkedHashMap<>();
        for (int j = 0; j < names.size(); j++) {
            cols.put(names.get(j), (types[j] == ColumnType.NUMERIC ? "numeric" : "categorical")
                    + (protectedFlags[j] ? ", protected" : ""));
        }
        return "CustomerTable[" + ids.length + " customers, columns=" + cols + "]";
    }

    /**
     * Builds a {@link CustomerTable} column by column. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final String[] ids;
        private final Map<String, Integer> rowOf;
        private final List<String> names = new ArrayList<>();
        private final List<ColumnType> types = new ArrayList<>();
        private final List<double[]> numeric = new ArrayList<>();
        private final List<int[]> codes = new ArrayList<>();
        private final List<String[]> dictionaries = new ArrayList<>();
        private final Set<String> protectedNames = new HashSet<>();
        private String source;
        private long[] lines;

        private Builder(List<String> customerIds) {
            Checks.notNull("customerIds", customerIds);
            this.ids = customerIds.toArray(new String[0]);
            this.rowOf = index(ids);
        }

        private void name(String name) {
            Checks.notNull("name", name);
            if (name.isBlank()) {
                throw new IllegalArgumentException("A column name must not be blank");
            }
            if (names.contains(name)) {
                throw new IllegalArgumentException("Column '" + name + "' is added twice");
            }
        }

        /**
         * Adds a numeric column; NaN means missing.
         *
         * @param values one per customer. Not modified.
         * @throws IllegalArgumentException if the length is wrong, a value is infinite or the name is blank or
         *     taken
         */
        public Builder numeric(String name, double[] values) {
            name(name);
            Checks.notNull("values", values);
            if (values.length != ids.length) {
                throw new IllegalArgumentException("Column '" + name + "' has " + values.length + " values for "
                        + ids.length + " customers");
            }
            for (int i = 0; i < values.length; i++) {
                if (values[i] - values[i] != 0 && values[i] == values[i]) {
                    throw new IllegalArgumentException("Infinite value " + values[i] + " in column '" + name
                            + "' at row " + i + " (customer " + ids[i] + ")");
                }
            }
            names.add(name);
            types.add(ColumnType.NUMERIC);
            numeric.add(values.clone());
            codes.add(null);
            dictionaries.add(null);
            return this;
        }

        /**
         * Adds a categorical column; {@code null} means missing.
         *
         * @param values one per customer. Not modified.
         * @throws IllegalArgumentException if the length is wrong or the name is blank or taken
         */
        public Builder categorical(String name, String[] values) {
            name(name);
            Checks.notNull("values", values);
            if (values.length != ids.length) {
                throw new IllegalArgumentException("Column '" + name + "' has " + values.length + " values for "
                        + ids.length + " customers");
            }
            Map<String, Integer> dict = new LinkedHashMap<>();
            int[] c = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                String v = values[i];
                if (v == null) {
                    c[i] = -1;
                } else {
                    Integer code = dict.get(v);
                    if (code == null) {
                        code = dict.size();
                        dict.put(v, code);
                    }
                    c[i] = code;
                }
            }
            names.add(name);
            types.add(ColumnType.CATEGORICAL);
            numeric.add(null);
            codes.add(c);
            dictionaries.add(dict.keySet().toArray(new String[0]));
            return this;
        }

        /**
         * Marks columns (added before or after this call) as protected.
         *
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder protect(String... columns) {
            Checks.notNull("columns", columns);
            for (int k = 0; k < columns.length; k++) {
                if (columns[k] == null || columns[k].isBlank()) {
                    throw new IllegalArgumentException("protect: column " + k + " is blank");
                }
                protectedNames.add(columns[k]);
            }
            return this;
        }

        /**
         * Records where the rows were read: the file and the line of each row (1 = the first line of the file,
         * the header if it has one), so that {@link CustomerTable#sourceLine} and error messages about a row
         * (a fitted pipeline's, for example) give the line. Derived tables keep the lines of the rows they
         * keep. Not part of {@link CustomerTable#equals}.
         *
         * @param lines one per customer. Not modified.
         * @throws IllegalArgumentException if the length is wrong or a line is not positive
         * @throws IllegalStateException if set twice
         */
        public Builder sourceLines(String source, long[] lines) {
            Checks.notNull("source", source);
            Checks.notNull("lines", lines);
            Checks.notYetSet("sourceLines", this.lines != null);
            if (lines.length != ids.length) {
                throw new IllegalArgumentException(lines.length + " lines were given for " + ids.length + " customers");
            }
            for (int i = 0; i < lines.length; i++) {
                if (lines[i] < 1) {
                    throw new IllegalArgumentException("The line of row " + i + " must be >= 1 but was " + lines[i]);
                }
            }
            this.source = source;
            this.lines = lines.clone();
            return this;
        }

        /**
         * The table.
         *
         * @throws IllegalArgumentException if a protected column was never added
         */
        public CustomerTable build() {
            boolean[] p = new boolean[names.size()];
            for (String name : protectedNames) {
                int j = names.indexOf(name);
                if (j < 0) {
                    throw new IllegalArgumentException("Protected column '" + name + "' is not in the table; the "
                            + "columns are " + names);
                }
                p[j] = true;
            }
            return new CustomerTable(ids.clone(), rowOf, names, types.toArray(new ColumnType[0]),
                    numeric.toArray(new double[0][]), codes.toArray(new int[0][]),
                    dictionaries.toArray(new String[0][]), p, source, lines);
        }
    }
}
