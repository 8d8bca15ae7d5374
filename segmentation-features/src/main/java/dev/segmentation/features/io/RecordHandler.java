/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import dev.segmentation.features.internal.DecimalParser;
import dev.segmentation.features.internal.StringDictionary;
import dev.segmentation.features.internal.TimestampParser;
import dev.segmentation.features.internal.TransactionColumnsBuilder;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FastCSV callback of every reader: it turns fields straight from the parser's character buffer into
 * columns, so that a row costs no {@code String} except for values seen for the first time (dictionary
 * entries) and errors, and it decides what is a bad row.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Each field is consumed inside {@link #handleField}: FastCSV may move its buffer between fields, so
 *       no offset is kept beyond the call.</li>
 *   <li>Each column has a role (customer, order, time, amount, quantity, price, kept string, numeric or
 *       categorical attribute); the transaction and event readers fill {@link TransactionColumnsBuilder}, the
 *       customer-table reader fills {@link TableColumns}.</li>
 *   <li>In the whitespace layout, unquoted empty fields (the leading space, runs of spaces, a trailing space
 *       before CRLF) are dropped and the remaining fields renumbered; a record with no field left is a blank
 *       line.</li>
 *   <li>The first record is the header unless the caller named the columns. Until then {@link #roles} is
 *       null. Any error in the header fails the read.</li>
 *   <li>{@link #buildRecord} returns {@link #ROW} for a data record and {@code null} for the header and
 *       blank lines, which FastCSV then skips.</li>
 *   <li>Line numbers: FastCSV numbers the lines of the text it parses; after going back to the line after a
 *       malformed record (see {@link Ingest}) a new parser starts at 1, so {@link #lineOffset} is added.</li>
 *   <li>Errors of a record are collected while its fields are read and settled in {@link #buildRecord}, when
 *       the customer id is known (it may come after the bad field): under {@link RowPolicy#FAIL} the first is
 *       thrown as an {@link Abort} wrapping the reader's checked exception, which {@link Ingest} unwraps;
 *       under {@link RowPolicy#DROP} they are counted and the first ones kept as examples.</li>
 *   <li>Malformed CSV: quoted fields are scanned for line breaks. A record that spans lines and has any
 *       error (a wrong field count, a bad value after the first line break), or any quoted line break when
 *       {@link ReadOptions#multiLineFields()} is false, is one {@link RowError.Kind#MALFORMED_CSV} error at its
 *       first line; a value error after the line break is an artefact of the stray quote and is not reported
 *       for itself. The record then ends with a {@link Resync}, and reading goes on at its second line.
 *       FastCSV's own parse errors (a closing quote followed by text, a quote open at the end of the input)
 *       reach {@link #parseFailure} from {@link Ingest}.</li>
 *   <li>Record starts: the position of field 0 of each record ({@link SourceReader#position}) is the anchor
 *       from which {@link Ingest} finds the line to go back to; the reader keeps text from there.</li>
 *   <li>Invalid bytes: when the source has queued some, each field checks whether it contains the next one
 *       (its text spans {@code [start, start + len + quotes)}, a quoted field's content having lost one quote
 *       of each escaped pair); each such field is an {@link RowError.Kind#INVALID_ENCODING} error.</li>
 *   <li>With per-channel zones the timestamp field may come before the channel field, so its characters are
 *       copied to {@link #timeText} and parsed in {@link #buildRecord} with the parsers of the row's zone.</li>
 *   <li>Row policies (missing customer, non-positive amount, a repeated customer of a table) are applied in
 *       {@link #buildRecord} to rows that parsed; exact duplicate transactions need every row and are found
 *       afterwards, from {@link #lines}.</li>
 * </ul>
 */
final class RecordHandler extends AbstractBaseCsvCallbackHandler<Object> {
    static final Object ROW = new Object();

    private static final int IGNORE = 0;
    private static final int CUSTOMER = 1;
    private static final int ORDER = 2;
    private static final int TIME = 3;
    private static final int AMOUNT = 4;
    private static final int QUANTITY = 5;
    private static final int PRICE = 6;
    /** A kept string column of transactions or events: verbatim. */
    private static final int STRING = 7;
    /** A numeric attribute of a customer table: a missing value is NaN. */
    private static final int NUMBER = 8;
    /** A categorical attribute of a customer table: trimmed, a missing value is no category. */
    private static final int CATEGORY = 9;
    private static final RowError.Kind[] KINDS = RowError.Kind.values();
    private static final int QUOTE_EXCERPT = 60;

    private final ReaderSpec config;
    private final ReadOptions options;
    private final String source;
    private final SourceReader text;
    private final boolean dropEmpty;
    private final char decimalSeparator;
    /** Missing-value markers other than the empty text, or null. */
    private final String[] markers;
    /** Parsers of the default zone, one per pattern. */
    private final TimestampParser[] timestamps;
    /** Parsers per zone, for per-channel zones. */
    private final Map<ZoneId, TimestampParser[]> parsersByZone = new HashMap<>();
    /** Parsers per channel code (null until first seen), for per-channel zones. */
    private TimestampParser[][] parsersByChannel = new TimestampParser[16][];
    private final boolean deferTime;
    private int channelSlot = -1;
    private char[] timeText = new char[64];
    private int timeLength;
    private final TransactionColumnsBuilder columns;
    private final TableColumns table;
    private final StringDictionary customers;
    private final StringDictionary orders;
    private final StringDictionary[] strings;

    /** Role per field; null until the header is known. */
    private int[] roles;
    /** For STRING, NUMBER and CATEGORY fields, the slot. */
    private int[] slots;
    private String[] fieldNames;
    private List<String> headerFields;
    /** The unit-price field, blamed when quantity x unit price overflows. */
    private int priceField = -1;
    private int timeField = -1;
    private int customerField = -1;
    private int amountField = -1;

    /** Added to FastCSV's line numbers (see the class notes). */
    private long lineOffset;
    /** The start of the last record whose first field was seen, and its line: where going back starts. */
    private long anchor;
    private long anchorLine = 1;

    // per field: the bounds of the value that missing(...) trimmed last
    private int trimmedFrom;
    private int trimmedTo;

    // per record
    private long line;
    private int field;
    private int errors;
    private int breaks;
    private boolean malformed;
    private int customer;
    /** The customer read before any quoted line break: the one a malformed record is reported with. */
    private int customerOnFirstLine;
    private int order;
    private long time;
    private double amount;
    private double quantity;
    private double price;
    private final int[] stringCodes;
    private final double[] numbers;
    private final List<RowError> pending = new ArrayList<>();

    // report
    private long rowsRead;
    private long linesRead;
    private long rowsSkipped;
    private long droppedMissingCustomer;
    private long nonPositiveAmounts;
    private long droppedNonPositiveAmounts;
    private long repeatedCustomers;
    /** Line of each kept row, when duplicates are looked for or the rows are customers; else null. */
    private long[] lines;
    /** For a customer table: the line of the kept row of each customer code, 0 if none. */
    private long[] firstLineOfCustomer;
    /** Error counts per field (plus one slot for whole-record errors) and kind. */
    private long[][] errorCounts;
    private final List<RowError> examples = new ArrayList<>();

    RecordHandler(ReaderSpec config, String source, SourceReader text) {
        this.config = config;
        this.options = config.options();
        this.source = source;
        this.text = text;
        this.dropEmpty = options.layout() == TransactionCsvReader.Layout.WHITESPACE;
        this.decimalSeparator = options.decimalSeparator();
        List<String> m = options.missingValues();
        this.markers = m.size() > 1 ? m.subList(1, m.size()).toArray(new String[0]) : null;
        this.timestamps = config.timestampColumn() == null ? null : parsers(options.zone());
        this.deferTime = config.channelColumn() != null && !config.channelZones().isEmpty();
        if (deferTime) {
            channelSlot = config.keep().indexOf(config.channelColumn());
        }
        String[] kept = config.keep().toArray(new String[0]);
        if (config.isTable()) {
            this.table = new TableColumns(config.numeric().size(), config.categorical().size());
            this.columns = null;
            this.customers = table.customers();
            this.orders = null;
            this.strings = table.dictionaries();
            this.lines = new long[1024];
            this.firstLineOfCustomer = new long[1024];
        } else {
            this.table = null;
            this.columns = new TransactionColumnsBuilder(config.orderColumn() != null,
                    config.quantityColumn() != null, kept, options.zone());
            this.columns.roles(config.roles());
            this.customers = columns.customers();
            this.orders = columns.orders();
            this.strings = new StringDictionary[kept.length];
            for (int k = 0; k < kept.length; k++) {
                strings[k] = columns.strings(k);
            }
            this.lines = config.duplicates() == RowPolicy.KEEP ? null : new long[1024];
        }
        this.stringCodes = new int[strings.length];
        this.numbers = new double[config.numeric().size()];
        if (options.columnNames() != null) {
            mapColumns(options.columnNames());
        } else {
            headerFields = new ArrayList<>();
        }
    }

    /** Before a (new) parser starts: its line 1 is line {@code offset + 1} of the file. */
    void startAt(long offset) {
        lineOffset = offset;
    }

    /** Where the last record whose first field was seen starts, and its line. */
    long anchor() {
        return anchor;
    }

    long anchorLine() {
        return anchorLine;
    }

    /** The line of the record being parsed. */
    long line() {
        return line;
    }

    private TimestampParser[] parsers(ZoneId zone) {
        TimestampParser[] p = parsersByZone.get(zone);
        if (p == null) {
            List<String> patterns = config.timestampPatterns();
            p = new TimestampParser[patterns.size()];
            for (int k = 0; k < p.length; k++) {
                p[k] = new TimestampParser(patterns.get(k), zone);
            }
            parsersByZone.put(zone, p);
        }
        return p;
    }

    /** The first pattern's parse that succeeds, or {@link TimestampParser#ERROR}. */
    private static long parse(TimestampParser[] p, char[] buf, int offset, int len) {
        for (int k = 0; k < p.length; k++) {
            long t = p[k].parse(buf, offset, len);
            if (t != TimestampParser.ERROR) {
                return t;
            }
        }
        return TimestampParser.ERROR;
    }

    private String patternsText() {
        List<String> p = config.timestampPatterns();
        return p.size() == 1 ? "the pattern '" + p.get(0) + "'" : "any of the patterns " + p;
    }

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = lineOffset + startingLineNumber;
        field = 0;
        errors = 0;
        breaks = 0;
        malformed = false;
        customer = -1;
        customerOnFirstLine = -1;
        order = -1;
        if (!pending.isEmpty()) {
            pending.clear();
        }
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (fieldIdx == 0) {
            long p = text.position(buf, offset);
            if (p >= 0) {
                anchor = quoted ? p - 1 : p;
                anchorLine = line;
                text.keepFrom(anchor);
            }
        }
        if (quoted) {
            quotedField(buf, offset, len);
        }
        if (len == 0 && dropEmpty && !quoted) {
            return;
        }
        int f = field++;
        if (text.pendingErrors()) {
            invalidBytes(f, buf, offset, len, quoted);
        }
        if (roles == null) {
            headerFields.add(new String(buf, offset, len));
            return;
        }
        if (f >= roles.length) {
            return; // counted as a field-count error in buildRecord
        }
        switch (roles[f]) {
            case IGNORE:
                break;
            case CUSTOMER:
                customer = customerCode(buf, offset, len);
                if (breaks == 0) {
                    customerOnFirstLine = customer;
                }
                break;
            case ORDER:
                if (missing(buf, offset, len)) {
                    missingValue(f, buf, offset, len, article(config.orderRole()) + " " + config.orderRole());
                } else {
                    order = orders.code(buf, offset, len);
                }
                break;
            case TIME:
                if (missing(buf, offset, len)) {
                    missingValue(f, buf, offset, len, "a timestamp");
                } else if (deferTime) {
                    if (len > timeText.length) {
                        timeText = Arrays.copyOf(timeText, Math.max(len, 2 * timeText.length));
                    }
                    System.arraycopy(buf, offset, timeText, 0, len);
                    timeLength = len;
                } else {
                    long t = parse(timestamps, buf, offset, len);
                    if (t == TimestampParser.ERROR) {
                        error(f, RowError.Kind.UNPARSEABLE_TIMESTAMP, new String(buf, offset, len),
                                "is not a valid timestamp for " + patternsText());
                    }
                    time = t;
                }
                break;
            case AMOUNT:
                amount = number(f, buf, offset, len);
                break;
            case QUANTITY:
                quantity = number(f, buf, offset, len);
                break;
            case PRICE:
                price = number(f, buf, offset, len);
                break;
            case NUMBER:
                numbers[slots[f]] = attribute(f, buf, offset, len);
                break;
            case CATEGORY:
                stringCodes[slots[f]] = category(slots[f], buf, offset, len);
                break;
            default:
                int k = slots[f];
                stringCodes[k] = strings[k].code(buf, offset, len);
                break;
        }
    }

    /** Counts the line breaks of a quoted field; one is malformed CSV where multi-line fields are not allowed. */
    private void quotedField(char[] buf, int offset, int len) {
        int end = offset + len;
        int before = breaks;
        for (int i = offset; i < end; i++) {
            char c = buf[i];
            if (c == '\n') {
                breaks++;
            } else if (c == '\r') {
                breaks++;
                if (i + 1 < end && buf[i + 1] == '\n') {
                    i++;
                }
            }
        }
        if (breaks > before && !options.multiLineFields() && !malformed) {
            malformed("has a quoted line break, but multi-line fields are not allowed (ReadOptions.multiLineFields)");
        }
    }

    /** Attributes the queued invalid bytes that lie in this field to it. */
    private void invalidBytes(int f, char[] buf, int offset, int len, boolean quoted) {
        long start = text.position(buf, offset);
        long end = Long.MAX_VALUE;
        if (start >= 0) {
            end = start + len;
            if (quoted) {
                for (int i = offset; i < offset + len; i++) {
                    if (buf[i] == '"') {
                        end++;
                    }
                }
            }
        }
        String bytes = null;
        long at = 0;
        while (text.pendingErrors() && text.nextErrorPosition() < end) {
            if (bytes == null) {
                at = text.nextErrorPosition() - start + 1;
            }
            String b = text.takeError();
            bytes = bytes == null ? b : bytes + ", " + b;
        }
        if (bytes == null) {
            return;
        }
        String reason = "holds bytes that are not valid " + text.charset() + " (" + bytes
                + (start >= 0 ? ", from character " + at + " of the field" : "") + "); they are shown as U+FFFD";
        if (roles == null) {
            throw new Abort(headerFailure("the header " + reason));
        }
        error(f, RowError.Kind.INVALID_ENCODING, new String(buf, offset, len), reason);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /**
     * Trims spaces off {@code buf[offset .. offset + len)} into {@code [trimmedFrom, trimmedTo)} and says whether
     * the value is missing: empty, or a missing-value marker.
     */
    private boolean missing(char[] buf, int offset, int len) {
        int from = offset;
        int to = offset + len;
        while (from < to && isSpace(buf[from])) {
            from++;
        }
        while (to > from && isSpace(buf[to - 1])) {
            to--;
        }
        trimmedFrom = from;
        trimmedTo = to;
        return from == to || markers != null && marker(buf, from, to - from) >= 0;
    }

    /** The index of the marker equal to {@code buf[from .. from + n)}, or -1. */
    private int marker(char[] buf, int from, int n) {
        for (int k = 0; k < markers.length; k++) {
            String m = markers[k];
            if (m.length() == n) {
                int i = 0;
                while (i < n && m.charAt(i) == buf[from + i]) {
                    i++;
                }
                if (i == n) {
                    return k;
                }
            }
        }
        return -1;
    }

    private void missingValue(int f, char[] buf, int offset, int len, String what) {
        String v = new String(buf, offset, len);
        error(f, RowError.Kind.MISSING_VALUE, v, (v.isBlank() ? "is empty" : "is a missing-value marker") + " but "
                + what + " is required");
    }

    private int customerCode(char[] buf, int offset, int len) {
        if (missing(buf, offset, len)) {
            return -1;
        }
        int to = config.normalizeDecimalIds() ? stripZeroDecimals(buf, trimmedFrom, trimmedTo) : trimmedTo;
        return customers.code(buf, trimmedFrom, to - trimmedFrom);
    }

    /** {@code 17850.0} and {@code 17850.00} end at the point; anything else is unchanged. */
    static int stripZeroDecimals(char[] buf, int from, int to) {
        int dot = -1;
        for (int i = from; i < to; i++) {
            char c = buf[i];
            if (c == '.') {
                if (dot >= 0) {
                    return to;
                }
                dot = i;
            } else if (dot < 0 ? c < '0' || c > '9' : c != '0') {
                return to;
            }
        }
        return dot > from ? dot : to;
    }

    /** A required number; an error when it is missing or not a finite decimal number. */
    private double number(int f, char[] buf, int offset, int len) {
        if (missing(buf, offset, len)) {
            missingValue(f, buf, offset, len, "a number");
            return 0;
        }
        return parsed(f, buf, offset, len, "");
    }

    /** An optional number of a customer table: NaN when missing. */
    private double attribute(int f, char[] buf, int offset, int len) {
        if (missing(buf, offset, len)) {
            return Double.NaN;
        }
        return parsed(f, buf, offset, len, " nor a missing-value marker (" + options.markersText() + ")");
    }

    private double parsed(int f, char[] buf, int offset, int len, String orMarker) {
        double v = DecimalParser.parse(buf, offset, len, decimalSeparator);
        if (DecimalParser.isError(v)) {
            error(f, RowError.Kind.UNPARSEABLE_NUMBER, new String(buf, offset, len), "is not a decimal number"
                    + orMarker + " (expected digits with an optional sign, decimal " + (decimalSeparator == ','
                            ? "comma" : "point") + " and exponent, and no grouping separators)");
            return 0;
        }
        if (v - v != 0) {
            error(f, RowError.Kind.NON_FINITE_NUMBER, new String(buf, offset, len), "overflows to infinity");
            return 0;
        }
        return v;
    }

    /** The code of a category of a customer table (the trimmed text), or -1 when missing. */
    private int category(int slot, char[] buf, int offset, int len) {
        return missing(buf, offset, len) ? -1 : strings[slot].code(buf, trimmedFrom, trimmedTo - trimmedFrom);
    }

    @Override
    protected Object buildRecord() {
        if (getRecordType() != RecordType.DATA || field == 0) {
            return null;
        }
        if (roles == null) {
            if (malformed) {
                throw new Abort(headerFailure("the header is malformed CSV: " + pending.get(0).reason()));
            }
            mapColumns(headerFields);
            return null;
        }
        rowsRead++;
        double a = config.amountColumn() == null && config.quantityColumn() == null ? 0 : amount;
        if (errors == 0 && !malformed && field == roles.length) {
            // the value errors that need the whole record, before deciding whether it is malformed
            if (deferTime) {
                long t = parse(channelParsers(stringCodes[channelSlot]), timeText, 0, timeLength);
                if (t == TimestampParser.ERROR) {
                    error(timeField, RowError.Kind.UNPARSEABLE_TIMESTAMP, new String(timeText, 0, timeLength),
                            "is not a valid timestamp for " + patternsText());
                }
                time = t;
            }
            if (config.quantityColumn() != null) {
                a = quantity * price;
                if (a - a != 0) {
                    error(priceField, RowError.Kind.NON_FINITE_NUMBER, quantity + " x " + price,
                            "overflows to infinity when multiplied by the quantity");
                }
            }
        }
        if (!malformed && breaks > 0 && (errors > 0 || field != roles.length)) {
            malformed("spans " + (breaks + 1) + " lines and is not a valid record: a quote opened on "
                    + "this line pairs with one on a later line");
        }
        if (malformed) {
            linesRead++;
            settleErrors();
            throw Resync.INSTANCE;
        }
        linesRead += 1 + breaks;
        if (field != roles.length) {
            error(roles.length, RowError.Kind.FIELD_COUNT, Integer.toString(field),
                    "fields were found but the header has " + roles.length);
        }
        if (errors > 0) {
            settleErrors();
            return ROW;
        }
        if (customer < 0 && config.missingCustomer() != RowPolicy.KEEP) {
            if (config.missingCustomer() == RowPolicy.FAIL) {
                throw new Abort(policy(customerField, "", "is empty or a missing-value marker: the row has no customer "
                        + "id (policy FAIL for missing customers)"));
            }
            droppedMissingCustomer++;
            return ROW;
        }
        if (table != null) {
            return addCustomer();
        }
        if (config.nonPositiveAmount() != null && !(a > 0)) {
            nonPositiveAmounts++;
            if (config.nonPositiveAmount() == RowPolicy.FAIL) {
                int f = config.quantityColumn() != null ? priceField : amountField;
                String value = config.quantityColumn() != null ? quantity + " x " + price : Double.toString(a);
                throw new Abort(policy(f, value, "gives the amount " + a + ", which is not positive (a return or "
                        + "correction; policy FAIL for non-positive amounts)"));
            }
            if (config.nonPositiveAmount() == RowPolicy.DROP) {
                droppedNonPositiveAmounts++;
                return ROW;
            }
        }
        if (lines != null) {
            int k = columns.size();
            if (k == lines.length) {
                lines = Arrays.copyOf(lines, k + (k >> 1));
            }
            lines[k] = line;
        }
        columns.add(customer, order, time, a, quantity, price, stringCodes);
        return ROW;
    }

    /** A customer-table row: a customer seen on an earlier kept row follows the duplicate policy. */
    private Object addCustomer() {
        if (customer >= firstLineOfCustomer.length) {
            firstLineOfCustomer = Arrays.copyOf(firstLineOfCustomer, Math.max(customer + 1,
                    2 * firstLineOfCustomer.length));
        }
        long first = firstLineOfCustomer[customer];
        if (first > 0) {
            repeatedCustomers++;
            if (config.duplicates() == RowPolicy.FAIL) {
                throw new Abort(policy(customerField, customers.get(customer), "was already on line " + first
                        + " (policy FAIL for repeated customer ids)"));
            }
            return ROW;
        }
        firstLineOfCustomer[customer] = line;
        int k = table.size();
        if (k == lines.length) {
            lines = Arrays.copyOf(lines, k + (k >> 1));
        }
        lines[k] = line;
        table.add(customer, numbers, stringCodes);
        return ROW;
    }

    /**
     * FastCSV stopped inside the record being parsed (a closing quote followed by text, a quote open at the
     * end of the input): one malformed-CSV error at its first line.
     */
    void parseFailure(String reason) throws RecordFormatException {
        try {
            if (roles == null) {
                throw new Abort(headerFailure("the header is malformed CSV: " + reason));
            }
            rowsRead++;
            linesRead++;
            if (!malformed) {
                malformed(reason);
            }
            settleErrors();
        } catch (Abort e) {
            throw e.exception();
        }
    }

    /** Marks the record malformed with one error for the whole record (its beginning is the value). */
    private void malformed(String reason) {
        String excerpt = anchorLine == line ? text.excerpt(anchor, QUOTE_EXCERPT) : "";
        recordError(roles == null ? 0 : roles.length, RowError.Kind.MALFORMED_CSV, excerpt, reason
                + "; reading goes on at line " + (line + 1));
        malformed = true;
    }

    private TimestampParser[] channelParsers(int code) {
        if (code >= parsersByChannel.length) {
            parsersByChannel = Arrays.copyOf(parsersByChannel, Math.max(code + 1, 2 * parsersByChannel.length));
        }
        TimestampParser[] p = parsersByChannel[code];
        if (p == null) {
            ZoneId z = config.channelZones().get(strings[channelSlot].get(code));
            p = parsers(z == null ? options.zone() : z);
            parsersByChannel[code] = p;
        }
        return p;
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private String column(int f) {
        return fieldNames != null && f >= 0 && f < fieldNames.length ? fieldNames[f] : ReadReport.ROW;
    }

    private String customerId() {
        int c = malformed ? customerOnFirstLine : customer;
        return c >= 0 ? customers.get(c) : null;
    }

    /** A row-policy failure of the current record. */
    private RecordFormatException policy(int f, String value, String reason) {
        String column = column(f);
        String id = customerId();
        return config.kind().create(message(line, id, column, value, reason), line, column, value, id, null, null);
    }

    private RecordFormatException headerFailure(String reason) {
        return config.kind().create("Line " + line + " of " + source + ": " + reason, line, null, null, null,
                RowError.Kind.MALFORMED_CSV, null);
    }

    private String message(long at, String customerId, String column, String value, String reason) {
        return "Line " + at + " of " + source + (customerId == null ? "" : " (customer '" + customerId + "')")
                + ", column '" + column + "': value '" + value + "' " + reason;
    }

    private void mapColumns(List<String> names) {
        int n = names.size();
        roles = new int[n];
        slots = new int[n];
        fieldNames = names.toArray(new String[0]);
        errorCounts = new long[n + 1][KINDS.length];
        customerField = map(names, config.customerColumn(), CUSTOMER, -1);
        if (config.orderColumn() != null) {
            map(names, config.orderColumn(), ORDER, -1);
        }
        if (config.timestampColumn() != null) {
            timeField = map(names, config.timestampColumn(), TIME, -1);
        }
        if (config.amountColumn() != null) {
            amountField = map(names, config.amountColumn(), AMOUNT, -1);
        } else if (config.quantityColumn() != null) {
            map(names, config.quantityColumn(), QUANTITY, -1);
            priceField = map(names, config.unitPriceColumn(), PRICE, -1);
        }
        for (int k = 0; k < config.keep().size(); k++) {
            map(names, config.keep().get(k), STRING, k);
        }
        for (int k = 0; k < config.numeric().size(); k++) {
            map(names, config.numeric().get(k), NUMBER, k);
        }
        for (int k = 0; k < config.categorical().size(); k++) {
            map(names, config.categorical().get(k), CATEGORY, k);
        }
    }

    private int map(List<String> names, String column, int role, int slot) {
        int f = names.indexOf(column);
        if (f < 0) {
            String hint = names.size() == 1 && names.get(0).matches(".*[,;\\t|].*") ? " (one column: is the "
                    + "delimiter '" + options.delimiter() + "' the file's?)" : "";
            throw new Abort(config.kind().create("Column '" + column + "' is not in the header of " + source
                    + "; the columns are " + names + hint, 1, column, null, null, null, null));
        }
        int again = names.subList(f + 1, names.size()).indexOf(column);
        if (again >= 0) {
            throw new Abort(config.kind().create("Column '" + column + "' appears twice in the header of " + source
                    + " (fields " + (f + 1) + " and " + (f + 2 + again) + "); the columns are " + names, 1, column,
                    null, null, null, null));
        }
        roles[f] = role;
        slots[f] = slot;
        return f;
    }

    /**
     * A value error in field {@code f}. After a quoted line break it is an artefact of a stray quote: the
     * record is malformed instead.
     */
    private void error(int f, RowError.Kind kind, String value, String reason) {
        if (malformed) {
            return;
        }
        if (breaks > 0) {
            malformed("spans " + (breaks + 1) + " lines and is not a valid record: a quote opened on "
                    + "this line pairs with one on a later line");
            return;
        }
        recordError(f, kind, value, reason);
    }

    private void recordError(int f, RowError.Kind kind, String value, String reason) {
        if (errors++ == 0) {
            rowsSkipped++;
        }
        if (errorCounts != null) {
            errorCounts[Math.min(f, errorCounts.length - 1)][kind.ordinal()]++;
        }
        pending.add(new RowError(line, column(f), value, kind, reason));
    }

    /** Throws the first error of the record under FAIL; else keeps examples with the customer id. */
    private void settleErrors() {
        String id = customerId();
        if (options.onRowError() == RowPolicy.FAIL) {
            RowError e = pending.get(0);
            throw new Abort(config.kind().create(message(e.line(), id, e.column(), e.value(), e.reason()), e.line(),
                    e.column(), e.value(), id, e.kind(), null));
        }
        for (int k = 0; k < pending.size() && examples.size() < options.maxErrorExamples(); k++) {
            RowError e = pending.get(k);
            examples.add(new RowError(e.line(), e.column(), e.value(), e.kind(), e.reason(), id));
        }
    }

    /** Called after the last record. */
    Parts finish() throws RecordFormatException {
        if (roles == null) {
            throw config.kind().create(source + " is empty: there is no header line");
        }
        if (text.pendingErrors()) {
            throw new IllegalStateException("Invalid bytes at position " + text.nextErrorPosition() + " of " + source
                    + " are in no field");
        }
        Map<String, Map<RowError.Kind, Long>> counts = new LinkedHashMap<>();
        for (int f = 0; f <= fieldNames.length; f++) {
            for (int k = 0; k < KINDS.length; k++) {
                long v = errorCounts[f][k];
                if (v > 0) {
                    counts.computeIfAbsent(f < fieldNames.length ? fieldNames[f] : ReadReport.ROW,
                            x -> new EnumMap<>(RowError.Kind.class)).merge(KINDS[k], v, Long::sum);
                }
            }
        }
        return new Parts(columns, table, lines, rowsRead, linesRead, rowsSkipped, droppedMissingCustomer,
                nonPositiveAmounts, droppedNonPositiveAmounts, repeatedCustomers, counts, List.copyOf(examples));
    }

    /** The rows and counts of a read, before identity and duplicate transactions are applied. */
    record Parts(TransactionColumnsBuilder columns, TableColumns table, long[] lines, long rowsRead, long linesRead,
            long rowsSkipped, long droppedMissingCustomer, long nonPositiveAmounts, long droppedNonPositiveAmounts,
            long repeatedCustomers, Map<String, Map<RowError.Kind, Long>> errorCounts, List<RowError> examples) {
    }

    /** Carries a checked exception out of FastCSV's iterator. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort(RecordFormatException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        RecordFormatException exception() {
            return (RecordFormatException) getCause();
        }
    }

    /** Ends the parse after a malformed record, so that reading goes on at the record's second line. */
    static final class Resync extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Resync INSTANCE = new Resync();

        private Resync() {
            super("malformed record", null, false, false);
        }
    }
}
