/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.internal.Checks;

import java.util.List;

/**
 * The transform of a scorer whose model was fitted on ready features: raw values pass through unchanged
 * (finite values only, like every feature row). Saved as model type {@code "identity-transform"}.
 */
final class IdentityTransform implements FeatureTransform {
    private final List<String> columns;

    IdentityTransform(List<String> columns) {
        this.columns = Dataset.ofRowMajor(new double[columns.size()], 1, columns).columnNames();
    }

    @Override
    public List<String> inputNames() {
        return columns;
    }

    @Override
    public List<String> outputNames() {
        return columns;
    }

    @Override
    public void transformRow(double[] in, int inOffset, double[] out, int outOffset) {
        int d = columns.size();
        for (int j = 0; j < d; j++) {
            double v = in[inOffset + j];
            if (v - v != 0) {
                throw new IllegalArgumentException("Non-finite value " + v + " in column " + j + " ('" + columns.get(j)
                        + "') of a raw record: the model reads its features as they are, and they must be finite");
            }
            out[outOffset + j] = v;
        }
    }

    @Override
    public Dataset transform(Dataset raw) {
        Checks.notNull("raw", raw);
        if (!raw.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The scorer expects columns " + columns + " but the dataset has "
                    + raw.columnNames());
        }
        return raw;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityTransform && columns.equals(((IdentityTransform) o).columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
    }

    @Override
    public String toString() {
        return "IdentityTransform" + columns;
    }
}
