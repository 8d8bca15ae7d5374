/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples.custom;

import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;

import java.util.Arrays;

/**
 * A third-party algorithm added through the {@link Clusterer} SPI: value tiers. It splits customers into
 * {@code tiers} segments of about equal size by the quantiles of one column (say monetary value), the rule
 * many marketing teams start from before they cluster.
 *
 * <p>What an implementation owes the SPI, and how this one pays it:
 * <ul>
 *   <li>immutable configuration, validated when set: the constructor checks the column name and the tier
 *       count and keeps them in final fields;</li>
 *   <li>{@code fit} never mutates the estimator or the data and validates before working: an unknown column
 *       or fewer rows than tiers is an {@link IllegalArgumentException} that names the value;</li>
 *   <li>deterministic: the thresholds are order statistics, the same for the same data;</li>
 *   <li>long fits call {@link FitControl#checkCancelled}; this one is a sort, so once is enough;</li>
 *   <li>one label per training row in {@code [0, k)}.</li>
 * </ul>
 * The fitted {@link QuantileSegmentModel} joins the model file format through
 * {@link QuantileSegmentModelCodec}, registered in {@code META-INF/services/dev.segmentation.core.io.ModelCodec}
 * of this module.
 */
public final class QuantileSegmenter implements Clusterer<QuantileSegmentModel> {
    private final String column;
    private final int tiers;

    /**
     * @param column the column to tier by
     * @param tiers the number of segments, at least 2
     * @throws IllegalArgumentException if the column name is blank or {@code tiers < 2}
     */
    public QuantileSegmenter(String column, int tiers) {
        if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("column must be a column name but was " + column);
        }
        if (tiers < 2) {
            throw new IllegalArgumentException("tiers must be >= 2 but was " + tiers);
        }
        this.column = column;
        this.tiers = tiers;
    }

    @Override
    public QuantileSegmentModel fit(Dataset data, FitControl control) {
        int j = data.columnIndex(column); // throws, naming the column and the columns there are
        int n = data.rows();
        if (n < tiers) {
            throw new IllegalArgumentException("tiers = " + tiers + " is larger than the number of rows, n = " + n);
        }
        control.checkCancelled("quantile tiers of '" + column + "'");
        double[] sorted = data.column(j); // a copy
        Arrays.sort(sorted);
        // Upper bounds of tiers 0 .. tiers-2: the value at rank ceil(t n / tiers) - 1.
        double[] thresholds = new double[tiers - 1];
        for (int t = 1; t < tiers; t++) {
            thresholds[t - 1] = sorted[(int) Math.ceil((double) t * n / tiers) - 1];
        }
        return QuantileSegmentModel.fitted(data, column, thresholds);
    }

    @Override
    public String toString() {
        return "QuantileSegmenter[column=" + column + ", tiers=" + tiers + "]";
    }
}
