/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.rules;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The features that rules may read, with their types, and the layout of a <em>record</em>: the
 * {@code double[]} that a {@link BoundRuleSet} evaluates.
 *
 * <p>Feature {@code j} of the schema is element {@code j} of a record. A numeric feature holds its value, NaN
 * when it is missing. A categorical feature holds the code of its value, the index of the value in the feature's
 * {@linkplain #levels(String) levels} ({@link #code(int, String)}); {@code -1} is a value outside the levels (a
 * category the schema does not know, which no literal can match) and NaN is missing. Levels are part of the schema,
 * so that every rule set bound to one schema reads records the same way; a rule that names a string outside a
 * feature's levels is refused when it is bound.
 *
 * <pre>{@code
 * RuleSchema schema = RuleSchema.builder().numeric("recency_days", "monetary", "tenure_days")
 *         .categorical("country", List.of("United Kingdom", "France", "Germany")).build();
 * RuleSchema fromData = RuleSchema.of(customerTable);      // its columns, levels from the data
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RuleSchema {
    /** The type of a feature. */
    public enum Type {
        /** A number; NaN is missing. */
        NUMERIC,
        /** A category from a fixed list of levels, held as its code. */
        CATEGORICAL
    }

    /** The code of a category outside the levels of its feature. */
    public static final int OTHER = -1;

    private final List<String> names;
    private final Type[] types;
    private final List<List<String>> levels;
    private final Map<String, Integer> index;
    private final List<Map<String, Integer>> codes;

    private RuleSchema(List<String> names, Type[] types, List<List<String>> levels) {
        this.names = List.copyOf(names);
        this.types = types;
        this.levels = List.copyOf(levels);
        this.index = new HashMap<>();
        this.codes = new ArrayList<>(names.size());
        for (int j = 0; j < names.size(); j++) {
            index.put(names.get(j), j);
            Map<String, Integer> c = new HashMap<>();
            List<String> l = levels.get(j);
            for (int i = 0; i < l.size(); i++) {
                c.put(l.get(i), i);
            }
            codes.add(c);
        }
    }

    /** A builder; features are laid out in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A schema of numeric features only (for example a scorer's {@code inputNames()}).
     *
     * @throws IllegalArgumentException if a name is blank or repeated
     */
    public static RuleSchema numeric(List<String> names) {
        Checks.notNull("names", names);
        return builder().numeric(names.toArray(new String[0])).build();
    }

    /**
     * The schema of a customer table: its numeric columns as numeric features and its categorical columns as
     * categorical features whose levels are the table's distinct values, sorted. Protected columns are included
     * (a rule may exclude by them); the order is the table's.
     */
    public static RuleSchema of(CustomerTable table) {
        Checks.notNull("table", table);
        Builder b = builder();
        for (String c : table.columnNames()) {
            if (table.type(c) == CustomerTable.ColumnType.NUMERIC) {
                b.numeric(c);
            } else {
                b.categorical(c, new TreeSet<>(table.categories(c)));
            }
        }
        return b.build();
    }

    /** The number of features (the length of a record). */
    public int size() {
        return names.size();
    }

    /** The feature names, in record order. */
    public List<String> names() {
        return names;
    }

    /** The index of a feature in a record, or -1. */
    public int indexOf(String feature) {
        Integer i = index.get(Checks.notNull("feature", feature));
        return i == null ? -1 : i;
    }

    /** The type of feature {@code j}. */
    public Type type(int j) {
        return types[check(j)];
    }

    /**
     * The type of a feature.
     *
     * @throws IllegalArgumentException if the schema has no such feature
     */
    public Type type(String feature) {
        return types[require(feature)];
    }

    /** The levels of a categorical feature (empty for a numeric one). */
    public List<String> levels(String feature) {
        return levels.get(require(feature));
    }

    /**
     * The code of {@code value} in categorical feature {@code j}: its level index, {@link #OTHER} for a value
     * outside the levels, NaN for {@code null} (missing). Allocates nothing.
     *
     * @throws IllegalArgumentException if feature {@code j} is not categorical
     */
    public double code(int j, String value) {
        if (types[check(j)] != Type.CATEGORICAL) {
            throw new IllegalArgumentException("Feature '" + names.get(j) + "' is numeric, not categorical");
        }
        if (value == null) {
            return Double.NaN;
        }
        Integer c = codes.get(j).get(value);
        return c == null ? OTHER : c;
    }

    /** The level index of {@code value} in feature {@code j}, or -1. */
    int levelIndex(int j, String value) {
        Integer c = codes.get(j).get(value);
        return c == null ? -1 : c;
    }

    /** A record of this schema with every feature missing (NaN). */
    public double[] newRecord() {
        double[] r = new double[names.size()];
        Arrays.fill(r, Double.NaN);
        return r;
    }

    /**
     * The records of a customer table, row-major: {@code size()} values per customer, in the table's row order.
     * Columns are found by name; a numeric column gives its values (NaN where missing), a categorical one the codes
     * of its values.
     *
     * @throws IllegalArgumentException if the table lacks a feature of this schema or holds it with the other type
     */
    public double[] records(CustomerTable table) {
        Checks.notNull("table", table);
        int n = table.size();
        int d = names.size();
        double[] out = new double[Math.multiplyExact(n, d)];
        for (int j = 0; j < d; j++) {
            String name = names.get(j);
            if (!table.hasColumn(name)) {
                throw new IllegalArgumentException("The customer table has no column '" + name + "', which the rule "
                        + "schema needs; its columns are " + table.columnNames());
            }
            boolean numeric = table.type(name) == CustomerTable.ColumnType.NUMERIC;
            if (numeric != (types[j] == Type.NUMERIC)) {
                throw new IllegalArgumentException("Column '" + name + "' of the customer table is "
                        + (numeric ? "numeric" : "categorical") + " but the rule schema declares it "
                        + types[j].name().toLowerCase(java.util.Locale.ROOT));
            }
            if (numeric) {
                double[] v = table.numeric(name);
                for (int i = 0; i < n; i++) {
                    out[i * d + j] = v[i];
                }
            } else {
                List<String> tableLevels = table.categories(name);
                double[] map = new double[tableLevels.size()];
                for (int c = 0; c < map.length; c++) {
                    map[c] = code(j, tableLevels.get(c));
                }
                int[] tc = table.categoryCodes(name);
                for (int i = 0; i < n; i++) {
                    out[i * d + j] = tc[i] < 0 ? Double.NaN : map[tc[i]];
                }
            }
        }
        return out;
    }

    /**
     * The records of a dataset (numeric features only, found by column name), row-major.
     *
     * @throws IllegalArgumentException if the dataset lacks a feature or the schema has a categorical feature
     */
    public double[] records(Dataset data) {
        Checks.notNull("data", data);
        int n = data.rows();
        int d = names.size();
        int[] col = new int[d];
        for (int j = 0; j < d; j++) {
            if (types[j] != Type.NUMERIC) {
                throw new IllegalArgumentException("Feature '" + names.get(j) + "' is categorical; a Dataset holds "
                        + "numbers only: use records(CustomerTable)");
            }
            col[j] = data.columnNames().indexOf(names.get(j));
            if (col[j] < 0) {
                throw new IllegalArgumentException("The dataset has no column '" + names.get(j) + "', which the rule "
                        + "schema needs; its columns are " + data.columnNames());
            }
        }
        double[] out = new double[Math.multiplyExact(n, d)];
        double[] row = new double[data.cols()];
        for (int i = 0; i < n; i++) {
            data.copyRow(i, row, 0);
            for (int j = 0; j < d; j++) {
                out[i * d + j] = row[col[j]];
            }
        }
        return out;
    }

    int require(String feature) {
        int j = indexOf(feature);
        if (j < 0) {
            throw new IllegalArgumentException("Unknown feature '" + feature + "'; the schema has " + names);
        }
        return j;
    }

    private int check(int j) {
        if (j < 0 || j >= names.size()) {
            throw new IndexOutOfBoundsException("feature index " + j + " is not in [0, " + names.size() + ")");
        }
        return j;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RuleSchema)) {
            return false;
        }
        RuleSchema s = (RuleSchema) o;
        return names.equals(s.names) && Arrays.equals(types, s.types) && levels.equals(s.levels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(types), levels);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("RuleSchema[");
        for (int j = 0; j < names.size(); j++) {
            sb.append(j == 0 ? "" : ", ").append(names.get(j));
            if (types[j] == Type.CATEGORICAL) {
                sb.append(" (").append(levels.get(j).size()).append(" levels)");
            }
        }
        return sb.append(']').toString();
    }

    /** Builds a {@link RuleSchema}. */
    public static final class Builder {
        private final Map<String, Type> types = new LinkedHashMap<>();
        private final Map<String, List<String>> levels = new HashMap<>();

        private Builder() {
        }

        /**
         * Adds numeric features.
         *
         * @throws IllegalArgumentException if a name is blank or already added
         */
        public Builder numeric(String... names) {
            Checks.notNull("names", names);
            for (String n : names) {
                add(n, Type.NUMERIC, List.of());
            }
            return this;
        }

        /**
         * Adds a categorical feature with its levels (the values a record may hold; codes follow this order).
         *
         * @throws IllegalArgumentException if the name is blank or already added, or a level is null or repeated
         */
        public Builder categorical(String name, Collection<String> levels) {
            Checks.notNull("levels", levels);
            List<String> l = new ArrayList<>(levels.size());
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String v : levels) {
                if (v == null) {
                    throw new IllegalArgumentException("A level of feature '" + name + "' is null");
                }
                if (!seen.add(v)) {
                    throw new IllegalArgumentException("Level '" + v + "' of feature '" + name + "' is repeated");
                }
                l.add(v);
            }
            add(name, Type.CATEGORICAL, List.copyOf(l));
            return this;
        }

        private void add(String name, Type type, List<String> l) {
            Nodes.name(name);
            if (types.containsKey(name)) {
                throw new IllegalArgumentException("Feature '" + name + "' was already added to the schema");
            }
            types.put(name, type);
            levels.put(name, l);
        }

        /**
         * The schema.
         *
         * @throws IllegalStateException if no feature was added
         */
        public RuleSchema build() {
            if (types.isEmpty()) {
                throw new IllegalStateException("A rule schema needs at least one feature");
            }
            List<String> names = new ArrayList<>(types.keySet());
            Type[] t = new Type[names.size()];
            List<List<String>> l = new ArrayList<>(names.size());
            for (int j = 0; j < t.length; j++) {
                t[j] = types.get(names.get(j));
                l.add(levels.get(names.get(j)));
            }
            return new RuleSchema(names, t, l);
        }
    }
}
