/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples.custom;

import dev.segmentation.core.AbstractClusterModel;
import dev.segmentation.core.Assigner;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;

import java.util.Arrays;
import java.util.List;

/**
 * The fitted value tiers: a row belongs to the first tier whose upper bound is at least its value in the
 * tier column (the last tier has no bound). Tiers whose bounds coincide (many equal values) stay empty.
 *
 * <p>Inductive: {@link #assigner()} labels a new row by the same tier rule, which is all a third-party model
 * writes to be scored by {@code SegmentScorer} and to get {@link #predict} (the interface's default labels
 * through the assigner). It also has centroids (the mean of each tier's training rows, over all columns) for
 * the profile and drift tools. What every model holds (columns, k, training labels, centroids) and its
 * accessors come from {@link AbstractClusterModel}; this class adds only the tier bounds and the tier rule.
 * Immutable: arrays are copied in and out.
 */
public final class QuantileSegmentModel extends AbstractClusterModel {
    private final String column;
    private final int columnIndex;
    private final double[] thresholds;
    private final Assigner assigner = new TierAssigner();

    QuantileSegmentModel(List<String> columns, String column, double[] thresholds, int[] labels, double[] means) {
        super(columns, thresholds.length + 1, labels, Centroids.ofRowMajor(means, thresholds.length + 1, columns));
        this.column = column;
        this.columnIndex = columns.indexOf(column);
        if (columnIndex < 0) {
            throw new IllegalArgumentException("No column '" + column + "' among " + columns);
        }
        for (int t = 0; t < thresholds.length; t++) {
            if (!Double.isFinite(thresholds[t]) || (t > 0 && thresholds[t] < thresholds[t - 1])) {
                throw new IllegalArgumentException("Tier bounds must be finite and non-decreasing: "
                        + Arrays.toString(thresholds));
            }
        }
        this.thresholds = thresholds.clone();
    }

    static QuantileSegmentModel fitted(Dataset data, String column, double[] thresholds) {
        int k = thresholds.length + 1;
        int d = data.cols();
        int j = data.columnIndex(column);
        int[] labels = new int[data.rows()];
        double[] sums = new double[k * d];
        int[] counts = new int[k];
        double[] row = new double[d];
        for (int i = 0; i < labels.length; i++) {
            data.copyRow(i, row, 0);
            int l = tier(thresholds, row[j]);
            labels[i] = l;
            counts[l]++;
            for (int c = 0; c < d; c++) {
                sums[l * d + c] += row[c];
            }
        }
        double[] overall = new double[d];
        for (int l = 0; l < k; l++) {
            for (int c = 0; c < d; c++) {
                overall[c] += sums[l * d + c] / labels.length;
            }
        }
        for (int l = 0; l < k; l++) {
            for (int c = 0; c < d; c++) {
                // An empty tier (tied bounds) gets the overall mean at its bound, so that scoring stays defined.
                sums[l * d + c] = counts[l] > 0 ? sums[l * d + c] / counts[l]
                        : c == j ? thresholds[Math.min(l, k - 2)] : overall[c];
            }
        }
        return new QuantileSegmentModel(data.columnNames(), column, thresholds, labels, sums);
    }

    static int tier(double[] thresholds, double v) {
        int t = 0;
        while (t < thresholds.length && v > thresholds[t]) {
            t++;
        }
        return t;
    }

    /** The tier column. */
    public String column() {
        return column;
    }

    /** The upper bound of each tier but the last. */
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public boolean isInductive() {
        return true;
    }

    @Override
    public Assigner assigner() {
        return assigner;
    }

    /** The tier rule, one row at a time: allocation-free and thread-safe, as the seam requires. */
    private final class TierAssigner implements Assigner {
        @Override
        public List<String> columnNames() {
            return QuantileSegmentModel.this.columnNames();
        }

        @Override
        public int k() {
            return QuantileSegmentModel.this.k();
        }

        @Override
        public int assign(double[] x, int offset) {
            double v = x[offset + columnIndex];
            if (v - v != 0) {
                throw new IllegalArgumentException("Non-finite value " + v + " in column '" + column + "'");
            }
            return tier(thresholds, v);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QuantileSegmentModel)) {
            return false;
        }
        QuantileSegmentModel m = (QuantileSegmentModel) o;
        return sameClustering(m) && column.equals(m.column) && Arrays.equals(thresholds, m.thresholds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(thresholds) + clusteringHash();
    }

    @Override
    public String toString() {
        return "QuantileSegmentModel[column=" + column + ", bounds=" + Arrays.toString(thresholds) + "]";
    }
}
