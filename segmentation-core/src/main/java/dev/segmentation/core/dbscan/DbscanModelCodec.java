/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.Arrays;
import java.util.List;

/**
 * Writes {@link DbscanModel} as model type {@code "dbscan"}. Registered for {@link java.util.ServiceLoader};
 * applications use {@link dev.segmentation.core.io.ModelIO}.
 *
 * <p>Parameters: {@code columns}; {@code eps}; {@code minPts}; {@code borderAssignment}; {@code k};
 * {@code labels} (one per training row, -1 for noise); {@code coreSampleIndices} (increasing);
 * {@code coreSamples} (the core rows' values, what {@code predict} needs).
 *
 * <p>Decoding checks: {@code eps > 0} and finite, {@code minPts >= 1}, every label in {@code [-1, k)},
 * core indices strictly increasing within the rows, every core row labelled with a cluster, every cluster
 * holding a core row, clusters numbered by their first core row, and finite core values of the right shape.
 *
 * @since 0.1
 */
public final class DbscanModelCodec implements ModelCodec<DbscanModel> {
    /** For the service loader. */
    public DbscanModelCodec() {
    }

    @Override
    public String type() {
        return "dbscan";
    }

    @Override
    public Class<DbscanModel> modelClass() {
        return DbscanModel.class;
    }

    @Override
    public Section encode(DbscanModel m) {
        int[] core = m.coreSampleIndices();
        return Section.builder()
                .put("columns", m.columnNames())
                .put("eps", m.eps())
                .put("minPts", (long) m.minPts())
                .put("borderAssignment", m.borderAssignment().name())
                .put("k", (long) m.k())
                .put("labels", m.trainingLabels())
                .put("coreSampleIndices", core)
                .putMatrix("coreSamples", m.coreSamples(), core.length, m.dimension())
                .build();
    }

    @Override
    public DbscanModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        if (columns.isEmpty()) {
            throw new ModelFormatException("Parameter '" + s.path() + ".columns' is empty");
        }
        double eps = s.getDouble("eps");
        if (!(eps > 0 && eps < Double.POSITIVE_INFINITY)) {
            throw new ModelFormatException("Parameter '" + s.path() + ".eps' must be finite and > 0 but is " + eps);
        }
        int minPts = s.getInt("minPts", 1, Integer.MAX_VALUE);
        String borderName = s.getString("borderAssignment");
        Dbscan.BorderAssignment border;
        try {
            border = Dbscan.BorderAssignment.valueOf(borderName);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + s.path() + ".borderAssignment' = \"" + borderName
                    + "\" is not one of " + Arrays.toString(Dbscan.BorderAssignment.values()), e);
        }
        int k = s.getInt("k", 0, Integer.MAX_VALUE);
        int[] labels = s.getInts("labels", -1);
        int n = labels.length;
        for (int i = 0; i < n; i++) {
            if (labels[i] < -1 || labels[i] >= k) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels[" + i + "]' = " + labels[i]
                        + " is not in [-1, " + k + ")");
            }
        }
        int[] core = s.getInts("coreSampleIndices", -1);
        int next = 0;
        for (int c = 0; c < core.length; c++) {
            if (core[c] < 0 || core[c] >= n || (c > 0 && core[c] <= core[c - 1])) {
                throw new ModelFormatException("Parameter '" + s.path() + ".coreSampleIndices[" + c + "]' = " + core[c]
                        + " is not increasing within [0, " + n + ")");
            }
            int l = labels[core[c]];
            if (l < 0) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels[" + core[c] + "]' is -1 but row "
                        + core[c] + " is a core row");
            }
            if (l > next) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels': cluster " + l + " has its first "
                        + "core row before cluster " + next + "'s");
            }
            if (l == next) {
                next++;
            }
        }
        if (next != k) {
            throw new ModelFormatException("Parameter '" + s.path() + ".k' = " + k + " but the core rows form " + next
                    + " clusters");
        }
        double[] points = s.getMatrix("coreSamples", core.length, columns.size());
        try {
            return new DbscanModel(columns, eps, minPts, border, labels, core, points, k);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid DBSCAN model in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(DbscanModel m) {
        return Lineage.builder().rows(m.trainingRows()).features(m.columnNames()).build();
    }
}
