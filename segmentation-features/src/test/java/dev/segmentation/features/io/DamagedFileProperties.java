/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.Transactions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files of one-line records, some lines damaged the ways real exports are (a stray quote at the start of a
 * field, text after a closing quote, a byte that is not UTF-8, a missing field, a bad number), with blank lines
 * and LF or CRLF line ends. Whatever the damage, the report accounts for every line: no record is lost in a
 * quote.
 */
class DamagedFileProperties {
    static final String HEADER = "order,customer,time,amount,note";
    static final int NONE = 0;
    static final int STRAY_QUOTE = 1;
    static final int TEXT_AFTER_QUOTE = 2;
    static final int INVALID_BYTE = 3;
    static final int MISSING_FIELD = 4;
    static final int BAD_NUMBER = 5;

    /**
     * One line: its values and its damage. The note has no digits, so that no piece of it can parse as a
     * timestamp or an amount when a stray quote shifts the fields.
     *
     * @param field the field a stray quote opens, or where an invalid byte goes (customer or note)
     */
    record Line(int customer, int cents, String note, int damage, int field, boolean blankBefore) {
        String order(int i) {
            return "o" + i;
        }

        String customerId() {
            return customer == 0 ? "" : "c" + customer;
        }

        double amount() {
            return cents / 100.0;
        }
    }

    record File(byte[] bytes, List<Line> lines, int dataLines) {
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        Arbitrary<String> note = Arbitraries.strings().withChars("ab ,;\"").ofMaxLength(8);
        Arbitrary<Integer> damage = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(6, NONE), net.jqwik.api.Tuple.of(1, STRAY_QUOTE),
                net.jqwik.api.Tuple.of(1, TEXT_AFTER_QUOTE), net.jqwik.api.Tuple.of(1, INVALID_BYTE),
                net.jqwik.api.Tuple.of(1, MISSING_FIELD), net.jqwik.api.Tuple.of(1, BAD_NUMBER));
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(-500, 99_999),
                note, damage, Arbitraries.integers().between(0, 4), Arbitraries.of(false, false, false, true))
                .as(Line::new).list().ofMinSize(1).ofMaxSize(30);
    }

    static File render(List<Line> lines, boolean crlf, boolean blanks) {
        String eol = crlf ? "\r\n" : "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text(out, HEADER + eol);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            if (blanks && l.blankBefore()) {
                text(out, eol);
            }
            String[] f = {l.order(i), l.customerId(), "2024-03-01 10:00:00", Double.toString(l.amount()),
                quoted(l.note(), l.damage() == TEXT_AFTER_QUOTE)};
            if (l.damage() == TEXT_AFTER_QUOTE) {
                f[4] = f[4] + "x";
            } else if (l.damage() == BAD_NUMBER) {
                f[3] = f[3] + "q";
            } else if (l.damage() == STRAY_QUOTE) {
                f[l.field()] = "\"" + f[l.field()];
            }
            int n = l.damage() == MISSING_FIELD ? 4 : 5;
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    text(out, ",");
                }
                if (l.damage() == INVALID_BYTE && k == (l.field() % 2 == 0 ? 1 : 4)) {
                    // inside the value: after the opening quote of a quoted note
                    String v = f[k];
                    int at = v.startsWith("\"") ? 1 : 0;
                    text(out, v.substring(0, at));
                    out.write(0xFF);
                    text(out, v.substring(at));
                } else {
                    text(out, f[k]);
                }
            }
            text(out, eol);
        }
        return new File(out.toByteArray(), lines, lines.size());
    }

    /** RFC 4180 quoting when needed (or asked for). */
    static String quoted(String v, boolean always) {
        if (!always && v.indexOf(',') < 0 && v.indexOf('"') < 0 && !v.startsWith(" ") && !v.endsWith(" ")) {
            return v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static TransactionCsvReader reader(boolean multiLine, RowPolicy onError) {
        return TransactionCsvReader.builder().orderId("order").customerId("customer")
                .timestamp("time", "yyyy-MM-dd HH:mm:ss").amount("amount").keep("note").multiLineFields(multiLine)
                .onRowError(onError).build();
    }

    static ReadResult read(TransactionCsvReader reader, File file) throws IOException {
        return reader.read(new ByteArrayInputStream(file.bytes()), "damaged.csv");
    }

    /** Where records are one line each: every line is read, every damaged one skipped, every other kept as written. */
    @Property(tries = 400)
    void oneLineRecordsAreAllAccountedFor(@ForAll("lines") List<Line> lines, @ForAll boolean crlf)
            throws IOException {
        File file = render(lines, crlf, true);
        ReadResult r = read(reader(false, RowPolicy.DROP), file);
        ReadReport rep = r.report();
        List<Integer> intact = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).damage() == NONE) {
                intact.add(i);
            }
        }
        assertEquals(file.dataLines(), rep.rowsRead(), "every non-blank line is a record");
        assertEquals(rep.rowsRead(), rep.linesRead());
        assertEquals(rep.rowsRead(), rep.rowsKept() + rep.rowsSkipped() + rep.rowsDropped());
        assertEquals(lines.size() - intact.size(), rep.rowsSkipped(), "each damaged line is one skipped row");
        assertEquals(intact.size(), rep.rowsKept());
        Transactions t = r.transactions();
        for (int k = 0; k < intact.size(); k++) {
            Line l = lines.get(intact.get(k));
            assertEquals(l.order(intact.get(k)), t.orderId(k));
            assertEquals(l.customer() == 0 ? null : l.customerId(), t.customerId(k));
            assertEquals(l.amount(), t.amount(k));
            assertEquals(l.note(), t.stringValue("note", k));
        }
        assertEquals(Math.min(10, rep.errorCount()), rep.examples().size());
        for (int k = 0; k < rep.examples().size(); k++) {
            assertTrue(rep.examples().get(k).line() >= 2, rep.examples().get(k).toString());
        }
    }

    /** Under FAIL the exception names the line of the first damaged record. */
    @Property(tries = 200)
    void failNamesTheFirstDamagedLine(@ForAll("lines") List<Line> lines, @ForAll boolean crlf) throws IOException {
        File file = render(lines, crlf, false);
        int first = -1;
        for (int i = 0; i < lines.size() && first < 0; i++) {
            if (lines.get(i).damage() != NONE) {
                first = i;
            }
        }
        if (first < 0) {
            assertEquals(lines.size(), read(reader(false, RowPolicy.FAIL), file).report().rowsKept());
            return;
        }
        TransactionFormatException e = assertThrows(TransactionFormatException.class,
                () -> read(reader(false, RowPolicy.FAIL), file));
        assertEquals(first + 2, e.line(), e.getMessage());
    }

    /**
     * Where quoted fields may span lines (the default), a stray quote can pair with a later one into a record
     * that looks valid; the report still accounts for every line, and an intact line is only missing from the
     * rows kept when it is a continuation line of such a record.
     */
    @Property(tries = 400)
    void multiLineRecordsAccountForEveryLine(@ForAll("lines") List<Line> lines, @ForAll boolean crlf)
            throws IOException {
        File file = render(lines, crlf, false);
        ReadResult r = read(reader(true, RowPolicy.DROP), file);
        ReadReport rep = r.report();
        assertEquals(file.dataLines(), rep.linesRead(), "every line belongs to one record");
        assertEquals(rep.rowsRead(), rep.rowsKept() + rep.rowsSkipped() + rep.rowsDropped());
        long continuation = rep.linesRead() - rep.rowsRead();
        List<String> kept = r.transactions().orderIds();
        long intactLost = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).damage() == NONE && !kept.contains(lines.get(i).order(i))) {
                intactLost++;
            }
        }
        assertTrue(intactLost <= continuation, intactLost + " intact lines lost, " + continuation
                + " continuation lines");
    }
}
