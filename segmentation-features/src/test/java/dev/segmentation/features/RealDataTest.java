/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.features.io.ReadResult;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.Rfm;
import dev.segmentation.features.rfm.RfmTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reader, the cleaning rules and RFM on the real shared data, checked against an independent pandas
 * computation (fixtures and the script that made them in {@code fixtures/rfm/}). Skipped when the data are
 * absent.
 */
class RealDataTest {
    static final String FIXTURES = "/fixtures/rfm/";

    static TransactionCsvReader onlineRetailReader() {
        return TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode", "Country")
                .build();
    }

    static TransactionFilter onlineRetailCleaning() {
        return TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
                .build();
    }

    @Test
    void onlineRetailCleaningAndRfmMatchPandas() throws IOException {
        Path file = TestData.require("online_retail.csv.gz");
        ReadResult read = onlineRetailReader().read(file);
        Transactions all = read.transactions();
        assertEquals(541_909, read.report().rowsRead());
        assertEquals(541_909, all.size());
        assertEquals(135_080, all.missingCustomerCount());
        assertEquals(135_080, read.report().missingCustomerRows());
        assertEquals(4_372, all.customerCount());
        assertEquals(25_900, all.orderCount());

        FilterResult clean = onlineRetailCleaning().apply(all);
        List<NamedCsvRecord> expectedCounts = TestData.fixture(FIXTURES + "online_retail_filter_counts.csv");
        assertEquals(5, expectedCounts.size());
        assertEquals(5, clean.report().rules().size());
        for (int r = 0; r < expectedCounts.size(); r++) {
            NamedCsvRecord e = expectedCounts.get(r);
            FilterReportRule actual = new FilterReportRule(clean.report().rules().get(r).rule(),
                    clean.report().rules().get(r).dropped());
            assertEquals(new FilterReportRule(e.getField("rule"), Long.parseLong(e.getField("dropped"))), actual);
        }
        assertEquals(135_080, clean.report().dropped("missing customer"));
        assertEquals(396_337, clean.report().rowsKept());

        RfmTable rfm = Rfm.asOf(LocalDate.parse("2011-12-10")).compute(clean.transactions());
        List<NamedCsvRecord> expected = TestData.fixture(FIXTURES + "online_retail_rfm_2011-12-10.csv");
        assertTrue(TestData.fixtureComments(FIXTURES + "online_retail_rfm_2011-12-10.csv").get(0).contains("pandas"));
        assertEquals(expected.size(), rfm.size());
        assertEquals(396_337, rfm.rowsUsed());
        assertEquals(0, rfm.excludedAtOrAfterAsOf());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            NamedCsvRecord e = expected.get(i);
            String id = e.getField("customer_id");
            if (!id.equals(rfm.customerIds().get(i))) {
                mismatches.add("row " + i + ": id " + rfm.customerIds().get(i) + " but pandas has " + id);
                continue;
            }
            int recency = Integer.parseInt(e.getField("recency_days"));
            int frequency = Integer.parseInt(e.getField("frequency"));
            double monetary = Double.parseDouble(e.getField("monetary"));
            if (rfm.recencyDays(i) != recency || rfm.frequency(i) != frequency
                    || Math.abs(rfm.monetary(i) - monetary) > 1e-9 * Math.max(1, Math.abs(monetary))) {
                mismatches.add(id + ": " + rfm.recencyDays(i) + "/" + rfm.frequency(i) + "/" + rfm.monetary(i)
                        + " but pandas has " + recency + "/" + frequency + "/" + monetary);
            }
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(10, mismatches.size())));
    }

    /** A rule count as a value, for readable assertion messages. */
    record FilterReportRule(String rule, long dropped) {
    }

    @Test
    void cdnowMasterWhitespaceWithHeader() throws IOException {
        Path file = TestData.require("CDNOW_master.txt");
        ReadResult r = TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .customerId("customer_id")
                .timestamp("date", "yyyyMMdd")
                .amount("dollar_value")
                .keep("number_of_cds")
                .build()
                .read(file);
        Transactions t = r.transactions();
        assertEquals(69_659, r.report().rowsRead());
        assertEquals(69_659, t.size());
        assertEquals(23_570, t.customerCount());
        assertEquals(0, t.missingCustomerCount());
        assertEquals("00001", t.customerId(0));
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int zero = 0;
        for (int i = 0; i < t.size(); i++) {
            first = Math.min(first, t.epochSecond(i));
            last = Math.max(last, t.epochSecond(i));
            if (t.amount(i) == 0) {
                zero++;
            }
        }
        assertEquals(LocalDate.parse("1997-01-01").toEpochDay() * 86_400, first);
        assertEquals(LocalDate.parse("1998-06-30").toEpochDay() * 86_400, last);
        assertEquals(80, zero);
    }

    @Test
    void cdnowSampleWhitespaceWithoutHeader() throws IOException {
        Path file = TestData.require("CDNOW_sample.txt");
        ReadResult r = TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .withoutHeader("master_id", "sample_id", "date", "number_of_cds", "dollar_value")
                .customerId("sample_id")
                .timestamp("date", "yyyyMMdd")
                .amount("dollar_value")
                .keep("master_id")
                .build()
                .read(file);
        Transactions t = r.transactions();
        assertEquals(6_919, t.size());
        assertEquals(2_357, t.customerCount());
        Set<String> masters = new HashSet<>(List.of(t.stringColumn("master_id")));
        assertEquals(2_357, masters.size());
    }
}
