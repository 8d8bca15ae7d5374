/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.features.FilterReport;
import dev.segmentation.spark.internal.Columns;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * The features module's {@code TransactionFilter} on a DataFrame: the same named rules, tested in the order they
 * were added, each row counted by the <em>first</em> rule that drops it, so the counts equal the single-JVM
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
    private final List<Rule> rules;

    private SparkTransactionFilter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
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
            Column cond = rules.get(r).drops(transactions, schema);
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
            perRule.add(new FilterReport.RuleCount(rules.get(r).name, counts[r]));
        }
        Dataset<Row> out = tagged.filter(col(RULE).equalTo(-1)).drop(RULE);
        return new Result(out, new FilterReportView(in, kept, perRule));
    }

    private static final String RULE = "_filter_rule";

    private abstract static class Rule {
        final String name;

        Rule(String name) {
            this.name = name;
        }

        abstract Column drops(Dataset<Row> df, TransactionSchema s);

        IllegalArgumentException missing(String what) {
            return new IllegalArgumentException("Rule '" + name + "' needs " + what);
        }
    }

    /** Builds a {@link SparkTransactionFilter}; rule names are unique and not blank. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        private Builder add(Rule rule) {
            if (rule.name == null || rule.name.isBlank()) {
                throw new IllegalArgumentException("A rule name must not be blank but was '" + rule.name + "'");
            }
            if (!names.add(rule.name)) {
                throw new IllegalArgumentException("Rule name '" + rule.name + "' is used twice");
            }
            rules.add(rule);
            return this;
        }

        /** Drops rows without a customer id; named {@code "missing customer"}. */
        public Builder dropMissingCustomer() {
            return add(new Rule("missing customer") {
                @Override
                Column drops(Dataset<Row> df, TransactionSchema s) {
                    return s.customerId().isNull();
                }
            });
        }

        /** Drops rows whose order id starts with {@code prefix} (case-sensitive). */
        public Builder dropOrderIdPrefix(String prefix, String name) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("prefix must not be empty");
            }
            return add(new Rule(name) {
                @Override
                Column drops(Dataset<Row> df, TransactionSchema s) {
                    if (s.orderColumn() == null) {
                        throw missing("order ids, but the schema has no order column");
                    }
                    return org.apache.spark.sql.functions.coalesce(col(s.orderColumn()).startsWith(prefix),
                            lit(false));
                }
            });
        }

        /** Drops rows with quantity {@code <= 0}; named {@code "non-positive quantity"}. */
        public Builder dropNonPositiveQuantity() {
            return add(new Rule("non-positive quantity") {
                @Override
                Column drops(Dataset<Row> df, TransactionSchema s) {
                    if (s.quantityColumn() == null) {
                        throw missing("a quantity, but the schema has an amount column");
                    }
                    return org.apache.spark.sql.functions.coalesce(s.quantity().leq(0), lit(false));
                }
            });
        }

        /** Drops rows with unit price {@code <= 0}; named {@code "non-positive unit price"}. */
        public Builder dropNonPositiveUnitPrice() {
            return add(new Rule("non-positive unit price") {
                @Override
                Column drops(Dataset<Row> df, TransactionSchema s) {
                    if (s.unitPriceColumn() == null) {
                        throw missing("a unit price, but the schema has an amount column");
                    }
                    return org.apache.spark.sql.functions.coalesce(s.unitPrice().leq(0), lit(false));
                }
            });
        }

        /**
         * Drops rows whose string column does not match {@code regex} as a whole ({@link String#matches}, the
         * test of the single-JVM {@code dropIf(column, code -> !code.matches(regex))}).
         */
        public Builder dropUnlessMatches(String column, String regex, String name) {
            Objects.requireNonNull(column, "column");
            Pattern.compile(Objects.requireNonNull(regex, "regex"));
            return add(new Rule(name) {
                @Override
                Column drops(Dataset<Row> df, TransactionSchema s) {
                    Columns.requireString(df.schema(), column, "rule '" + name + "'");
                    UDF1<String, Boolean> f = v -> !Matchers.of(regex).matcher(v == null ? "" : v).matches();
                    return udf(f, DataTypes.BooleanType).apply(col(column));
                }
            });
        }

        /** The filter. */
        public SparkTransactionFilter build() {
            return new SparkTransactionFilter(rules);
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
