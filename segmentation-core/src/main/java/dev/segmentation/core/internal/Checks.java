/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import java.util.List;

/**
 * Argument checks shared by every public entry point. Not API: this package may change in any release.
 *
 * <p>Comparisons are written so that NaN fails them ({@code if (v > 0) return;}), in the manner of
 * Apache Commons Statistics {@code Arguments}. Every message names the parameter and the offending value.
 */
public final class Checks {
    private Checks() {
    }

    /** Throws unless {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value >= min) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be >= " + min + " but was " + value);
    }

    /** Throws unless {@code value > 0} (NaN fails). */
    public static double positive(String name, double value) {
        if (value > 0 && value < Double.POSITIVE_INFINITY) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be finite and > 0 but was " + value);
    }

    /** Throws unless {@code value >= 0} and finite (NaN fails). */
    public static double nonNegative(String name, double value) {
        if (value >= 0 && value < Double.POSITIVE_INFINITY) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be finite and >= 0 but was " + value);
    }

    /** Throws unless {@code 0 <= value <= 1} (NaN fails). */
    public static double unitInterval(String name, double value) {
        if (value >= 0 && value <= 1) {
            return value;
        }
        throw new IllegalArgumentException(name + " must be in [0, 1] but was " + value);
    }

    /** Throws a {@link NullPointerException} naming the parameter. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new NullPointerException(name + " must not be null");
        }
        return value;
    }

    /**
     * Throws unless a fit of {@code k} clusters has rows to work on: at least one, and at least {@code k}.
     *
     * @param algorithm what is fitted, for the message ("k-means")
     */
    public static void rowsForK(String algorithm, int n, int k) {
        if (n == 0) {
            throw new IllegalArgumentException("Cannot fit " + algorithm + ": the dataset has no rows");
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " is larger than the number of rows, n = " + n);
        }
    }

    /** Throws an {@link IllegalStateException} if an option was already set on a builder. */
    public static void notYetSet(String option, boolean alreadySet) {
        if (alreadySet) {
            throw new IllegalStateException(option + " was already set");
        }
    }

    /**
     * Checks that every value of a row-major block is finite.
     *
     * @param data row-major values. Not modified.
     * @param rows number of rows
     * @param cols number of columns
     * @param names column names used in the message, or {@code null}
     * @param what what the values are ("data", "centroids"), used in the message
     */
    public static void finite(double[] data, int rows, int cols, List<String> names, String what) {
        for (int i = 0, idx = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++, idx++) {
                double v = data[idx];
                if (v - v != 0) { // NaN or +-Inf
                    throw nonFinite(what, i, j, names, v);
                }
            }
        }
    }

    /** The largest absolute value of {@code values} (0 for none), for messages about values that overflow. */
    public static double largestMagnitude(double[] values) {
        double m = 0;
        for (int i = 0; i < values.length; i++) {
            m = Math.max(m, Math.abs(values[i]));
        }
        return m;
    }

    /**
     * Throws unless the {@code d} values of a row starting at {@code offset} fit in {@code x} and are all finite.
     *
     * @param names the column names, for the message
     * @throws IndexOutOfBoundsException if the row does not fit in the array
     * @throws IllegalArgumentException if {@code x} is null or a value is not finite
     */
    public static void finiteRow(double[] x, int offset, int d, List<String> names) {
        notNull("row", x);
        if (offset < 0 || offset > x.length - d) {
            throw new IndexOutOfBoundsException("A row of " + d + " values at offset " + offset
                    + " does not fit in an array of " + x.length);
        }
        for (int j = 0; j < d; j++) {
            double v = x[offset + j];
            if (v - v != 0) {
                throw new IllegalArgumentException("Non-finite value " + v + " in row at column " + j + " ('"
                        + names.get(j) + "')");
            }
        }
    }

    /** The exception for a non-finite value at (row, column). */
    public static IllegalArgumentException nonFinite(String what, int row, int col, List<String> names, double v) {
        String column = names == null ? Integer.toString(col) : col + " ('" + names.get(col) + "')";
        return new IllegalArgumentException(
                "Non-finite value " + v + " in " + what + " at row " + row + ", column " + column);
    }

    /** Throws unless {@code row.length == expected}. */
    public static void rowLength(String name, double[] row, int expected) {
        notNull(name, row);
        if (row.length != expected) {
            throw new IllegalArgumentException(
                    name + " has " + row.length + " values but the model expects " + expected);
        }
    }
}
