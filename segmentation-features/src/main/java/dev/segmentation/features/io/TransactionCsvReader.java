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
import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * // a European export: semicolons, decimal commas, Latin-1, day-first dates
 * TransactionCsvReader shop = TransactionCsvReader.builder()
 *     .delimiter(';').decimalSeparator(',').charset(StandardCharsets.ISO_8859_1)
 *     .customerId("Kunde").timestamp("Datum", "dd.MM.yyyy").amount("Betrag")
 *     .build();
 * }</pre>
 *
 * <h2>Input</h2>
 * <ul>
 *   <li><b>Compression</b>: gzip input is recognised by its magic bytes ({@code 1f 8b}), whatever the file
 *       name; anything else is read as text. A byte-order mark is skipped and decides the charset.</li>
 *   <li><b>Layouts</b>: {@link Layout#CSV} (RFC 4180: fields separated by the {@link ReadOptions#delimiter()
 *       delimiter}, double-quoted fields with {@code ""} escapes that may span lines) and
 *       {@link Layout#WHITESPACE} (fields separated by runs of spaces, leading and trailing spaces ignored, as in
 *       the CDNOW files). Line ends may be LF, CRLF or CR. Blank lines are ignored.</li>
 *   <li><b>Header</b>: by default the first record names the columns. With {@link Builder#withoutHeader} the
 *       caller names them and every record is data. Names are matched exactly (case-sensitive).</li>
 *   <li>The options every reader shares (delimiter, decimal separator, charset, missing-value markers,
 *       timestamp patterns, zone, error policy) are described in {@link ReadOptions}.</li>
 * </ul>
 *
 * <h2>Values</h2>
 * <ul>
 *   <li><b>Customer id</b>: surrounding spaces are removed; an empty id or a missing-value marker is
 *       <em>missing</em>, which is data, not an error: the row is kept with customer code {@code -1} (see
 *       {@link Builder#onMissingCustomer}). With {@link Builder#normalizeDecimalCustomerIds()}, ids written as
 *       decimals with only zeros after the point ({@code 17850.0}) lose the decimals.</li>
 *   <li><b>Order id</b> (optional): verbatim; empty or a marker is an error. Without an order column every
 *       row is its own order.</li>
 *   <li><b>Timestamp</b>: see {@link TimedReaderBuilder} for patterns, zones and per-channel zones. Rows may be
 *       in any order.</li>
 *   <li><b>Numbers</b> (amount, quantity, unit price): decimal text with optional sign, decimal separator and
 *       exponent, surrounding spaces allowed; no grouping separators, no {@code NaN}. The amount is the amount
 *       column, or quantity times unit price.</li>
 *   <li><b>Kept string columns</b>: verbatim; the channel, product and category columns are kept string
 *       columns with a role ({@link Transactions#channel(int)}).</li>
 * </ul>
 *
 * <h2>Errors</h2>
 * A column named in the builder but absent from the header, an empty file, a malformed header and an
 * unreadable file fail the whole read. Row errors (an unparseable timestamp or number, an empty required
 * value, a number that overflows, a record with more or fewer fields than the header, malformed CSV, bytes not
 * valid in the charset) follow {@link ReadOptions#onRowError()}: {@link RowPolicy#FAIL FAIL} (the default)
 * throws a {@link TransactionFormatException} naming the line, the column, the value, what was expected and,
 * when it was read, the customer id; {@link RowPolicy#DROP DROP} skips the row. Either way the
 * {@link ReadReport} counts rows and errors per column and kind and keeps the first
 * {@link Builder#maxErrorExamples examples}. A malformed record (a stray quote) is one error at the line where
 * it starts, and reading goes on at the next line: records are never lost in a quote.
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

    /** The timestamp pattern name for ISO-8601 timestamps (see {@link TimedReaderBuilder}). */
    public static final String ISO_8601 = TimestampParser.ISO_8601;

    /** Text layouts, for every reader of this package. */
    public enum Layout {
        /** RFC-4180 delimiter-separated values. */
        CSV,
        /** Fields separated by runs of spaces; leading and trailing spaces ignored. */
        WHITESPACE
    }

    private final ReaderSpec spec;

    private TransactionCsvReader(ReaderSpec spec) {
        this.spec = spec;
    }

    /** A builder; the customer id and timestamp columns and an amount (or quantity and price) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options this reader reads with. */
    public ReadOptions options() {
        return spec.options();
    }

    /**
     * Reads a file, plain or gzip-compressed.
     *
     * @param path the file
     * @return the transactions and the report
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws TransactionFormatException if a configured column is missing from the header, the file is empty
     *     or its header malformed, or a row is bad under a {@link RowPolicy#FAIL FAIL} policy
     * @throws IOException if the file cannot be read
     */
    public ReadResult read(Path path) throws IOException {
        Checks.notNull("path", path);
        return Ingest.read(spec, path, this::read);
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
        Ingest.warn(LOG, report);
        return new ReadResult(tx, report);
    }

    @Override
    public String toString() {
        return "TransactionCsvReader[customer=" + spec.customerColumn() + ", order=" + spec.orderColumn()
                + ", timestamp=" + spec.timestampColumn() + " " + spec.timestampPatterns()
                + (spec.channelZones().isEmpty() ? "" : " " + spec.channelZones())
                + (spec.amountColumn() != null ? ", amount=" + spec.amountColumn()
                        : ", quantity=" + spec.quantityColumn() + ", unitPrice=" + spec.unitPriceColumn())
                + ", keep=" + spec.keep() + ", " + spec.options() + "]";
    }

    /**
     * Builds a {@link TransactionCsvReader}. Each option can be set once; a second call throws
     * {@link IllegalStateException}. The options shared by every reader are those of {@link ReaderBuilder} and
     * {@link TimedReaderBuilder}.
     *
     * @since 0.1
     */
    public static final class Builder extends TimedReaderBuilder<Builder> {
        private String orderColumn;
        private String productColumn;
        private String categoryColumn;
        private RowPolicy nonPositiveAmount = RowPolicy.KEEP;
        private boolean nonPositiveAmountSet;
        private String amountColumn;
        private String quantityColumn;
        private String unitPriceColumn;
        private final List<String> keep = new ArrayList<>();

        private Builder() {
        }

        /** The order (invoice) id column; optional; without it every row is its own order. */
        public Builder orderId(String column) {
            Checks.notYetSet("orderId", orderColumn != null);
            orderColumn = name("orderId", column);
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

        /**
         * The reader.
         *
         * @throws IllegalStateException if the customer id, timestamp or amount is not configured, or channel
         *     zones are given without a channel column
         * @throws IllegalArgumentException if one column is given two roles, the options contradict each other,
         *     or (without a header) a column is not among the given names
         */
        public TransactionCsvReader build() {
            Map<String, String> roles = roles();
            if (orderColumn != null) {
                role(roles, orderColumn, "order id");
            }
            if (timestampColumn != null) {
                role(roles, timestampColumn, "timestamp");
            }
            if (amountColumn != null) {
                role(roles, amountColumn, "amount");
            } else if (quantityColumn != null) {
                role(roles, quantityColumn, "quantity");
                role(roles, unitPriceColumn, "unit price");
            }
            List<String> kept = new ArrayList<>(keep);
            for (int k = 0; k < kept.size(); k++) {
                role(roles, kept.get(k), "kept string");
            }
            String[] stringRoles = new String[3];
            stringRoles[TransactionColumns.CHANNEL] = keptRole(roles, kept, channelColumn, "channel");
            stringRoles[TransactionColumns.PRODUCT] = keptRole(roles, kept, productColumn, "product");
            stringRoles[TransactionColumns.CATEGORY] = keptRole(roles, kept, categoryColumn, "category");
            checkTimed(roles);
            if (amountColumn == null && quantityColumn == null) {
                throw new IllegalStateException("amount(column) or quantityTimesUnitPrice(quantity, unitPrice) is "
                        + "required");
            }
            return new TransactionCsvReader(new ReaderSpec(RecordFormatException.Source.TRANSACTIONS, options,
                    customerColumn, normalizeDecimalIds, orderColumn, "order id", timestampColumn, timestampPatterns(),
                    channelColumn, Map.copyOf(channelZones), amountColumn, quantityColumn, unitPriceColumn,
                    List.copyOf(kept), stringRoles, List.of(), List.of(), List.of(), missingCustomer,
                    nonPositiveAmount, duplicates, identity));
        }

        /**
         * A role column is a kept string column (once, even if it plays several roles, or is also named in
         * {@link #keep}); it cannot also be a column of another kind.
         */
        private static String keptRole(Map<String, String> roles, List<String> kept, String column, String role) {
            if (column == null) {
                return null;
            }
            String previous = roles.get(column);
            if (previous == null) {
                roles.put(column, role);
                kept.add(column);
            } else if (!previous.equals("kept string") && !previous.equals("channel") && !previous.equals("product")
                    && !previous.equals("category")) {
                throw new IllegalArgumentException("Column '" + column + "' is used as both " + previous + " and "
                        + role);
            }
            return column;
        }
    }
}
