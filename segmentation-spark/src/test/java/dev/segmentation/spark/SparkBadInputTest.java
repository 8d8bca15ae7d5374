/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each class of bad input, with the message it gets. */
class SparkBadInputTest {
    static final StructType TX = new StructType().add("customer", DataTypes.StringType)
            .add("order", DataTypes.StringType).add("time", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType);
    static final TransactionSchema SCHEMA = TransactionSchema.builder().customerId("customer").orderId("order")
            .timestamp("time", "yyyy-MM-dd HH:mm").amount("amount").build();
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = SparkTestSession.get();
    }

    static org.apache.spark.sql.Dataset<Row> tx(Object[]... rows) {
        List<Row> list = new java.util.ArrayList<>();
        for (Object[] r : rows) {
            list.add(RowFactory.create(r));
        }
        return spark.createDataFrame(list, TX);
    }

    static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void missingColumnOrWrongTypeNamesTheColumnAndTheExpectedType() {
        org.apache.spark.sql.Dataset<Row> df = tx(new Object[] {"a", "o1", "2011-01-01 10:00", 5.0});
        String missing = message(() -> SparkRfm.asOf(LocalDate.parse("2011-02-01")).compute(df.drop("amount"),
                SCHEMA));
        assertTrue(missing.startsWith("Missing column 'amount' (amount); the DataFrame has [customer, order, time]"),
                missing);
        String type = message(() -> SparkRfm.asOf(LocalDate.parse("2011-02-01"))
                .compute(df.withColumn("customer", df.col("amount")), SCHEMA));
        assertEquals("Column 'customer' (customer id) must be string but is double", type);
        String kmeans = message(() -> SparkKMeans.builder().k(1).build().fit(df, List.of("time")));
        assertTrue(kmeans.startsWith("Column 'time' (feature) must be numeric"), kmeans);
        assertTrue(kmeans.endsWith("but is string"), kmeans);
    }

    @Test
    void nullCustomersAreCountedAndNullTimestampsFollowTheRowPolicy() {
        org.apache.spark.sql.Dataset<Row> df = tx(
                new Object[] {"a", "o1", "2011-01-01 10:00", 5.0},
                new Object[] {null, "o2", "2011-01-02 10:00", 7.0},
                new Object[] {" ", "o3", "2011-01-02 10:00", 7.0},
                new Object[] {"b", "o4", null, 1.0},
                new Object[] {"b", "o5", "not a date", 1.0},
                new Object[] {"b", "o6", "2011-01-03 09:00", 2.5});
        SparkRfm rfm = SparkRfm.asOf(LocalDate.parse("2011-02-01"));
        String fail = message(() -> rfm.compute(df, SCHEMA));
        assertTrue(fail.startsWith("2 row(s) have a null or unreadable timestamp (column 'time')"), fail);
        SparkRfm.Result r = rfm.onBadRows(SparkRfm.BadRows.DROP).compute(df, SCHEMA);
        assertEquals(2, r.droppedBadRows());
        assertEquals(2, r.excludedMissingCustomer());
        assertEquals(2, r.rowsUsed());
        assertEquals(List.of("a", "b"), r.collect().customerIds());
        SparkTransactionFilter.Result clean = SparkTransactionFilter.builder().dropMissingCustomer().build()
                .apply(df, SCHEMA);
        assertEquals(2, clean.report().dropped("missing customer"));
        assertEquals(4, clean.report().rowsKept());
    }

    @Test
    void emptyDataFramesAndKAboveTheDistinctRows() {
        StructType s = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        org.apache.spark.sql.Dataset<Row> empty = spark.createDataFrame(List.<Row>of(), s);
        assertEquals("The DataFrame has no rows: k-means needs at least k = 2",
                message(() -> SparkKMeans.builder().k(2).build().fit(empty, List.of("x", "y"))));
        org.apache.spark.sql.Dataset<Row> dup = spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0),
                RowFactory.create(1.0, 2.0), RowFactory.create(3.0, 2.0), RowFactory.create(-0.0, 0.0),
                RowFactory.create(0.0, 0.0)), s).repartition(2);
        assertEquals("k = 4 but the data hold only 3 distinct row(s); lower k or remove duplicates",
                message(() -> SparkKMeans.builder().k(4).build().fit(dup, List.of("x", "y"))));
        org.apache.spark.sql.Dataset<Row> nan = spark.createDataFrame(List.of(RowFactory.create(1.0, Double.NaN)), s);
        String m = message(() -> SparkKMeans.builder().k(1).build().fit(nan, List.of("x", "y")));
        assertTrue(m.startsWith("Column 'y' is NaN in row 0 of partition 0"), m);
        SparkRfm.Result none = SparkRfm.asOf(LocalDate.parse("2011-02-01")).compute(tx(), SCHEMA);
        assertEquals(0, none.collect().customerIds().size());
        assertEquals(0, none.rowsUsed());
    }

    /** The single JVM's overflow policy: refused before any iteration, naming the global row, column and value. */
    @Test
    void valuesWhoseSquaresLeaveTheDoubleRangeAreRefusedLikeTheSingleJvm() {
        StructType s = new StructType().add("x", DataTypes.DoubleType).add("y", DataTypes.DoubleType);
        List<Row> big = new java.util.ArrayList<>();
        double[][] values = new double[60][2];
        for (int i = 0; i < 60; i++) {
            values[i][0] = (i % 3 - 1) * 1e160 * (1 + i / 100.0);
            values[i][1] = i;
            big.add(RowFactory.create(values[i][0], values[i][1]));
        }
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(big, 3),
                s);
        String m = message(() -> SparkKMeans.builder().k(3).build().fit(df, List.of("x", "y")));
        assertTrue(m.contains("is too large for k-means") && m.contains(", column 0 ('x')"), m);
        int row = Integer.parseInt(m.replaceAll("(?s).* at row (\\d+),.*", "$1"));
        double value = Double.parseDouble(m.replaceAll("(?s)^The value (\\S+) at row.*", "$1"));
        assertEquals(values[row][0], value, 0.0, m);
        assertEquals(59, row, m); // the largest magnitude, in the last partition
        assertTrue(Math.abs(value) > dev.segmentation.core.internal.DistanceRange.largestMagnitude(60, 2, 0), m);
        List<Row> tiny = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tiny.add(RowFactory.create((i % 7) * Double.MIN_VALUE * 1000, (i % 5) * Double.MIN_VALUE * 1000));
        }
        String t = message(() -> SparkKMeans.builder().k(3).build().fit(spark.createDataFrame(tiny, s),
                List.of("x", "y")));
        assertTrue(t.startsWith("The data's largest column range, ") && t.contains("(column 0 ('x'))")
                && t.contains("is too small for k-means"), t);
        String given = message(() -> SparkKMeans.builder().k(1).initialCentroids(new double[][] {{1e300, 0}}).build()
                .fit(spark.createDataFrame(List.of(RowFactory.create(1.0, 2.0)), s), List.of("x", "y")));
        assertTrue(given.contains("too large for k-means (the given initial centres)"), given);
    }
}
