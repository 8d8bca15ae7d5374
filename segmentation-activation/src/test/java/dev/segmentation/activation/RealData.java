package dev.segmentation.activation;

import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.TransactionCsvReader;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The shipped transaction logs, read and cleaned as the example job does; skipped when absent. */
public final class RealData {
    private static Transactions onlineRetail;
    private static Transactions cdnow;

    private RealData() {
    }

    /** UCI Online Retail without missing customers, cancellations, non-positive lines and non-product codes. */
    public static synchronized Transactions onlineRetail() {
        if (onlineRetail == null) {
            TransactionCsvReader reader = TransactionCsvReader.builder()
                    .customerId("CustomerID").normalizeDecimalCustomerIds()
                    .orderId("InvoiceNo")
                    .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                    .quantityTimesUnitPrice("Quantity", "UnitPrice")
                    .keep("StockCode")
                    .build();
            TransactionFilter clean = TransactionFilter.builder()
                    .dropMissingCustomer()
                    .dropOrderIdPrefix("C", "cancelled invoice")
                    .dropNonPositiveQuantity()
                    .dropNonPositiveUnitPrice()
                    .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
                    .build();
            onlineRetail = clean.apply(read(reader, "online_retail.csv.gz")).transactions();
        }
        return onlineRetail;
    }

    /** The CDNOW master log. */
    public static synchronized Transactions cdnow() {
        if (cdnow == null) {
            TransactionCsvReader reader = TransactionCsvReader.builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                    .customerId("customer_id").timestamp("date", "yyyyMMdd").amount("dollar_value").build();
            cdnow = read(reader, "CDNOW_master.txt");
        }
        return cdnow;
    }

    private static Transactions read(TransactionCsvReader reader, String file) {
        try {
            return reader.read(Fixtures.dataFile(file)).transactions();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
