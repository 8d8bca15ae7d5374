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
 * Writes {@link KMeansModel} as model type {@code "kmeans"}. Registered for {@link java.util.ServiceLoader};
 * applications use {@link dev.segmentation.core.io.ModelIO} rather than this class.
 *
 * <p>Parameters: {@code columns}, {@code k}, {@code centroids} (k rows), {@code labels}, {@code inertia},
 * {@code iterations}, {@code converged}, {@code seed}, {@code bestRun}, {@code nInit}, {@code algorithm},
 * {@code init}, {@code clusterWeights}.
 *
 * @since 0.1
 */
public final class KMeansModelCodec implements ModelCodec<KMeansModel> {
    /** For the service loader. */
    public KMeansModelCodec() {
    }

    @Override
    public String type() {
        return "kmeans";
    }

    @Override
    public Class<KMeansModel> modelClass() {
        return KMeansModel.class;
    }

    @Override
    public Section encode(KMeansModel m) {
        return Section.builder()
                .put("columns", m.columnNames())
                .put("k", (long) m.k())
                .putMatrix("centroids", m.clusterCenters().toRowMajorArray(), m.k(), m.dimension())
                .put("labels", m.trainingLabels())
                .put("inertia", m.inertia())
                .put("iterations", (long) m.iterations())
                .put("converged", m.converged())
                .put("seed", m.seed())
                .put("bestRun", (long) m.bestRun())
                .put("nInit", (long) m.nInit())
                .put("algorithm", m.algorithm().name())
                .put("init", m.init().name())
                .put("clusterWeights", m.clusterWeights())
                .build();
    }

    @Override
    public KMeansModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = columns(s);
        int k = s.getInt("k", 1, Integer.MAX_VALUE);
        double[] centres = s.getMatrix("centroids", k, columns.size());
        int[] labels = labels(s, k);
        double inertia = s.getDouble("inertia");
        if (!(inertia >= 0)) {
            throw new ModelFormatException("Parameter '" + s.path() + ".inertia' must be >= 0 but is " + inertia);
        }
        int nInit = s.getInt("nInit", 1, Integer.MAX_VALUE);
        double[] weights = s.getDoubles("clusterWeights", k);
        for (int c = 0; c < k; c++) {
            if (!(weights[c] >= 0)) {
                throw new ModelFormatException("Parameter '" + s.path() + ".clusterWeights[" + c + "]' must be >= 0 but is "
                        + weights[c]);
            }
        }
        KMeans.Algorithm algorithm = enumValue(s, "algorithm", KMeans.Algorithm.class);
        KMeans.Init init = enumValue(s, "init", KMeans.Init.class);
        try {
            return new KMeansModel(columns, centres, k, labels, inertia, s.getInt("iterations", 0, Integer.MAX_VALUE),
                    s.getBoolean("converged"), s.getLong("seed"), s.getInt("bestRun", 0, nInit - 1), nInit,
                    algorithm, init, weights);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid k-means model in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    /** The {@code columns} of a centroid model, which must not be empty. */
    static List<String> columns(Section s) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        if (columns.isEmpty()) {
            throw new ModelFormatException("Parameter '" + s.path() + ".columns' is empty");
        }
        return columns;
    }

    /** The training {@code labels} of a centroid model, each in {@code [0, k)}. */
    static int[] labels(Section s, int k) throws ModelFormatException {
        int[] labels = s.getInts("labels", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels[" + i + "]' = " + labels[i]
                        + " is not in [0, " + k + ")");
            }
        }
        return labels;
    }

    static <E extends Enum<E>> E enumValue(Section s, String name, Class<E> type) throws ModelFormatException {
        String v = s.getString(name);
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + s.path() + "." + name + "' = \"" + v
                    + "\" is not one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    @Override
    public Lineage lineageOf(KMeansModel m) {
        return Lineage.builder().rows(m.trainingRows()).seed(m.seed()).features(m.columnNames()).build();
    }
}
