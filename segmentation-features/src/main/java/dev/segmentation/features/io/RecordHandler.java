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
 * The FastCSV callback that turns fields straight from the parser's character buffer into columns, so that a
 * row costs no {@code String} except for values seen for the first time (dictionary entries) and errors.
 *
 * <p>Design notes:
 * <ul>
 *   <li>Each field is consumed inside {@link #handleField}: FastCSV may move its buffer between fields, so
 *       no offset is kept beyond the call.</li>
 *   <li>In the whitespace layout, unquoted empty fields (the leading space, runs of spaces, a trailing space
 *       before CRLF) are dropped and the remaining fields renumbered; a record with no field left is a blank
 *       line.</li>
 *   <li>The first record is the header unless the caller named the columns. Until then {@link #roles} is
 *       null.</li>
 *   <li>{@link #buildRecord} returns {@link #ROW} for a data record and {@code null} for the header and
 *       blank lines, which FastCSV then skips.</li>
 *   <li>Under {@link RowErrorPolicy#FAIL} the first error is thrown as an {@link Abort} wrapping the checked
 *       {@link TransactionFormatException}, which the reader unwraps.</li>
 *   <li>With per-channel zones the timestamp field may come before the channel field, so its characters are
 *       copied to {@link #timeText} and parsed in {@link #buildRecord} with the parsers of the row's zone.</li>
 *   <li>Row policies (missing customer, non-positive amount) are applied in {@link #buildRecord} to rows that
 *       parsed; duplicates need every row and are found afterwards, from {@link #lines}.</li>
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
    private static final int STRING = 7;
    private static final RowError.Kind[] KINDS = RowError.Kind.values();

    private final ReaderSpec config;
    private final String source;
    private final boolean dropEmpty;
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
    private final StringDictionary customers;
    private final StringDictionary orders;
    private final StringDictionary[] strings;

    /** Role per field; null until the header is known. */
    private int[] roles;
    /** For STRING fields, the kept-column slot. */
    private int[] slots;
    private String[] fieldNames;
    private List<String> headerFields;
    /** The unit-price field, blamed when quantity x unit price overflows. */
    private int priceField = -1;
    private int timeField = -1;
    private int customerField = -1;
    private int amountField = -1;

    // per record
    private int field;
    private int errors;
    private int customer;
    private int order;
    private long time;
    private double amount;
    private double quantity;
    private double price;
    private final int[] stringCodes;

    // report
    private long rowsRead;
    private long rowsSkipped;
    private long droppedMissingCustomer;
    private long nonPositiveAmounts;
    private long droppedNonPositiveAmounts;
    /** Line of each kept row, when duplicates are looked for; else null. */
    private long[] lines;
    /** Error counts per field (plus one slot for whole-record errors) and kind. */
    private long[][] errorCounts;
    private final List<RowError> examples = new ArrayList<>();

    RecordHandler(ReaderSpec config, String source) {
        this.config = config;
        this.source = source;
        this.dropEmpty = config.layout() == TransactionCsvReader.Layout.WHITESPACE;
        this.timestamps = parsers(config.zone());
        this.deferTime = config.channelColumn() != null && !config.channelZones().isEmpty();
        if (deferTime) {
            channelSlot = config.keep().indexOf(config.channelColumn());
        }
        this.lines = config.duplicates() == RowPolicy.KEEP ? null : new long[1024];
        String[] kept = config.keep().toArray(new String[0]);
        this.columns = new TransactionColumnsBuilder(config.orderColumn() != null, config.quantityColumn() != null,
                kept, config.zone());
        this.columns.roles(config.roles());
        this.customers = columns.customers();
        this.orders = columns.orders();
        this.strings = new StringDictionary[kept.length];
        for (int k = 0; k < kept.length; k++) {
            strings[k] = columns.strings(k);
        }
        this.stringCodes = new int[kept.length];
        if (config.columnNames() != null) {
            mapColumns(config.columnNames());
        } else {
            headerFields = new ArrayList<>();
        }
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
        field = 0;
        errors = 0;
        customer = -1;
        order = -1;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
        if (len == 0 && dropEmpty && !quoted) {
            return;
        }
        int f = field++;
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
                break;
            case ORDER:
                if (len == 0) {
                    error(f, RowError.Kind.MISSING_VALUE, "", "is empty but " + article(config.orderRole()) + " "
                            + config.orderRole() + " is required");
                } else {
                    order = orders.code(buf, offset, len);
                }
                break;
            case TIME:
                if (len == 0) {
                    error(f, RowError.Kind.MISSING_VALUE, "", "is empty but a timestamp is required");
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
            default:
                int k = slots[f];
                stringCodes[k] = strings[k].code(buf, offset, len);
                break;
        }
    }

    private int customerCode(char[] buf, int offset, int len) {
        int from = offset;
        int to = offset + len;
        while (from < to && buf[from] == ' ') {
            from++;
        }
        while (to > from && buf[to - 1] == ' ') {
            to--;
        }
        if (from == to) {
            return -1;
        }
        if (config.normalizeDecimalIds()) {
            to = stripZeroDecimals(buf, from, to);
        }
        return customers.code(buf, from, to - from);
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

    private double number(int f, char[] buf, int offset, int len) {
        if (len == 0) {
            error(f, RowError.Kind.MISSING_VALUE, "", "is empty but a number is required");
            return 0;
        }
        double v = DecimalParser.parse(buf, offset, len);
        if (DecimalParser.isError(v)) {
            error(f, RowError.Kind.UNPARSEABLE_NUMBER, new String(buf, offset, len),
                    "is not a decimal number (expected digits with an optional sign, decimal point and exponent)");
            return 0;
        }
        if (v - v != 0) {
            error(f, RowError.Kind.NON_FINITE_NUMBER, new String(buf, offset, len), "overflows to infinity");
            return 0;
        }
        return v;
    }

    @Override
    protected Object buildRecord() {
        if (getRecordType() != RecordType.DATA || field == 0) {
            return null;
        }
        if (roles == null) {
            mapColumns(headerFields);
            return null;
        }
        rowsRead++;
        if (field != roles.length) {
            error(roles.length, RowError.Kind.FIELD_COUNT, Integer.toString(field),
                    "fields were found but the header has " + roles.length);
        }
        if (errors > 0) {
            return ROW;
        }
        if (deferTime) {
            TimestampParser[] p = channelParsers(stringCodes[channelSlot]);
            long t = parse(p, timeText, 0, timeLength);
            if (t == TimestampParser.ERROR) {
                error(timeField, RowError.Kind.UNPARSEABLE_TIMESTAMP, new String(timeText, 0, timeLength),
                        "is not a valid timestamp for " + patternsText());
                return ROW;
            }
            time = t;
        }
        double a = config.amountColumn() == null && config.quantityColumn() == null ? 0 : amount;
        if (config.quantityColumn() != null) {
            a = quantity * price;
            if (a - a != 0) {
                error(priceField, RowError.Kind.NON_FINITE_NUMBER, quantity + " x " + price,
                        "overflows to infinity when multiplied by the quantity");
                return ROW;
            }
        }
        if (customer < 0 && config.missingCustomer() != RowPolicy.KEEP) {
            if (config.missingCustomer() == RowPolicy.FAIL) {
                throw policy(customerField, "", "is empty: the row has no customer id (policy FAIL for missing "
                        + "customers)");
            }
            droppedMissingCustomer++;
            return ROW;
        }
        if (config.nonPositiveAmount() != null && !(a > 0)) {
            nonPositiveAmounts++;
            if (config.nonPositiveAmount() == RowPolicy.FAIL) {
                int f = config.quantityColumn() != null ? priceField : amountField;
                throw policy(f, config.quantityColumn() != null ? quantity + " x " + price : Double.toString(a),
                        "gives the amount " + a + ", which is not positive (a return or correction; policy FAIL for "
                                + "non-positive amounts)");
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
            lines[k] = getStartingLineNumber();
        }
        columns.add(customer, order, time, a, quantity, price, stringCodes);
        return ROW;
    }

    private static String article(String noun) {
        return "aeiou".indexOf(noun.charAt(0)) >= 0 ? "an" : "a";
    }

    private TimestampParser[] channelParsers(int code) {
        if (code >= parsersByChannel.length) {
            parsersByChannel = Arrays.copyOf(parsersByChannel, Math.max(code + 1, 2 * parsersByChannel.length));
        }
        TimestampParser[] p = parsersByChannel[code];
        if (p == null) {
            ZoneId z = config.channelZones().get(strings[channelSlot].get(code));
            p = parsers(z == null ? config.zone() : z);
            parsersByChannel[code] = p;
        }
        return p;
    }

    private Abort policy(int f, String value, String reason) {
        String column = f >= 0 && f < fieldNames.length ? fieldNames[f] : ReadReport.ROW;
        long line = getStartingLineNumber();
        return new Abort(new TransactionFormatException("Line " + line + " of " + source + ", column '" + column
                + "': value '" + value + "' " + reason, line, column, value, null));
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
        timeField = map(names, config.timestampColumn(), TIME, -1);
        if (config.amountColumn() != null) {
            amountField = map(names, config.amountColumn(), AMOUNT, -1);
        } else if (config.quantityColumn() != null) {
            map(names, config.quantityColumn(), QUANTITY, -1);
            priceField = map(names, config.unitPriceColumn(), PRICE, -1);
        }
        for (int k = 0; k < config.keep().size(); k++) {
            map(names, config.keep().get(k), STRING, k);
        }
    }

    private int map(List<String> names, String column, int role, int slot) {
        int f = names.indexOf(column);
        if (f < 0) {
            throw new Abort(new TransactionFormatException("Column '" + column + "' is not in the header of "
                    + source + "; the columns are " + names, 1, column, null, null));
        }
        int again = names.subList(f + 1, names.size()).indexOf(column);
        if (again >= 0) {
            throw new Abort(new TransactionFormatException("Column '" + column + "' appears twice in the header of "
                    + source + " (fields " + (f + 1) + " and " + (f + 2 + again) + "); the columns are " + names,
                    1, column, null, null));
        }
        roles[f] = role;
        slots[f] = slot;
        return f;
    }

    private void error(int f, RowError.Kind kind, String value, String reason) {
        if (errors++ == 0) {
            rowsSkipped++;
        }
        String column = f < fieldNames.length ? fieldNames[f] : ReadReport.ROW;
        long line = getStartingLineNumber();
        if (config.policy() == RowErrorPolicy.FAIL) {
            throw new Abort(new TransactionFormatException("Line " + line + " of " + source + ", column '" + column
                    + "': value '" + value + "' " + reason, line, column, value, null));
        }
        errorCounts[f][kind.ordinal()]++;
        if (examples.size() < config.maxErrorExamples()) {
            examples.add(new RowError(line, column, value, kind, reason));
        }
    }

    /** Called after the last record. */
    Parts finish() throws TransactionFormatException {
        if (roles == null) {
            throw new TransactionFormatException(source + " is empty: there is no header line");
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
        return new Parts(columns, lines, rowsRead, rowsSkipped, droppedMissingCustomer, nonPositiveAmounts,
                droppedNonPositiveAmounts, counts, List.copyOf(examples));
    }

    /** The rows and counts of a read, before identity and duplicates are applied. */
    record Parts(TransactionColumnsBuilder columns, long[] lines, long rowsRead, long rowsSkipped,
            long droppedMissingCustomer, long nonPositiveAmounts, long droppedNonPositiveAmounts,
            Map<String, Map<RowError.Kind, Long>> errorCounts, List<RowError> examples) {
    }

    /** Carries a checked exception out of FastCSV's iterator. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort(TransactionFormatException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        TransactionFormatException exception() {
            return (TransactionFormatException) getCause();
        }
    }
}
