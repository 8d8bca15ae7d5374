/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;
import java.util.function.Function;

/** Numeric inputs read from a row, rows built from kept values and computed ones, mapped iterators. Not API. */
public final class RowValues {
    private RowValues() {
    }

    /** Reads {@code out[j] = row[index[j]]} as a double, a null as NaN (for the transform's imputation). */
    public static void read(Row r, int[] index, double[] out) {
        for (int j = 0; j < index.length; j++) {
            out[j] = r.isNullAt(index[j]) ? Double.NaN : ((Number) r.get(index[j])).doubleValue();
        }
    }

    /** The first {@code keep} values of a row followed by {@code extra}. */
    public static Row append(Row r, int keep, Object... extra) {
        Object[] v = new Object[keep + extra.length];
        for (int j = 0; j < keep; j++) {
            v[j] = r.get(j);
        }
        System.arraycopy(extra, 0, v, keep, extra.length);
        return RowFactory.create(v);
    }

    /** The rows of {@code in}, each mapped as it is read. */
    public static <A, B> Iterator<B> map(Iterator<A> in, Function<A, B> f) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return in.hasNext();
            }

            @Override
            public B next() {
                return f.apply(in.next());
            }
        };
    }
}
