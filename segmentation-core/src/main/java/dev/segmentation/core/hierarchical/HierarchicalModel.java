/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.AbstractCentroidModel;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted hierarchical clustering: the dendrogram, the cut that turned it into flat clusters, the training
 * labels and the cluster means.
 *
 * <p>The dendrogram's leaves are the training rows for {@link AgglomerativeClustering}, and the
 * micro-clusters for {@link TwoStageWard}, whose model also maps every row to its micro-cluster
 * ({@link #leafOfRow()}). Labels are numbered as SciPy's {@code fcluster} numbers them, minus one.
 *
 * <h2>Labelling new rows: by the cut means</h2>
 * A dendrogram labels only the rows it was built from. To label new customers the model uses its cut means
 * ({@link #centroids()}: the mean of each flat cluster's training rows): {@link #assigner()} and
 * {@link #predict} give a row the label of the nearest cut mean (lowest label on ties), with the margin as
 * confidence. This is a stated extension of the fit, not the fit itself: a cut is not a Voronoi partition, so
 * a training row near a boundary can be predicted into a neighbouring cluster
 * ({@link #trainingLabels()} keeps the dendrogram's own labels). {@link #withCut} re-cuts the same dendrogram
 * without refitting.
 *
 * <p>Immutable and thread-safe: arrays are copied in and out.
 *
 * @since 0.1
 */
public final class HierarchicalModel extends AbstractCentroidModel {
    private final Linkage linkage;
    private final Dendrogram dendrogram;
    private final Cut cut;
    private final int[] leafOfRow;

    HierarchicalModel(List<String> columns, Linkage linkage, Dendrogram dendrogram, Cut cut, int k, int[] labels,
                      int[] leafOfRow, double[] means) {
        super(columns, means, k, labels);
        this.linkage = linkage;
        this.dendrogram = dendrogram;
        this.cut = cut;
        this.leafOfRow = leafOfRow == null ? null : leafOfRow.clone();
    }

    /** Cuts {@code dendrogram} and computes the cluster means of the rows of {@code x}. */
    static HierarchicalModel build(List<String> columns, Linkage linkage, Dendrogram dendrogram, Cut cut, double[] x,
                                   int n, int d, int[] leafOfRow) {
        int[] leafLabels = dendrogram.cut(cut);
        int k = Dendrogram.clusterCount(leafLabels);
        int[] labels;
        if (leafOfRow == null) {
            labels = leafLabels;
        } else {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = leafLabels[leafOfRow[i]];
            }
        }
        return new HierarchicalModel(columns, linkage, dendrogram, cut, k, labels, leafOfRow,
                means(x, n, d, labels, k));
    }

    /** The mean of each cluster's rows, row-major; rows added in order. */
    static double[] means(double[] x, int n, int d, int[] labels, int k) {
        double[] sums = new double[k * d];
        long[] counts = new long[k];
        for (int i = 0; i < n; i++) {
            int off = labels[i] * d;
            for (int j = 0; j < d; j++) {
                sums[off + j] += x[i * d + j];
            }
            counts[labels[i]]++;
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                sums[c * d + j] /= counts[c];
            }
        }
        return sums;
    }

    /** The cluster means (the same as {@link #centroids()}). */
    public Centroids clusterMeans() {
        return centroids().orElseThrow();
    }

    /** The linkage of the fit. */
    public Linkage linkage() {
        return linkage;
    }

    /** The dendrogram (over the training rows, or over the micro-clusters of a two-stage fit). */
    public Dendrogram dendrogram() {
        return dendrogram;
    }

    /** The cut that gave the labels. */
    public Cut cut() {
        return cut;
    }

    /** Whether the dendrogram's leaves are micro-clusters ({@link TwoStageWard}) rather than rows. */
    public boolean isTwoStage() {
        return leafOfRow != null;
    }

    /**
     * The dendrogram leaf of every training row: the micro-cluster of a two-stage fit, or the row itself.
     */
    public int[] leafOfRow() {
        if (leafOfRow != null) {
            return leafOfRow.clone();
        }
        int[] out = new int[trainingRows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = i;
        }
        return out;
    }

    /**
     * The same dendrogram cut differently, with the means recomputed from the training rows.
     *
     * @param newCut the cut
     * @param trainingData the rows the model was fitted on, in order. Not modified.
     * @throws IllegalArgumentException if the data are not the training data's shape, or the cut asks for
     *     more clusters than the dendrogram has leaves
     */
    public HierarchicalModel withCut(Cut newCut, Dataset trainingData) {
        Checks.notNull("newCut", newCut);
        Checks.notNull("trainingData", trainingData);
        if (!trainingData.columnNames().equals(columnNames()) || trainingData.rows() != trainingRows()) {
            throw new IllegalArgumentException("The model was fitted on " + trainingRows() + " rows of "
                    + columnNames() + " but the data have " + trainingData.rows() + " rows of "
                    + trainingData.columnNames());
        }
        return build(columnNames(), linkage, dendrogram, newCut, DatasetAccess.data(trainingData), trainingRows(),
                dimension(), leafOfRow);
    }

    /**
     * The cophenetic correlation of the dendrogram against the Euclidean distances of its leaves (the
     * training rows; for a two-stage fit, pass the micro-cluster centres).
     *
     * @see Dendrogram#copheneticCorrelation(Dataset)
     */
    public double copheneticCorrelation(Dataset leaves) {
        return dendrogram.copheneticCorrelation(leaves);
    }

    /** Value equality (doubles bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HierarchicalModel)) {
            return false;
        }
        HierarchicalModel m = (HierarchicalModel) o;
        return sameClustering(m) && linkage == m.linkage && dendrogram.equals(m.dendrogram) && cut.equals(m.cut)
                && Arrays.equals(leafOfRow, m.leafOfRow);
    }

    @Override
    public int hashCode() {
        return 31 * dendrogram.hashCode() + clusteringHash();
    }

    @Override
    public String toString() {
        return "HierarchicalModel[linkage=" + linkage + ", " + cut + ", k=" + k() + ", rows=" + trainingRows()
                + (leafOfRow != null ? ", micro-clusters=" + dendrogram.leaves() : "") + ", columns=" + columnNames() + "]";
    }
}
