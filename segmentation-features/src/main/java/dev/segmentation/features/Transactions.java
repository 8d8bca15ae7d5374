/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.internal.TransactionColumns;
import dev.segmentation.features.internal.TransactionsAccess;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * An immutable, columnar table of transactions (invoice lines, orders): who bought, in which order, when,
 * and for how much. The input of {@link dev.segmentation.features.rfm.Rfm} and of the cleaning rules in
 * {@link TransactionFilter}; read from CSV with {@link dev.segmentation.features.io.TransactionCsvReader} or
 * built with {@link #builder()}.
 *
 * <h2>Columns</h2>
 * <ul>
 *   <li><b>customer</b>: dictionary-encoded. {@link #customerCode(int)} is a dense code in
 *       {@code [0, customerCount())}, or {@code -1} when the row has no customer id (a missing id is data,
 *       not an error: such rows can be counted, filtered out or kept). {@link #customerIds()} lists the
 *       distinct ids by code, in order of first appearance.</li>
 *   <li><b>order</b> (optional): dictionary-encoded the same way, never missing. Without an order column
 *       every row counts as its own order.</li>
 *   <li><b>time</b>: epoch seconds (UTC) per row; {@link #zone()} is the zone the local timestamps were read
 *       in, which defines calendar days for RFM.</li>
 *   <li><b>amount</b>: the monetary value per row, finite; quantity times unit price when the source had
 *       those columns, which are then also kept ({@link #quantity(int)}, {@link #unitPrice(int)}).</li>
 *   <li><b>string columns</b>: any extra columns kept verbatim (for example {@code StockCode},
 *       {@code Country}), dictionary-encoded internally. Three of them can carry a role: the
 *       <b>channel</b> (web, store, app; it may also select the time zone of the row's local timestamp, see
 *       {@link dev.segmentation.features.io.TransactionCsvReader.Builder#channelZone}), the <b>product</b> and
 *       the <b>category</b>.</li>
 * </ul>
 * Every dictionary holds exactly the values used by the rows of this table.
 *
 * <p>Instances are immutable and thread-safe; accessors that return arrays return copies, and lists are
 * unmodifiable.
 *
 * @since 0.1
 */
public final class Transactions extends CustomerRows {
    static {
        TransactionsAccess.install(new TransactionsAccess.Accessor() {
            @Override
            public TransactionColumns columns(Transactions transactions) {
                return transactions.c;
            }

            @Override
            public Transactions wrap(TransactionColumns columns) {
                return new Transactions(columns);
            }
        });
    }

    private final List<String> stringNames;

    private Transactions(TransactionColumns c) {
        super(c);
        this.stringNames = List.of(c.stringNames);
    }

    /** A builder for transactions held in memory (from a database, a stream), in the UTC zone by default. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ orders

    /** Whether the rows carry order ids; if not, every row is its own order. */
    public boolean hasOrderIds() {
        return c.order != null;
    }

    /**
     * The order id of row {@code i}.
     *
     * @throws IllegalStateException if there are no order ids
     */
    public String orderId(int i) {
        requireOrders();
        return c.orderIds[c.order[index(i)]];
    }

    /**
     * The number of distinct order ids.
     *
     * @throws IllegalStateException if there are no order ids
     */
    public int orderCount() {
        requireOrders();
        return c.orderIds.length;
    }

    /**
     * The distinct order ids, by order code; unmodifiable.
     *
     * @throws IllegalStateException if there are no order ids
     */
    public List<String> orderIds() {
        requireOrders();
        return Collections.unmodifiableList(Arrays.asList(c.orderIds));
    }

    private void requireOrders() {
        if (c.order == null) {
            throw new IllegalStateException("These transactions have no order ids (no order column was read)");
        }
    }

    // ------------------------------------------------------------------------------------------ time, money

    /**
     * The calendar day of the earliest row, in {@link #zone()} (UTC when no zone was given): the first day of the
     * period the data cover, as a model's lineage records it.
     *
     * @throws IllegalStateException if there are no rows
     */
    public LocalDate firstDay() {
        return day(true);
    }

    /**
     * The calendar day of the latest row, in {@link #zone()} (UTC when no zone was given).
     *
     * @throws IllegalStateException if there are no rows
     */
    public LocalDate lastDay() {
        return day(false);
    }

    private LocalDate day(boolean first) {
        if (c.size == 0) {
            throw new IllegalStateException("There are no transactions, so no " + (first ? "first" : "last") + " day");
        }
        long best = c.epochSecond[0];
        for (int i = 1; i < c.size; i++) {
            long t = c.epochSecond[i];
            if (first ? t < best : t > best) {
                best = t;
            }
        }
        return Instant.ofEpochSecond(best).atZone(c.zone == null ? ZoneOffset.UTC : c.zone).toLocalDate();
    }

    /** The amount of row {@code i}. */
    public double amount(int i) {
        return c.amount[index(i)];
    }

    /** A copy of every row's amount. */
    public double[] amounts() {
        return c.amount.clone();
    }

    /** Whether quantity and unit price were read (the amount is then their product). */
    public boolean hasQuantityAndUnitPrice() {
        return c.quantity != null;
    }

    /**
     * The quantity of row {@code i}.
     *
     * @throws IllegalStateException if no quantity was read
     */
    public double quantity(int i) {
        requireQuantity();
        return c.quantity[index(i)];
    }

    /**
     * The unit price of row {@code i}.
     *
     * @throws IllegalStateException if no unit price was read
     */
    public double unitPrice(int i) {
        requireQuantity();
        return c.unitPrice[index(i)];
    }

    private void requireQuantity() {
        if (c.quantity == null) {
            throw new IllegalStateException(
                    "These transactions have no quantity and unit price (an amount column was read)");
        }
    }

    // ------------------------------------------------------------------------------------------ strings

    /** The names of the kept string columns, in order; unmodifiable. */
    public List<String> stringColumnNames() {
        return stringNames;
    }

    /**
     * The value of a kept string column at row {@code i}.
     *
     * @throws IllegalArgumentException if there is no such column
     */
    public String stringValue(String column, int i) {
        int k = stringColumnIndex(column);
        return c.stringValues[k][c.stringCodes[k][index(i)]];
    }

    /**
     * A copy of a kept string column, one value per row.
     *
     * @throws IllegalArgumentException if there is no such column
     */
    public String[] stringColumn(String column) {
        int k = stringColumnIndex(column);
        int[] codes = c.stringCodes[k];
        String[] values = c.stringValues[k];
        String[] out = new String[c.size];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[codes[i]];
        }
        return out;
    }

    private int stringColumnIndex(String column) {
        Checks.notNull("column", column);
        for (int k = 0; k < c.stringNames.length; k++) {
            if (c.stringNames[k].equals(column)) {
                return k;
            }
        }
        throw new IllegalArgumentException("No kept string column '" + column + "'; the kept string columns are "
                + stringNames);
    }

    // ------------------------------------------------------------------------------------------ roles

    /** The kept string column that holds the channel, if one was declared. */
    public Optional<String> channelColumn() {
        return Optional.ofNullable(c.roles[TransactionColumns.CHANNEL]);
    }

    /** The kept string column that holds the product, if one was declared. */
    public Optional<String> productColumn() {
        return Optional.ofNullable(c.roles[TransactionColumns.PRODUCT]);
    }

    /** The kept string column that holds the product category, if one was declared. */
    public Optional<String> categoryColumn() {
        return Optional.ofNullable(c.roles[TransactionColumns.CATEGORY]);
    }

    /**
     * The channel of row {@code i}.
     *
     * @throws IllegalStateException if no channel column was declared
     */
    public String channel(int i) {
        return role(TransactionColumns.CHANNEL, "channel", i);
    }

    /**
     * The product of row {@code i}.
     *
     * @throws IllegalStateException if no product column was declared
     */
    public String product(int i) {
        return role(TransactionColumns.PRODUCT, "product", i);
    }

    /**
     * The product category of row {@code i}.
     *
     * @throws IllegalStateException if no category column was declared
     */
    public String category(int i) {
        return role(TransactionColumns.CATEGORY, "category", i);
    }

    private String role(int role, String what, int i) {
        String column = c.roles[role];
        if (column == null) {
            throw new IllegalStateException("These transactions have no " + what + " column");
        }
        return stringValue(column, i);
    }

    // ------------------------------------------------------------------------------------------ selection

    /**
     * The rows at the given indices, in that order (repeats allowed), with dictionaries reduced to the values
     * those rows use.
     *
     * @param rows row indices. Not modified.
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Transactions select(int[] rows) {
        Checks.notNull("rows", rows);
        return new Transactions(c.select(rows));
    }

    @Override
    public String toString() {
        return "Transactions[" + c.size + " rows, " + c.customerIds.length + " customers, "
                + missingCustomerCount() + " rows without customer" + (c.orderIds == null ? "" : ", " + c.orderIds.length + " orders")
                + ", zone=" + c.zone + (stringNames.isEmpty() ? "" : ", strings=" + stringNames) + "]";
    }

    /**
     * Builds {@link Transactions} row by row, for data held in memory (a database cursor, a stream of
     * objects). Not thread-safe.
     *
     * <pre>{@code
     * Transactions t = Transactions.builder().zone(ZoneId.of("Europe/Lisbon"))
     *     .keep("channel", "sku").channel("channel").product("sku")
     *     .add("17850", "536365", instant, 15.30, "web", "85123A")
     *     .build();
     * }</pre>
     *
     * @since 0.1
     */
    public static final class Builder extends RowTableBuilder<Builder> {
        private final String[] roles = new String[3];

        private Builder() {
            super("row", "kept");
            roles(roles);
        }

        /**
         * String columns to keep, in the order {@link #add(String, String, Instant, double, String...)} takes
         * their values; set before the first row.
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         * @throws IllegalStateException if set twice or after a row was added
         */
        public Builder keep(String... names) {
            return declareStrings("keep", "Kept column name", names);
        }

        /** Declares a kept column as the channel. */
        public Builder channel(String column) {
            return role(TransactionColumns.CHANNEL, "channel", column);
        }

        /** Declares a kept column as the product. */
        public Builder product(String column) {
            return role(TransactionColumns.PRODUCT, "product", column);
        }

        /** Declares a kept column as the product category. */
        public Builder category(String column) {
            return role(TransactionColumns.CATEGORY, "category", column);
        }

        private Builder role(int role, String what, String column) {
            Checks.notNull(what, column);
            Checks.notYetSet(what, roles[role] != null);
            started(what);
            if (!Arrays.asList(strings()).contains(column)) {
                throw new IllegalArgumentException("The " + what + " column '" + column + "' is not kept; the kept "
                        + "columns are " + Arrays.toString(strings()));
            }
            roles[role] = column;
            return this;
        }

        /**
         * Adds a row (for transactions without kept columns).
         *
         * @param customerId the customer id, or {@code null} when it is missing
         * @param orderId the order id
         * @param time when
         * @param amount the amount; finite
         * @throws IllegalArgumentException if the amount is not finite or kept columns were declared
         */
        public Builder add(String customerId, String orderId, Instant time, double amount) {
            return add(customerId, orderId, time, amount, new String[0]);
        }

        /**
         * Adds a row.
         *
         * @param customerId the customer id, or {@code null} when it is missing
         * @param orderId the order id
         * @param time when
         * @param amount the amount; finite
         * @param keptValues one value per kept column (null is stored as an empty string)
         * @throws IllegalArgumentException if the amount is not finite or the number of kept values is wrong
         *     (the message gives the row)
         */
        public Builder add(String customerId, String orderId, Instant time, double amount, String... keptValues) {
            Checks.notNull("orderId", orderId);
            Checks.notNull("time", time);
            Checks.notNull("keptValues", keptValues);
            if (amount - amount != 0) {
                throw new IllegalArgumentException("Non-finite amount " + amount + " in row " + size());
            }
            addRow(customerId, orderId, time, amount, keptValues);
            return this;
        }

        /** The transactions (possibly empty); the builder must not be used afterwards. */
        public Transactions build() {
            return new Transactions(finish());
        }
    }
}
