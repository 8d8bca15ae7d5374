/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.List;

/**
 * What fitting a {@link FeaturePipeline} found that the caller should know: the number of training rows and
 * the columns that were constant when a standardize step was fitted (their scale was set to 1, so they are 0
 * after centring and carry no information for the model).
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class FitReport {
    private final long rows;
    private final List<String> zeroVarianceColumns;

    FitReport(long rows, List<String> zeroVarianceColumns) {
        this.rows = rows;
        this.zeroVarianceColumns = List.copyOf(zeroVarianceColumns);
    }

    /** The number of training rows. */
    public long rows() {
        return rows;
    }

    /** Columns with zero variance at a standardize step, in column order; empty if none. */
    public List<String> zeroVarianceColumns() {
        return zeroVarianceColumns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitReport && rows == ((FitReport) o).rows
                && zeroVarianceColumns.equals(((FitReport) o).zeroVarianceColumns);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(rows) * 31 + zeroVarianceColumns.hashCode();
    }

    @Override
    public String toString() {
        return "FitReport[rows=" + rows + ", zeroVarianceColumns=" + zeroVarianceColumns + "]";
    }
}
