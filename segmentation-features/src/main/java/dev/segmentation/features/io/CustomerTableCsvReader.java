/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.IdentityReport;
import dev.segmentation.features.internal.DecimalParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads a customer attribute table (a CRM export, one row per customer) into a {@link CustomerTable},
 * mapping columns by name: the customer id, numeric columns and categorical columns, some of them
 * protected.
 *
 * <pre>{@code
 * CustomerTableReadResult r = CustomerTableCsvReader.builder()
 *     .customerId("CUST_ID")
 *     .numeric("BALANCE", "PURCHASES", "CREDIT_LIMIT", "MINIMUM_PAYMENTS")
 *     .categorical("REGION")
 *     .categorical("GENDER").protect("GENDER")
 *     .missingValues("", "NA")
 *     .build()
 *     .read(Path.of("crm.csv"));
 * }</pre>
 *
 * <h2>Values</h2>
 * Values are trimmed of surrounding spaces. A value in {@link Builder#missingValues} (by default only the
 * empty string) is missing: NaN in a numeric column, no category in a categorical one. A numeric value must be
 * a decimal number (as in {@link TransactionCsvReader}); anything else is a row error under the
 * {@link RowErrorPolicy}.
 *
 * <h2>Bad input</h2>
 * A configured column absent from the header, an empty file and malformed CSV fail the read with a
 * {@link TransactionFormatException}. A row without customer id follows {@link Builder#onMissingCustomer}
 * (drop, the default, or fail); a customer id seen before follows {@link Builder#onDuplicate} (fail, the
 * default, or drop the later row). A {@link CustomerIdentity} merges aliases (keeping the first row of each
 * person) and removes customers who opted out. The {@link ReadReport} counts all of these.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CustomerTableCsvReader {
    private final TransactionCsvReader.Layout layout;
    private final List<String> columnNames;
    private final String customerColumn;
    private final List<String> numeric;
    private final List<String> categorical;
    private final List<String> protectedColumns;
    private final Set<String> missing;
    private final RowErrorPolicy policy;
    private final RowPolicy missingCustomer;
    private final RowPolicy duplicates;
    private final CustomerIdentity identity;
    private final int maxErrorExamples;
    private final Charset charset;

    private CustomerTableCsvReader(Builder b) {
        this.layout = b.layout;
        this.columnNames = b.columnNames;
        this.customerColumn = b.customerColumn;
        this.numeric = List.copyOf(b.numeric);
        this.categorical = List.copyOf(b.categorical);
        this.protectedColumns = List.copyOf(b.protectedColumns);
        this.missing = Set.copyOf(b.missing);
        this.policy = b.policy;
        this.missingCustomer = b.missingCustomer;
        this.duplicates = b.duplicates;
        this.identity = b.identity;
        this.maxErrorExamples = b.maxErrorExamples;
        this.charset = b.charset;
    }

    /** A builder; the customer id column and at least one other column are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a file, plain or gzip-compressed.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws TransactionFormatException if a configured column is missing from the header, the file is empty
     *     or malformed, or a row is bad under a FAIL policy
     * @throws IOException if the file cannot be read
     */
    public CustomerTableReadResult read(Path path) throws IOException {
        Checks.notNull("path", path);
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toAbsolutePath().toString(), null, "customer table not found");
        }
        try (InputStream closing = in) {
            return read(closing, path.toString());
        }
    }

    /**
     * Reads a stream, plain or gzip-compressed; the stream is read to the end but not closed.
     *
     * @throws TransactionFormatException as {@link #read(Path)}
     * @throws IOException if the stream cannot be read
     */
    public CustomerTableReadResult read(InputStream in, String sourceName) throws IOException {
        Checks.notNull("in", in);
        Checks.notNull("sourceName", sourceName);
        java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(in, 1 << 16) {
            @Override
            public void close() {
                // the caller owns the stream
            }
        };
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream data = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        CsvReader.CsvReaderBuilder csv = CsvReader.builder().allowExtraFields(true).allowMissingFields(true)
                .skipEmptyLines(true).detectBomHeader(true);
        if (layout == TransactionCsvReader.Layout.WHITESPACE) {
            csv.fieldSeparator(' ');
        }
        List<String> header = columnNames;
        int[] numIdx = null;
        int[] catIdx = null;
        int idIdx = -1;
        List<String> ids = new ArrayList<>();
        List<double[]> numRows = new ArrayList<>();
        List<String[]> catRows = new ArrayList<>();
        Set<String> seenIds = new HashSet<>();
        Map<String, Long> firstLine = new HashMap<>();
        long rowsRead = 0;
        long skipped = 0;
        long droppedMissing = 0;
        long dupes = 0;
        Map<String, Map<RowError.Kind, Long>> counts = new LinkedHashMap<>();
        List<RowError> examples = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = csv.ofCsvRecord(new java.io.InputStreamReader(data, charset))) {
            for (CsvRecord rec : reader) {
                List<String> fields = fields(rec);
                if (fields.isEmpty()) {
                    continue;
                }
                if (header == null) {
                    header = fields;
                    continue;
                }
                if (numIdx == null) {
                    idIdx = index(header, customerColumn, sourceName);
                    numIdx = new int[numeric.size()];
                    for (int k = 0; k < numIdx.length; k++) {
                        numIdx[k] = index(header, numeric.get(k), sourceName);
                    }
                    catIdx = new int[categorical.size()];
                    for (int k = 0; k < catIdx.length; k++) {
                        catIdx[k] = index(header, categorical.get(k), sourceName);
                    }
                }
                rowsRead++;
                long line = rec.getStartingLineNumber();
                if (fields.size() != header.size()) {
                    if (error(sourceName, line, ReadReport.ROW, Integer.toString(fields.size()), RowError.Kind.FIELD_COUNT,
                            "fields were found but the header has " + header.size(), counts, examples)) {
                        skipped++;
                        continue;
                    }
                }
                String id = value(fields, idIdx);
                if (id == null) {
                    if (missingCustomer == RowPolicy.FAIL) {
                        throw new TransactionFormatException("Line " + line + " of " + sourceName + ", column '"
                                + customerColumn + "': the customer id is missing (policy FAIL for missing customers)",
                                line, customerColumn, "", null);
                    }
                    droppedMissing++;
                    continue;
                }
                double[] nv = new double[numIdx.length];
                boolean bad = false;
                for (int k = 0; k < numIdx.length; k++) {
                    String v = value(fields, numIdx[k]);
                    if (v == null) {
                        nv[k] = Double.NaN;
                        continue;
                    }
                    double d = DecimalParser.parse(v.toCharArray(), 0, v.length());
                    if (DecimalParser.isError(d) || d - d != 0) {
                        bad = true;
                        error(sourceName, line, numeric.get(k), v, DecimalParser.isError(d)
                                ? RowError.Kind.UNPARSEABLE_NUMBER : RowError.Kind.NON_FINITE_NUMBER,
                                DecimalParser.isError(d) ? "is not a decimal number and not one of the missing-value "
                                        + "markers " + missing : "overflows to infinity", counts, examples);
                    }
                    nv[k] = d;
                }
                if (bad) {
                    skipped++;
                    continue;
                }
                String[] cv = new String[catIdx.length];
                for (int k = 0; k < catIdx.length; k++) {
                    cv[k] = value(fields, catIdx[k]);
                }
                if (!seenIds.add(id)) {
                    dupes++;
                    if (duplicates == RowPolicy.FAIL) {
                        throw new TransactionFormatException("Line " + line + " of " + sourceName + ": customer '" + id
                                + "' was already on line " + firstLine.get(id) + " (policy FAIL for repeated customer "
                                + "ids)", line, customerColumn, id, null);
                    }
                    continue;
                }
                firstLine.put(id, line);
                ids.add(id);
                numRows.add(nv);
                catRows.add(cv);
            }
        } catch (CsvParseException e) {
            throw new TransactionFormatException("Malformed " + layout + " in " + sourceName + ": " + e.getMessage(),
                    -1, null, null, e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (Abort e) {
            throw e.exception;
        }
        if (header == null) {
            throw new TransactionFormatException(sourceName + " is empty: there is no header line");
        }
        if (numIdx == null) {
            // header only: still check the columns
            try {
                index(header, customerColumn, sourceName);
                for (int k = 0; k < numeric.size(); k++) {
                    index(header, numeric.get(k), sourceName);
                }
                for (int k = 0; k < categorical.size(); k++) {
                    index(header, categorical.get(k), sourceName);
                }
            } catch (Abort e) {
                throw e.exception;
            }
        }
        CustomerTable.Builder b = CustomerTable.builder(ids);
        for (int k = 0; k < numeric.size(); k++) {
            double[] col = new double[ids.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = numRows.get(i)[k];
            }
            b.numeric(numeric.get(k), col);
        }
        for (int k = 0; k < categorical.size(); k++) {
            String[] col = new String[ids.size()];
            for (int i = 0; i < col.length; i++) {
                col[i] = catRows.get(i)[k];
            }
            b.categorical(categorical.get(k), col);
        }
        b.protect(protectedColumns.toArray(new String[0]));
        CustomerTable table = b.build();
        IdentityReport idReport = null;
        if (identity != null) {
            CustomerIdentity.Applied<CustomerTable> applied = identity.apply(table);
            table = applied.value();
            idReport = applied.report();
        }
        ReadReport report = new ReadReport(sourceName, policy, rowsRead, table.size(), skipped, 0, droppedMissing, 0,
                0, dupes, dupes, idReport, counts, examples);
        return new CustomerTableReadResult(table, report);
    }

    /** Carries a checked exception out of the loop. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final TransactionFormatException exception;

        Abort(TransactionFormatException e) {
            super(e.getMessage(), e, false, false);
            this.exception = e;
        }
    }

    /** Records an error; true if the row is to be skipped (SKIP), throws under FAIL. */
    private boolean error(String source, long line, String column, String value, RowError.Kind kind, String reason,
            Map<String, Map<RowError.Kind, Long>> counts, List<RowError> examples) {
        if (policy == RowErrorPolicy.FAIL) {
            throw new Abort(new TransactionFormatException("Line " + line + " of " + source + ", column '" + column
                    + "': value '" + value + "' " + reason, line, column, value, null));
        }
        counts.computeIfAbsent(column, x -> new EnumMap<>(RowError.Kind.class)).merge(kind, 1L, Long::sum);
        if (examples.size() < maxErrorExamples) {
            examples.add(new RowError(line, column, value, kind, reason));
        }
        return true;
    }

    private List<String> fields(CsvRecord rec) {
        List<String> f = rec.getFields();
        if (layout != TransactionCsvReader.Layout.WHITESPACE) {
            return f.size() == 1 && f.get(0).isEmpty() ? List.of() : f;
        }
        List<String> out = new ArrayList<>(f.size());
        for (int i = 0; i < f.size(); i++) {
            if (!f.get(i).isEmpty()) {
                out.add(f.get(i));
            }
        }
        return out;
    }

    private String value(List<String> fields, int idx) {
        if (idx >= fields.size()) {
            return null;
        }
        String v = fields.get(idx).strip();
        return missing.contains(v) || v.isEmpty() && missing.contains("") ? null : v;
    }

    private static int index(List<String> header, String column, String source) {
        int j = header.indexOf(column);
        if (j < 0) {
            throw new Abort(new TransactionFormatException("Column '" + column + "' is not in the header of " + source
                    + "; the columns are " + header, 1, column, null, null));
        }
        return j;
    }

    @Override
    public String toString() {
        return "CustomerTableCsvReader[customer=" + customerColumn + ", numeric=" + numeric + ", categorical="
                + categorical + ", protected=" + protectedColumns + ", missing=" + missing + "]";
    }

    /**
     * Builds a {@link CustomerTableCsvReader}. Each single-valued option can be set once.
     *
     * @since 0.1
     */
    public static final class Builder {
        private TransactionCsvReader.Layout layout = TransactionCsvReader.Layout.CSV;
        private boolean layoutSet;
        private List<String> columnNames;
        private String customerColumn;
        private final List<String> numeric = new ArrayList<>();
        private final List<String> categorical = new ArrayList<>();
        private final List<String> protectedColumns = new ArrayList<>();
        private Set<String> missing = Set.of("");
        private boolean missingSet;
        private RowErrorPolicy policy = RowErrorPolicy.FAIL;
        private boolean policySet;
        private RowPolicy missingCustomer = RowPolicy.DROP;
        private boolean missingCustomerSet;
        private RowPolicy duplicates = RowPolicy.FAIL;
        private boolean duplicatesSet;
        private CustomerIdentity identity;
        private int maxErrorExamples = 10;
        private boolean maxSet;
        private Charset charset = StandardCharsets.UTF_8;
        private boolean charsetSet;

        private Builder() {
        }

        /** The text layout (default CSV). */
        public Builder layout(TransactionCsvReader.Layout value) {
            Checks.notNull("layout", value);
            Checks.notYetSet("layout", layoutSet);
            layout = value;
            layoutSet = true;
            return this;
        }

        /**
         * The file has no header line; these are its column names.
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder withoutHeader(String... names) {
            Checks.notNull("names", names);
            Checks.notYetSet("withoutHeader", columnNames != null);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                if (!seen.add(name("names[" + i + "]", names[i]))) {
                    throw new IllegalArgumentException("Column name '" + names[i] + "' is given twice");
                }
            }
            if (names.length == 0) {
                throw new IllegalArgumentException("withoutHeader needs at least one column name");
            }
            columnNames = List.of(names);
            return this;
        }

        /** The customer id column (required). */
        public Builder customerId(String column) {
            Checks.notYetSet("customerId", customerColumn != null);
            customerColumn = name("customerId", column);
            return this;
        }

        /** Numeric columns. */
        public Builder numeric(String... columns) {
            add(numeric, "numeric", columns);
            return this;
        }

        /** Categorical columns. */
        public Builder categorical(String... columns) {
            add(categorical, "categorical", columns);
            return this;
        }

        /**
         * Marks declared columns as protected (carried for audits, never clustering features).
         *
         * @throws IllegalArgumentException if a column was not declared as numeric or categorical
         */
        public Builder protect(String... columns) {
            Checks.notNull("columns", columns);
            for (int k = 0; k < columns.length; k++) {
                String c = name("protect[" + k + "]", columns[k]);
                if (!numeric.contains(c) && !categorical.contains(c)) {
                    throw new IllegalArgumentException("Protected column '" + c + "' must first be declared numeric "
                            + "or categorical");
                }
                if (!protectedColumns.contains(c)) {
                    protectedColumns.add(c);
                }
            }
            return this;
        }

        private void add(List<String> list, String what, String[] columns) {
            Checks.notNull("columns", columns);
            for (int k = 0; k < columns.length; k++) {
                String c = name(what + "[" + k + "]", columns[k]);
                if (numeric.contains(c) || categorical.contains(c) || c.equals(customerColumn)) {
                    throw new IllegalArgumentException("Column '" + c + "' is declared twice");
                }
                list.add(c);
            }
        }

        /**
         * The texts that mean "missing" (compared after trimming; default only the empty string).
         *
         * @throws IllegalStateException if set twice
         */
        public Builder missingValues(String... markers) {
            Checks.notNull("markers", markers);
            Checks.notYetSet("missingValues", missingSet);
            Set<String> s = new HashSet<>();
            for (int k = 0; k < markers.length; k++) {
                s.add(Checks.notNull("markers[" + k + "]", markers[k]).strip());
            }
            missing = s;
            missingSet = true;
            return this;
        }

        /** What to do with a bad value (default {@link RowErrorPolicy#FAIL}). */
        public Builder onRowError(RowErrorPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onRowError", policySet);
            policy = value;
            policySet = true;
            return this;
        }

        /**
         * What to do with a row without customer id: {@link RowPolicy#DROP} (the default) or
         * {@link RowPolicy#FAIL}.
         *
         * @throws IllegalArgumentException for {@link RowPolicy#KEEP}: a table row needs a customer
         */
        public Builder onMissingCustomer(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onMissingCustomer", missingCustomerSet);
            if (value == RowPolicy.KEEP) {
                throw new IllegalArgumentException("A customer table cannot keep rows without a customer id");
            }
            missingCustomer = value;
            missingCustomerSet = true;
            return this;
        }

        /**
         * What to do with a customer id seen on an earlier row: {@link RowPolicy#FAIL} (the default) or
         * {@link RowPolicy#DROP} (keep the first row).
         *
         * @throws IllegalArgumentException for {@link RowPolicy#KEEP}
         */
        public Builder onDuplicate(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onDuplicate", duplicatesSet);
            if (value == RowPolicy.KEEP) {
                throw new IllegalArgumentException("A customer table cannot keep two rows of one customer");
            }
            duplicates = value;
            duplicatesSet = true;
            return this;
        }

        /** Aliases to merge and customers who opted out. */
        public Builder identity(CustomerIdentity value) {
            Checks.notNull("identity", value);
            Checks.notYetSet("identity", identity != null);
            identity = value;
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
         * @throws IllegalStateException if the customer id or every other column is missing
         * @throws IllegalArgumentException if the customer id column is also a value column, or (without a
         *     header) a column is not among the given names
         */
        public CustomerTableCsvReader build() {
            if (customerColumn == null) {
                throw new IllegalStateException("customerId(column) is required");
            }
            if (numeric.isEmpty() && categorical.isEmpty()) {
                throw new IllegalStateException("at least one numeric(...) or categorical(...) column is required");
            }
            if (numeric.contains(customerColumn) || categorical.contains(customerColumn)) {
                throw new IllegalArgumentException("Column '" + customerColumn + "' is both the customer id and a "
                        + "value column");
            }
            if (columnNames != null) {
                List<String> all = new ArrayList<>(numeric);
                all.addAll(categorical);
                all.add(customerColumn);
                for (int k = 0; k < all.size(); k++) {
                    if (!columnNames.contains(all.get(k))) {
                        throw new IllegalArgumentException("Column '" + all.get(k) + "' is not among the names given "
                                + "to withoutHeader: " + columnNames);
                    }
                }
            }
            return new CustomerTableCsvReader(this);
        }
    }
}
