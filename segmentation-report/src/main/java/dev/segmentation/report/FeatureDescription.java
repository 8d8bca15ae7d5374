/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a feature column is called in front of people, and its unit: {@code recency_days} is "days since last
 * order" in days, {@code monetary} is "revenue" in GBP.
 * <pre>{@code
 * FeatureDescription.of("recency_days", "days since last order", "days")
 * }</pre>
 *
 * @param column the column name in the data and the profiles
 * @param label the words a marketer reads (axis titles, segment cards)
 * @param unit the unit printed after values and in axis titles, or "" for none
 * @since 0.1
 */
public record FeatureDescription(String column, String label, String unit) {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the column or label is blank, or the unit is null
     */
    public FeatureDescription {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("column must not be blank but was '" + column + "'");
        }
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label of '" + column + "' must not be blank but was '" + label + "'");
        }
        Objects.requireNonNull(unit, "unit");
    }

    /** A description. */
    public static FeatureDescription of(String column, String label, String unit) {
        return new FeatureDescription(column, label, unit);
    }

    /** The column's name with underscores as spaces, and no unit. */
    public static FeatureDescription plain(String column) {
        return new FeatureDescription(column, column.replace('_', ' ').toLowerCase(Locale.ROOT), "");
    }

    /** The label with the unit in parentheses, for axis titles: "revenue (GBP)". */
    public String withUnit() {
        return unit.isEmpty() ? label : label + " (" + unit + ")";
    }

    /**
     * The description of every column: the given ones by column name, {@link #plain} for the rest.
     *
     * @throws IllegalArgumentException if a description names a column that is not among {@code columns}
     */
    static List<FeatureDescription> forColumns(List<String> columns, List<FeatureDescription> given) {
        for (int i = 0; i < given.size(); i++) {
            if (!columns.contains(given.get(i).column())) {
                throw new IllegalArgumentException("A description names column '" + given.get(i).column()
                        + "' but the columns are " + columns);
            }
        }
        List<FeatureDescription> out = new ArrayList<>(columns.size());
        for (int j = 0; j < columns.size(); j++) {
            FeatureDescription d = plain(columns.get(j));
            for (int i = 0; i < given.size(); i++) {
                if (given.get(i).column().equals(columns.get(j))) {
                    d = given.get(i);
                }
            }
            out.add(d);
        }
        return List.copyOf(out);
    }
}
