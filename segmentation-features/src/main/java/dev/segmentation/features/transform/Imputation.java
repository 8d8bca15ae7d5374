/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.internal.Checks;

import java.util.Objects;

/**
 * How an imputation step fills missing values (NaN in a numeric column, no category in a categorical one),
 * with the strategies of scikit-learn's {@code SimpleImputer}:
 * <ul>
 *   <li>{@link #mean()}: the mean of the column's non-missing training values (numeric columns);</li>
 *   <li>{@link #median()}: their median, the mean of the two middle values for an even count (numeric
 *       columns);</li>
 *   <li>{@link #mostFrequent()}: the most frequent value or category; ties go to the smallest value (for
 *       categories, the first in code-point order), as scikit-learn;</li>
 *   <li>{@link #constant(double)} and {@link #constant(String)}: a fixed value (numeric columns) or
 *       category (categorical columns).</li>
 * </ul>
 * {@link #withMissingIndicator()} also appends, after all other columns, one 0/1 column
 * {@code <column>_missing} for each imputed column that had missing values at fit time (scikit-learn's
 * {@code add_indicator=True}, whose indicator covers the columns that were missing during fit).
 *
 * <p>A column that is entirely missing at fit time has no mean, median or mode: fitting fails with an
 * {@link IllegalArgumentException} naming the column, unless an earlier
 * {@link FeaturePipeline.Builder#dropSparseColumns(double) drop step} removed it or the strategy is a
 * constant.
 *
 * <p>Immutable value object.
 *
 * @since 0.1
 */
public final class Imputation {
    /** The fill strategies. */
    public enum Strategy {
        /** The mean of the non-missing training values. */
        MEAN("mean"),
        /** The median of the non-missing training values. */
        MEDIAN("median"),
        /** The most frequent training value or category, ties to the smallest. */
        MOST_FREQUENT("most_frequent"),
        /** A fixed value or category. */
        CONSTANT("constant");

        final String id;

        Strategy(String id) {
            this.id = id;
        }

        /** The strategy's name as written to the model file (scikit-learn's spelling). */
        public String id() {
            return id;
        }

        static Strategy of(String id) {
            Strategy[] all = values();
            for (int i = 0; i < all.length; i++) {
                if (all[i].id.equals(id)) {
                    return all[i];
                }
            }
            return null;
        }
    }

    private final Strategy strategy;
    private final double numericConstant;
    private final String categoryConstant;
    private final boolean indicator;

    private Imputation(Strategy strategy, double numericConstant, String categoryConstant, boolean indicator) {
        this.strategy = strategy;
        this.numericConstant = numericConstant;
        this.categoryConstant = categoryConstant;
        this.indicator = indicator;
    }

    /** Fill with the column mean. */
    public static Imputation mean() {
        return new Imputation(Strategy.MEAN, 0, null, false);
    }

    /** Fill with the column median. */
    public static Imputation median() {
        return new Imputation(Strategy.MEDIAN, 0, null, false);
    }

    /** Fill with the most frequent value or category. */
    public static Imputation mostFrequent() {
        return new Imputation(Strategy.MOST_FREQUENT, 0, null, false);
    }

    /**
     * Fill numeric columns with {@code value}.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    public static Imputation constant(double value) {
        if (value - value != 0) {
            throw new IllegalArgumentException("The constant fill value must be finite but was " + value);
        }
        return new Imputation(Strategy.CONSTANT, value, null, false);
    }

    /**
     * Fill categorical columns with the category {@code value}, which becomes a category of the column if it
     * is not one already (scikit-learn's default is {@code "missing_value"}).
     *
     * @throws IllegalArgumentException if the value is blank
     */
    public static Imputation constant(String value) {
        Checks.notNull("value", value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("The constant fill category must not be blank");
        }
        return new Imputation(Strategy.CONSTANT, Double.NaN, value, false);
    }

    /** The same imputation, also adding missing-indicator columns. */
    public Imputation withMissingIndicator() {
        return new Imputation(strategy, numericConstant, categoryConstant, true);
    }

    /** The strategy. */
    public Strategy strategy() {
        return strategy;
    }

    /** Whether indicator columns are added. */
    public boolean addsMissingIndicator() {
        return indicator;
    }

    /** The constant category, or null. */
    String categoryConstant() {
        return categoryConstant;
    }

    /** The constant number (NaN for a category constant). */
    double numericConstant() {
        return numericConstant;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Imputation)) {
            return false;
        }
        Imputation i = (Imputation) o;
        return strategy == i.strategy && Double.compare(numericConstant, i.numericConstant) == 0
                && Objects.equals(categoryConstant, i.categoryConstant) && indicator == i.indicator;
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, numericConstant, categoryConstant, indicator);
    }

    @Override
    public String toString() {
        String v = strategy == Strategy.CONSTANT
                ? "(" + (categoryConstant != null ? "\"" + categoryConstant + "\"" : numericConstant) + ")" : "";
        return strategy.id + v + (indicator ? "+indicator" : "");
    }
}
