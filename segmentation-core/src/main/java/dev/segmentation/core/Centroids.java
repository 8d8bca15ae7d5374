/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of {@code k} cluster centres in a {@code d}-dimensional feature space, with the names of
 * the features.
 *
 * <p>Stored row-major in one flat array (centre {@code c}, feature {@code j} at {@code c * d + j}); every
 * accessor returns a copy. All values are finite: the factories reject NaN and infinity with a message
 * that names the centre and the column.
 *
 * @since 0.1
 */
public final class Centroids {
    private final double[] values;
    private final int k;
    private final List<String> names;

    private Centroids(double[] values, int k, List<String> names) {
        this.values = values;
        this.k = k;
        this.names = names;
    }

    /**
     * Centres from rows, one per cluster.
     *
     * @param centres {@code k} rows of {@code names.size()} values. Not modified.
     * @param names the feature names
     * @throws IllegalArgumentException if there are no centres, the rows are ragged or a value is not finite
     */
    public static Centroids of(double[][] centres, List<String> names) {
        Checks.notNull("centres", centres);
        Dataset asRows = Dataset.of(centres, names);
        return ofRowMajor(asRows.toRowMajorArray(), centres.length, names);
    }

    /**
     * Centres from a flat row-major array, which is copied.
     *
     * @param values {@code k * names.size()} values. Not modified.
     * @param k the number of centres, at least one
     * @param names the feature names
     */
    public static Centroids ofRowMajor(double[] values, int k, List<String> names) {
        Checks.notNull("values", values);
        Checks.notNull("names", names);
        Checks.atLeast("k", k, 1);
        int d = names.size();
        if (d < 1) {
            throw new IllegalArgumentException("Centroids need at least one feature");
        }
        if ((long) k * d != values.length) {
            throw new IllegalArgumentException(
                    "k * d = " + ((long) k * d) + " but " + values.length + " values were given");
        }
        double[] copy = values.clone();
        for (int c = 0, idx = 0; c < k; c++) {
            for (int j = 0; j < d; j++, idx++) {
                double v = copy[idx];
                if (v - v != 0) {
                    throw new IllegalArgumentException("Non-finite value " + v + " in centroid " + c
                            + ", column " + j + " ('" + names.get(j) + "')");
                }
            }
        }
        // Re-use Dataset's name checks (blank, duplicate).
        return new Centroids(copy, k, Dataset.ofRowMajor(copy, k, names).columnNames());
    }

    /** The number of centres. */
    public int k() {
        return k;
    }

    /** The number of features. */
    public int dimension() {
        return names.size();
    }

    /** The feature names. */
    public List<String> columnNames() {
        return names;
    }

    /** Feature {@code j} of centre {@code c}. */
    public double get(int c, int j) {
        if (c < 0 || c >= k || j < 0 || j >= names.size()) {
            throw new IndexOutOfBoundsException("(" + c + ", " + j + ") is outside " + k + " x " + names.size());
        }
        return values[c * names.size() + j];
    }

    /** A copy of centre {@code c}. */
    public double[] centre(int c) {
        int d = names.size();
        if (c < 0 || c >= k) {
            throw new IndexOutOfBoundsException("centre " + c + " is out of range [0, " + k + ")");
        }
        return Arrays.copyOfRange(values, c * d, (c + 1) * d);
    }

    /** A copy of the centres, row-major ({@code k * d} values). */
    public double[] toRowMajorArray() {
        return values.clone();
    }

    /** A copy of the centres as rows. */
    public double[][] toArray() {
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = centre(c);
        }
        return out;
    }

    /** Value equality: same names, same values bit for bit. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Centroids && k == ((Centroids) o).k && names.equals(((Centroids) o).names)
                && Arrays.equals(values, ((Centroids) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * names.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Centroids[k=" + k + ", columns=" + names + "]";
    }
}
