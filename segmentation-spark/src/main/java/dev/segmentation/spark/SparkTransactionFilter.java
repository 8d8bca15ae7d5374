/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.features.FilterReport;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.spark.internal.Columns;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * The features module's {@link TransactionFilter} on a DataFrame: the same named rules (the single-JVM filter's
 * {@link TransactionFilter#rules() rule descriptions}, each translated to a column expression), tested in the
 * order they were added, each row counted by the <em>first</em> rule that drops it, so the counts equal the single-JVM
 * filter's on the same rows.
 *
 * <pre>{@code
 * SparkTransactionFilter.Result clean = SparkTransactionFilter.builder()
 *     .dropMissingCustomer()
 *     .dropOrderIdPrefix("C", "cancelled invoice")
 *     .dropNonPositiveQuantity()
 *     .dropNonPositiveUnitPrice()
 *     .dropUnlessMatches("StockCode", "^\\d{5}.*", "non-product stock code")
 *     .build()
 *     .apply(transactions, schema);
 * }</pre>
 *
 * <p>{@link #apply} runs one Spark job for the counts; the kept rows are a lazy DataFrame. A row with a null in
 * a tested column: a null quantity or price is not "non-positive" (the RFM step then rejects its null amount), a
 * null string is tested as the empty string, as the CSV reader reads an empty field.
 *
 * @since 0.1
 */
public final class SparkTransactionFilter {
    private final List<TransactionFilter.RuleSpec> rules;

    private SparkTransactionFilter(List<TransactionFilter.RuleSpec> rules) {
        this.rules = rules;
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rules of a single-JVM filter, on DataFrames.
     *
     * @throws IllegalArgumentException if a rule has no column expression here: {@code dropExactDuplicates},
     *     {@code dropNonPositiveAmount} and {@code dropIf} with a Java predicate (use {@code dropUnlessMatches})
     */
    public static SparkTransactionFilter of(TransactionFilter filter) {
        Objects.requireNonNull(filter, "filter");
        List<TransactionFilter.RuleSpec> rules = filter.rules();
        for (TransactionFilter.RuleSpec r : rules) {
            switch (r.kind()) {
                case MISSING_CUSTOMER, ORDER_ID_PREFIX, NON_POSITIVE_QUANTITY, NON_POSITIVE_UNIT_PRICE,
                        STRING_NOT_MATCHING -> {
                }
                default -> throw new IllegalArgumentException("Rule '" + r.name() + "' (" + r.kind()
                        + ") cannot run on Spark; the Spark filter takes missing customer, order-id prefix, "
                        + "non-positive quantity or unit price, and string-column regex rules");
            }
        }
        return new SparkTransactionFilter(rules);
    }

    /** The kept rows and the count per rule. */
    public record Result(Dataset<Row> transactions, FilterReportView report) {
    }

    /** The counts of a filter run: rows in, rows kept, and the rows each rule dropped, in rule order. */
    public record FilterReportView(long rowsIn, long rowsKept, List<FilterReport.RuleCount> rules) {
        /** Defensive copy. */
        public FilterReportView {
            rules = List.copyOf(rules);
        }

        /** The rows dropped by the named rule. */
        public long dropped(String rule) {
            for (FilterReport.RuleCount r : rules) {
                if (r.rule().equals(rule)) {
                    return r.dropped();
                }
            }
            throw new IllegalArgumentException("No rule named '" + rule + "'");
        }
    }

    /**
     * Applies the rules.
     *
     * @param transactions the input. Not modified.
     * @param schema the roles of its columns
     * @return the kept rows (the input's columns) and the counts
     * @throws IllegalArgumentException if a rule needs a column the input does not have
     */
    public Result apply(Dataset<Row> transactions, TransactionSchema schema) {
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(schema, "schema");
        schema.validate(transactions.schema());
        Column which = null;
        for (int r = rules.size() - 1; r >= 0; r--) {
            Column cond = drops(rules.get(r), transactions, schema);
            Column otherwise = which == null ? lit(-1) : which;
            which = when(cond, lit(r)).otherwise(otherwise);
        }
        if (which == null) {
            which = lit(-1);
        }
        Dataset<Row> tagged = transactions.withColumn(RULE, which);
        long[] counts = new long[rules.size()];
        long in = 0;
        long kept = 0;
        for (Row row : tagged.groupBy(RULE).count().collectAsList()) {
            int r = row.getInt(0);
            long n = row.getLong(1);
            in += n;
            if (r < 0) {
                kept += n;
            } else {
                counts[r] = n;
            }
        }
        List<FilterReport.RuleCount> perRule = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            perRule.add(new FilterReport.RuleCount(rules.get(r).name(), counts[r]));
        }
        Dataset<Row> out = tagged.filter(col(RULE).equalTo(-1)).drop(RULE);
        return new Result(out, new FilterReportView(in, kept, perRule));
    }

    private static final String RULE = "_filter_rule";

    /** The column expression that is true where the rule drops the row (never null). */
    private static Column drops(TransactionFilter.RuleSpec rule, Dataset<Row> df, TransactionSchema s) {
        switch (rule.kind()) {
            case MISSING_CUSTOMER:
                return s.customerId().isNull();
            case ORDER_ID_PREFIX:
                if (s.orderColumn() == null) {
                    throw rule.missing("order ids, but the schema has no order column");
                }
                return coalesce(col(s.orderColumn()).startsWith(rule.argument()), lit(false));
            case NON_POSITIVE_QUANTITY:
                if (s.quantityColumn() == null) {
                    throw rule.missing("a quantity, but the schema has an amount column");
                }
                return coalesce(s.quantity().leq(0), lit(false));
            case NON_POSITIVE_UNIT_PRICE:
                if (s.unitPriceColumn() == null) {
                    throw rule.missing("a unit price, but the schema has an amount column");
                }
                return coalesce(s.unitPrice().leq(0), lit(false));
            case STRING_NOT_MATCHING:
                Columns.requireString(df.schema(), rule.column(), "rule '" + rule.name() + "'");
                String regex = rule.argument();
                UDF1<String, Boolean> f = v -> !Matchers.of(regex).matcher(v == null ? "" : v).matches();
                return udf(f, DataTypes.BooleanType).apply(col(rule.column()));
            default:
                throw new IllegalStateException("Unsupported rule kind " + rule.kind()); // refused by of(...)
        }
    }

    /**
     * Builds a {@link SparkTransactionFilter}: each method adds the features module's rule of the same name
     * ({@code TransactionFilter.Builder}, which checks the names: unique and not blank).
     */
    public static final class Builder {
        private final TransactionFilter.Builder rules = TransactionFilter.builder();

        private Builder() {
        }

        /** Drops rows without a customer id; named {@code "missing customer"}. */
        public Builder dropMissingCustomer() {
            rules.dropMissingCustomer();
            return this;
        }

        /** Drops rows whose order id starts with {@code prefix} (case-sensitive). */
        public Builder dropOrderIdPrefix(String prefix, String name) {
            rules.dropOrderIdPrefix(prefix, name);
            return this;
        }

        /** Drops rows with quantity {@code <= 0}; named {@code "non-positive quantity"}. */
        public Builder dropNonPositiveQuantity() {
            rules.dropNonPositiveQuantity();
            return this;
        }

        /** Drops rows with unit price {@code <= 0}; named {@code "non-positive unit price"}. */
        public Builder dropNonPositiveUnitPrice() {
            rules.dropNonPositiveUnitPrice();
            return this;
        }

        /**
         * Drops rows whose string column does not match {@code regex} as a whole ({@link String#matches}, the
         * test of the single-JVM {@code dropUnlessMatches(column, regex, name)}).
         */
        public Builder dropUnlessMatches(String column, String regex, String name) {
            rules.dropUnlessMatches(column, regex, name);
            return this;
        }

        /** The filter. */
        public SparkTransactionFilter build() {
            return of(rules.build());
        }
    }

    /** Compiled patterns per executor JVM. */
    private static final class Matchers {
        private static final java.util.concurrent.ConcurrentHashMap<String, Pattern> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();

        static Pattern of(String regex) {
            return CACHE.computeIfAbsent(regex, Pattern::compile);
        }
    }
}
