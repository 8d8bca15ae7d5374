/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * Spark's internal rows of a DataFrame, read without converting them to external {@link Row}s (which boxes every
 * value), and DataFrames built from internal rows. Needs the classic (in-process) Spark session, not Spark
 * Connect. Not API.
 */
public final class InternalRows {
    private InternalRows() {
    }

    /** The columns cast to double, in order (a numeric cast: never fails). */
    public static Dataset<Row> asDoubles(Dataset<Row> df, List<String> columns) {
        Column[] cols = new Column[columns.size()];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = col(Columns.quoted(List.of(columns.get(j)))[0]).cast(DataTypes.DoubleType);
        }
        return df.select(cols);
    }

    /**
     * The internal rows of a DataFrame (the rows may be reused by Spark: read each one before the next). The
     * plan is executed up to its last shuffle when this is called.
     *
     * @throws IllegalArgumentException for a streaming DataFrame or one of a Spark Connect session
     */
    public static JavaRDD<InternalRow> of(Dataset<Row> df) {
        if (df.isStreaming()) {
            throw new IllegalArgumentException("A streaming DataFrame cannot be read as rows here");
        }
        return classic(df).queryExecution().toRdd().toJavaRDD();
    }

    /** A lazy DataFrame of internal rows with the given schema (each row is copied as it is read). */
    public static Dataset<Row> frame(Dataset<Row> like, JavaRDD<InternalRow> rows, StructType schema) {
        return classic(like).sparkSession().internalCreateDataFrame(rows.rdd(), schema, false);
    }

    private static org.apache.spark.sql.classic.Dataset<Row> classic(Dataset<Row> df) {
        if (!(df instanceof org.apache.spark.sql.classic.Dataset)) {
            throw new IllegalArgumentException("The DataFrame must come from a classic Spark session, not Spark "
                    + "Connect (" + df.getClass().getName() + ")");
        }
        return (org.apache.spark.sql.classic.Dataset<Row>) df;
    }

    private static final int DOUBLE = 0;
    private static final int FLOAT = 1;
    private static final int LONG = 2;
    private static final int INT = 3;
    private static final int SHORT = 4;
    private static final int BYTE = 5;
    /** A decimal: the kind is DECIMAL + 100 * scale + 10000 * precision. */
    private static final int DECIMAL = 6;

    /** How to read each numeric column {@code index[j]} of the schema (see {@link #read}). */
    public static int[] numericKinds(StructType schema, int[] index) {
        int[] kinds = new int[index.length];
        for (int j = 0; j < index.length; j++) {
            DataType t = schema.fields()[index[j]].dataType();
            if (t instanceof DecimalType dt) {
                kinds[j] = DECIMAL + 100 * dt.scale() + 10000 * dt.precision();
            } else if (t.equals(DataTypes.DoubleType)) {
                kinds[j] = DOUBLE;
            } else if (t.equals(DataTypes.FloatType)) {
                kinds[j] = FLOAT;
            } else if (t.equals(DataTypes.LongType)) {
                kinds[j] = LONG;
            } else if (t.equals(DataTypes.IntegerType)) {
                kinds[j] = INT;
            } else if (t.equals(DataTypes.ShortType)) {
                kinds[j] = SHORT;
            } else if (t.equals(DataTypes.ByteType)) {
                kinds[j] = BYTE;
            } else {
                throw new IllegalArgumentException("Column " + schema.fields()[index[j]].name() + " is not numeric: "
                        + t.simpleString());
            }
        }
        return kinds;
    }

    /** Reads {@code out[j] = row[index[j]]} as a double (the value {@code Number.doubleValue} gives), a null as NaN. */
    public static void read(InternalRow r, int[] index, int[] kinds, double[] out) {
        read(r, index, kinds, out, 0);
    }

    /** Reads {@code out[off + j] = row[index[j]]} as {@link #read(InternalRow, int[], int[], double[])} does. */
    public static void read(InternalRow r, int[] index, int[] kinds, double[] out, int off) {
        for (int j = 0; j < index.length; j++) {
            int o = index[j];
            if (r.isNullAt(o)) {
                out[off + j] = Double.NaN;
                continue;
            }
            switch (kinds[j]) {
                case DOUBLE -> out[off + j] = r.getDouble(o);
                case FLOAT -> out[off + j] = r.getFloat(o);
                case LONG -> out[off + j] = r.getLong(o);
                case INT -> out[off + j] = r.getInt(o);
                case SHORT -> out[off + j] = r.getShort(o);
                case BYTE -> out[off + j] = r.getByte(o);
                default -> out[off + j] = r.getDecimal(o, kinds[j] / 10000, (kinds[j] % 10000) / 100)
                        .toJavaBigDecimal().doubleValue();
            }
        }
    }
}
