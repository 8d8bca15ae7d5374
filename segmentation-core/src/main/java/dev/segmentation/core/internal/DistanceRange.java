/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import dev.segmentation.core.Dataset;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The library's one policy for finite values whose squares leave the range of a {@code double}. Not API.
 *
 * <p>Every distance-based fit and metric sums squared coordinates or squared differences over rows and
 * columns. With finite but extreme values those sums overflow to infinity (values near \(10^{160}\) already
 * square to \(10^{320}\)), and with values so small that their squares are subnormal or zero, distinct rows
 * become indistinguishable. Rather than return an infinite objective or an arbitrary labelling, every such
 * entry point calls {@link #check} before any work starts and refuses the data with an
 * {@link IllegalArgumentException} that names the row, the column and the value, and what to do: rescale
 * (standardise) the column.
 *
 * <p>The bound is conservative and easy to state. With \(M = \max_{i,j} |x_{ij}|\), \(n\) rows (or the total
 * sample weight, if larger) and \(d\) columns, the data are accepted when
 * \[ 64\, \max(n, W)\, d\, M^2 \le \text{Double.MAX\_VALUE} \approx 1.8 \times 10^{308}, \]
 * which keeps every squared distance \(\|x - y\|^2 \le 4 d M^2\), every squared norm, every inner product and
 * every sum of them over the rows finite with a factor 16 of headroom for intermediate accumulations. For a
 * million rows of 16 columns that accepts \(M\) up to about \(1.7 \times 10^{149}\). At the other end, data
 * whose largest column range is positive but below {@link #UNDERFLOW_RANGE} (\(10^{-150}\); squares below
 * \(10^{-300}\) approach the subnormal range) are refused too; identical rows (range 0) are left to each
 * algorithm's own rule.
 */
public final class DistanceRange {
    /** Column ranges below this (but positive) are refused: their squares approach the subnormal range. */
    public static final double UNDERFLOW_RANGE = 1e-150;

    private DistanceRange() {
    }

    /** {@link #check(double[], int, int, List, double, String)} over a dataset without weights. */
    public static void check(Dataset data, String what) {
        check(DatasetAccess.data(data), data.rows(), data.cols(), data.columnNames(), 0, what);
    }

    /** {@link #check(double[], int, int, List, double, String)} over a dataset with a total sample weight. */
    public static void check(Dataset data, double totalWeight, String what) {
        check(DatasetAccess.data(data), data.rows(), data.cols(), data.columnNames(), totalWeight, what);
    }

    /**
     * Throws unless squared distances over these values stay finite and normal.
     *
     * @param x           row-major finite values (already checked for NaN and infinity). Not modified.
     * @param n           rows
     * @param d           columns
     * @param names       column names for the message, or {@code null}
     * @param totalWeight the sum of the sample weights, or 0 without weights
     * @param what        what refuses the data, for the message ("k-means", "the silhouette")
     * @throws IllegalArgumentException naming the row, column and value that breaks the bound
     */
    public static void check(double[] x, int n, int d, List<String> names, double totalWeight, String what) {
        check(x, n, d, names, totalWeight, what, null);
    }

    /**
     * {@link #check(double[], int, int, List, double, String)} with the pass over the rows split into the fixed
     * chunks of {@link Parallel} on {@code pool} ({@code null}: the calling thread). Minima and maxima do not
     * depend on the order in which they are taken, so the outcome is the same on any pool.
     */
    public static void check(double[] x, int n, int d, List<String> names, double totalWeight, String what,
                             ForkJoinPool pool) {
        if (n == 0 || d == 0) {
            return;
        }
        double limit = largestMagnitude(n, d, totalWeight);
        // One row-major pass (a column at a time would stream the whole array d times); the culprit of a value
        // over the bound is then looked for column by column, so that the message names the first one in
        // column order, as it always has.
        int chunks = Parallel.chunks(n);
        double[] partMin = new double[chunks * d];
        double[] partMax = new double[chunks * d];
        Parallel.forEachChunk(pool, chunks, ch -> {
            int from = Parallel.chunkStart(ch, n);
            int to = Parallel.chunkEnd(ch, n);
            int o = ch * d;
            System.arraycopy(x, from * d, partMin, o, d);
            System.arraycopy(x, from * d, partMax, o, d);
            CentroidKernel.columnExtremes(x, d, from + 1, to, partMin, o, partMax, o);
        });
        double[] min = Arrays.copyOf(partMin, d);
        double[] max = Arrays.copyOf(partMax, d);
        for (int o = d; o < chunks * d; o += d) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], partMin[o + j]);
                max[j] = Math.max(max[j], partMax[o + j]);
            }
        }
        boolean over = false;
        for (int j = 0; j < d; j++) {
            over |= max[j] > limit || min[j] < -limit;
        }
        if (over) {
            for (int j = 0; j < d; j++) {
                for (int i = 0, idx = j; i < n; i++, idx += d) {
                    double v = x[idx];
                    if (Math.abs(v) > limit) {
                        throw new IllegalArgumentException("The value " + v + " at row " + i + ", column "
                                + column(names, j) + " is too large for " + what + ": squared distances over " + n
                                + " rows of " + d + " columns stay finite only for magnitudes up to " + limit
                                + "; rescale the column (for example standardise it) before clustering");
                    }
                }
            }
        }
        double maxRange = 0;
        int rangeColumn = -1;
        for (int j = 0; j < d; j++) {
            double range = max[j] - min[j];
            if (range > maxRange) {
                maxRange = range;
                rangeColumn = j;
            }
        }
        if (maxRange > 0 && maxRange < UNDERFLOW_RANGE) {
            throw new IllegalArgumentException("The data's largest column range, " + maxRange + " (column "
                    + column(names, rangeColumn) + "), is too small for " + what + ": squared distances between "
                    + "distinct rows underflow to subnormal numbers or zero below a range of " + UNDERFLOW_RANGE
                    + "; rescale the columns (for example standardise them) before clustering");
        }
    }

    /**
     * Throws unless every value of a precomputed dissimilarity block (condensed or square) is small enough that
     * sums of squares of \(n\) of them stay finite.
     *
     * @param values dissimilarities, finite and non-negative. Not modified.
     * @param n      the number of objects
     * @param what   what refuses the matrix, for the message
     */
    public static void checkDissimilarities(double[] values, int n, String what) {
        double limit = largestMagnitude(n, 1, 0);
        for (int i = 0; i < values.length; i++) {
            if (values[i] > limit) {
                throw new IllegalArgumentException("The dissimilarity " + values[i] + " at condensed index " + i
                        + " is too large for " + what + ": sums of squares over " + n + " objects stay finite only"
                        + " up to " + limit + "; rescale the dissimilarities");
            }
        }
    }

    /** The largest magnitude accepted for {@code n} rows (or total weight) of {@code d} columns. */
    public static double largestMagnitude(int n, int d, double totalWeight) {
        double rows = Math.max(n, totalWeight);
        return Math.sqrt(Double.MAX_VALUE / 64 / rows / d);
    }

    private static String column(List<String> names, int j) {
        return names == null ? Integer.toString(j) : j + " ('" + names.get(j) + "')";
    }
}
