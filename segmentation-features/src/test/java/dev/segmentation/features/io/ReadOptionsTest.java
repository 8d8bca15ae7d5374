/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options every reader shares: delimiter, decimal separator, timestamp patterns, markers, policies. */
class ReadOptionsTest {
    /** A European export: semicolons, decimal commas, Latin-1, day-first local times, NULL for missing. */
    static final String EXPORT = "Kunde;Datum;Betrag;Notiz\n"
            + "K1;01.03.2024 10:00;12,50;\"a; b\"\n"
            + "K2;02.03.2024 11:30;-3,25;Rückgabe\n"
            + "NULL;03.03.2024 09:00;7;\n";

    static final ReadOptions EU = ReadOptions.defaults().withDelimiter(';').withDecimalSeparator(',')
            .withCharset(StandardCharsets.ISO_8859_1).withTimestampPatterns("dd.MM.yyyy HH:mm")
            .withZone(ZoneId.of("Europe/Berlin")).withMissingValues("NULL");

    static ByteArrayInputStream latin1(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void oneOptionsValueReadsAEuropeanExport() throws IOException {
        ReadResult r = TransactionCsvReader.builder().options(EU).customerId("Kunde").timestamp("Datum")
                .amount("Betrag").keep("Notiz").build().read(latin1(EXPORT), "export.csv");
        Transactions t = r.transactions();
        assertArrayEquals(new double[] {12.5, -3.25, 7}, t.amounts());
        assertEquals("a; b", t.stringValue("Notiz", 0));
        assertEquals("Rückgabe", t.stringValue("Notiz", 1));
        assertEquals(Instant.parse("2024-03-01T09:00:00Z"), t.instant(0), "10:00 in Berlin (CET)");
        assertEquals(-1, t.customerCode(2), "NULL is a missing customer");
        assertEquals(1, r.report().missingCustomerRows());
        // the same value reads the attribute table of the same export
        String crm = "Kunde;Umsatz;Region\nK1;1.234;Nord\nK2;NULL;NULL\n";
        CustomerTableCsvReader reader = CustomerTableCsvReader.builder().options(EU.withRowErrorPolicy(RowPolicy.DROP))
                .customerId("Kunde").numeric("Umsatz").categorical("Region").build();
        CustomerTableReadResult table = reader.read(latin1(crm), "crm.csv");
        assertEquals(List.of("K2"), table.table().customerIds(), "1.234 is no number with a decimal comma");
        assertTrue(Double.isNaN(table.table().numeric("Umsatz", 0)));
        assertEquals(null, table.table().category("Region", 0));
        RowError e = table.report().examples().get(0);
        assertTrue(e.reason().contains("decimal comma") && e.reason().contains("'' (empty) and 'NULL'"), e.reason());
        assertEquals(EU.withRowErrorPolicy(RowPolicy.DROP), reader.options());
    }

    @Test
    void builderShortcutsAndTheMainJobsTwoOptions() throws IOException {
        // what --delimiter ';' and --timestamp-pattern 'd/M/yy H:mm' give the job's reader
        String text = "InvoiceNo;InvoiceDate;CustomerID;Quantity;UnitPrice\n536365;1/12/10 8:26;17850.0;6;2.55\n";
        ReadResult r = TransactionCsvReader.builder().delimiter(';').customerId("CustomerID")
                .normalizeDecimalCustomerIds().orderId("InvoiceNo").timestamp("InvoiceDate", "d/M/yy H:mm")
                .quantityTimesUnitPrice("Quantity", "UnitPrice").build()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "retail.csv");
        assertEquals(Instant.parse("2010-12-01T08:26:00Z"), r.transactions().instant(0));
        assertEquals("17850", r.transactions().customerId(0));
        assertEquals(6 * 2.55, r.transactions().amount(0));
        // the wrong delimiter is named
        TransactionFormatException wrong = assertThrows(TransactionFormatException.class, () -> TransactionCsvReader
                .builder().delimiter(';').customerId("c").timestamp("t").amount("a").build()
                .read(new ByteArrayInputStream("c,t,a\nx,2024-01-01T00:00:00Z,1\n".getBytes(StandardCharsets.UTF_8)),
                        "o.csv"));
        assertTrue(wrong.getMessage().contains("is the delimiter ';' the file's?"), wrong.getMessage());
        // a tab-separated file
        String tsv = "c\tt\ta\nx\t2024-01-01T00:00:00Z\t1.5\n";
        assertEquals(1.5, TransactionCsvReader.builder().delimiter('\t').customerId("c").timestamp("t").amount("a")
                .build().read(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), "t.tsv")
                .transactions().amount(0));
    }

    @Test
    void missingValueMarkersApplyToRequiredValuesAndNameThemselves() throws IOException {
        String text = "order,customer,time,amount\no1,NA,2024-01-01T00:00:00Z,1\nNA,c2,2024-01-01T00:00:00Z,2\n"
                + "o3,c3,2024-01-01T00:00:00Z, NA \n";
        ReadResult r = TransactionCsvReader.builder().orderId("order").customerId("customer").timestamp("time")
                .amount("amount").missingValues("NA").onRowError(RowPolicy.DROP).build()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "o.csv");
        assertEquals(1, r.report().rowsKept());
        assertEquals(1, r.report().missingCustomerRows());
        assertEquals(1, r.report().errorCount("order", RowError.Kind.MISSING_VALUE));
        assertEquals(1, r.report().errorCount("amount", RowError.Kind.MISSING_VALUE));
        assertTrue(r.report().examples().get(1).reason().contains("is a missing-value marker but a number is "
                + "required"), r.report().examples().get(1).reason());
        // the default markers, named as they are
        CustomerTableFormatException e = assertThrows(CustomerTableFormatException.class, () -> CustomerTableCsvReader
                .builder().customerId("id").numeric("x").build()
                .read(new ByteArrayInputStream("id,x\na,n/a\n".getBytes(StandardCharsets.UTF_8)), "t.csv"));
        assertTrue(e.getMessage().contains("nor a missing-value marker ('' (empty))"), e.getMessage());
        assertEquals("'' (empty), 'NA' and '-'",
                ReadOptions.defaults().withMissingValues(" NA ", "-", "").markersText());
    }

    @Test
    void everyRowErrorNamesTheLineAndTheCustomerWhenItWasRead() throws IOException {
        // the bad amount comes before the customer id: the error still names the customer
        String text = "amount,time,customer\nx,2024-01-01T00:00:00Z,c1\n1,2024-01-01T00:00:00Z,\n";
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> TransactionCsvReader
                .builder().customerId("customer").timestamp("time").amount("amount").build()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "o.csv"));
        assertEquals("c1", e.customerId());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("Line 2 of o.csv (customer 'c1'), column 'amount': value 'x'"),
                e.getMessage());
        TransactionCsvReader failOnMissing = TransactionCsvReader.builder().customerId("customer").timestamp("time")
                .amount("amount").onMissingCustomer(RowPolicy.FAIL).build();
        byte[] fixed = text.replace("x,", "1,").getBytes(StandardCharsets.UTF_8);
        TransactionFormatException noCustomer = assertThrows(TransactionFormatException.class,
                () -> failOnMissing.read(new ByteArrayInputStream(fixed), "o.csv"));
        assertEquals(3, noCustomer.line());
        assertEquals(null, noCustomer.customerId());
        assertEquals(null, noCustomer.kind(), "a policy, not a row error");
        // duplicates name the customer and both lines
        String dup = "c,t,a\nx,2024-01-01T00:00:00Z,1\nx,2024-01-01T00:00:00Z,1\n";
        TransactionFormatException d = assertThrows(TransactionFormatException.class, () -> TransactionCsvReader
                .builder().customerId("c").timestamp("t").amount("a").onDuplicate(RowPolicy.FAIL).build()
                .read(new ByteArrayInputStream(dup.getBytes(StandardCharsets.UTF_8)), "o.csv"));
        assertTrue(d.getMessage().startsWith("Line 3 of o.csv (customer 'x') duplicates line 2"), d.getMessage());
    }

    @Test
    void theTableRecordsTheLineOfEachRow() throws IOException {
        String crm = "id,x\n\na,1\nb,bad\nc,3\n";
        CustomerTable t = CustomerTableCsvReader.builder().customerId("id").numeric("x").onRowError(RowPolicy.DROP)
                .build().read(new ByteArrayInputStream(crm.getBytes(StandardCharsets.UTF_8)), "crm.csv").table();
        assertEquals(3, t.sourceLine(0).getAsLong(), "line 2 is blank");
        assertEquals(5, t.sourceLine(1).getAsLong());
        assertEquals("row 1 (customer 'c', line 5 of crm.csv)", t.describeRow(1));
        assertEquals("row 0 (customer 'c', line 5 of crm.csv)", t.selectCustomers(List.of("c")).describeRow(0));
        assertEquals("crm.csv", t.source().orElseThrow());
        // a fitted pipeline names a bad row the way the reader numbers lines
        CustomerTable gap = CustomerTableCsvReader.builder().customerId("id").numeric("x").build()
                .read(new ByteArrayInputStream("id,x\na,1\n\nb,\n".getBytes(StandardCharsets.UTF_8)), "crm.csv")
                .table();
        FeaturePipeline standardize = FeaturePipeline.builder().standardize().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> standardize.fit(gap));
        assertTrue(e.getMessage().contains("at row 1 (customer 'b', line 4 of crm.csv), column 'x'"), e.getMessage());
        FittedPipeline fitted = standardize.fit(gap.selectCustomers(List.of("a")));
        IllegalArgumentException t2 = assertThrows(IllegalArgumentException.class, () -> fitted.transform(gap));
        assertTrue(t2.getMessage().contains("row 1 (customer 'b', line 4 of crm.csv)"), t2.getMessage());
    }

    @Test
    void optionsAreCheckedAlone_togetherAtBuild_andOnce() {
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withDelimiter('\n'));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withDecimalSeparator(';'));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withRowErrorPolicy(RowPolicy.KEEP));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withTimestampPatterns("yyyy-QQQQQQ"));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withMaxErrorExamples(-1));
        assertThrows(IllegalArgumentException.class, () -> ReadOptions.defaults().withColumnNames("a", "a"));
        // decimal comma with the comma delimiter, and a delimiter in the whitespace layout: at build, in any order
        IllegalArgumentException comma = assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader
                .builder().decimalSeparator(',').customerId("c").timestamp("t").amount("a").build());
        assertTrue(comma.getMessage().contains("';'"), comma.getMessage());
        TransactionCsvReader.builder().decimalSeparator(',').delimiter(';').customerId("c").timestamp("t").amount("a")
                .build();
        assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader.builder().delimiter(';')
                .layout(TransactionCsvReader.Layout.WHITESPACE).customerId("c").timestamp("t").amount("a").build());
        // options(...) or the options one by one, each once
        assertThrows(IllegalStateException.class, () -> TransactionCsvReader.builder().delimiter(';')
                .options(ReadOptions.defaults()));
        assertThrows(IllegalStateException.class, () -> TransactionCsvReader.builder().options(ReadOptions.defaults())
                .delimiter(';'));
        assertThrows(IllegalStateException.class, () -> TransactionCsvReader.builder().delimiter(';').delimiter(','));
        assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader.builder().onRowError(RowPolicy.KEEP));
        assertNotEquals(ReadOptions.defaults(), EU);
        assertEquals(EU, ReadOptions.defaults().withDelimiter(';').withDecimalSeparator(',')
                .withCharset(StandardCharsets.ISO_8859_1).withTimestampPatterns("dd.MM.yyyy HH:mm")
                .withZone(ZoneId.of("Europe/Berlin")).withMissingValues("NULL"));
        assertEquals(EU.hashCode(), EU.withMissingValues("NULL").hashCode());
        assertTrue(EU.toString().contains("delimiter=';'"), EU.toString());
    }

    @Test
    void theReportRendersItselfAndAddsUp() throws IOException {
        String text = "c,t,a\nx,2024-01-01T00:00:00Z,1\n,2024-01-01T00:00:00Z,2\ny,bad,3\n";
        ReadReport rep = TransactionCsvReader.builder().customerId("c").timestamp("t").amount("a")
                .onMissingCustomer(RowPolicy.DROP).onRowError(RowPolicy.DROP).build()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "o.csv").report();
        String table = rep.table();
        assertTrue(table.startsWith("o.csv: 3 rows read (3 lines), 1 kept, 1 skipped for errors, 1 dropped"), table);
        assertTrue(table.contains("dropped: no customer id"), table);
        assertTrue(table.contains("UNPARSEABLE_TIMESTAMP"), table);
        assertTrue(table.contains("line 4 (customer 'y'), column 't'"), table);
        assertEquals(RowPolicy.DROP, rep.policy());
    }
}
