/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples.custom;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fitted value tiers: a row belongs to the first tier whose upper bound is at least its value in the
 * tier column (the last tier has no bound). Tiers whose bounds coincide (many equal values) stay empty.
 *
 * <p>Inductive: {@link #assigner()} labels a new row by the same tier rule, which is all a third-party model
 * writes to be scored by {@code SegmentScorer} and to get {@link #predict} (the interface's default labels
 * through the assigner). It also has centroids (the mean of each tier's training rows, over all columns) for
 * the profile and drift tools. Immutable: arrays are copied in and out.
 */
public final class QuantileSegmentModel implements ClusterModel {
    private final List<String> columns;
    private final String column;
    private final int columnIndex;
    private final double[] thresholds;
    private final int[] labels;
    private final Centroids means;
    private final Assigner assigner = new TierAssigner();

    QuantileSegmentModel(List<String> columns, String column, double[] thresholds, int[] labels, double[] means) {
        this.columns = List.copyOf(columns);
        this.column = column;
        this.columnIndex = this.columns.indexOf(column);
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
        this.labels = labels.clone();
        this.means = Centroids.ofRowMajor(means, thresholds.length + 1, this.columns);
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

    @Override
    public int k() {
        return thresholds.length + 1;
    }

    @Override
    public List<String> columnNames() {
        return columns;
    }

    @Override
    public int trainingRows() {
        return labels.length;
    }

    @Override
    public int[] trainingLabels() {
        return labels.clone();
    }

    @Override
    public Optional<Centroids> centroids() {
        return Optional.of(means);
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
            return columns;
        }

        @Override
        public int k() {
            return thresholds.length + 1;
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
        return columns.equals(m.columns) && column.equals(m.column) && Arrays.equals(thresholds, m.thresholds)
                && Arrays.equals(labels, m.labels) && means.equals(m.means);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(thresholds) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "QuantileSegmentModel[column=" + column + ", bounds=" + Arrays.toString(thresholds) + "]";
    }
}
