/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.data.DataFiles;
import dev.segmentation.features.FilterResult;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/** The main job's reading and cleaning of Online Retail, single-JVM and on Spark, shared by the tests. */
final class OnlineRetail {
    static final LocalDate AS_OF = LocalDate.parse("2011-12-10");
    static final String FILE = "online_retail.csv.gz";

    private OnlineRetail() {
    }

    static Path file() {
        return DataFiles.require(FILE);
    }

    /** The main job's reader (SegmentCustomers.reader()). */
    static ReadResult readSingle() throws IOException {
        return TransactionCsvReader.builder().customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo").timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice").keep("StockCode").build().read(file());
    }

    /** The main job's cleaning (SegmentCustomers.cleaning()). */
    static FilterResult cleanSingle(ReadResult read) {
        return TransactionFilter.builder().dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity().dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"),
                        "non-product stock code (POST, M, BANK CHARGES, ...)")
                .build().apply(read.transactions());
    }

    static RfmTable rfmSingle() throws IOException {
        return Rfm.asOf(AS_OF).compute(cleanSingle(readSingle()).transactions());
    }

    static Dataset<Row> readSpark(SparkSession spark) {
        return spark.read().option("header", "true").csv(file().toString());
    }

    static TransactionSchema schema() {
        return TransactionSchema.builder().customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo").timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice").build();
    }

    static SparkTransactionFilter cleaningSpark() {
        return SparkTransactionFilter.builder().dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity().dropNonPositiveUnitPrice()
                .dropUnlessMatches("StockCode", "^\\d{5}.*", "non-product stock code (POST, M, BANK CHARGES, ...)")
                .build();
    }
}
