/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What fitting a {@link FeaturePipeline} found that the caller should know: the number of training rows,
 * the columns that were constant at a scaling step (their scale was set to 1, so they carry no information
 * for the model), the columns the drop policy removed, and the missing values per input column.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class FitReport {
    private final long rows;
    private final List<String> zeroVarianceColumns;
    private final Map<String, Double> droppedColumns;
    private final Map<String, Long> missingAtFit;

    FitReport(long rows, List<String> zeroVarianceColumns) {
        this(rows, zeroVarianceColumns, Map.of(), Map.of());
    }

    FitReport(long rows, List<String> zeroVarianceColumns, Map<String, Double> droppedColumns,
            Map<String, Long> missingAtFit) {
        this.rows = rows;
        this.zeroVarianceColumns = List.copyOf(zeroVarianceColumns);
        this.droppedColumns = Collections.unmodifiableMap(new LinkedHashMap<>(droppedColumns));
        this.missingAtFit = Collections.unmodifiableMap(new LinkedHashMap<>(missingAtFit));
    }

    /** The number of training rows. */
    public long rows() {
        return rows;
    }

    /**
     * Columns that were constant at a standardize, min-max or robust step or in a composite score, in the
     * order found; empty if none.
     */
    public List<String> zeroVarianceColumns() {
        return zeroVarianceColumns;
    }

    /** Columns removed by a drop step, with their share of missing values at fit time (0 for an explicit drop). */
    public Map<String, Double> droppedColumns() {
        return droppedColumns;
    }

    /** The number of missing values per input column at fit time; only columns with some. */
    public Map<String, Long> missingAtFit() {
        return missingAtFit;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FitReport && rows == ((FitReport) o).rows
                && zeroVarianceColumns.equals(((FitReport) o).zeroVarianceColumns)
                && droppedColumns.equals(((FitReport) o).droppedColumns)
                && missingAtFit.equals(((FitReport) o).missingAtFit);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(rows) * 31 + zeroVarianceColumns.hashCode()) * 31 + droppedColumns.hashCode();
    }

    @Override
    public String toString() {
        return "FitReport[rows=" + rows + ", zeroVarianceColumns=" + zeroVarianceColumns
                + (droppedColumns.isEmpty() ? "" : ", droppedColumns=" + droppedColumns)
                + (missingAtFit.isEmpty() ? "" : ", missingAtFit=" + missingAtFit) + "]";
    }
}
