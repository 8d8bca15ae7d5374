/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import dev.segmentation.core.internal.Checks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable, ordered set of named parameters: the neutral form in which a {@link ModelCodec} writes a
 * model and reads it back, free of any JSON library type.
 *
 * <p>A value is a string, an integer ({@code long}), a finite double, a boolean, an array of doubles, an
 * array of integers, a list of strings, a matrix of doubles, a nested section or a list of sections. The
 * getters check presence, type, shape and finiteness, and throw a {@link ModelFormatException} whose
 * message gives the parameter's path in the file (for example {@code model.centroids[3][1]}).
 *
 * @since 0.1
 */
public final class Section {
    private final String path;
    private final Map<String, Object> values;

    private Section(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /** A builder for a section. */
    public static Builder builder() {
        return new Builder();
    }

    /** The names of the parameters, in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether the parameter is present. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** This section's path in the file, for messages. */
    public String path() {
        return path;
    }

    Object raw(String name) {
        return values.get(name);
    }

    Map<String, Object> rawValues() {
        return values;
    }

    /** A copy of this section at another path (used when a section is nested). */
    Section at(String newPath) {
        Map<String, Object> moved = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            String childPath = newPath.isEmpty() ? e.getKey() : newPath + "." + e.getKey();
            if (v instanceof Section) {
                v = ((Section) v).at(childPath);
            } else if (v instanceof SectionList) {
                List<Section> list = ((SectionList) v).sections;
                List<Section> movedList = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    movedList.add(list.get(i).at(childPath + "[" + i + "]"));
                }
                v = new SectionList(List.copyOf(movedList));
            }
            moved.put(e.getKey(), v);
        }
        return new Section(newPath, Collections.unmodifiableMap(moved));
    }

    private String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private Object require(String name) throws ModelFormatException {
        Object v = values.get(name);
        if (v == null) {
            throw new ModelFormatException("Missing parameter '" + where(name) + "'");
        }
        return v;
    }

    private ModelFormatException wrongType(String name, String expected, Object v) {
        return new ModelFormatException("Parameter '" + where(name) + "' must be " + expected + " but is "
                + describe(v));
    }

    /** A string parameter. */
    public String getString(String name) throws ModelFormatException {
        Object v = require(name);
        if (v instanceof String) {
            return (String) v;
        }
        throw wrongType(name, "a string", v);
    }

    /** An integer parameter. */
    public long getLong(String name) throws ModelFormatException {
        Object v = require(name);
        if (v instanceof Long) {
            return (Long) v;
        }
        throw wrongType(name, "an integer", v);
    }

    /** An integer parameter in {@code [min, max]}. */
    public int getInt(String name, int min, int max) throws ModelFormatException {
        long v = getLong(name);
        if (v < min || v > max) {
            throw new ModelFormatException(
                    "Parameter '" + where(name) + "' must be in [" + min + ", " + max + "] but is " + v);
        }
        return (int) v;
    }

    /** A finite number parameter (an integer is accepted and converted). */
    public double getDouble(String name) throws ModelFormatException {
        Object v = require(name);
        if (v instanceof Double) {
            return (Double) v;
        }
        if (v instanceof Long) {
            return (Long) v;
        }
        throw wrongType(name, "a number", v);
    }

    /** A boolean parameter. */
    public boolean getBoolean(String name) throws ModelFormatException {
        Object v = require(name);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw wrongType(name, "true or false", v);
    }

    /** An array of finite numbers; {@code expectedLength < 0} accepts any length. Returns a copy. */
    public double[] getDoubles(String name, int expectedLength) throws ModelFormatException {
        Object v = require(name);
        double[] out;
        if (v instanceof double[]) {
            out = ((double[]) v).clone();
        } else if (v instanceof long[]) {
            long[] l = (long[]) v;
            out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
        } else if (v == EMPTY) {
            out = new double[0];
        } else {
            throw wrongType(name, "an array of numbers", v);
        }
        checkLength(name, out.length, expectedLength);
        return out;
    }

    /** An array of integers; {@code expectedLength < 0} accepts any length. Returns a copy. */
    public int[] getInts(String name, int expectedLength) throws ModelFormatException {
        Object v = require(name);
        int[] out;
        if (v instanceof long[]) {
            long[] l = (long[]) v;
            out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                if (l[i] < Integer.MIN_VALUE || l[i] > Integer.MAX_VALUE) {
                    throw new ModelFormatException("Parameter '" + where(name) + "[" + i + "]' = " + l[i]
                            + " does not fit in an int");
                }
                out[i] = (int) l[i];
            }
        } else if (v == EMPTY) {
            out = new int[0];
        } else {
            throw wrongType(name, "an array of integers", v);
        }
        checkLength(name, out.length, expectedLength);
        return out;
    }

    /** A list of strings; {@code expectedLength < 0} accepts any length. */
    public List<String> getStrings(String name, int expectedLength) throws ModelFormatException {
        Object v = require(name);
        List<String> out;
        if (v instanceof StringList) {
            out = ((StringList) v).strings;
        } else if (v == EMPTY) {
            out = List.of();
        } else {
            throw wrongType(name, "an array of strings", v);
        }
        checkLength(name, out.size(), expectedLength);
        return out;
    }

    /**
     * A matrix of finite numbers with the given shape, flattened row-major ({@code rows * cols} values).
     * A negative {@code rows} accepts any number of rows.
     */
    public double[] getMatrix(String name, int rows, int cols) throws ModelFormatException {
        Object v = require(name);
        if (v == EMPTY) {
            checkLength(name, 0, rows);
            return new double[0];
        }
        if (!(v instanceof double[][])) {
            throw wrongType(name, "an array of arrays of numbers", v);
        }
        double[][] m = (double[][]) v;
        checkLength(name, m.length, rows);
        double[] out = new double[Math.multiplyExact(m.length, cols)];
        for (int i = 0; i < m.length; i++) {
            if (m[i].length != cols) {
                throw new ModelFormatException("Parameter '" + where(name) + "[" + i + "]' has " + m[i].length
                        + " values but " + cols + " were expected");
            }
            System.arraycopy(m[i], 0, out, i * cols, cols);
        }
        return out;
    }

    /** The number of rows of a matrix parameter. */
    public int matrixRows(String name) throws ModelFormatException {
        Object v = require(name);
        if (v == EMPTY) {
            return 0;
        }
        if (!(v instanceof double[][])) {
            throw wrongType(name, "an array of arrays of numbers", v);
        }
        return ((double[][]) v).length;
    }

    /** A nested section. */
    public Section getSection(String name) throws ModelFormatException {
        Object v = require(name);
        if (v instanceof Section) {
            return (Section) v;
        }
        throw wrongType(name, "an object", v);
    }

    /** A list of nested sections. */
    public List<Section> getSections(String name) throws ModelFormatException {
        Object v = require(name);
        if (v instanceof SectionList) {
            return ((SectionList) v).sections;
        }
        if (v == EMPTY) {
            return List.of();
        }
        throw wrongType(name, "an array of objects", v);
    }

    private void checkLength(String name, int length, int expected) throws ModelFormatException {
        if (expected >= 0 && length != expected) {
            throw new ModelFormatException(
                    "Parameter '" + where(name) + "' has " + length + " values but " + expected + " were expected");
        }
    }

    static String describe(Object v) {
        if (v instanceof String) {
            return "the string \"" + v + "\"";
        }
        if (v instanceof Long || v instanceof Double) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof Section || v instanceof SectionList) {
            return v instanceof Section ? "an object" : "an array of objects";
        }
        if (v == EMPTY) {
            return "an empty array";
        }
        if (v instanceof StringList) {
            return "an array of strings";
        }
        if (v instanceof double[][]) {
            return "an array of arrays";
        }
        if (v instanceof Mixed) {
            return "an array of mixed values";
        }
        return "an array of numbers";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Section)) {
            return false;
        }
        Map<String, Object> a = values;
        Map<String, Object> b = ((Section) o).values;
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : a.entrySet()) {
            if (!Arrays.deepEquals(new Object[] {e.getValue()}, new Object[] {b.get(e.getKey())})) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.deepHashCode(new Object[] {e.getValue()});
        }
        return h;
    }

    @Override
    public String toString() {
        return "Section" + values.keySet();
    }

    /** Marker for an empty JSON array, whose element type is unknown. */
    static final Object EMPTY = new Object() {
        @Override
        public String toString() {
            return "[]";
        }
    };

    /** A list of strings (wrapped so that it cannot be confused with a list of sections). */
    static final class StringList {
        final List<String> strings;

        StringList(List<String> strings) {
            this.strings = strings;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof StringList && strings.equals(((StringList) o).strings);
        }

        @Override
        public int hashCode() {
            return strings.hashCode();
        }
    }

    /** A list of sections. */
    static final class SectionList {
        final List<Section> sections;

        SectionList(List<Section> sections) {
            this.sections = sections;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SectionList && sections.equals(((SectionList) o).sections);
        }

        @Override
        public int hashCode() {
            return sections.hashCode();
        }
    }

    /** An array read from a file whose elements are of no supported kind; reported on access. */
    static final class Mixed {
        @Override
        public boolean equals(Object o) {
            return o instanceof Mixed;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /**
     * Builds a {@link Section}. Values are copied; a name can be set once; non-finite numbers are rejected
     * (JSON cannot hold them, and a model with NaN parameters is broken).
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        private Builder add(String name, Object v) {
            Checks.notNull("name", name);
            if (values.containsKey(name)) {
                throw new IllegalStateException("Parameter '" + name + "' was already set");
            }
            values.put(name, v);
            return this;
        }

        private static void finite(String name, double v) {
            if (v - v != 0) {
                throw new IllegalArgumentException("Parameter '" + name + "' is not finite: " + v);
            }
        }

        /** Adds a string. */
        public Builder put(String name, String value) {
            return add(name, Checks.notNull(name, value));
        }

        /** Adds an integer. */
        public Builder put(String name, long value) {
            return add(name, value);
        }

        /** Adds a finite number. */
        public Builder put(String name, double value) {
            finite(name, value);
            return add(name, value);
        }

        /** Adds a boolean. */
        public Builder put(String name, boolean value) {
            return add(name, value);
        }

        /** Adds an array of finite numbers (copied). */
        public Builder put(String name, double[] value) {
            Checks.notNull(name, value);
            for (double v : value) {
                finite(name, v);
            }
            return add(name, value.length == 0 ? EMPTY : value.clone());
        }

        /** Adds an array of integers (copied). */
        public Builder put(String name, int[] value) {
            Checks.notNull(name, value);
            long[] l = new long[value.length];
            for (int i = 0; i < value.length; i++) {
                l[i] = value[i];
            }
            return add(name, value.length == 0 ? EMPTY : l);
        }

        /** Adds a list of strings (copied; no nulls). */
        public Builder put(String name, List<String> value) {
            Checks.notNull(name, value);
            return add(name, value.isEmpty() ? EMPTY : new StringList(List.copyOf(value)));
        }

        /** Adds a row-major matrix of finite numbers as an array of {@code rows} arrays. */
        public Builder putMatrix(String name, double[] rowMajor, int rows, int cols) {
            Checks.notNull(name, rowMajor);
            if ((long) rows * cols != rowMajor.length) {
                throw new IllegalArgumentException("Parameter '" + name + "': " + rows + " x " + cols
                        + " does not match " + rowMajor.length + " values");
            }
            double[][] m = new double[rows][];
            for (int i = 0; i < rows; i++) {
                m[i] = Arrays.copyOfRange(rowMajor, i * cols, (i + 1) * cols);
                for (double v : m[i]) {
                    finite(name, v);
                }
            }
            // An empty matrix is written as [] and read back as the empty marker, like every empty array, so that
            // the checksum of the written and of the parsed content agree.
            return add(name, rows == 0 ? EMPTY : m);
        }

        /** Adds a nested section. */
        public Builder put(String name, Section value) {
            return add(name, Checks.notNull(name, value));
        }

        /** Adds a list of nested sections. */
        public Builder putSections(String name, List<Section> value) {
            Checks.notNull(name, value);
            return add(name, value.isEmpty() ? EMPTY : new SectionList(List.copyOf(value)));
        }

        /** Adds a value already in the internal representation (used by the JSON reader). */
        Builder putRaw(String name, Object value) {
            return add(name, value);
        }

        /** The section. */
        public Section build() {
            return new Section("", Collections.unmodifiableMap(new LinkedHashMap<>(values)));
        }
    }
}
