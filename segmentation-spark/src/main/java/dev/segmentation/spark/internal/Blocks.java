/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rows of numeric columns packed into flat row-major {@code double[]} blocks, the layout of the core's kernels.
 * Every value is checked: a null, NaN or infinite value fails the task with an exception naming the column,
 * the partition's row and the value. Not API.
 */
public final class Blocks {
    /** Rows per block. */
    public static final int ROWS = 4096;

    private Blocks() {
    }

    /** One block: {@code n} rows of {@code d} values, the {@code index}-th block of partition {@code partition}. */
    public static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;
        public final int partition;
        public final int index;
        public final int n;
        public final int d;
        public final double[] x;
        /**
         * Per row, the label and a lower bound on the distance to every other centre that one K-means pass left
         * for the next one (see {@code SparkKMeans}), valid only for the pass {@link #boundsPass} of the fit
         * {@link #boundsFit}; allocated with the block so that the cache's size estimate includes them.
         */
        public final int[] label;
        public final double[] lower;
        public long boundsFit;
        public int boundsPass = -1;

        Block(int partition, int index, int n, int d, double[] x) {
            this.partition = partition;
            this.index = index;
            this.n = n;
            this.d = d;
            this.x = x;
            this.label = new int[n];
            this.lower = new double[n];
        }
    }

    /** The blocks of a DataFrame's columns (not persisted). */
    public static JavaRDD<Block> of(Dataset<Row> df, List<String> columns) {
        Columns.requireNumeric(df.schema(), columns, "feature");
        final int d = columns.size();
        final String[] names = columns.toArray(new String[0]);
        return InternalRows.of(InternalRows.asDoubles(df, columns))
                .mapPartitionsWithIndex((p, it) -> pack(p, it, d, names), true);
    }

    private static Iterator<Block> pack(int partition, Iterator<InternalRow> it, int d, String[] names) {
        List<Block> out = new ArrayList<>();
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
                out.add(new Block(partition, out.size(), n, d, buf));
                buf = new double[ROWS * d];
                n = 0;
            }
        }
        if (n > 0) {
            out.add(new Block(partition, out.size(), n, d, java.util.Arrays.copyOf(buf, n * d)));
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
