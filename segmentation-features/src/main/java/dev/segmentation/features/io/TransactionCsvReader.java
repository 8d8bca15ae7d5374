/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.internal.TimestampParser;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 *       start of that day. Several patterns may be given: each value takes the first that parses it. The
 *       pattern {@link #ISO_8601} reads ISO-8601 timestamps; a timestamp that carries an offset
 *       ({@code 2011-12-09T12:50:00+01:00}) keeps its own instant. With a channel column, each channel can
 *       have its own zone ({@link Builder#channelZone}). Every timestamp is stored as epoch seconds, UTC. Rows
 *       may be in any order. Fixed-width numeric patterns such as {@code yyyy-MM-dd HH:mm:ss} and
 *       {@code yyyyMMdd} take an allocation-free path that agrees with the formatter on every input.</li>
 *   <li><b>Numbers</b> (amount, quantity, unit price): decimal text with optional sign, point and exponent,
 *       surrounding spaces allowed; no grouping separators, no {@code NaN}. The amount is the amount column,
 *       or quantity times unit price.</li>
 *   <li><b>Kept string columns</b>: verbatim; the channel, product and category columns are kept string
 *       columns with a role ({@link Transactions#channel(int)}).</li>
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
 * <h2>Row policies and identity</h2>
 * Rows that parse can still be unwanted. Each of these has a {@link RowPolicy} (keep, drop, or fail naming the
 * line) and a count in the {@link ReadReport}: a missing customer id ({@link Builder#onMissingCustomer},
 * default keep), a zero or negative amount ({@link Builder#onNonPositiveAmount}, default keep: returns then
 * net off in RFM), and exact duplicate rows ({@link Builder#onDuplicate}, default keep; the first copy stays).
 * A {@link CustomerIdentity} ({@link Builder#identity}) rewrites aliases to canonical ids and removes the rows
 * of customers who opted out, so that they appear in no output.
 *
 * <p>Instances are immutable and thread-safe; each {@code read} uses its own parser state.
 *
 * @since 0.1
 */
public final class TransactionCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionCsvReader.class);

    /** The timestamp pattern name for ISO-8601 timestamps (see the class documentation). */
    public static final String ISO_8601 = TimestampParser.ISO_8601;

    /** Text layouts. */
    public enum Layout {
        /** RFC-4180 comma-separated values. */
        CSV,
        /** Fields separated by runs of spaces; leading and trailing spaces ignored. */
        WHITESPACE
    }

    final ReaderSpec spec;

    private TransactionCsvReader(Builder b) {
        String[] roles = new String[3];
        roles[TransactionColumns.CHANNEL] = b.channelColumn;
        roles[TransactionColumns.PRODUCT] = b.productColumn;
        roles[TransactionColumns.CATEGORY] = b.categoryColumn;
        this.spec = new ReaderSpec(b.layout, b.columnNames, b.customerColumn, b.normalizeDecimalIds, b.orderColumn,
                "order id", b.timestampColumn, List.copyOf(b.timestampPatterns), b.zone, b.channelColumn,
                Map.copyOf(b.channelZones), b.amountColumn, b.quantityColumn, b.unitPriceColumn, List.copyOf(b.keep),
                roles, b.policy, b.maxErrorExamples, b.charset, b.missingCustomer, b.nonPositiveAmount, b.duplicates,
                b.identity);
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
        Ingest.Result r = Ingest.read(spec, in, sourceName);
        Transactions tx = TransactionsAccess.wrap(r.columns());
        ReadReport report = r.report();
        if (LOG.isInfoEnabled()) {
            LOG.info("Read {} rows from {} in {} ms: kept {}, skipped {}, dropped {}, {} without customer",
                    report.rowsRead(), sourceName, (System.nanoTime() - start) / 1_000_000, report.rowsKept(),
                    report.rowsSkipped(), report.rowsDropped(), report.missingCustomerRows());
        }
        if (report.rowsSkipped() > 0) {
            LOG.warn("Skipped {} bad rows in {}: {}", report.rowsSkipped(), sourceName, report.errorCounts());
        }
        return new ReadResult(tx, report);
    }

    @Override
    public String toString() {
        return "TransactionCsvReader[layout=" + spec.layout() + ", customer=" + spec.customerColumn() + ", order="
                + spec.orderColumn() + ", timestamp=" + spec.timestampColumn() + " " + spec.timestampPatterns() + " "
                + spec.zone() + (spec.channelZones().isEmpty() ? "" : " " + spec.channelZones())
                + (spec.amountColumn() != null ? ", amount=" + spec.amountColumn()
                        : ", quantity=" + spec.quantityColumn() + ", unitPrice=" + spec.unitPriceColumn())
                + ", keep=" + spec.keep() + ", policy=" + spec.policy() + "]";
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
        private final List<String> timestampPatterns = new ArrayList<>();
        private ZoneId zone = ZoneOffset.UTC;
        private String channelColumn;
        private String productColumn;
        private String categoryColumn;
        private final Map<String, ZoneId> channelZones = new LinkedHashMap<>();
        private RowPolicy missingCustomer = RowPolicy.KEEP;
        private boolean missingCustomerSet;
        private RowPolicy nonPositiveAmount = RowPolicy.KEEP;
        private boolean nonPositiveAmountSet;
        private RowPolicy duplicates = RowPolicy.KEEP;
        private boolean duplicatesSet;
        private CustomerIdentity identity;
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
         * {@code yyyy-MM-dd HH:mm:ss} or {@code yyyyMMdd} (a date alone means the start of that day), or
         * {@link #ISO_8601}.
         *
         * @throws IllegalArgumentException if the pattern is invalid
         */
        public Builder timestamp(String column, String pattern) {
            return timestamp(column, pattern, new String[0]);
        }

        /**
         * The timestamp column (required) and several patterns; each value takes the first pattern that parses
         * it (for example {@code "d/M/yyyy H:mm"} and {@code "yyyy-MM-dd HH:mm:ss"} in a file assembled from two
         * exports). With alternatives, each value takes the first pattern that parses it.
         *
         * @throws IllegalArgumentException if a pattern is invalid
         */
        public Builder timestamp(String column, String pattern, String... alternatives) {
            Checks.notYetSet("timestamp", timestampColumn != null);
            String c = name("timestamp column", column);
            List<String> all = patterns(pattern, alternatives);
            timestampColumn = c;
            timestampPatterns.addAll(all);
            return this;
        }

        static List<String> patterns(String pattern, String[] alternatives) {
            Checks.notNull("pattern", pattern);
            Checks.notNull("alternatives", alternatives);
            List<String> all = new ArrayList<>();
            all.add(pattern);
            all.addAll(List.of(alternatives));
            for (int k = 0; k < all.size(); k++) {
                try {
                    TimestampParser.compile(all.get(k));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid timestamp pattern '" + all.get(k) + "': "
                            + e.getMessage(), e);
                }
            }
            return all;
        }

        /**
         * The channel column (kept as a string column), for example {@code web}, {@code store}, {@code app}.
         *
         * @throws IllegalStateException if set twice
         */
        public Builder channel(String column) {
            Checks.notYetSet("channel", channelColumn != null);
            channelColumn = name("channel", column);
            return this;
        }

        /**
         * The product column (kept as a string column).
         *
         * @throws IllegalStateException if set twice
         */
        public Builder product(String column) {
            Checks.notYetSet("product", productColumn != null);
            productColumn = name("product", column);
            return this;
        }

        /**
         * The product category column (kept as a string column).
         *
         * @throws IllegalStateException if set twice
         */
        public Builder category(String column) {
            Checks.notYetSet("category", categoryColumn != null);
            categoryColumn = name("category", column);
            return this;
        }

        /**
         * The zone of the local timestamps of rows whose channel is {@code channel} (for example store tills
         * in local time and a web shop in UTC); other channels use {@link #zone}. Needs a
         * {@link #channel channel column}.
         *
         * @throws IllegalArgumentException if the channel is blank
         * @throws IllegalStateException if that channel's zone is already set
         */
        public Builder channelZone(String channel, ZoneId channelZone) {
            Checks.notNull("channel", channel);
            Checks.notNull("channelZone", channelZone);
            if (channel.isEmpty()) {
                throw new IllegalArgumentException("channel must not be empty");
            }
            Checks.notYetSet("channelZone(" + channel + ")", channelZones.containsKey(channel));
            channelZones.put(channel, channelZone);
            return this;
        }

        /** What to do with a row without customer id (default {@link RowPolicy#KEEP}). */
        public Builder onMissingCustomer(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onMissingCustomer", missingCustomerSet);
            missingCustomer = value;
            missingCustomerSet = true;
            return this;
        }

        /**
         * What to do with a row whose amount is zero or negative (returns, refunds; default
         * {@link RowPolicy#KEEP}).
         */
        public Builder onNonPositiveAmount(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onNonPositiveAmount", nonPositiveAmountSet);
            nonPositiveAmount = value;
            nonPositiveAmountSet = true;
            return this;
        }

        /**
         * What to do with exact duplicate rows, equal in every column read (default {@link RowPolicy#KEEP}: they
         * are not even looked for).
         */
        public Builder onDuplicate(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onDuplicate", duplicatesSet);
            duplicates = value;
            duplicatesSet = true;
            return this;
        }

        /** Aliases to merge and customers who opted out, applied to every row read. */
        public Builder identity(CustomerIdentity value) {
            Checks.notNull("identity", value);
            Checks.notYetSet("identity", identity != null);
            identity = value;
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
            addRole(roles, channelColumn, "channel");
            addRole(roles, productColumn, "product");
            addRole(roles, categoryColumn, "category");
            if (!channelZones.isEmpty() && channelColumn == null) {
                throw new IllegalStateException("channelZone(...) needs a channel column: call channel(column)");
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

        /** A role column is kept as a string column (once, even if it plays several roles). */
        private void addRole(Map<String, String> roles, String column, String role) {
            if (column == null) {
                return;
            }
            String previous = roles.get(column);
            if (previous == null) {
                roles.put(column, role);
                keep.add(column);
            } else if (!previous.equals("kept string") && !previous.equals("channel") && !previous.equals("product")
                    && !previous.equals("category")) {
                throw new IllegalArgumentException("Column '" + column + "' is used as both " + previous + " and "
                        + role);
            }
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
