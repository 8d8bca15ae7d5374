/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples.custom;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.List;

/**
 * Writes {@link QuantileSegmentModel} as model type {@code "example.quantile-segments"}: how a third-party
 * model joins the library's versioned, checksummed JSON format. Three rules: a public no-argument
 * constructor, a model type that no other codec uses (prefix it with your organisation), and a
 * {@link #decode} that validates every parameter and names it in the {@link ModelFormatException}, so that a
 * damaged file never yields a model that scores silently wrong. Register the class name in
 * {@code META-INF/services/dev.segmentation.core.io.ModelCodec}.
 *
 * <p>Parameters: {@code columns}, {@code column}, {@code thresholds}, {@code labels}, {@code means}.
 */
public final class QuantileSegmentModelCodec implements ModelCodec<QuantileSegmentModel> {
    /** For the service loader. */
    public QuantileSegmentModelCodec() {
    }

    @Override
    public String type() {
        return "example.quantile-segments";
    }

    @Override
    public Class<QuantileSegmentModel> modelClass() {
        return QuantileSegmentModel.class;
    }

    @Override
    public Section encode(QuantileSegmentModel m) {
        return Section.builder()
                .put("columns", m.columnNames())
                .put("column", m.column())
                .put("thresholds", m.thresholds())
                .put("labels", m.trainingLabels())
                .putMatrix("means", m.centroids().orElseThrow().toRowMajorArray(), m.k(), m.dimension())
                .build();
    }

    @Override
    public QuantileSegmentModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        String column = s.getString("column");
        if (!columns.contains(column)) {
            throw new ModelFormatException("Parameter '" + s.path() + ".column' = \"" + column + "\" is not one of "
                    + columns);
        }
        double[] thresholds = s.getDoubles("thresholds", -1);
        if (thresholds.length == 0) {
            throw new ModelFormatException("Parameter '" + s.path() + ".thresholds' is empty: at least two tiers");
        }
        int k = thresholds.length + 1;
        int[] labels = s.getInts("labels", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels[" + i + "]' = " + labels[i]
                        + " is not in [0, " + k + ")");
            }
        }
        double[] means = s.getMatrix("means", k, columns.size());
        try {
            return new QuantileSegmentModel(columns, column, thresholds, labels, means);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid quantile-segment model in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(QuantileSegmentModel m) {
        return Lineage.builder().rows(m.trainingRows()).features(m.columnNames()).build();
    }
}
