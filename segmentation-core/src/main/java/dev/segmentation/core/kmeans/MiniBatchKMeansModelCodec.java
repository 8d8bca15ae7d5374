/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.List;

/**
 * Writes {@link MiniBatchKMeansModel} as model type {@code "minibatch-kmeans"}, so that a stream of
 * {@code partialFit} calls can resume in another process. Registered for {@link java.util.ServiceLoader}.
 *
 * @since 0.1
 */
public final class MiniBatchKMeansModelCodec implements ModelCodec<MiniBatchKMeansModel> {
    /** For the service loader. */
    public MiniBatchKMeansModelCodec() {
    }

    @Override
    public String type() {
        return "minibatch-kmeans";
    }

    @Override
    public Class<MiniBatchKMeansModel> modelClass() {
        return MiniBatchKMeansModel.class;
    }

    @Override
    public Section encode(MiniBatchKMeansModel m) {
        return Section.builder()
                .put("columns", m.columnNames())
                .put("k", (long) m.k())
                .putMatrix("centroids", m.clusterCenters().toRowMajorArray(), m.k(), m.dimension())
                .put("weightSums", m.weightSums())
                .put("labels", m.trainingLabels())
                .put("inertia", m.inertia())
                .put("steps", m.steps())
                .put("converged", m.converged())
                .put("seed", m.seed())
                .build();
    }

    @Override
    public MiniBatchKMeansModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = KMeansModelCodec.columns(s);
        int k = s.getInt("k", 1, Integer.MAX_VALUE);
        double[] weights = s.getDoubles("weightSums", k);
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0)) {
                throw new ModelFormatException("Parameter '" + s.path() + ".weightSums[" + c + "]' must be >= 0");
            }
        }
        int[] labels = KMeansModelCodec.labels(s, k);
        double inertia = s.getDouble("inertia");
        if (!(inertia >= 0)) {
            throw new ModelFormatException("Parameter '" + s.path() + ".inertia' must be >= 0 but is " + inertia);
        }
        long steps = s.getLong("steps");
        if (steps < 0) {
            throw new ModelFormatException("Parameter '" + s.path() + ".steps' must be >= 0 but is " + steps);
        }
        try {
            return new MiniBatchKMeansModel(columns, s.getMatrix("centroids", k, columns.size()), k, weights, labels,
                    inertia, steps, s.getBoolean("converged"), s.getLong("seed"));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid mini-batch k-means model in '" + s.path() + "': "
                    + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(MiniBatchKMeansModel m) {
        return Lineage.builder().rows(m.trainingRows()).seed(m.seed()).features(m.columnNames()).build();
    }
}
