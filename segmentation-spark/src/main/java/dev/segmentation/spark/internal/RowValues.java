/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark.internal;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Numeric inputs read from a row and rows built from kept values and computed ones. Not API. */
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
}
