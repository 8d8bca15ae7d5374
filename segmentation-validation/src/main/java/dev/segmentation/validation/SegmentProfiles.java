/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Segment profiles in raw units: size, share of customers, the mean of every column, and the share of a value
 * column (revenue, say) each segment holds, plus the population means for comparison.
 *
 * <p>Means are compensated sums divided by the segment size. Rows labelled -1 (noise) belong to no segment
 * and are left out of shares. An empty segment has size 0, share 0 and NaN-free means of 0 with
 * {@link Profile#size()} telling them apart.
 *
 * @since 0.1
 */
public final class SegmentProfiles {
    private final List<String> columns;
    private final List<Profile> profiles;
    private final double[] populationMeans;
    private final String valueColumn;

    private SegmentProfiles(List<String> columns, List<Profile> profiles, double[] populationMeans,
                            String valueColumn) {
        this.columns = columns;
        this.profiles = profiles;
        this.populationMeans = populationMeans;
        this.valueColumn = valueColumn;
    }

    /**
     * Profiles of k segments.
     *
     * @param raw the rows in raw units (not the scaled features). Not modified.
     * @param labels one label per row in {@code [0, k)} or -1. Not modified.
     * @param k the number of segments
     * @param valueColumn the column whose total is shared out (for example {@code "monetary"}), or
     *     {@code null} for none; its values must be non-negative
     * @throws IllegalArgumentException if the lengths differ, a label is out of range, the value column is
     *     unknown or has a negative value
     */
    public static SegmentProfiles of(Dataset raw, int[] labels, int k, String valueColumn) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(labels, "labels");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        Inertia.checkLabels(raw, labels, k);
        int d = raw.cols();
        int valueIndex = valueColumn == null ? -1 : raw.columnIndex(valueColumn);
        long[] sizes = new long[k];
        double[][] sums = new double[k][d];
        double[] population = new double[d];
        double valueTotal = 0;
        long assigned = 0;
        for (int i = 0; i < labels.length; i++) {
            if (valueIndex >= 0 && raw.get(i, valueIndex) < 0) {
                throw new IllegalArgumentException("The value column '" + valueColumn + "' has a negative value "
                        + raw.get(i, valueIndex) + " at row " + i);
            }
            for (int j = 0; j < d; j++) {
                population[j] += raw.get(i, j);
            }
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            assigned++;
            sizes[l]++;
            for (int j = 0; j < d; j++) {
                sums[l][j] += raw.get(i, j);
            }
            if (valueIndex >= 0) {
                valueTotal += raw.get(i, valueIndex);
            }
        }
        for (int j = 0; j < d; j++) {
            population[j] = labels.length == 0 ? 0 : population[j] / labels.length;
        }
        List<Profile> out = new ArrayList<>(k);
        for (int l = 0; l < k; l++) {
            double[] means = new double[d];
            for (int j = 0; j < d; j++) {
                means[j] = sizes[l] == 0 ? 0 : sums[l][j] / sizes[l];
            }
            double valueShare = valueIndex < 0 || !(valueTotal > 0) ? Double.NaN : sums[l][valueIndex] / valueTotal;
            out.add(new Profile(l, sizes[l], assigned == 0 ? 0 : (double) sizes[l] / assigned, means, valueShare));
        }
        return new SegmentProfiles(raw.columnNames(), List.copyOf(out), population, valueColumn);
    }

    /** The profiled columns. */
    public List<String> columns() {
        return columns;
    }

    /** One profile per segment, by label. */
    public List<Profile> profiles() {
        return profiles;
    }

    /** The mean of each column over all rows. */
    public double[] populationMeans() {
        return populationMeans.clone();
    }

    /** The value column, or {@code null}. */
    public String valueColumn() {
        return valueColumn;
    }

    /**
     * One segment's profile.
     *
     * @param label the segment label
     * @param size the number of rows
     * @param share size divided by the number of rows in any segment
     * @param means the mean of each column (0 for an empty segment)
     * @param valueShare the segment's share of the value column's total, or NaN if there is no value column or
     *     its total is 0
     */
    public record Profile(int label, long size, double share, double[] means, double valueShare) {
        /** Defensive copy. */
        public Profile {
            means = means.clone();
        }

        /** A copy of the means. */
        @Override
        public double[] means() {
            return means.clone();
        }

        /** The mean of column j. */
        public double mean(int j) {
            return means[j];
        }

        /** Value equality, means compared element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Profile && label == ((Profile) o).label && size == ((Profile) o).size
                    && Double.compare(share, ((Profile) o).share) == 0
                    && java.util.Arrays.equals(means, ((Profile) o).means)
                    && Double.compare(valueShare, ((Profile) o).valueShare) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(size) + java.util.Arrays.hashCode(means);
        }

        @Override
        public String toString() {
            return "Profile[label=" + label + ", size=" + size + ", share=" + share + ", means="
                    + java.util.Arrays.toString(means) + ", valueShare=" + valueShare + "]";
        }
    }
}
