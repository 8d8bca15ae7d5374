/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rows of numeric columns packed into flat row-major {@code double[]} blocks, the layout of the core's kernels.
 * Every value is checked: a null, NaN or infinite value fails the task with an exception naming the column,
 * the partition's row and the value. Not API.
 *
 * <h2>A block</h2>
 * A block is a JDK {@code Object[]} of four primitive arrays, so that Spark caches it (and spills it to disk, and
 * reads it back) without any class of the library; the accessors below name its slots:
 * <ul>
 *   <li>{@link #x(Object[]) x} ({@code double[n * d]}): the {@code n} rows of {@code d} values, row-major;</li>
 *   <li>{@link #label(Object[]) label} ({@code int[n]}) and {@link #lower(Object[]) lower} ({@code double[n]}):
 *       per row, the label and a lower bound on the distance to every other centre that one K-means pass left
 *       for the next one (see {@code SparkKMeans}); allocated with the block so that the cache's size estimate
 *       includes them. {@code n} is {@code label.length};</li>
 *   <li>{@link #state(Object[]) state} ({@code long[4]}): {@link #PARTITION}, the partition of the block;
 *       {@link #INDEX}, its number in the partition (from 0, in row order); {@link #BOUNDS_FIT} and
 *       {@link #BOUNDS_PASS}, the fit and the pass whose bounds {@code label} and {@code lower} hold
 *       ({@code BOUNDS_PASS} is -1 when they hold none).</li>
 * </ul>
 * This is the lightest form for the cache: the rows and the bounds in their own types (no value widened, no
 * label held as a double) and one four-slot array and one {@code long[4]} per 4,096 rows, with no class of the
 * library to serialize when a block spills to disk. A single {@code double[]} holding everything would save
 * those two small arrays but hold the labels as doubles, 4 more bytes a row.
 */
public final class Blocks {
    /** Rows per block. */
    public static final int ROWS = 4096;
    /** Index of the block's partition in {@link #state(Object[])}. */
    public static final int PARTITION = 0;
    /** Index of the block's number in its partition in {@link #state(Object[])}. */
    public static final int INDEX = 1;
    /** Index of the fit of the block's bounds in {@link #state(Object[])}. */
    public static final int BOUNDS_FIT = 2;
    /** Index of the pass of the block's bounds in {@link #state(Object[])} (-1: no bounds). */
    public static final int BOUNDS_PASS = 3;

    private static final int X = 0;
    private static final int LABEL = 1;
    private static final int LOWER = 2;
    private static final int STATE = 3;

    private Blocks() {
    }

    /** A new block: block number {@code index} of {@code partition}, its {@code n} rows {@code x}, no bounds. */
    static Object[] block(int partition, int index, int n, double[] x) {
        return new Object[] {x, new int[n], new double[n], new long[] {partition, index, 0, -1}};
    }

    /** The block's rows, {@code double[n * d]}, row-major. */
    public static double[] x(Object[] block) {
        return (double[]) block[X];
    }

    /** The number of rows of the block. */
    public static int rows(Object[] block) {
        return ((int[]) block[LABEL]).length;
    }

    /** Per row, the label the last pass left ({@code int[n]}; meaningful only as {@link #state} says). */
    public static int[] label(Object[] block) {
        return (int[]) block[LABEL];
    }

    /** Per row, the lower bound the last pass left ({@code double[n]}; meaningful only as {@link #state} says). */
    public static double[] lower(Object[] block) {
        return (double[]) block[LOWER];
    }

    /** {@code {partition, index, boundsFit, boundsPass}}, the last two updated in place by the K-means passes. */
    public static long[] state(Object[] block) {
        return (long[]) block[STATE];
    }

    /** The block's partition. */
    public static int partition(Object[] block) {
        return (int) state(block)[PARTITION];
    }

    /** The block's number in its partition. */
    public static int index(Object[] block) {
        return (int) state(block)[INDEX];
    }

    /** The blocks of a DataFrame's columns (not persisted). */
    public static JavaRDD<Object[]> of(Dataset<Row> df, List<String> columns) {
        Columns.requireNumeric(df.schema(), columns, "feature");
        final int d = columns.size();
        final String[] names = columns.toArray(new String[0]);
        return InternalRows.of(InternalRows.asDoubles(df, columns))
                .mapPartitionsWithIndex((p, it) -> pack(p, it, d, names), true);
    }

    private static Iterator<Object[]> pack(int partition, Iterator<InternalRow> it, int d, String[] names) {
        List<Object[]> out = new ArrayList<>();
        double[] buf = new double[ROWS * d];
        int n = 0;
        long row = 0;
        while (it.hasNext()) {
            InternalRow r = it.next();
            for (int j = 0; j < d; j++) {
                if (r.isNullAt(j)) {
                    throw new IllegalArgumentException("Column '" + names[j] + "' is null in row " + row
                            + " of partition " + partition + "; impute or drop nulls before clustering");
                }
                double v = r.getDouble(j);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Column '" + names[j] + "' is " + v + " in row " + row
                            + " of partition " + partition + "; values must be finite");
                }
                buf[n * d + j] = v;
            }
            n++;
            row++;
            if (n == ROWS) {
                out.add(block(partition, out.size(), n, buf));
                buf = new double[ROWS * d];
                n = 0;
            }
        }
        if (n > 0) {
            out.add(block(partition, out.size(), n, java.util.Arrays.copyOf(buf, n * d)));
        }
        return out.iterator();
    }

    /** The first {@link IllegalArgumentException} in a cause chain, or null. */
    public static IllegalArgumentException illegalArgument(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IllegalArgumentException) {
                return (IllegalArgumentException) c;
            }
        }
        // a task's exception arrives as text in the SparkException's message
        String m = t.getMessage();
        if (m != null) {
            int at = m.indexOf("java.lang.IllegalArgumentException: ");
            if (at >= 0) {
                String rest = m.substring(at + "java.lang.IllegalArgumentException: ".length());
                int nl = rest.indexOf('\n');
                return new IllegalArgumentException(nl < 0 ? rest : rest.substring(0, nl), t);
            }
        }
        return null;
    }
}
