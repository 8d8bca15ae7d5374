/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.spark.internal.Columns;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

/**
 * Which columns of a transactions DataFrame play which role, the Spark counterpart of the features module's
 * {@code TransactionCsvReader} configuration: customer id, optional order id, timestamp, and an amount or a
 * quantity and a unit price (amount = quantity x unit price, in double arithmetic, as the reader computes it).
 *
 * <pre>{@code
 * TransactionSchema schema = TransactionSchema.builder()
 *     .customerId("CustomerID").normalizeDecimalCustomerIds()   // "17850.0" -> "17850"
 *     .orderId("InvoiceNo")
 *     .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")           // a string column, local time in the zone
 *     .quantityTimesUnitPrice("Quantity", "UnitPrice")
 *     .zone(ZoneOffset.UTC)
 *     .build();
 * }</pre>
 *
 * <p>The timestamp column may be a Spark {@code timestamp} (an instant), a {@code timestamp_ntz} or a string with
 * a pattern (local date-time in the {@linkplain #zone() zone}), or a {@code long} of epoch seconds. The zone also
 * defines calendar days for RFM. Customer ids are strings; an empty or blank id counts as missing, as in the
 * reader. Numbers may be any numeric type or decimal text.
 *
 * <p>Immutable; the builder fails fast on a role set twice. Not {@code Serializable}: the schema stays on the
 * driver, where it builds column expressions, and the parsing functions it gives Spark capture only its pattern
 * (a string) and its zone (a {@code ZoneId}, a JDK value).
 *
 * @since 0.1
 */
public final class TransactionSchema {
    private final String customer;
    private final boolean normalizeIds;
    private final String order;
    private final String timestamp;
    private final String pattern;
    private final String amount;
    private final String quantity;
    private final String unitPrice;
    private final ZoneId zone;

    private TransactionSchema(Builder b) {
        this.customer = b.customer;
        this.normalizeIds = b.normalizeIds;
        this.order = b.order;
        this.timestamp = b.timestamp;
        this.pattern = b.pattern;
        this.amount = b.amount;
        this.quantity = b.quantity;
        this.unitPrice = b.unitPrice;
        this.zone = b.zone;
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The zone of local timestamps and of calendar days. */
    public ZoneId zone() {
        return zone;
    }

    /** The customer id column. */
    public String customerColumn() {
        return customer;
    }

    /** The order id column, or null. */
    public String orderColumn() {
        return order;
    }

    /** The timestamp column. */
    public String timestampColumn() {
        return timestamp;
    }

    /** The quantity column, or null. */
    public String quantityColumn() {
        return quantity;
    }

    /** The unit price column, or null. */
    public String unitPriceColumn() {
        return unitPrice;
    }

    /**
     * Checks the roles' columns and types.
     *
     * @throws IllegalArgumentException naming the column, its type and the expected type
     */
    public void validate(StructType schema) {
        Columns.requireString(schema, customer, "customer id");
        if (order != null) {
            Columns.requireString(schema, order, "order id");
        }
        DataType t = Columns.field(schema, timestamp, "timestamp").dataType();
        if (t.equals(DataTypes.StringType)) {
            if (pattern == null) {
                throw new IllegalArgumentException("Column '" + timestamp + "' (timestamp) is a string: give its "
                        + "pattern with timestamp(column, pattern), or pass a timestamp or long column");
            }
        } else {
            Columns.requireOneOf(schema, timestamp, "timestamp", "timestamp, timestamp_ntz, long epoch seconds "
                    + "or string", DataTypes.TimestampType, DataTypes.TimestampNTZType, DataTypes.LongType);
        }
        for (String[] c : new String[][] {{amount, "amount"}, {quantity, "quantity"}, {unitPrice, "unit price"}}) {
            if (c[0] != null) {
                DataType ct = Columns.field(schema, c[0], c[1]).dataType();
                if (!Columns.isNumeric(ct) && !ct.equals(DataTypes.StringType)) {
                    Columns.requireNumeric(schema, c[0], c[1]);
                }
            }
        }
    }

    /** The customer id as the library reads it: null when missing or blank, decimal ids normalised. */
    Column customerId() {
        Column c = trim(col(customer));
        if (normalizeIds) {
            c = org.apache.spark.sql.functions.regexp_replace(c, "^([^.]*)\\.0+$", "$1");
        }
        return when(c.isNull().or(c.equalTo(lit(""))), lit(null).cast(DataTypes.StringType)).otherwise(c);
    }

    Column orderId() {
        return order == null ? lit(null).cast(DataTypes.StringType) : col(order);
    }

    Column quantity() {
        return quantity == null ? lit(null).cast(DataTypes.DoubleType) : col(quantity).cast(DataTypes.DoubleType);
    }

    Column unitPrice() {
        return unitPrice == null ? lit(null).cast(DataTypes.DoubleType) : col(unitPrice).cast(DataTypes.DoubleType);
    }

    Column amount() {
        if (amount != null) {
            return col(amount).cast(DataTypes.DoubleType);
        }
        return quantity().multiply(unitPrice());
    }

    /**
     * Epoch seconds, or null when the value is missing or does not parse. The functions given to Spark capture
     * the zone and the pattern, never the schema.
     */
    Column epochSecond(StructType schema) {
        DataType t = Columns.field(schema, timestamp, "timestamp").dataType();
        if (t.equals(DataTypes.TimestampType)) {
            return unix_seconds(col(timestamp));
        }
        if (t.equals(DataTypes.LongType)) {
            return col(timestamp);
        }
        final ZoneId z = zone;
        if (t.equals(DataTypes.TimestampNTZType)) {
            UDF1<LocalDateTime, Long> f = v -> v == null ? null : v.atZone(z).toEpochSecond();
            return udf(f, DataTypes.LongType).apply(col(timestamp));
        }
        final String p = pattern;
        UDF1<String, Long> f = v -> parse(v, p, z);
        return udf(f, DataTypes.LongType).apply(col(timestamp));
    }

    private static Long parse(String v, String pattern, ZoneId zone) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(v.trim(), Formatters.of(pattern)).atZone(zone).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Formatters per pattern, per executor JVM. */
    private static final class Formatters {
        private static final java.util.concurrent.ConcurrentHashMap<String, DateTimeFormatter> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();

        static DateTimeFormatter of(String pattern) {
            return CACHE.computeIfAbsent(pattern, DateTimeFormatter::ofPattern);
        }
    }

    /** The DataFrame with the library's transaction columns added (prefixed {@code _tx_}). */
    Dataset<Row> standard(Dataset<Row> df) {
        validate(df.schema());
        return df.withColumn(CUSTOMER, customerId()).withColumn(ORDER, orderId())
                .withColumn(TIME, epochSecond(df.schema())).withColumn(AMOUNT, amount());
    }

    static final String CUSTOMER = "_tx_customer";
    static final String ORDER = "_tx_order";
    static final String TIME = "_tx_time";
    static final String AMOUNT = "_tx_amount";

    @Override
    public String toString() {
        return "TransactionSchema[customer=" + customer + ", order=" + order + ", timestamp=" + timestamp
                + (amount != null ? ", amount=" + amount : ", quantity=" + quantity + ", unitPrice=" + unitPrice)
                + ", zone=" + zone + "]";
    }

    /** Builds a {@link TransactionSchema}; the customer id, the timestamp and an amount (or quantity and price) are required. */
    public static final class Builder {
        private String customer;
        private boolean normalizeIds;
        private String order;
        private String timestamp;
        private String pattern;
        private String amount;
        private String quantity;
        private String unitPrice;
        private ZoneId zone = ZoneOffset.UTC;
        private boolean zoneSet;

        private Builder() {
        }

        private static void notYet(String what, boolean set) {
            if (set) {
                throw new IllegalStateException(what + " was already set");
            }
        }

        /** The customer id column (string). */
        public Builder customerId(String column) {
            notYet("customerId", customer != null);
            customer = Objects.requireNonNull(column, "column");
            return this;
        }

        /** Ids written as decimals ({@code 17850.0}) lose their zero decimals, as the reader's option. */
        public Builder normalizeDecimalCustomerIds() {
            notYet("normalizeDecimalCustomerIds", normalizeIds);
            normalizeIds = true;
            return this;
        }

        /** The order id column (string); frequency counts distinct orders. */
        public Builder orderId(String column) {
            notYet("orderId", order != null);
            order = Objects.requireNonNull(column, "column");
            return this;
        }

        /** A timestamp, timestamp_ntz or long (epoch seconds) column. */
        public Builder timestamp(String column) {
            notYet("timestamp", timestamp != null);
            timestamp = Objects.requireNonNull(column, "column");
            return this;
        }

        /** A string timestamp column with a {@link DateTimeFormatter} pattern, local time in the zone. */
        public Builder timestamp(String column, String pattern) {
            timestamp(column);
            DateTimeFormatter.ofPattern(Objects.requireNonNull(pattern, "pattern")); // fails fast on a bad pattern
            this.pattern = pattern;
            return this;
        }

        /** The amount column. Exclusive with {@link #quantityTimesUnitPrice}. */
        public Builder amount(String column) {
            notYet("amount (or quantity x unit price)", amount != null || quantity != null);
            amount = Objects.requireNonNull(column, "column");
            return this;
        }

        /** The amount is quantity times unit price. Exclusive with {@link #amount}. */
        public Builder quantityTimesUnitPrice(String quantityColumn, String unitPriceColumn) {
            notYet("amount (or quantity x unit price)", amount != null || quantity != null);
            quantity = Objects.requireNonNull(quantityColumn, "quantityColumn");
            unitPrice = Objects.requireNonNull(unitPriceColumn, "unitPriceColumn");
            return this;
        }

        /** The zone of local timestamps and of calendar days (default UTC). */
        public Builder zone(ZoneId value) {
            notYet("zone", zoneSet);
            zone = Objects.requireNonNull(value, "zone");
            zoneSet = true;
            return this;
        }

        /** The schema. */
        public TransactionSchema build() {
            if (customer == null || timestamp == null || (amount == null && quantity == null)) {
                throw new IllegalStateException("customerId, timestamp and amount (or quantityTimesUnitPrice) are "
                        + "required");
            }
            return new TransactionSchema(this);
        }
    }
}
