/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.core.Dataset;
import dev.segmentation.data.DataFiles;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Without order ids one customer-day is one order on Spark as in the single-JVM Rfm: the whole CDNOW log. */
class SparkRfmWithoutOrderIdsTest {

    @Test
    void frequencyCountsPurchaseDaysAsTheSingleJvmRfm() throws Exception {
        Transactions t = TransactionCsvReader.builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                .customerId("customer_id").timestamp("date", "yyyyMMdd").amount("dollar_value").build()
                .read(DataFiles.require("CDNOW_master.txt")).transactions();
        LocalDate asOf = LocalDate.parse("1997-10-01");
        RfmTable single = Rfm.asOf(asOf).compute(t);
        List<Row> rows = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            rows.add(RowFactory.create(t.customerId(i), t.epochSecond(i), t.amount(i)));
        }
        StructType type = new StructType().add("customer", DataTypes.StringType).add("time", DataTypes.LongType)
                .add("amount", DataTypes.DoubleType);
        SparkSession spark = SparkTestSession.get();
        TransactionSchema schema = TransactionSchema.builder().customerId("customer").timestamp("time")
                .amount("amount").zone(t.zone()).build();
        SparkRfm.Collected c = SparkRfm.asOf(asOf).compute(spark.createDataFrame(rows, type), schema).collect();
        assertEquals(single.customerIds(), c.customerIds());
        Dataset x = c.features();
        for (int i = 0; i < single.size(); i++) {
            assertEquals(single.frequency(i), (int) x.get(i, 1), single.customerIds().get(i));
            assertEquals(single.recencyDays(i), (int) x.get(i, 0), single.customerIds().get(i));
        }
    }
}
