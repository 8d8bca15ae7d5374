/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.IdentityReport;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.Duplicates;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;
import org.slf4j.Logger;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;

/**
 * The one ingestion path of every reader: open (gzip by magic bytes), decode ({@link SourceReader}), parse
 * with FastCSV into a {@link RecordHandler}, go back to the line after each malformed record, then apply the
 * customer identity and the duplicate policy, and count everything in a {@link ReadReport}.
 *
 * <p>Recovery: when a record is malformed, the parse stops (the handler throws {@link RecordHandler.Resync},
 * or FastCSV throws its own parse error, which the handler counts in {@link RecordHandler#parseFailure}); the
 * source goes back to the start of the line after the record's first line, found by counting line breaks from
 * the last record start the handler saw, and a new parser reads on from there with the line numbers offset.
 * Each recovery moves at least one line forward, so the loop ends.
 */
final class Ingest {
    private static final int BUFFER = 1 << 16;

    private Ingest() {
    }

    /** The transaction or event columns read, and the report. */
    record Result(TransactionColumns columns, ReadReport report) {
    }

    /** The customer table read, and the report. */
    record TableResult(CustomerTable table, ReadReport report) {
    }

    /** A reader's stream method. */
    interface StreamRead<R> {
        R read(InputStream in, String sourceName) throws IOException;
    }

    /** Opens {@code path} and reads it with {@code read}; a missing file is named with the reader's noun. */
    static <R> R read(ReaderSpec spec, Path path, StreamRead<R> read) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toAbsolutePath().toString(), null, spec.kind().noun + " not found");
        }
        try (InputStream closing = in) {
            return read.read(closing, path.toString());
        }
    }

    /** Logs the skipped rows of a report, if any. */
    static void warn(Logger log, ReadReport report) {
        if (report.rowsSkipped() > 0) {
            log.warn("Skipped {} bad rows in {}: {}", report.rowsSkipped(), report.source(), report.errorCounts());
        }
    }

    /** Reads transactions or events. */
    static Result read(ReaderSpec spec, InputStream in, String sourceName) throws IOException {
        RecordHandler.Parts parts = parse(spec, in, sourceName);
        TransactionColumns c = parts.columns().build();
        long[] lines = parts.lines();
        IdentityReport identity = null;
        CustomerIdentity id = spec.identity();
        if (id != null) {
            // apply through the public type, then keep the line numbers of the surviving rows
            Transactions t = TransactionsAccess.wrap(c);
            CustomerIdentity.Applied<Transactions> applied = id.apply(t);
            identity = applied.report();
            if (applied.value() != t) {
                TransactionColumns after = TransactionsAccess.columns(applied.value());
                lines = lines == null ? null : survivingLines(c, id, lines);
                c = after;
            }
        }
        long duplicates = 0;
        if (spec.duplicates() != RowPolicy.KEEP) {
            int[] first = Duplicates.firstCopies(c);
            int[] keep = new int[c.size];
            int m = 0;
            for (int i = 0; i < c.size; i++) {
                if (first[i] < 0) {
                    keep[m++] = i;
                    continue;
                }
                duplicates++;
                if (spec.duplicates() == RowPolicy.FAIL) {
                    String customer = c.customer[i] < 0 ? null : c.customerIds[c.customer[i]];
                    throw spec.kind().create("Line " + lines[i] + " of " + sourceName + (customer == null ? ""
                            : " (customer '" + customer + "')") + " duplicates line " + lines[first[i]]
                            + " exactly (policy FAIL for duplicate rows)", lines[i], null, null, customer, null, null);
                }
            }
            if (duplicates > 0) {
                c = c.select(Arrays.copyOf(keep, m));
            }
        }
        long missing = 0;
        for (int i = 0; i < c.size; i++) {
            if (c.customer[i] < 0) {
                missing++;
            }
        }
        return new Result(c, report(spec, sourceName, parts, c.size, missing, duplicates, identity));
    }

    /** Reads a customer table. */
    static TableResult readTable(ReaderSpec spec, InputStream in, String sourceName) throws IOException {
        RecordHandler.Parts parts = parse(spec, in, sourceName);
        CustomerTable table = parts.table().build(spec.numeric(), spec.categorical(), spec.protectedColumns(),
                sourceName, parts.lines());
        IdentityReport identity = null;
        if (spec.identity() != null) {
            CustomerIdentity.Applied<CustomerTable> applied = spec.identity().apply(table);
            table = applied.value();
            identity = applied.report();
        }
        return new TableResult(table, report(spec, sourceName, parts, table.size(), 0, parts.repeatedCustomers(),
                identity));
    }

    private static ReadReport report(ReaderSpec spec, String sourceName, RecordHandler.Parts parts, long kept,
            long missingCustomers, long duplicates, IdentityReport identity) {
        return new ReadReport(sourceName, spec.options().onRowError(), parts.rowsRead(), parts.linesRead(), kept,
                parts.rowsSkipped(), missingCustomers, parts.droppedMissingCustomer(), parts.nonPositiveAmounts(),
                parts.droppedNonPositiveAmounts(), duplicates, duplicates, identity, parts.errorCounts(),
                parts.examples());
    }

    /** Parses the whole input, going back after each malformed record. */
    private static RecordHandler.Parts parse(ReaderSpec spec, InputStream in, String sourceName)
            throws IOException {
        SourceReader text = new SourceReader(decompressed(new NonClosing(in)), spec.options().charset());
        RecordHandler handler;
        try {
            handler = new RecordHandler(spec, sourceName, text);
        } catch (RecordHandler.Abort e) {
            throw e.exception();
        }
        CsvReader.CsvReaderBuilder csv = CsvReader.builder()
                .fieldSeparator(spec.options().delimiter())
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .skipEmptyLines(true)
                .allowUnclosedQuote(false);
        long offset = 0;
        while (true) {
            handler.startAt(offset);
            try (CsvReader<Object> reader = csv.build(handler, text)) {
                Iterator<Object> it = reader.iterator();
                while (it.hasNext()) {
                    it.next();
                }
                break;
            } catch (CsvParseException | UncheckedIOException | RecordHandler.Abort | RecordHandler.Resync e) {
                stopped(handler, e);
            }
            long line = handler.line();
            text.resumeAtLine(handler.anchor(), handler.anchorLine(), line + 1);
            offset = line;
        }
        return handler.finish();
    }

    /**
     * Why the parse stopped: a row failure to throw, an I/O error to throw, or a malformed record, counted (by
     * the handler for its own, here for FastCSV's) so that reading goes on.
     */
    private static void stopped(RecordHandler handler, RuntimeException e) throws IOException {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof RecordHandler.Abort)) {
            root = root.getCause();
        }
        if (root instanceof RecordHandler.Abort) {
            throw ((RecordHandler.Abort) root).exception();
        }
        if (root instanceof RecordHandler.Resync) {
            return;
        }
        if (root instanceof IOException) {
            throw (IOException) root;
        }
        if (root instanceof CsvParseException) {
            // thrown by FastCSV's parser (what a callback throws reaches here wrapped, with its own root)
            handler.parseFailure(reason(root.getMessage()));
            return;
        }
        throw e;
    }

    /** FastCSV's message about a malformed record, said in terms of the file. */
    static String reason(String message) {
        String m = message == null ? "" : message;
        if (m.startsWith("Unexpected character after closing quote")) {
            int q = m.indexOf('\'');
            String ch = q >= 0 && q + 2 < m.length() ? m.substring(q, q + 3) : "text";
            return "a closing quote is followed by " + ch + " (a quote inside a quoted field must be doubled, \"\")";
        }
        if (m.startsWith("Unclosed quoted field")) {
            return "a quote opened in this record does not close before the end of the file";
        }
        if (m.contains("maximum buffer size")) {
            return "a quoted field runs on for millions of characters: a quote opened in this record does not close";
        }
        return "is malformed CSV: " + m;
    }

    /** The line numbers of the rows an identity keeps (rows of opted-out customers removed). */
    private static long[] survivingLines(TransactionColumns c, CustomerIdentity id, long[] lines) {
        long[] out = new long[c.size];
        int m = 0;
        for (int i = 0; i < c.size; i++) {
            int cu = c.customer[i];
            if (cu < 0 || !id.isOptedOut(c.customerIds[cu])) {
                out[m++] = lines[i];
            }
        }
        return Arrays.copyOf(out, m);
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(buffered, BUFFER);
        }
        return buffered;
    }

    /** Keeps FastCSV from closing a caller's stream. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, len);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
