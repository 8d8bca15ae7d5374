/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.TimestampParser;
import dev.segmentation.features.internal.TransactionsAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads transactions from a delimited text file into columnar {@link Transactions}, mapping columns by name,
 * with a report of every row it could not use. Parsing is done by FastCSV; this class decides what the
 * fields mean.
 *
 * <pre>{@code
 * // UCI Online Retail: RFC-4180 CSV, gzip, amount = Quantity x UnitPrice
 * TransactionCsvReader retail = TransactionCsvReader.builder()
 *     .customerId("CustomerID").normalizeDecimalCustomerIds()      // "17850.0" -> "17850"
 *     .orderId("InvoiceNo")
 *     .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
 *     .quantityTimesUnitPrice("Quantity", "UnitPrice")
 *     .keep("StockCode", "Country")
 *     .build();
 * ReadResult r = retail.read(Path.of("online_retail.csv.gz"));
 *
 * // CDNOW: whitespace-separated, date-only timestamps, an amount column, no order id
 * TransactionCsvReader cdnow = TransactionCsvReader.builder()
 *     .layout(TransactionCsvReader.Layout.WHITESPACE)
 *     .customerId("customer_id").timestamp("date", "yyyyMMdd").amount("dollar_value")
 *     .build();
 * }</pre>
 *
 * <h2>Input</h2>
 * <ul>
 *   <li><b>Compression</b>: gzip input is recognised by its magic bytes ({@code 1f 8b}), whatever the file
 *       name; anything else is read as text. A UTF-8 byte-order mark is skipped.</li>
 *   <li><b>Layouts</b>: {@link Layout#CSV} (RFC 4180: comma-separated, double-quoted fields with {@code ""}
 *       escapes, fields may span lines) and {@link Layout#WHITESPACE} (fields separated by runs of spaces,
 *       leading and trailing spaces ignored, as in the CDNOW files). Line ends may be LF, CRLF or CR. Blank
 *       lines are ignored.</li>
 *   <li><b>Header</b>: by default the first record names the columns. With {@link Builder#withoutHeader} the
 *       caller names them and every record is data. Names are matched exactly (case-sensitive).</li>
 * </ul>
 *
 * <h2>Values</h2>
 * <ul>
 *   <li><b>Customer id</b>: surrounding spaces are removed; an empty id is <em>missing</em>, which is data,
 *       not an error: the row is kept with customer code {@code -1}. With
 *       {@link Builder#normalizeDecimalCustomerIds()}, ids written as decimals with only zeros after the
 *       point ({@code 17850.0}) lose the decimals.</li>
 *   <li><b>Order id</b> (optional): verbatim; empty is an error. Without an order column every row is its
 *       own order.</li>
 *   <li><b>Timestamp</b>: parsed with the {@link java.time.format.DateTimeFormatter} pattern in
 *       {@link java.time.format.ResolverStyle#STRICT strict} mode (an impossible date such as {@code 2011-02-30} is an error)
 *       and placed in the reader's zone (default UTC); a date-only pattern such as {@code yyyyMMdd} gives the
 *       start of that day. Stored as epoch seconds. Fixed-width numeric patterns such as
 *       {@code yyyy-MM-dd HH:mm:ss} and {@code yyyyMMdd} take an allocation-free path that agrees with the
 *       formatter on every input.</li>
 *   <li><b>Numbers</b> (amount, quantity, unit price): decimal text with optional sign, point and exponent,
 *       surrounding spaces allowed; no grouping separators, no {@code NaN}. The amount is the amount column,
 *       or quantity times unit price.</li>
 *   <li><b>Kept string columns</b>: verbatim.</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A column named in the builder but absent from the header, an empty file, malformed CSV and an unreadable
 * file fail the whole read. Row errors (an unparseable timestamp or number, an empty required value, a
 * number that overflows, a record with more or fewer fields than the header) follow the
 * {@link RowErrorPolicy}: {@link RowErrorPolicy#FAIL FAIL} (the default) throws a
 * {@link TransactionFormatException} naming the line, column, value and expected format;
 * {@link RowErrorPolicy#SKIP SKIP} drops the row. Either way the {@link ReadReport} counts rows and errors
 * per column and kind and keeps the first {@link Builder#maxErrorExamples examples}.
 *
 * <p>Instances are immutable and thread-safe; each {@code read} uses its own parser state.
 *
 * @since 0.1
 */
public final class TransactionCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCsvReader.class);
    private static final int BUFFER = 1 << 16;

    /** Text layouts. */
    public enum Layout {
        /** RFC-4180 comma-separated values. */
        CSV,
        /** Fields separated by runs of spaces; leading and trailing spaces ignored. */
        WHITESPACE
    }

    final Layout layout;
    final List<String> columnNames;
    final String customerColumn;
    final boolean normalizeDecimalIds;
    final String orderColumn;
    final String timestampColumn;
    final String timestampPattern;
    final ZoneId zone;
    final String amountColumn;
    final String quantityColumn;
    final String unitPriceColumn;
    final List<String> keep;
    final RowErrorPolicy policy;
    final int maxErrorExamples;
    final Charset charset;

    private TransactionCsvReader(Builder b) {
        this.layout = b.layout;
        this.columnNames = b.columnNames;
        this.customerColumn = b.customerColumn;
        this.normalizeDecimalIds = b.normalizeDecimalIds;
        this.orderColumn = b.orderColumn;
        this.timestampColumn = b.timestampColumn;
        this.timestampPattern = b.timestampPattern;
        this.zone = b.zone;
        this.amountColumn = b.amountColumn;
        this.quantityColumn = b.quantityColumn;
        this.unitPriceColumn = b.unitPriceColumn;
        this.keep = List.copyOf(b.keep);
        this.policy = b.policy;
        this.maxErrorExamples = b.maxErrorExamples;
        this.charset = b.charset;
    }

    /** A builder; the customer id and timestamp columns and an amount (or quantity and price) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a file, plain or gzip-compressed.
     *
     * @param path the file
     * @return the transactions and the report
     * @throws NoSuchFileException if the file does not exist
     * @throws TransactionFormatException if a configured column is missing from the header, the file is empty
     *     or malformed, or (under {@link RowErrorPolicy#FAIL}) a row has a bad value
     * @throws IOException if the file cannot be read
     */
    public ReadResult read(Path path) throws IOException {
        Checks.notNull("path", path);
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toAbsolutePath().toString(), null, "transaction file not found");
        }
        try (InputStream closing = in) {
            return read(closing, path.toString());
        }
    }

    /**
     * Reads a stream, plain or gzip-compressed. The stream is read to the end but not closed.
     *
     * @param in the bytes
     * @param sourceName what to call the stream in messages and the report
     * @return the transactions and the report
     * @throws TransactionFormatException as {@link #read(Path)}
     * @throws IOException if the stream cannot be read
     */
    public ReadResult read(InputStream in, String sourceName) throws IOException {
        Checks.notNull("in", in);
        Checks.notNull("sourceName", sourceName);
        long start = System.nanoTime();
        InputStream data = decompressed(new NonClosing(in));
        RecordHandler handler;
        try {
            handler = new RecordHandler(this, sourceName);
        } catch (RecordHandler.Abort e) {
            throw e.exception();
        }
        CsvReader.CsvReaderBuilder csv = CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .skipEmptyLines(true)
                .detectBomHeader(true);
        if (layout == Layout.WHITESPACE) {
            csv.fieldSeparator(' ');
        }
        try (CsvReader<Object> reader = csv.build(handler, data, charset)) {
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
            throw new TransactionFormatException("Malformed " + layout + " in " + sourceName + ": "
                    + e.getMessage(), -1, null, null, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        RecordHandler.ReadResultParts parts = handler.finish();
        Transactions tx = TransactionsAccess.wrap(parts.columns().build());
        ReadReport report = parts.report();
        if (LOG.isInfoEnabled()) {
            LOG.info("Read {} rows from {} in {} ms: kept {}, skipped {}, {} without customer", report.rowsRead(),
                    sourceName, (System.nanoTime() - start) / 1_000_000, report.rowsKept(), report.rowsSkipped(),
                    report.missingCustomerRows());
        }
        if (report.rowsSkipped() > 0) {
            LOG.warn("Skipped {} bad rows in {}: {}", report.rowsSkipped(), sourceName, report.errorCounts());
        }
        return new ReadResult(tx, report);
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

    @Override
    public String toString() {
        return "TransactionCsvReader[layout=" + layout + ", customer=" + customerColumn + ", order=" + orderColumn
                + ", timestamp=" + timestampColumn + " '" + timestampPattern + "' " + zone
                + (amountColumn != null ? ", amount=" + amountColumn
                        : ", quantity=" + quantityColumn + ", unitPrice=" + unitPriceColumn)
                + ", keep=" + keep + ", policy=" + policy + "]";
    }

    /**
     * Builds a {@link TransactionCsvReader}. Each option can be set once; a second call throws
     * {@link IllegalStateException}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private Layout layout = Layout.CSV;
        private boolean layoutSet;
        private List<String> columnNames;
        private String customerColumn;
        private boolean normalizeDecimalIds;
        private String orderColumn;
        private String timestampColumn;
        private String timestampPattern;
        private ZoneId zone = ZoneOffset.UTC;
        private boolean zoneSet;
        private String amountColumn;
        private String quantityColumn;
        private String unitPriceColumn;
        private final List<String> keep = new ArrayList<>();
        private RowErrorPolicy policy = RowErrorPolicy.FAIL;
        private boolean policySet;
        private int maxErrorExamples = 10;
        private boolean maxSet;
        private Charset charset = StandardCharsets.UTF_8;
        private boolean charsetSet;

        private Builder() {
        }

        /** The text layout (default {@link Layout#CSV}). */
        public Builder layout(Layout value) {
            Checks.notNull("layout", value);
            Checks.notYetSet("layout", layoutSet);
            layout = value;
            layoutSet = true;
            return this;
        }

        /**
         * The file has no header line; these are its column names, in order.
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder withoutHeader(String... names) {
            Checks.notNull("names", names);
            Checks.notYetSet("withoutHeader", columnNames != null);
            if (names.length == 0) {
                throw new IllegalArgumentException("withoutHeader needs at least one column name");
            }
            List<String> list = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                String n = name("names[" + i + "]", names[i]);
                if (list.contains(n)) {
                    throw new IllegalArgumentException("Column name '" + n + "' is given twice");
                }
                list.add(n);
            }
            columnNames = List.copyOf(list);
            return this;
        }

        /** The customer id column (required). An empty value is a missing customer, not an error. */
        public Builder customerId(String column) {
            Checks.notYetSet("customerId", customerColumn != null);
            customerColumn = name("customerId", column);
            return this;
        }

        /**
         * Writes customer ids such as {@code 17850.0} or {@code 17850.00} (digits, a point, only zeros) as
         * {@code 17850}; other ids are unchanged. For files whose integer ids went through a float column.
         */
        public Builder normalizeDecimalCustomerIds() {
            Checks.notYetSet("normalizeDecimalCustomerIds", normalizeDecimalIds);
            normalizeDecimalIds = true;
            return this;
        }

        /** The order (invoice) id column; optional; without it every row is its own order. */
        public Builder orderId(String column) {
            Checks.notYetSet("orderId", orderColumn != null);
            orderColumn = name("orderId", column);
            return this;
        }

        /**
         * The timestamp column (required) and its {@link java.time.format.DateTimeFormatter} pattern, such as
         * {@code yyyy-MM-dd HH:mm:ss} or {@code yyyyMMdd} (a date alone means the start of that day).
         *
         * @throws IllegalArgumentException if the pattern is invalid
         */
        public Builder timestamp(String column, String pattern) {
            Checks.notYetSet("timestamp", timestampColumn != null);
            String c = name("timestamp column", column);
            Checks.notNull("pattern", pattern);
            try {
                TimestampParser.compile(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid timestamp pattern '" + pattern + "': " + e.getMessage(), e);
            }
            timestampColumn = c;
            timestampPattern = pattern;
            return this;
        }

        /** The zone of local timestamps (default UTC); it also defines calendar days for RFM. */
        public Builder zone(ZoneId value) {
            Checks.notNull("zone", value);
            Checks.notYetSet("zone", zoneSet);
            zone = value;
            zoneSet = true;
            return this;
        }

        /**
         * The amount column. Exclusive with {@link #quantityTimesUnitPrice}.
         *
         * @throws IllegalStateException if an amount or quantity and price were already set
         */
        public Builder amount(String column) {
            Checks.notYetSet("amount", amountColumn != null || quantityColumn != null);
            amountColumn = name("amount", column);
            return this;
        }

        /**
         * The amount is quantity times unit price; both columns are kept. Exclusive with {@link #amount}.
         *
         * @throws IllegalStateException if an amount or quantity and price were already set
         */
        public Builder quantityTimesUnitPrice(String quantityColumn, String unitPriceColumn) {
            Checks.notYetSet("amount (quantity x unit price)", amountColumn != null || this.quantityColumn != null);
            String q = name("quantity", quantityColumn);
            String p = name("unitPrice", unitPriceColumn);
            this.quantityColumn = q;
            this.unitPriceColumn = p;
            return this;
        }

        /** Extra string columns to keep verbatim (for example {@code StockCode}, {@code Country}). */
        public Builder keep(String... columns) {
            Checks.notNull("columns", columns);
            for (int i = 0; i < columns.length; i++) {
                String c = name("keep[" + i + "]", columns[i]);
                if (keep.contains(c)) {
                    throw new IllegalArgumentException("Column '" + c + "' is kept twice");
                }
                keep.add(c);
            }
            return this;
        }

        /** What to do with a bad row (default {@link RowErrorPolicy#FAIL}). */
        public Builder onRowError(RowErrorPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onRowError", policySet);
            policy = value;
            policySet = true;
            return this;
        }

        /**
         * How many row errors the report keeps as examples (default 10).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxErrorExamples(int value) {
            Checks.atLeast("maxErrorExamples", value, 0);
            Checks.notYetSet("maxErrorExamples", maxSet);
            maxErrorExamples = value;
            maxSet = true;
            return this;
        }

        /** The text encoding (default UTF-8). */
        public Builder charset(Charset value) {
            Checks.notNull("charset", value);
            Checks.notYetSet("charset", charsetSet);
            charset = value;
            charsetSet = true;
            return this;
        }

        private static String name(String what, String value) {
            Checks.notNull(what, value);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        /**
         * The reader.
         *
         * @throws IllegalStateException if the customer id, timestamp or amount is not configured
         * @throws IllegalArgumentException if one column is given two roles, or (without a header) a column is
         *     not among the given names
         */
        public TransactionCsvReader build() {
            if (customerColumn == null) {
                throw new IllegalStateException("customerId(column) is required");
            }
            if (timestampColumn == null) {
                throw new IllegalStateException("timestamp(column, pattern) is required");
            }
            if (amountColumn == null && quantityColumn == null) {
                throw new IllegalStateException("amount(column) or quantityTimesUnitPrice(quantity, unitPrice) is "
                        + "required");
            }
            Map<String, String> roles = new HashMap<>();
            role(roles, customerColumn, "customer id");
            if (orderColumn != null) {
                role(roles, orderColumn, "order id");
            }
            role(roles, timestampColumn, "timestamp");
            if (amountColumn != null) {
                role(roles, amountColumn, "amount");
            } else {
                role(roles, quantityColumn, "quantity");
                role(roles, unitPriceColumn, "unit price");
            }
            for (int k = 0; k < keep.size(); k++) {
                role(roles, keep.get(k), "kept string");
            }
            if (columnNames != null) {
                for (String c : roles.keySet()) {
                    if (!columnNames.contains(c)) {
                        throw new IllegalArgumentException("Column '" + c + "' (" + roles.get(c)
                                + ") is not among the names given to withoutHeader: " + columnNames);
                    }
                }
            }
            return new TransactionCsvReader(this);
        }

        private static void role(Map<String, String> roles, String column, String role) {
            String previous = roles.put(column, role);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "Column '" + column + "' is used as both " + previous + " and " + role);
            }
        }
    }
}
