/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.Transactions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionCsvReaderTest {
    static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    static final String RETAIL = HEADER
            + "536365,85123A,\"WHITE HANGING HEART, T-LIGHT HOLDER\",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
            + "536366,22633,\"RECORD FRAME 7\"\" SINGLE SIZE \",6,2010-12-01 08:28:00,1.85,,United Kingdom\n"
            + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527.0,\"Kingdom, United\"\n"
            + "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850.0,United Kingdom\n";

    @TempDir
    Path dir;

    static TransactionCsvReader.Builder retail() {
        return TransactionCsvReader.builder()
                .customerId("CustomerID")
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode", "Description", "Country");
    }

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsQuotedCommasEscapedQuotesAndMissingCustomers() throws IOException {
        ReadResult r = retail().normalizeDecimalCustomerIds().build().read(write("retail.csv", RETAIL));
        Transactions t = r.transactions();
        assertEquals(4, t.size());
        assertEquals("WHITE HANGING HEART, T-LIGHT HOLDER", t.stringValue("Description", 0));
        assertEquals("RECORD FRAME 7\" SINGLE SIZE ", t.stringValue("Description", 1));
        assertEquals("Kingdom, United", t.stringValue("Country", 2));
        assertEquals("17850", t.customerId(0));
        assertNull(t.customerId(1));
        assertEquals(-1, t.customerCode(1));
        assertFalse(t.hasCustomer(1));
        assertEquals("14527", t.customerId(2));
        assertEquals(t.customerCode(0), t.customerCode(3));
        assertEquals(List.of("17850", "14527"), t.customerIds());
        assertEquals(1, t.missingCustomerCount());
        assertEquals(List.of("536365", "536366", "C536379"), t.orderIds());
        assertEquals(Instant.parse("2010-12-01T08:26:00Z"), t.instant(0));
        assertEquals(6 * 2.55, t.amount(0));
        assertEquals(-1 * 27.50, t.amount(2));
        assertEquals(-1.0, t.quantity(2));
        assertEquals(27.5, t.unitPrice(2));
        ReadReport rep = r.report();
        assertEquals(4, rep.rowsRead());
        assertEquals(4, rep.rowsKept());
        assertEquals(0, rep.rowsSkipped());
        assertEquals(1, rep.missingCustomerRows());
        assertEquals(0, rep.errorCount());
    }

    @Test
    void keepsDecimalCustomerIdsVerbatimUnlessAskedToNormalise() throws IOException {
        Transactions t = retail().build().read(write("retail.csv", RETAIL)).transactions();
        assertEquals("17850.0", t.customerId(0));
    }

    @Test
    void detectsGzipByMagicBytesWhateverTheName() throws IOException {
        Path gz = dir.resolve("retail.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(RETAIL.getBytes(StandardCharsets.UTF_8));
        }
        Transactions plain = retail().build().read(write("plain.csv", RETAIL)).transactions();
        Transactions zipped = retail().build().read(gz).transactions();
        assertEquals(plain.size(), zipped.size());
        assertArrayEquals(plain.amounts(), zipped.amounts());
        assertArrayEquals(plain.epochSeconds(), zipped.epochSeconds());
        assertArrayEquals(plain.stringColumn("Description"), zipped.stringColumn("Description"));
    }

    @Test
    void unparseableDateUnderFailNamesLineColumnValueAndPattern() throws IOException {
        Path p = write("bad.csv", HEADER
                + "536365,85123A,X,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom\n"
                + "536366,85123A,X,6,2010-13-01 08:26:00,2.55,17850.0,United Kingdom\n");
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> retail().build().read(p));
        assertTrue(e.getMessage().contains("Line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("'InvoiceDate'"), e.getMessage());
        assertTrue(e.getMessage().contains("'2010-13-01 08:26:00'"), e.getMessage());
        assertTrue(e.getMessage().contains("yyyy-MM-dd HH:mm:ss"), e.getMessage());
        assertEquals(3, e.line());
        assertEquals("InvoiceDate", e.column());
        assertEquals("2010-13-01 08:26:00", e.value());
    }

    @Test
    void impossibleCalendarDateIsAnErrorNotMovedToAnotherDay() throws IOException {
        Path p = write("bad.csv", HEADER + "536365,85123A,X,6,2011-02-30 08:26:00,2.55,17850.0,UK\n");
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> retail().build().read(p));
        assertEquals("2011-02-30 08:26:00", e.value());
    }

    @Test
    void unparseableNumberUnderFailNamesLineColumnAndValue() throws IOException {
        Path p = write("bad.csv", HEADER + "536365,85123A,X,six,2010-12-01 08:26:00,2.55,17850.0,UK\n");
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> retail().build().read(p));
        assertTrue(e.getMessage().contains("Line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'Quantity'"), e.getMessage());
        assertTrue(e.getMessage().contains("'six'"), e.getMessage());
        assertTrue(e.getMessage().contains("decimal number"), e.getMessage());
    }

    @Test
    void skipPolicyDropsBadRowsAndReportsCountsAndExamples() throws IOException {
        Path p = write("bad.csv", HEADER
                + "1,A,X,6,2010-12-01 08:26:00,2.55,17850.0,UK\n"         // line 2 ok
                + "2,A,X,6,01/12/2010 08:26,2.55,17850.0,UK\n"            // line 3 bad date
                + "3,A,X,six,2010-12-01 08:26:00,1e400,17850.0,UK\n"      // line 4 bad quantity + overflow price
                + "4,A,X,6,2010-12-01 08:26:00,,,UK\n"                    // line 5 empty price, missing customer
                + "5,A,X,6,2010-12-01 08:26:00,2.55,,UK\n"                // line 6 ok, missing customer
                + "6,A,X,6\n"                                             // line 7 too few fields
                + "7,A,X,6,,2.55,17850.0,UK\n");                          // line 8 empty date
        ReadResult r = retail().onRowError(RowPolicy.DROP).maxErrorExamples(3).build().read(p);
        ReadReport rep = r.report();
        assertEquals(7, rep.rowsRead());
        assertEquals(2, rep.rowsKept());
        assertEquals(5, rep.rowsSkipped());
        assertEquals(1, rep.missingCustomerRows());
        assertEquals(1, rep.errorCount("InvoiceDate", RowError.Kind.UNPARSEABLE_TIMESTAMP));
        assertEquals(1, rep.errorCount("InvoiceDate", RowError.Kind.MISSING_VALUE));
        assertEquals(1, rep.errorCount("Quantity", RowError.Kind.UNPARSEABLE_NUMBER));
        assertEquals(1, rep.errorCount("UnitPrice", RowError.Kind.NON_FINITE_NUMBER));
        assertEquals(1, rep.errorCount("UnitPrice", RowError.Kind.MISSING_VALUE));
        assertEquals(1, rep.errorCount(ReadReport.ROW, RowError.Kind.FIELD_COUNT));
        assertEquals(6, rep.errorCount());
        assertEquals(3, rep.examples().size());
        RowError first = rep.examples().get(0);
        assertEquals(3, first.line());
        assertEquals("InvoiceDate", first.column());
        assertEquals("01/12/2010 08:26", first.value());
        assertEquals(RowError.Kind.UNPARSEABLE_TIMESTAMP, first.kind());
        assertTrue(first.reason().contains("yyyy-MM-dd HH:mm:ss"));
        assertEquals(new RowError(4, "Quantity", "six", RowError.Kind.UNPARSEABLE_NUMBER,
                rep.examples().get(1).reason(), "17850.0"), rep.examples().get(1));
        assertEquals("17850.0", rep.examples().get(2).customerId(), "the customer comes after the bad field");
        assertEquals("1e400", rep.examples().get(2).value());
        assertEquals(List.of("1", "5"), r.transactions().orderIds());
    }

    @Test
    void fieldCountErrorUnderFail() throws IOException {
        Path p = write("bad.csv", HEADER + "6,A,X,6\n");
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> retail().build().read(p));
        assertTrue(e.getMessage().contains("Line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("'4'"), e.getMessage());
        assertTrue(e.getMessage().contains("the header has 8"), e.getMessage());
    }

    @Test
    void missingColumnFailsAndListsTheAvailableColumns() throws IOException {
        Path p = write("retail.csv", RETAIL);
        TransactionCsvReader reader = TransactionCsvReader.builder().customerId("CustomerID").orderId("Invoice")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss").amount("UnitPrice").build();
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> reader.read(p));
        assertTrue(e.getMessage().contains("'Invoice'"), e.getMessage());
        assertTrue(e.getMessage().contains("[InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, "
                + "CustomerID, Country]"), e.getMessage());
    }

    @Test
    void repeatedHeaderColumnIsAnError() throws IOException {
        Path p = write("dup.csv", "c,t,a,a\n1,20110101,2,3\n");
        TransactionCsvReader reader = TransactionCsvReader.builder().customerId("c").timestamp("t", "yyyyMMdd")
                .amount("a").build();
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> reader.read(p));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    @Test
    void missingFileGivesAClearMessage() {
        Path p = dir.resolve("nope.csv.gz");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> retail().build().read(p));
        assertTrue(e.getMessage().contains("nope.csv.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("transaction file not found"), e.getMessage());
    }

    @Test
    void emptyFileHasNoHeader() throws IOException {
        Path p = write("empty.csv", "");
        TransactionFormatException e = assertThrows(TransactionFormatException.class, () -> retail().build().read(p));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    @Test
    void headerOnlyGivesNoRows() throws IOException {
        ReadResult r = retail().build().read(write("h.csv", HEADER));
        assertEquals(0, r.transactions().size());
        assertEquals(0, r.report().rowsRead());
    }

    @Test
    void whitespaceLayoutWithHeader() throws IOException {
        Path p = write("cdnow.txt", " customer_id  date number_of_cds  dollar_value\r\n"
                + " 00001 19970101  1   11.77\r\n"
                + " 00002 19970112  1   12.00\r\n"
                + "   \r\n"
                + " 00002 19970112  5   77.00\r\n");
        ReadResult r = TransactionCsvReader.builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                .customerId("customer_id").timestamp("date", "yyyyMMdd").amount("dollar_value")
                .keep("number_of_cds").build().read(p);
        Transactions t = r.transactions();
        assertEquals(3, t.size());
        assertEquals(3, r.report().rowsRead());
        assertEquals(List.of("00001", "00002"), t.customerIds());
        assertEquals(Instant.parse("1997-01-12T00:00:00Z"), t.instant(1));
        assertEquals(77.0, t.amount(2));
        assertEquals("5", t.stringValue("number_of_cds", 2));
        assertFalse(t.hasOrderIds());
    }

    @Test
    void whitespaceLayoutWithoutHeader() throws IOException {
        Path p = write("sample.txt", " 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n"
                + " 00112 0002 19970101  1   14.96\r\n");
        ReadResult r = TransactionCsvReader.builder().layout(TransactionCsvReader.Layout.WHITESPACE)
                .withoutHeader("master_id", "sample_id", "date", "cds", "dollars")
                .customerId("sample_id").timestamp("date", "yyyyMMdd").amount("dollars").build().read(p);
        Transactions t = r.transactions();
        assertEquals(3, t.size());
        assertEquals(List.of("0001", "0002"), t.customerIds());
        assertArrayEquals(new double[] {29.33, 29.73, 14.96}, t.amounts());
    }

    @Test
    void csvWithoutHeaderAndAnAmountColumnInAZone() throws IOException {
        Path p = write("x.csv", "a,2011-07-01 10:00:00,3.5\nb,2011-01-01 10:00:00,-2\n");
        Transactions t = TransactionCsvReader.builder().withoutHeader("c", "t", "amt").customerId("c")
                .timestamp("t", "yyyy-MM-dd HH:mm:ss").zone(ZoneId.of("Europe/London")).amount("amt").build()
                .read(p).transactions();
        assertEquals(Instant.parse("2011-07-01T09:00:00Z"), t.instant(0)); // BST
        assertEquals(Instant.parse("2011-01-01T10:00:00Z"), t.instant(1)); // GMT
        assertEquals(ZoneId.of("Europe/London"), t.zone());
        assertThrows(IllegalStateException.class, t::orderCount);
        assertThrows(IllegalStateException.class, () -> t.quantity(0));
    }

    @Test
    void utf8ByteOrderMarkIsSkipped() throws IOException {
        Path p = write("bom.csv", "\uFEFFc,t,a\nx,20110101,1\n");
        Transactions t = TransactionCsvReader.builder().customerId("c").timestamp("t", "yyyyMMdd").amount("a")
                .build().read(p).transactions();
        assertEquals(List.of("x"), t.customerIds());
    }

    @Test
    void readsFromAStream() throws IOException {
        ReadResult r = retail().build().read(new ByteArrayInputStream(RETAIL.getBytes(StandardCharsets.UTF_8)),
                "inline");
        assertEquals("inline", r.report().source());
        assertEquals(4, r.transactions().size());
    }

    @Test
    void builderRejectsIncompleteAndContradictoryConfiguration() {
        assertThrows(IllegalStateException.class,
                () -> TransactionCsvReader.builder().timestamp("t", "yyyyMMdd").amount("a").build());
        assertThrows(IllegalStateException.class,
                () -> TransactionCsvReader.builder().customerId("c").amount("a").build());
        assertThrows(IllegalStateException.class,
                () -> TransactionCsvReader.builder().customerId("c").timestamp("t", "yyyyMMdd").build());
        assertThrows(IllegalStateException.class,
                () -> TransactionCsvReader.builder().amount("a").quantityTimesUnitPrice("q", "p"));
        assertThrows(IllegalStateException.class, () -> TransactionCsvReader.builder().customerId("a").customerId("b"));
        IllegalArgumentException twoRoles = assertThrows(IllegalArgumentException.class,
                () -> TransactionCsvReader.builder().customerId("c").timestamp("t", "yyyyMMdd").amount("c").build());
        assertTrue(twoRoles.getMessage().contains("'c'"), twoRoles.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader.builder().timestamp("t", "yyyy-QQQQQQ"));
        assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader.builder().customerId(" "));
        assertThrows(IllegalArgumentException.class, () -> TransactionCsvReader.builder().maxErrorExamples(-1));
        IllegalArgumentException unnamed = assertThrows(IllegalArgumentException.class,
                () -> TransactionCsvReader.builder().withoutHeader("c", "t").customerId("c").timestamp("t", "yyyyMMdd")
                        .amount("amt").build());
        assertTrue(unnamed.getMessage().contains("'amt'"), unnamed.getMessage());
    }
}
