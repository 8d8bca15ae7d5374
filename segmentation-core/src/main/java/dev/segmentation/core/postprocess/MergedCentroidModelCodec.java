/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.postprocess;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link MergedCentroidModel} as model type {@code "merged-centroids"}. Registered for
 * {@link java.util.ServiceLoader}.
 *
 * <p>Parameters: {@code columns}, {@code k}, {@code centroids} (k rows), {@code labels} (-1 for noise),
 * {@code mapping} (the new label of every original label), and the merges as parallel arrays
 * {@code mergedCluster}, {@code mergedInto}, {@code mergedSize}, {@code mergedShare}, {@code mergedDistance}.
 * Decoding checks ranges, that every label is in {@code [-1, k)}, that the mapping reaches every new label,
 * and the shapes and finiteness of the numbers.
 *
 * @since 0.1
 */
public final class MergedCentroidModelCodec implements ModelCodec<MergedCentroidModel> {
    /** For the service loader. */
    public MergedCentroidModelCodec() {
    }

    @Override
    public String type() {
        return "merged-centroids";
    }

    @Override
    public Class<MergedCentroidModel> modelClass() {
        return MergedCentroidModel.class;
    }

    @Override
    public Section encode(MergedCentroidModel m) {
        List<Merge> merges = m.merges();
        int[] cluster = new int[merges.size()];
        int[] into = new int[merges.size()];
        int[] size = new int[merges.size()];
        double[] share = new double[merges.size()];
        double[] distance = new double[merges.size()];
        for (int i = 0; i < cluster.length; i++) {
            Merge g = merges.get(i);
            cluster[i] = g.cluster();
            into[i] = g.into();
            size[i] = g.size();
            share[i] = g.share();
            distance[i] = g.distance();
        }
        return Section.builder()
                .put("columns", m.columnNames())
                .put("k", (long) m.k())
                .putMatrix("centroids", m.centroids().orElseThrow().toRowMajorArray(), m.k(), m.dimension())
                .put("labels", m.trainingLabels())
                .put("mapping", m.mapping())
                .put("mergedCluster", cluster)
                .put("mergedInto", into)
                .put("mergedSize", size)
                .put("mergedShare", share)
                .put("mergedDistance", distance)
                .build();
    }

    @Override
    public MergedCentroidModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        if (columns.isEmpty()) {
            throw new ModelFormatException("Parameter '" + s.path() + ".columns' is empty");
        }
        int k = s.getInt("k", 1, Integer.MAX_VALUE);
        double[] centres = s.getMatrix("centroids", k, columns.size());
        int[] labels = s.getInts("labels", -1);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1 || labels[i] >= k) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels[" + i + "]' = " + labels[i]
                        + " is not in [-1, " + k + ")");
            }
        }
        int[] mapping = s.getInts("mapping", -1);
        boolean[] reached = new boolean[k];
        for (int a = 0; a < mapping.length; a++) {
            if (mapping[a] < 0 || mapping[a] >= k) {
                throw new ModelFormatException("Parameter '" + s.path() + ".mapping[" + a + "]' = " + mapping[a]
                        + " is not in [0, " + k + ")");
            }
            reached[mapping[a]] = true;
        }
        for (int c = 0; c < k; c++) {
            if (!reached[c]) {
                throw new ModelFormatException("Parameter '" + s.path() + ".mapping' never reaches cluster " + c);
            }
        }
        int m = mapping.length - k;
        int[] cluster = s.getInts("mergedCluster", m);
        int[] into = s.getInts("mergedInto", m);
        int[] size = s.getInts("mergedSize", m);
        double[] share = s.getDoubles("mergedShare", m);
        double[] distance = s.getDoubles("mergedDistance", m);
        List<Merge> merges = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            if (cluster[i] < 0 || cluster[i] >= mapping.length || into[i] < 0 || into[i] >= mapping.length
                    || size[i] < 0 || !(share[i] >= 0 && share[i] <= 1) || !(distance[i] >= 0)) {
                throw new ModelFormatException("Merge " + i + " in '" + s.path() + "' is out of range");
            }
            merges.add(new Merge(cluster[i], into[i], size[i], share[i], distance[i]));
        }
        try {
            return new MergedCentroidModel(columns, centres, k, labels, mapping, merges);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid merged model in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(MergedCentroidModel m) {
        return Lineage.builder().rows(m.trainingRows()).features(m.columnNames()).build();
    }
}
