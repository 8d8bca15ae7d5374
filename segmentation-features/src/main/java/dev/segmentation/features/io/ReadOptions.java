/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.internal.TimestampParser;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a file is written and what to do with its bad rows: the options every reader of this package shares
 * ({@link TransactionCsvReader}, {@link EventCsvReader}, {@link CustomerTableCsvReader}). Set them on a reader's
 * builder one by one, or build one value and give it to several readers with {@code options(...)}, for example
 * for a European export:
 *
 * <pre>{@code
 * ReadOptions export = ReadOptions.defaults()
 *     .withDelimiter(';').withDecimalSeparator(',')
 *     .withCharset(StandardCharsets.ISO_8859_1)
 *     .withTimestampPatterns("dd.MM.yyyy HH:mm")
 *     .withZone(ZoneId.of("Europe/Berlin"))
 *     .withMissingValues("NULL");
 * TransactionCsvReader orders = TransactionCsvReader.builder().options(export)
 *     .customerId("Kundennummer").timestamp("Datum").amount("Betrag").build();
 * CustomerTableCsvReader crm = CustomerTableCsvReader.builder().options(export)
 *     .customerId("Kundennummer").numeric("Umsatz").categorical("Region").build();
 * }</pre>
 *
 * <table>
 *   <caption>The options and their defaults</caption>
 *   <tr><th>option</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@link #layout()}</td><td>{@code CSV}</td><td>RFC 4180 with a {@link #delimiter()}, or fields
 *       separated by runs of spaces</td></tr>
 *   <tr><td>{@link #delimiter()}</td><td>{@code ,}</td><td>the field separator of the CSV layout ({@code ;} and
 *       tab are common)</td></tr>
 *   <tr><td>{@link #decimalSeparator()}</td><td>{@code .}</td><td>{@code .} or {@code ,} in numbers; no
 *       grouping separators</td></tr>
 *   <tr><td>{@link #charset()}</td><td>UTF-8</td><td>the text encoding; a byte-order mark, when present, decides
 *       instead</td></tr>
 *   <tr><td>{@link #columnNames()}</td><td>from the header</td><td>names for a file without a header
 *       line</td></tr>
 *   <tr><td>{@link #missingValues()}</td><td>the empty text</td><td>texts that mean "missing" (compared after
 *       trimming spaces); the empty text always does</td></tr>
 *   <tr><td>{@link #multiLineFields()}</td><td>{@code true}</td><td>whether a quoted field may contain line
 *       breaks</td></tr>
 *   <tr><td>{@link #timestampPatterns()}</td><td>{@link TransactionCsvReader#ISO_8601}</td><td>the patterns of a
 *       timestamp column declared without one</td></tr>
 *   <tr><td>{@link #zone()}</td><td>UTC</td><td>the zone of local timestamps</td></tr>
 *   <tr><td>{@link #onRowError()}</td><td>{@link RowPolicy#FAIL}</td><td>what to do with a bad row</td></tr>
 *   <tr><td>{@link #maxErrorExamples()}</td><td>10</td><td>how many bad rows the report quotes</td></tr>
 * </table>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The delimiter belongs to the CSV layout: it cannot be a quote or a line break, and the whitespace layout
 *       has none (its fields are separated by runs of spaces). It cannot be the decimal separator either. These
 *       rules that join two options are checked when a reader is built, so the order in which options are set
 *       does not matter.</li>
 *   <li>Bytes that are not valid in the charset (Latin-1 text read as UTF-8, say) are never replaced silently:
 *       the field that holds them is a row error of kind {@link RowError.Kind#INVALID_ENCODING} that names the
 *       line, the column and the bytes, and follows {@link #onRowError()}. A charset in which every byte is
 *       valid (ISO-8859-1) cannot detect text written in another one.</li>
 *   <li>A quoted field may span lines (RFC 4180) unless {@link #multiLineFields()} is false. Either way a
 *       record that spans lines and has any error (the usual effect of a stray quote, which pairs with a later
 *       one) is reported as {@link RowError.Kind#MALFORMED_CSV} at the line where it starts, and reading goes
 *       on at the next line, so that a broken quote never hides the records after it.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the {@code with...} methods return a new value.
 *
 * @since 0.1
 */
public final class ReadOptions {
    private static final ReadOptions DEFAULTS = new ReadOptions(TransactionCsvReader.Layout.CSV, ',', '.',
            StandardCharsets.UTF_8, null, List.of(""), true, List.of(TimestampParser.ISO_8601), ZoneOffset.UTC,
            RowPolicy.FAIL, 10);

    private final TransactionCsvReader.Layout layout;
    private final char delimiter;
    private final char decimalSeparator;
    private final Charset charset;
    private final List<String> columnNames;
    private final List<String> missingValues;
    private final boolean multiLineFields;
    private final List<String> timestampPatterns;
    private final ZoneId zone;
    private final RowPolicy onRowError;
    private final int maxErrorExamples;

    private ReadOptions(TransactionCsvReader.Layout layout, char delimiter, char decimalSeparator, Charset charset,
            List<String> columnNames, List<String> missingValues, boolean multiLineFields,
            List<String> timestampPatterns, ZoneId zone, RowPolicy onRowError, int maxErrorExamples) {
        this.layout = layout;
        this.delimiter = delimiter;
        this.decimalSeparator = decimalSeparator;
        this.charset = charset;
        this.columnNames = columnNames;
        this.missingValues = missingValues;
        this.multiLineFields = multiLineFields;
        this.timestampPatterns = timestampPatterns;
        this.zone = zone;
        this.onRowError = onRowError;
        this.maxErrorExamples = maxErrorExamples;
    }

    /** The defaults (see the class documentation). */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** The text layout. */
    public TransactionCsvReader.Layout layout() {
        return layout;
    }

    /** The field separator of the CSV layout ({@code ' '} in the whitespace layout, where runs count as one). */
    public char delimiter() {
        return layout == TransactionCsvReader.Layout.WHITESPACE ? ' ' : delimiter;
    }

    /** The decimal separator of numbers, {@code '.'} or {@code ','}. */
    public char decimalSeparator() {
        return decimalSeparator;
    }

    /** The text encoding used when the file has no byte-order mark. */
    public Charset charset() {
        return charset;
    }

    /** The column names of a file without a header line, or null when the first line names them. */
    public List<String> columnNames() {
        return columnNames;
    }

    /** The texts that mean "missing", trimmed, the empty text first, in the order given. */
    public List<String> missingValues() {
        return missingValues;
    }

    /** Whether a quoted field may contain line breaks. */
    public boolean multiLineFields() {
        return multiLineFields;
    }

    /** The patterns of a timestamp column declared without its own, tried in order. */
    public List<String> timestampPatterns() {
        return timestampPatterns;
    }

    /** The zone of local timestamps; it also defines calendar days. */
    public ZoneId zone() {
        return zone;
    }

    /** What to do with a bad row: {@link RowPolicy#FAIL} or {@link RowPolicy#DROP} (counted as skipped). */
    public RowPolicy onRowError() {
        return onRowError;
    }

    /** How many bad rows the report quotes. */
    public int maxErrorExamples() {
        return maxErrorExamples;
    }

    /** With another layout. */
    public ReadOptions withLayout(TransactionCsvReader.Layout value) {
        Checks.notNull("layout", value);
        return new ReadOptions(value, delimiter, decimalSeparator, charset, columnNames, missingValues,
                multiLineFields, timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /**
     * With another field separator for the CSV layout, such as {@code ;} or a tab.
     *
     * @throws IllegalArgumentException if the delimiter is a line break or a double quote
     */
    public ReadOptions withDelimiter(char value) {
        if (value == '\n' || value == '\r' || value == '"') {
            throw new IllegalArgumentException("The delimiter cannot be '" + printable(value) + "'");
        }
        return new ReadOptions(layout, value, decimalSeparator, charset, columnNames, missingValues, multiLineFields,
                timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /**
     * With another decimal separator.
     *
     * @throws IllegalArgumentException unless the value is {@code '.'} or {@code ','}
     */
    public ReadOptions withDecimalSeparator(char value) {
        if (value != '.' && value != ',') {
            throw new IllegalArgumentException("The decimal separator must be '.' or ',' but was '" + printable(value)
                    + "'");
        }
        return new ReadOptions(layout, delimiter, value, charset, columnNames, missingValues, multiLineFields,
                timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /** With another text encoding. */
    public ReadOptions withCharset(Charset value) {
        Checks.notNull("charset", value);
        return new ReadOptions(layout, delimiter, decimalSeparator, value, columnNames, missingValues,
                multiLineFields, timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /**
     * For a file without a header line: its column names, in order; every record is data.
     *
     * @throws IllegalArgumentException if there are no names, or a name is blank or repeated
     */
    public ReadOptions withColumnNames(String... names) {
        Checks.notNull("names", names);
        if (names.length == 0) {
            throw new IllegalArgumentException("A file without a header needs at least one column name");
        }
        List<String> list = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            String n = ReaderBuilder.name("names[" + i + "]", names[i]);
            if (list.contains(n)) {
                throw new IllegalArgumentException("Column name '" + n + "' is given twice");
            }
            list.add(n);
        }
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, List.copyOf(list), missingValues,
                multiLineFields, timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /**
     * With texts that mean "missing" besides the empty text, such as {@code NA} or {@code NULL}: a missing
     * customer id, an empty required value, NaN in a numeric attribute, no category in a categorical one. They
     * are compared after trimming spaces. Kept string columns of transactions and events are verbatim and not
     * compared.
     *
     * @throws IllegalArgumentException if a marker is null
     */
    public ReadOptions withMissingValues(String... markers) {
        Checks.notNull("markers", markers);
        List<String> list = new ArrayList<>();
        list.add("");
        for (int k = 0; k < markers.length; k++) {
            String m = Checks.notNull("markers[" + k + "]", markers[k]).strip();
            if (!list.contains(m)) {
                list.add(m);
            }
        }
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, columnNames, List.copyOf(list),
                multiLineFields, timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /**
     * Whether a quoted field may contain line breaks (default true, as RFC 4180 allows). Set false for files
     * whose records are one line each: every quoted line break is then a {@link RowError.Kind#MALFORMED_CSV}
     * error, so that a stray quote can never join lines into a record that looks valid.
     */
    public ReadOptions withMultiLineFields(boolean value) {
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, columnNames, missingValues, value,
                timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    /**
     * With the patterns of a timestamp column declared without its own: {@link java.time.format.DateTimeFormatter}
     * patterns such as {@code dd.MM.yyyy HH:mm} or {@link TransactionCsvReader#ISO_8601}; each value takes the
     * first that parses it.
     *
     * @throws IllegalArgumentException if a pattern is invalid
     */
    public ReadOptions withTimestampPatterns(String pattern, String... alternatives) {
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, columnNames, missingValues,
                multiLineFields, patterns(pattern, alternatives), zone, onRowError, maxErrorExamples);
    }

    /** With another zone of local timestamps. */
    public ReadOptions withZone(ZoneId value) {
        Checks.notNull("zone", value);
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, columnNames, missingValues,
                multiLineFields, timestampPatterns, value, onRowError, maxErrorExamples);
    }

    /**
     * With another policy for bad rows: {@link RowPolicy#FAIL} (stop at the first, the default) or
     * {@link RowPolicy#DROP} (skip and count them, keep the first {@link #maxErrorExamples()} as examples).
     *
     * @throws IllegalArgumentException for {@link RowPolicy#KEEP}: a row whose value is not known cannot be kept
     */
    public ReadOptions withRowErrorPolicy(RowPolicy value) {
        Checks.notNull("policy", value);
        if (value == RowPolicy.KEEP) {
            throw new IllegalArgumentException("A row with an error cannot be kept; use DROP to skip it or FAIL");
        }
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, columnNames, missingValues,
                multiLineFields, timestampPatterns, zone, value, maxErrorExamples);
    }

    /**
     * With another number of bad rows the report quotes.
     *
     * @throws IllegalArgumentException if negative
     */
    public ReadOptions withMaxErrorExamples(int value) {
        Checks.atLeast("maxErrorExamples", value, 0);
        return new ReadOptions(layout, delimiter, decimalSeparator, charset, columnNames, missingValues,
                multiLineFields, timestampPatterns, zone, onRowError, value);
    }

    /**
     * Checks the rules that join two options (a reader's {@code build()} calls it, so that the order in which
     * options are set does not matter).
     *
     * @throws IllegalArgumentException if the whitespace layout has a delimiter, or the delimiter is the decimal
     *     separator
     */
    void validate() {
        if (layout == TransactionCsvReader.Layout.WHITESPACE && delimiter != ',') {
            throw new IllegalArgumentException("The whitespace layout separates fields by runs of spaces; it cannot "
                    + "have the delimiter '" + printable(delimiter) + "'");
        }
        if (delimiter() == decimalSeparator) {
            throw new IllegalArgumentException("The delimiter '" + decimalSeparator + "' is also the decimal "
                    + "separator; with decimal commas use ';' as the delimiter");
        }
    }

    /** The missing-value markers as a message names them: {@code '' (empty)} or {@code '' (empty), 'NA'}. */
    String markersText() {
        StringBuilder s = new StringBuilder("'' (empty)");
        for (int k = 1; k < missingValues.size(); k++) {
            s.append(k == missingValues.size() - 1 ? " and '" : ", '").append(missingValues.get(k)).append('\'');
        }
        return s.toString();
    }

    /** Validated patterns: the first and the alternatives, in order. */
    static List<String> patterns(String pattern, String[] alternatives) {
        Checks.notNull("pattern", pattern);
        Checks.notNull("alternatives", alternatives);
        List<String> all = new ArrayList<>();
        all.add(pattern);
        for (int k = 0; k < alternatives.length; k++) {
            all.add(Checks.notNull("alternatives[" + k + "]", alternatives[k]));
        }
        for (int k = 0; k < all.size(); k++) {
            try {
                TimestampParser.compile(all.get(k));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid timestamp pattern '" + all.get(k) + "': " + e.getMessage(),
                        e);
            }
        }
        return List.copyOf(all);
    }

    private static String printable(char c) {
        return c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.valueOf(c);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ReadOptions)) {
            return false;
        }
        ReadOptions r = (ReadOptions) o;
        return layout == r.layout && delimiter() == r.delimiter() && decimalSeparator == r.decimalSeparator
                && charset.equals(r.charset) && Objects.equals(columnNames, r.columnNames)
                && missingValues.equals(r.missingValues) && multiLineFields == r.multiLineFields
                && timestampPatterns.equals(r.timestampPatterns) && zone.equals(r.zone) && onRowError == r.onRowError
                && maxErrorExamples == r.maxErrorExamples;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, delimiter(), decimalSeparator, charset, columnNames, missingValues,
                multiLineFields, timestampPatterns, zone, onRowError, maxErrorExamples);
    }

    @Override
    public String toString() {
        return "ReadOptions[layout=" + layout + (layout == TransactionCsvReader.Layout.CSV ? ", delimiter='"
                + printable(delimiter) + "'" : "") + ", decimalSeparator='" + decimalSeparator + "', charset="
                + charset + (columnNames == null ? "" : ", columnNames=" + columnNames) + ", missingValues="
                + markersText() + ", multiLineFields=" + multiLineFields + ", timestampPatterns=" + timestampPatterns
                + ", zone=" + zone + ", onRowError=" + onRowError + ", maxErrorExamples=" + maxErrorExamples + "]";
    }
}
