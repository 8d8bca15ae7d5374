/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerIdentity;

import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The options every reader's builder has: the file's {@link ReadOptions} (one by one, or all at once with
 * {@link #options}), the customer id column, and what to do with rows without a customer, duplicate rows
 * and aliases. The builders of {@link TransactionCsvReader}, {@link EventCsvReader} and
 * {@link CustomerTableCsvReader} extend it; it is not meant to be extended elsewhere.
 *
 * <p>Each option can be set once; a second call throws {@link IllegalStateException}. The options of
 * {@link ReadOptions} can be given one by one or with {@link #options}, not both.
 *
 * @param <B> the builder's own type
 * @since 0.1
 */
public abstract class ReaderBuilder<B extends ReaderBuilder<B>> {
    ReadOptions options = ReadOptions.defaults();
    private boolean optionsGiven;
    private final Set<String> optionsSet = new LinkedHashSet<>();
    String customerColumn;
    boolean normalizeDecimalIds;
    RowPolicy missingCustomer;
    private boolean missingCustomerSet;
    RowPolicy duplicates;
    private boolean duplicatesSet;
    CustomerIdentity identity;
    /** Whether the rows are customers (one per customer): then neither policy may keep. */
    private final boolean rowsAreCustomers;

    ReaderBuilder(boolean rowsAreCustomers) {
        this.rowsAreCustomers = rowsAreCustomers;
        this.missingCustomer = rowsAreCustomers ? RowPolicy.DROP : RowPolicy.KEEP;
        this.duplicates = rowsAreCustomers ? RowPolicy.FAIL : RowPolicy.KEEP;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * All the options of {@link ReadOptions} at once, for example one value shared by the readers of one
     * export.
     *
     * @throws IllegalStateException if set twice, or if one of its options was already set on this builder
     */
    public B options(ReadOptions value) {
        Checks.notNull("options", value);
        Checks.notYetSet("options", optionsGiven);
        if (!optionsSet.isEmpty()) {
            throw new IllegalStateException("options(...) replaces " + optionsSet + ", already set on this builder; "
                    + "set them on the ReadOptions instead");
        }
        options = value;
        optionsGiven = true;
        return self();
    }

    /** One option of {@link ReadOptions}, unless {@link #options} was given or the option was set. */
    final B option(String name, ReadOptions value) {
        if (optionsGiven) {
            throw new IllegalStateException(name + " cannot be set after options(...); set it on the ReadOptions");
        }
        Checks.notYetSet(name, !optionsSet.add(name));
        options = value;
        return self();
    }

    /** The text layout (default {@link TransactionCsvReader.Layout#CSV}); see {@link ReadOptions#withLayout}. */
    public B layout(TransactionCsvReader.Layout value) {
        return option("layout", options.withLayout(value));
    }

    /**
     * The field separator of the CSV layout (default {@code ,}), such as {@code ;} or a tab; see
     * {@link ReadOptions#withDelimiter}.
     */
    public B delimiter(char value) {
        return option("delimiter", options.withDelimiter(value));
    }

    /** The decimal separator of numbers, {@code .} (the default) or {@code ,}. */
    public B decimalSeparator(char value) {
        return option("decimalSeparator", options.withDecimalSeparator(value));
    }

    /**
     * The text encoding (default UTF-8); bytes that are not valid in it are row errors
     * ({@link RowError.Kind#INVALID_ENCODING}).
     */
    public B charset(Charset value) {
        return option("charset", options.withCharset(value));
    }

    /**
     * The file has no header line; these are its column names, in order.
     *
     * @throws IllegalArgumentException if there are no names, or a name is blank or repeated
     */
    public B withoutHeader(String... names) {
        return option("withoutHeader", options.withColumnNames(names));
    }

    /** Texts that mean "missing" besides the empty text; see {@link ReadOptions#withMissingValues}. */
    public B missingValues(String... markers) {
        return option("missingValues", options.withMissingValues(markers));
    }

    /** Whether a quoted field may span lines (default true); see {@link ReadOptions#withMultiLineFields}. */
    public B multiLineFields(boolean value) {
        return option("multiLineFields", options.withMultiLineFields(value));
    }

    /**
     * What to do with a bad row: {@link RowPolicy#FAIL} (the default) or {@link RowPolicy#DROP}.
     *
     * @throws IllegalArgumentException for {@link RowPolicy#KEEP}
     */
    public B onRowError(RowPolicy value) {
        return option("onRowError", options.withRowErrorPolicy(value));
    }

    /**
     * How many bad rows the report quotes (default 10).
     *
     * @throws IllegalArgumentException if negative
     */
    public B maxErrorExamples(int value) {
        return option("maxErrorExamples", options.withMaxErrorExamples(value));
    }

    /**
     * The customer id column (required). Surrounding spaces are removed; an empty id or a missing-value marker
     * is a missing customer.
     */
    public B customerId(String column) {
        Checks.notYetSet("customerId", customerColumn != null);
        customerColumn = name("customerId", column);
        return self();
    }

    /**
     * Writes customer ids such as {@code 17850.0} or {@code 17850.00} (digits, a point, only zeros) as
     * {@code 17850}; other ids are unchanged. For files whose integer ids went through a float column.
     */
    public B normalizeDecimalCustomerIds() {
        Checks.notYetSet("normalizeDecimalCustomerIds", normalizeDecimalIds);
        normalizeDecimalIds = true;
        return self();
    }

    /**
     * What to do with a row without customer id: {@link RowPolicy#KEEP} (the default of transactions and
     * events), {@link RowPolicy#DROP} (the default of a customer table) or {@link RowPolicy#FAIL}.
     *
     * @throws IllegalArgumentException for {@link RowPolicy#KEEP} on a customer table: its rows are customers
     */
    public B onMissingCustomer(RowPolicy value) {
        Checks.notNull("policy", value);
        Checks.notYetSet("onMissingCustomer", missingCustomerSet);
        if (value == RowPolicy.KEEP && rowsAreCustomers) {
            throw new IllegalArgumentException("A customer table cannot keep rows without a customer id");
        }
        missingCustomer = value;
        missingCustomerSet = true;
        return self();
    }

    /**
     * What to do with a duplicate row: for transactions and events an exact duplicate, equal in every column
     * read ({@link RowPolicy#KEEP}, the default, does not even look for them); for a customer table a
     * customer id seen on an earlier row ({@link RowPolicy#FAIL}, the default, or {@link RowPolicy#DROP},
     * which keeps the first row). With {@code DROP}, the first copy stays.
     *
     * @throws IllegalArgumentException for {@link RowPolicy#KEEP} on a customer table
     */
    public B onDuplicate(RowPolicy value) {
        Checks.notNull("policy", value);
        Checks.notYetSet("onDuplicate", duplicatesSet);
        if (value == RowPolicy.KEEP && rowsAreCustomers) {
            throw new IllegalArgumentException("A customer table cannot keep two rows of one customer");
        }
        duplicates = value;
        duplicatesSet = true;
        return self();
    }

    /** Aliases to merge and customers who opted out, applied to every row read. */
    public B identity(CustomerIdentity value) {
        Checks.notNull("identity", value);
        Checks.notYetSet("identity", identity != null);
        identity = value;
        return self();
    }

    /** A column name: not null, not blank. */
    static String name(String what, String value) {
        Checks.notNull(what, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /**
     * Checks the options before a reader is built: the customer id is set, the options agree with each other,
     * and without a header every column of {@code roles} is among the given names.
     *
     * @param roles each configured column and its role, for messages
     */
    final void check(Map<String, String> roles) {
        if (customerColumn == null) {
            throw new IllegalStateException("customerId(column) is required");
        }
        options.validate();
        if (options.columnNames() != null) {
            for (Map.Entry<String, String> e : roles.entrySet()) {
                if (!options.columnNames().contains(e.getKey())) {
                    throw new IllegalArgumentException("Column '" + e.getKey() + "' (" + e.getValue()
                            + ") is not among the names given to withoutHeader: " + options.columnNames());
                }
            }
        }
    }

    /** Records that {@code column} plays {@code role}; a column cannot play two. */
    static void role(Map<String, String> roles, String column, String role) {
        String previous = roles.putIfAbsent(column, role);
        if (previous != null) {
            throw new IllegalArgumentException("Column '" + column + "' is used as both " + previous + " and " + role);
        }
    }

    /** The roles map of a new build, with the customer id in it. */
    final Map<String, String> roles() {
        Map<String, String> roles = new LinkedHashMap<>();
        if (customerColumn != null) {
            roles.put(customerColumn, "customer id");
        }
        return roles;
    }
}
