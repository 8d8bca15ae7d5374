/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.CustomerTable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a customer attribute table (a CRM export, one row per customer) into a {@link CustomerTable},
 * mapping columns by name: the customer id, numeric columns and categorical columns, some of them
 * protected. It shares the ingestion path of {@link TransactionCsvReader}: the same options
 * ({@link ReadOptions}: layout, delimiter, decimal separator, charset, header, error policy), the same parser,
 * the same malformed-CSV and encoding checks and the same {@link ReadReport}.
 *
 * <pre>{@code
 * CustomerTableReadResult r = CustomerTableCsvReader.builder()
 *     .customerId("CUST_ID")
 *     .numeric("BALANCE", "PURCHASES", "CREDIT_LIMIT", "MINIMUM_PAYMENTS")
 *     .categorical("REGION")
 *     .categorical("GENDER").protect("GENDER")
 *     .missingValues("NA")
 *     .build()
 *     .read(Path.of("crm.csv"));
 * }</pre>
 *
 * <h2>Values</h2>
 * Values are trimmed of surrounding spaces. The empty text and the {@link ReadOptions#missingValues() markers}
 * mean missing: NaN in a numeric column, no category in a categorical one. A numeric value must be a decimal
 * number (as in {@link TransactionCsvReader}); anything else is a row error under
 * {@link ReadOptions#onRowError()}, whose message names the markers in force.
 *
 * <h2>Bad input</h2>
 * A configured column absent from the header, an empty file and a malformed header fail the read with a
 * {@link CustomerTableFormatException}. A row without customer id follows {@link Builder#onMissingCustomer}
 * (drop, the default, or fail); a customer id seen on an earlier row follows {@link Builder#onDuplicate}
 * (fail, the default, naming both lines, or drop the later row). A {@link CustomerIdentity} merges aliases
 * (keeping the first row of each person) and removes customers who opted out. The {@link ReadReport} counts
 * all of these. The table records the line each row was read from ({@link CustomerTable#sourceLine}), so that
 * a feature pipeline's messages about a row name the same line as this reader's.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CustomerTableCsvReader {
    private final ReaderSpec spec;

    private CustomerTableCsvReader(ReaderSpec spec) {
        this.spec = spec;
    }

    /** A builder; the customer id column and at least one other column are required. */
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
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws CustomerTableFormatException if a configured column is missing from the header, the file is empty
     *     or its header malformed, or a row is bad under a {@link RowPolicy#FAIL FAIL} policy
     * @throws IOException if the file cannot be read
     */
    public CustomerTableReadResult read(Path path) throws IOException {
        Checks.notNull("path", path);
        return Ingest.read(spec, path, this::read);
    }

    /**
     * Reads a stream, plain or gzip-compressed; the stream is read to the end but not closed.
     *
     * @throws CustomerTableFormatException as {@link #read(Path)}
     * @throws IOException if the stream cannot be read
     */
    public CustomerTableReadResult read(InputStream in, String sourceName) throws IOException {
        Checks.notNull("in", in);
        Checks.notNull("sourceName", sourceName);
        Ingest.TableResult r = Ingest.readTable(spec, in, sourceName);
        return new CustomerTableReadResult(r.table(), r.report());
    }

    @Override
    public String toString() {
        return "CustomerTableCsvReader[customer=" + spec.customerColumn() + ", numeric=" + spec.numeric()
                + ", categorical=" + spec.categorical() + ", protected=" + spec.protectedColumns() + ", "
                + spec.options() + "]";
    }

    /**
     * Builds a {@link CustomerTableCsvReader}. Each single-valued option can be set once. The options shared by
     * every reader are those of {@link ReaderBuilder}.
     *
     * @since 0.1
     */
    public static final class Builder extends ReaderBuilder<Builder> {
        private final List<String> numeric = new ArrayList<>();
        private final List<String> categorical = new ArrayList<>();
        private final List<String> protectedColumns = new ArrayList<>();

        private Builder() {
            super(true);
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
         * The reader.
         *
         * @throws IllegalStateException if the customer id or every other column is missing
         * @throws IllegalArgumentException if the customer id column is also a value column, the options
         *     contradict each other, or (without a header) a column is not among the given names
         */
        public CustomerTableCsvReader build() {
            if (customerColumn == null) {
                throw new IllegalStateException("customerId(column) is required");
            }
            if (numeric.isEmpty() && categorical.isEmpty()) {
                throw new IllegalStateException("at least one numeric(...) or categorical(...) column is required");
            }
            Map<String, String> roles = roles();
            for (int k = 0; k < numeric.size(); k++) {
                role(roles, numeric.get(k), "numeric");
            }
            for (int k = 0; k < categorical.size(); k++) {
                role(roles, categorical.get(k), "categorical");
            }
            check(roles);
            return new CustomerTableCsvReader(new ReaderSpec(RecordFormatException.Source.CUSTOMER_TABLE, options,
                    customerColumn, normalizeDecimalIds, null, null, null, List.of(), null, Map.of(), null, null, null,
                    List.of(), new String[3], List.copyOf(numeric), List.copyOf(categorical),
                    List.copyOf(protectedColumns), missingCustomer, null, duplicates, identity));
        }
    }
}
