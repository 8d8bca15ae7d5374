/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.IdentityReport;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.Duplicates;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.zip.GZIPInputStream;

/**
 * The read loop shared by the transaction and event readers: FastCSV with a {@link RecordHandler}, then the
 * customer identity and the duplicate policy on the collected columns, then the report.
 */
final class Ingest {
    private static final int BUFFER = 1 << 16;

    private Ingest() {
    }

    /** The columns read and the report. */
    record Result(TransactionColumns columns, ReadReport report) {
    }

    static Result read(ReaderSpec spec, InputStream in, String sourceName) throws IOException {
        InputStream data = decompressed(new NonClosing(in));
        RecordHandler handler;
        try {
            handler = new RecordHandler(spec, sourceName);
        } catch (RecordHandler.Abort e) {
            throw e.exception();
        }
        CsvReader.CsvReaderBuilder csv = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .detectBomHeader(true);
        if (spec.layout() == TransactionCsvReader.Layout.WHITESPACE) {
            csv.fieldSeparator(' ');
        }
        try (CsvReader<Object> reader = csv.build(handler, data, spec.charset())) {
            Iterator<Object> it = reader.iterator();
            while (it.hasNext()) {
                it.next();
            }
        } catch (RecordHandler.Abort e) {
            throw e.exception();
        } catch (CsvParseException e) {
            // FastCSV wraps what the callback throws; a row error or header problem is ours to report
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof RecordHandler.Abort) {
                    throw ((RecordHandler.Abort) c).exception();
                }
                if (c instanceof UncheckedIOException) {
                    throw ((UncheckedIOException) c).getCause();
                }
            }
            throw new TransactionFormatException("Malformed " + spec.layout() + " in " + sourceName + ": "
                    + e.getMessage(), -1, null, null, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        RecordHandler.Parts parts = handler.finish();
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
        long droppedDuplicates = 0;
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
                    throw new TransactionFormatException("Line " + lines[i] + " of " + sourceName + " duplicates line "
                            + lines[first[i]] + " exactly (policy FAIL for duplicate rows)", lines[i], null, null,
                            null);
                }
            }
            if (duplicates > 0) {
                droppedDuplicates = duplicates;
                c = c.select(Arrays.copyOf(keep, m));
            }
        }
        long missing = 0;
        for (int i = 0; i < c.size; i++) {
            if (c.customer[i] < 0) {
                missing++;
            }
        }
        ReadReport report = new ReadReport(sourceName, spec.policy(), parts.rowsRead(), c.size, parts.rowsSkipped(),
                missing, parts.droppedMissingCustomer(), parts.nonPositiveAmounts(), parts.droppedNonPositiveAmounts(),
                duplicates, droppedDuplicates, identity, parts.errorCounts(), parts.examples());
        return new Result(c, report);
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
    private static final class NonClosing extends java.io.FilterInputStream {
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
