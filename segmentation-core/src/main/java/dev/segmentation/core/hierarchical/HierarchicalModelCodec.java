/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;

import java.util.Arrays;
import java.util.List;

/**
 * Writes {@link HierarchicalModel} as model type {@code "hierarchical"}. Registered for
 * {@link java.util.ServiceLoader}; applications use {@link dev.segmentation.core.io.ModelIO}.
 *
 * <p>Parameters: {@code columns}; {@code linkage} (SciPy's name); {@code cut} ({@code "clusters"} or
 * {@code "height"}) and {@code cutValue} (k, or the height); {@code linkageMatrix} (the SciPy linkage matrix,
 * {@code leaves - 1} rows of {@code [a, b, height, size]}); {@code labels} (one per training row);
 * {@code leafOfRow} (two-stage fits only: the micro-cluster of each row); {@code clusterMeans} (k rows).
 *
 * <p>Decoding validates the linkage matrix as SciPy's {@code is_valid_linkage} does, re-cuts it and checks
 * that the stored labels are exactly that cut, and checks the shape and finiteness of the means.
 *
 * @since 0.1
 */
public final class HierarchicalModelCodec implements ModelCodec<HierarchicalModel> {
    /** For the service loader. */
    public HierarchicalModelCodec() {
    }

    @Override
    public String type() {
        return "hierarchical";
    }

    @Override
    public Class<HierarchicalModel> modelClass() {
        return HierarchicalModel.class;
    }

    @Override
    public Section encode(HierarchicalModel m) {
        Dendrogram den = m.dendrogram();
        Section.Builder b = Section.builder()
                .put("columns", m.columnNames())
                .put("linkage", m.linkage().scipyName());
        if (m.cut().kind() == Cut.Kind.CLUSTERS) {
            b.put("cut", "clusters").put("cutValue", (long) m.cut().clusters());
        } else {
            b.put("cut", "height").put("cutValue", m.cut().height());
        }
        b.putMatrix("linkageMatrix", den.toRowMajorArray(), den.merges(), 4)
                .put("labels", m.trainingLabels());
        if (m.isTwoStage()) {
            b.put("leafOfRow", m.leafOfRow());
        }
        return b.putMatrix("clusterMeans", m.clusterMeans().toRowMajorArray(), m.k(), m.dimension()).build();
    }

    @Override
    public HierarchicalModel decode(Section s, int version) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        if (columns.isEmpty()) {
            throw new ModelFormatException("Parameter '" + s.path() + ".columns' is empty");
        }
        Linkage linkage;
        String linkageName = s.getString("linkage");
        try {
            linkage = Linkage.ofScipyName(linkageName);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + s.path() + ".linkage' = \"" + linkageName
                    + "\" is not a linkage name: " + e.getMessage(), e);
        }
        String cutKind = s.getString("cut");
        Cut cut;
        try {
            if (cutKind.equals("clusters")) {
                cut = Cut.clusters(s.getInt("cutValue", 1, Integer.MAX_VALUE));
            } else if (cutKind.equals("height")) {
                cut = Cut.height(s.getDouble("cutValue"));
            } else {
                throw new ModelFormatException("Parameter '" + s.path() + ".cut' = \"" + cutKind
                        + "\" is neither \"clusters\" nor \"height\"");
            }
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + s.path() + ".cutValue' is invalid: " + e.getMessage(), e);
        }
        int merges = s.matrixRows("linkageMatrix");
        Dendrogram den;
        try {
            den = Dendrogram.ofRowMajor(s.getMatrix("linkageMatrix", merges, 4), merges + 1);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + s.path() + ".linkageMatrix' is not a valid linkage matrix: "
                    + e.getMessage(), e);
        }
        int[] labels = s.getInts("labels", -1);
        int n = labels.length;
        int[] leafOfRow = null;
        if (s.has("leafOfRow")) {
            leafOfRow = s.getInts("leafOfRow", n);
            for (int i = 0; i < n; i++) {
                if (leafOfRow[i] < 0 || leafOfRow[i] >= den.leaves()) {
                    throw new ModelFormatException("Parameter '" + s.path() + ".leafOfRow[" + i + "]' = " + leafOfRow[i]
                            + " is not a leaf of the dendrogram [0, " + den.leaves() + ")");
                }
            }
        } else if (n != den.leaves()) {
            throw new ModelFormatException("Parameter '" + s.path() + ".labels' has " + n + " values but the linkage "
                    + "matrix has " + den.leaves() + " leaves");
        }
        int[] leafLabels;
        try {
            leafLabels = den.cut(cut);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Parameter '" + s.path() + ".cutValue' does not fit the linkage matrix: "
                    + e.getMessage(), e);
        }
        int k = Dendrogram.clusterCount(leafLabels);
        for (int i = 0; i < n; i++) {
            int expected = leafLabels[leafOfRow == null ? i : leafOfRow[i]];
            if (labels[i] != expected) {
                throw new ModelFormatException("Parameter '" + s.path() + ".labels[" + i + "]' = " + labels[i]
                        + " but the cut of the linkage matrix gives " + expected);
            }
        }
        double[] means = s.getMatrix("clusterMeans", k, columns.size());
        try {
            return new HierarchicalModel(columns, linkage, den, cut, k, labels, leafOfRow, means);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid hierarchical model in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public Lineage lineageOf(HierarchicalModel m) {
        return Lineage.builder().rows(m.trainingRows()).features(m.columnNames()).build();
    }

    @Override
    public String toString() {
        return "HierarchicalModelCodec" + Arrays.asList(type());
    }
}
