/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.Transactions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed CSV (stray and unclosed quotes) and bytes that are not valid in the charset. */
class MalformedInputTest {
    static final String HEADER = "order,customer,time,amount,note\n";

    static TransactionCsvReader.Builder reader() {
        return TransactionCsvReader.builder().orderId("order").customerId("customer")
                .timestamp("time", "yyyy-MM-dd HH:mm:ss").amount("amount").keep("note");
    }

    static ReadResult read(TransactionCsvReader r, String text) throws IOException {
        return read(r, text.getBytes(StandardCharsets.UTF_8));
    }

    static ReadResult read(TransactionCsvReader r, byte[] bytes) throws IOException {
        return r.read(new ByteArrayInputStream(bytes), "orders.csv");
    }

    static String rows(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i <= to; i++) {
            s.append("o").append(i).append(",c").append(i).append(",2024-03-01 10:00:00,").append(i)
                    .append(".5,\"note, ").append(i).append("\"\n");
        }
        return s.toString();
    }

    @Test
    void anOpeningQuoteThatNeverClosesIsOneMalformedRecordAndTheLinesAfterItAreRead() throws IOException {
        // line 4 opens a quote in the amount field that no later quote closes (the notes are unquoted)
        String text = HEADER + "o1,c1,2024-03-01 10:00:00,1.5,a\n" + "o2,c2,2024-03-01 10:00:00,2.5,b\n"
                + "o3,c3,2024-03-01 10:00:00,\"3.5,c\n" + "o4,c4,2024-03-01 10:00:00,4.5,d\n"
                + "o5,c5,2024-03-01 10:00:00,5.5,e\n";
        ReadReport rep = read(reader().onRowError(RowPolicy.DROP).build(), text).report();
        assertEquals(5, rep.rowsRead(), "every physical record is counted");
        assertEquals(5, rep.linesRead());
        assertEquals(4, rep.rowsKept());
        assertEquals(1, rep.rowsSkipped());
        assertEquals(1, rep.errorCount(ReadReport.ROW, RowError.Kind.MALFORMED_CSV));
        RowError e = rep.examples().get(0);
        assertEquals(4, e.line(), "the line where the record starts");
        assertEquals(RowError.Kind.MALFORMED_CSV, e.kind());
        assertEquals("c3", e.customerId());
        assertTrue(e.value().startsWith("o3,c3,"), e.value());
        assertTrue(e.reason().contains("does not close") && e.reason().contains("line 5"), e.reason());

        TransactionFormatException f = assertThrows(TransactionFormatException.class,
                () -> read(reader().build(), text));
        assertEquals(4, f.line());
        assertEquals(RowError.Kind.MALFORMED_CSV, f.kind());
        assertEquals(ReadReport.ROW, f.column());
        assertTrue(f.getMessage().startsWith("Line 4 of orders.csv (customer 'c3')"), f.getMessage());
    }

    @Test
    void aStrayQuoteThatPairsWithALaterOneDoesNotSwallowTheLinesBetween() throws IOException {
        // the stray quote on line 3 pairs with the opening quote of line 5's note: FastCSV sees text after it
        String text = HEADER + rows(1, 1) + "o2,c2,\"2024-03-01 10:00:00,2.5,x\n" + "o3,c3,2024-03-01 10:00:00,3.5,y\n"
                + rows(4, 6);
        ReadResult r = read(reader().onRowError(RowPolicy.DROP).build(), text);
        ReadReport rep = r.report();
        assertEquals(6, rep.rowsRead());
        assertEquals(5, rep.rowsKept());
        assertEquals(List.of("o1", "o3", "o4", "o5", "o6"), r.transactions().orderIds());
        assertEquals(3, rep.examples().get(0).line());
        assertEquals("note, 4", r.transactions().stringValue("note", 2));
    }

    @Test
    void aQuoteThatClosesOnALaterLineMakesAMultiLineRecordThatTheReportCounts() throws IOException {
        // the quote opened on line 2 closes at the end of line 3: valid RFC 4180, one record of two lines
        String text = HEADER + "o1,c1,2024-03-01 10:00:00,1.5,\"a\n" + "o2,c2,2024-03-01 10:00:00,2.5,b\"\n"
                + rows(3, 3);
        ReadResult r = read(reader().onRowError(RowPolicy.DROP).build(), text);
        assertEquals(List.of("o1", "o3"), r.transactions().orderIds());
        assertEquals(2, r.report().rowsRead());
        assertEquals(3, r.report().linesRead(), "the report shows that a record took two lines");
        // where records are one line each, the quoted line break is malformed and line 3 is read on its own
        ReadResult strict = read(reader().multiLineFields(false).onRowError(RowPolicy.DROP).build(), text);
        assertEquals(List.of("o2", "o3"), strict.transactions().orderIds());
        assertEquals("b\"", strict.transactions().stringValue("note", 0), "a quote inside an unquoted field is text");
        assertEquals(2, strict.report().examples().get(0).line());
        assertEquals(3, strict.report().rowsRead());
        assertEquals(3, strict.report().linesRead());
    }

    @Test
    void textAfterAClosingQuoteIsMalformedOnItsLine() throws IOException {
        String text = HEADER + rows(1, 1) + "o2,c2,2024-03-01 10:00:00,2.5,\"bad\"quote\n" + rows(3, 3);
        ReadReport rep = read(reader().onRowError(RowPolicy.DROP).build(), text).report();
        assertEquals(3, rep.rowsRead());
        assertEquals(2, rep.rowsKept());
        RowError e = rep.examples().get(0);
        assertEquals(3, e.line());
        assertTrue(e.reason().contains("closing quote is followed by 'q'"), e.reason());
    }

    @Test
    void multiLineFieldsAreRecordsOfSeveralLinesUnlessForbidden() throws IOException {
        String text = HEADER + rows(1, 1) + "o2,c2,2024-03-01 10:00:00,2.5,\"two\r\nlines\"\r\n" + rows(3, 3);
        ReadResult r = read(reader().build(), text);
        assertEquals(3, r.report().rowsKept());
        assertEquals(3, r.report().rowsRead());
        assertEquals(4, r.report().linesRead(), "the note of line 3 runs on to line 4");
        assertEquals("two\r\nlines", r.transactions().stringValue("note", 1));
        assertEquals(4, read(reader().build(), text + rows(4, 4)).transactions().size());

        ReadResult strict = read(reader().multiLineFields(false).onRowError(RowPolicy.DROP).build(), text);
        assertEquals(List.of("o1", "o3"), strict.transactions().orderIds());
        assertEquals(4, strict.report().rowsRead(), "line 4 ('lines\",...') is read as a record of its own");
        assertEquals(strict.report().rowsRead(), strict.report().linesRead());
        assertEquals(3, strict.report().examples().get(0).line());
        assertTrue(strict.report().examples().get(0).reason().contains("multi-line fields are not allowed"));
        assertEquals(4, strict.report().examples().get(1).line());
    }

    @Test
    void aMultiLineRecordWithABadValueIsMalformedNotAValueError() throws IOException {
        // the stray quote swallows line 3 into the note; the merged record then has a bad amount at line 3's end
        String text = HEADER + "o1,c1,2024-03-01 10:00:00,\"1.5,a\n" + "o2,c2,2024-03-01 10:00:00\",x,b\n" + rows(3, 3);
        ReadReport rep = read(reader().onRowError(RowPolicy.DROP).build(), text).report();
        assertEquals(RowError.Kind.MALFORMED_CSV, rep.examples().get(0).kind());
        assertEquals(2, rep.examples().get(0).line());
        assertEquals(1, rep.examples().stream().filter(e -> e.line() == 2).count(),
                "the merged record's bad amount is an artefact of the quote, not an error of its own");
        assertEquals(rep.rowsRead(), rep.linesRead(), "every line is a record of its own");
    }

    @Test
    void aMultiLineRecordWhoseTimeFailsInItsChannelZoneIsMalformedToo() throws IOException {
        // the quoted time runs on to line 3 and the field count is right: only the time parse shows the quote
        String text = "customer,time,amount,channel\na,\"2024-07-01 12:00:00\nb,2024-07-01 12:00:00\",1,store\n"
                + "c,2024-07-01 12:00:00,1,store\n";
        ReadResult r = TransactionCsvReader.builder().customerId("customer").timestamp("time", "yyyy-MM-dd HH:mm:ss")
                .amount("amount").channel("channel").channelZone("store", java.time.ZoneId.of("Europe/Lisbon"))
                .onRowError(RowPolicy.DROP).build()
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "tills.csv");
        ReadReport rep = r.report();
        assertEquals(RowError.Kind.MALFORMED_CSV, rep.examples().get(0).kind());
        assertEquals(2, rep.examples().get(0).line());
        assertEquals(RowError.Kind.UNPARSEABLE_TIMESTAMP, rep.examples().get(1).kind());
        assertEquals(3, rep.examples().get(1).line());
        assertEquals(List.of("c"), r.transactions().customerIds());
        assertEquals(3, rep.linesRead());
    }

    @Test
    void lineNumbersStayRightAfterRecoveryWithCrAndCrlfLineEnds() throws IOException {
        String text = HEADER.replace("\n", "\r\n") + "o1,c1,2024-03-01 10:00:00,\"1.5,a\r"
                + "o2,c2,2024-03-01 10:00:00,x,b\r\n"
                + "o3,c3,2024-03-01 10:00:00,bad,c\r\n";
        ReadReport rep = read(reader().onRowError(RowPolicy.DROP).build(), text).report();
        assertEquals(3, rep.rowsRead());
        assertEquals(List.of(2L, 3L, 4L), List.of(rep.examples().get(0).line(), rep.examples().get(1).line(),
                rep.examples().get(2).line()));
        assertEquals(RowError.Kind.UNPARSEABLE_NUMBER, rep.examples().get(2).kind());
        assertEquals("amount", rep.examples().get(2).column());
    }

    @Test
    void aMalformedHeaderFailsTheRead() {
        String text = "order,\"customer,time,amount,note\n" + rows(1, 2);
        TransactionFormatException e = assertThrows(TransactionFormatException.class,
                () -> read(reader().onRowError(RowPolicy.DROP).build(), text));
        assertEquals(1, e.line());
        assertTrue(e.getMessage().contains("header is malformed"), e.getMessage());
    }

    @Test
    void latin1BytesReadAsUtf8AreARowErrorWithLineColumnAndBytes() throws IOException {
        byte[] bytes = concat(HEADER + rows(1, 1), "o2,c2,2024-03-01 10:00:00,2.5,\"Caf",
                new byte[] {(byte) 0xE9}, "\"\"s\"\n" + rows(3, 3));
        ReadResult r = read(reader().onRowError(RowPolicy.DROP).build(), bytes);
        ReadReport rep = r.report();
        assertEquals(2, rep.rowsKept());
        assertEquals(1, rep.errorCount("note", RowError.Kind.INVALID_ENCODING));
        RowError e = rep.examples().get(0);
        assertEquals(3, e.line());
        assertEquals("note", e.column());
        assertEquals("c2", e.customerId());
        assertEquals("Caf\uFFFD\"s", e.value());
        assertTrue(e.reason().contains("not valid UTF-8 (0xE9, from character 4"), e.reason());

        TransactionFormatException f = assertThrows(TransactionFormatException.class, () -> read(reader().build(),
                bytes));
        assertEquals(3, f.line());
        assertEquals(RowError.Kind.INVALID_ENCODING, f.kind());
        // read as what it is, the same bytes are text
        ReadResult latin1 = read(reader().charset(StandardCharsets.ISO_8859_1).build(), bytes);
        assertEquals("Caf\u00e9\"s", latin1.transactions().stringValue("note", 1));
    }

    @Test
    void invalidBytesInTheHeaderFailAndInvalidBytesAfterARecoveryAreStillFound() throws IOException {
        byte[] header = concat("order,cust", new byte[] {(byte) 0xFF}, "omer,time,amount,note\n" + rows(1, 1));
        assertThrows(TransactionFormatException.class, () -> read(reader().onRowError(RowPolicy.DROP).build(), header));
        // line 3's stray quote swallows line 4, whose bad byte must still be reported when line 4 is read again
        byte[] bytes = concat(HEADER + rows(1, 1) + "o2,c2,\"2024-03-01 10:00:00,2.5,x\n",
                "o3,c3,2024-03-01 10:00:00,3.5,",
                new byte[] {(byte) 0xC3, (byte) 0x28}, "\n" + rows(4, 4));
        ReadReport rep = read(reader().onRowError(RowPolicy.DROP).build(), bytes).report();
        assertEquals(4, rep.rowsRead());
        assertEquals(2, rep.rowsKept());
        assertEquals(1, rep.errorCount("note", RowError.Kind.INVALID_ENCODING));
        assertEquals(4, rep.examples().get(1).line());
        assertTrue(rep.examples().get(1).reason().contains("0xC3"), rep.examples().get(1).reason());
        // here the bad byte is first attributed to the malformed two-line record, then found again on line 3
        byte[] merged = concat(HEADER + "o1,c1,2024-03-01 10:00:00,\"1.5,a\n" + "o2,c2,2024-03-01 10:00:00\",x,",
                new byte[] {(byte) 0xC3, (byte) 0x28}, "b\n" + rows(3, 3));
        ReadReport again = read(reader().onRowError(RowPolicy.DROP).build(), merged).report();
        assertEquals(RowError.Kind.MALFORMED_CSV, again.examples().get(0).kind());
        assertEquals(3, again.examples().get(1).line());
        assertEquals(1, again.errorCount("time", RowError.Kind.UNPARSEABLE_TIMESTAMP));
        assertEquals(1, again.errorCount("note", RowError.Kind.INVALID_ENCODING));
    }

    @Test
    void positionsHoldAcrossTheParsersBufferMovesAndGrowth() throws IOException {
        // notes of 3,000 to 60,000 characters make FastCSV move and grow its buffer between and inside fields;
        // each bad byte must still land in its own line, column and character, and the stray quote on the
        // last long line must still send reading back to the line after it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        int[] sizes = {3_000, 60_000, 9_000, 17_000, 40_000};
        for (int i = 0; i < sizes.length; i++) {
            String note = "n".repeat(sizes[i]);
            int at = sizes[i] / 3 + i;
            out.writeBytes(("o" + i + ",c" + i + ",2024-03-01 10:00:00,1.5,\"" + note.substring(0, at))
                    .getBytes(StandardCharsets.UTF_8));
            out.write(0xFF);
            out.writeBytes((note.substring(at) + "\"\n").getBytes(StandardCharsets.UTF_8));
        }
        String stray = "o5,c5,\"2024-03-01 10:00:00,1.5," + "m".repeat(50_000) + "\n";
        out.writeBytes(stray.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(rows(6, 7).getBytes(StandardCharsets.UTF_8));
        ReadResult r = read(reader().onRowError(RowPolicy.DROP).maxErrorExamples(20).build(), out.toByteArray());
        ReadReport rep = r.report();
        assertEquals(8, rep.rowsRead());
        assertEquals(List.of("o6", "o7"), r.transactions().orderIds());
        for (int i = 0; i < sizes.length; i++) {
            RowError e = rep.examples().get(i);
            assertEquals(i + 2, e.line());
            assertEquals("note", e.column());
            assertEquals("c" + i, e.customerId());
            assertTrue(e.reason().contains("0xFF, from character " + (sizes[i] / 3 + i + 1) + " of the field"),
                    e.reason());
        }
        assertEquals(RowError.Kind.MALFORMED_CSV, rep.examples().get(5).kind());
        assertEquals(7, rep.examples().get(5).line());
        assertTrue(rep.examples().get(5).value().startsWith("o5,c5,\"2024") && rep.examples().get(5).value()
                .endsWith("..."), rep.examples().get(5).value().substring(0, 20));
    }

    @Test
    void aByteOrderMarkDecidesTheCharset() throws IOException {
        String text = HEADER + rows(1, 2);
        byte[] all = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, text.getBytes(StandardCharsets.UTF_16LE));
        Transactions t = read(reader().build(), all).transactions();
        assertEquals(List.of("o1", "o2"), t.orderIds());
    }

    @Test
    void theCustomerTableAndEventReadersShareThePath() throws IOException {
        String crm = "id,balance,region\nC1,1,north\nC2,\"2,south\nC3,3,east\n";
        CustomerTableReadResult t = CustomerTableCsvReader.builder().customerId("id").numeric("balance")
                .categorical("region").onRowError(RowPolicy.DROP).build()
                .read(new ByteArrayInputStream(crm.getBytes(StandardCharsets.UTF_8)), "crm.csv");
        assertEquals(List.of("C1", "C3"), t.table().customerIds());
        assertEquals(3, t.report().examples().get(0).line());
        RecordFormatException e = assertThrows(CustomerTableFormatException.class, () -> CustomerTableCsvReader
                .builder().customerId("id").numeric("balance").categorical("region").build()
                .read(new ByteArrayInputStream(crm.getBytes(StandardCharsets.UTF_8)), "crm.csv"));
        assertEquals(3, e.line());
        assertEquals("C2", e.customerId());
        String events = "user,ts,event\nu1,2024-05-01T10:00:00Z,\"view\nu2,2024-05-01T10:00:00Z,view\n";
        EventFormatException ev = assertThrows(EventFormatException.class, () -> EventCsvReader.builder()
                .customerId("user").timestamp("ts").eventName("event").build()
                .read(new ByteArrayInputStream(events.getBytes(StandardCharsets.UTF_8)), "e.csv"));
        assertInstanceOf(RecordFormatException.class, ev);
        assertEquals(2, ev.line());
    }

    /** Text (as UTF-8) and raw bytes, in order. */
    static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof byte[] ? (byte[]) p : ((String) p).getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
