/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Column checks with messages that name the column, its type and the expected type. Not API. */
public final class Columns {
    private Columns() {
    }

    /** The field of a column, or an exception naming the column and the columns there are. */
    public static StructField field(StructType schema, String column, String role) {
        if (column == null) {
            throw new IllegalArgumentException("The " + role + " column name is null");
        }
        for (StructField f : schema.fields()) {
            if (f.name().equals(column)) {
                return f;
            }
        }
        throw new IllegalArgumentException("Missing column '" + column + "' (" + role + "); the DataFrame has "
                + Arrays.toString(schema.fieldNames()));
    }

    /** Whether a type is a number Spark can widen to double. */
    public static boolean isNumeric(DataType t) {
        return t.equals(DataTypes.DoubleType) || t.equals(DataTypes.FloatType) || t.equals(DataTypes.IntegerType)
                || t.equals(DataTypes.LongType) || t.equals(DataTypes.ShortType) || t.equals(DataTypes.ByteType)
                || t instanceof DecimalType;
    }

    /** Checks that a column exists and is numeric. */
    public static void requireNumeric(StructType schema, String column, String role) {
        StructField f = field(schema, column, role);
        if (!isNumeric(f.dataType())) {
            throw wrongType(column, role, f.dataType(), "numeric (double, float, long, int, short, byte or decimal)");
        }
    }

    /** Checks that each column exists and is numeric. */
    public static void requireNumeric(StructType schema, List<String> columns, String role) {
        for (String c : columns) {
            requireNumeric(schema, c, role);
        }
    }

    /** Checks that a column exists and is a string. */
    public static void requireString(StructType schema, String column, String role) {
        StructField f = field(schema, column, role);
        if (!f.dataType().equals(DataTypes.StringType)) {
            throw wrongType(column, role, f.dataType(), "string");
        }
    }

    /** Checks that a column exists and has one of the given types. */
    public static DataType requireOneOf(StructType schema, String column, String role, String expected,
            DataType... types) {
        StructField f = field(schema, column, role);
        for (DataType t : types) {
            if (f.dataType().equals(t)) {
                return t;
            }
        }
        throw wrongType(column, role, f.dataType(), expected);
    }

    static IllegalArgumentException wrongType(String column, String role, DataType actual, String expected) {
        return new IllegalArgumentException("Column '" + column + "' (" + role + ") must be " + expected
                + " but is " + actual.simpleString().toLowerCase(Locale.ROOT));
    }

    /** The number of rows, with an exception naming what needs rows when there are none. */
    public static void requireRows(Dataset<Row> df, String what) {
        if (df.isEmpty()) {
            throw new IllegalArgumentException("The " + what + " DataFrame has no rows");
        }
    }

    /** The names as back-quoted column expressions, for {@code selectExpr}. */
    public static String[] quoted(List<String> names) {
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = "`" + names.get(i).replace("`", "``") + "`";
        }
        return out;
    }
}
