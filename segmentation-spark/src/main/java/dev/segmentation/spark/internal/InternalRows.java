/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
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
}
