/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;

import java.util.Arrays;

/**
 * The decomposition of the total sum of squares of a labelling into its within-cluster and between-cluster
 * parts, with the labelling's own centroids (the mean of each cluster's rows): how much of the spread of the
 * customers the segments explain.
 * <pre>{@code
 * SumOfSquares ss = SumOfSquares.of(features, model.trainingLabels());
 * ss.total(); ss.within(); ss.between(); ss.explainedShare();   // T = W + B, and B / T
 * log.info("{}", ss.table());                                   // per cluster: size, within SS, share
 * }</pre>
 *
 * <h2>Definition</h2>
 * With \( c_q \) the mean of the \( n_q \) rows of cluster q and \( c \) the mean of all n labelled rows,
 * \[ T = \sum_i \lVert x_i - c \rVert^2 = W + B, \qquad W = \sum_q W_q = \sum_q \sum_{i \in q}
 *    \lVert x_i - c_q \rVert^2, \qquad B = \sum_q n_q \lVert c_q - c \rVert^2 . \]
 * W is the inertia of the labelling at its own centroids (scikit-learn's {@code KMeans.inertia_} after the
 * final assignment, and the {@code intra_disp} of {@code calinski_harabasz_score}); B is that function's
 * {@code extra_disp}; \( B/T \) is the share of the variance explained (\( R^2 \), 1 when T = 0). The three
 * sums are computed independently, so \( W + B \) equals T to rounding, which is a check, not an identity of
 * the code.
 *
 * <h2>Numerics</h2>
 * Two passes with compensated sums in a frame shifted by the grand mean (see the Calinski-Harabasz index), so
 * the values keep their precision for data far from the origin and for tight clusters.
 *
 * <h2>Edge cases and bad input</h2>
 * Rows labelled -1 (noise) are left out of every sum and every mean. One cluster is allowed (W = T, B = 0).
 * Labels of another length than the data, a label below -1, or every row noise:
 * {@link IllegalArgumentException}. \( O(n d) \) time, \( O(k d) \) memory.
 *
 * <p>Immutable and thread-safe; arrays are copied out.
 *
 * @since 0.1
 */
public final class SumOfSquares {
    private final double total;
    private final double within;
    private final double between;
    private final double[] withinByCluster;
    private final int[] labels;
    private final int[] sizes;
    private final Centroids centroids;

    private SumOfSquares(double total, double within, double between, double[] withinByCluster, int[] labels,
                         int[] sizes, Centroids centroids) {
        this.total = total;
        this.within = within;
        this.between = between;
        this.withinByCluster = withinByCluster;
        this.labels = labels;
        this.sizes = sizes;
        this.centroids = centroids;
    }

    /**
     * The decomposition of a labelling.
     *
     * @param data the rows. Not modified.
     * @param labels one label per row, {@code >= 0} or -1 for noise. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public static SumOfSquares of(Dataset data, int[] labels) {
        Labels.checkLength(labels, data);
        DistanceRange.check(data, "the sum-of-squares decomposition");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        if (enc.assigned == 0) {
            throw new IllegalArgumentException("The sum of squares is not defined: every row is labelled noise (-1)");
        }
        return of(data, enc);
    }

    /** The decomposition of an encoded labelling with at least one labelled row. */
    static SumOfSquares of(Dataset data, Labels.Encoded enc) {
        ClusterCentres cc = ClusterCentres.of(data, enc);
        int k = enc.k;
        int d = data.cols();
        double[] x = DatasetAccess.data(data);
        Neumaier[] w = new Neumaier[k];
        for (int c = 0; c < k; c++) {
            w[c] = new Neumaier();
        }
        Neumaier t = new Neumaier();
        for (int i = 0; i < data.rows(); i++) {
            int c = enc.codes[i];
            if (c < 0) {
                continue;
            }
            double sw = 0;
            double st = 0;
            for (int j = 0; j < d; j++) {
                double dw = cc.deviation(x[i * d + j], c, j);
                double dt = (x[i * d + j] - cc.shift[j]) - cc.grand[j];
                sw += dw * dw;
                st += dt * dt;
            }
            w[c].add(sw);
            t.add(st);
        }
        Neumaier wAll = new Neumaier();
        Neumaier b = new Neumaier();
        double[] byCluster = new double[k];
        for (int c = 0; c < k; c++) {
            byCluster[c] = w[c].value();
            wAll.add(byCluster[c]);
            double s = 0;
            for (int j = 0; j < d; j++) {
                double dev = cc.means[c * d + j] - cc.grand[j];
                s += dev * dev;
            }
            b.add(enc.sizes[c] * s);
        }
        return new SumOfSquares(t.value(), wAll.value(), b.value(), byCluster, enc.values.clone(), enc.sizes.clone(),
                Centroids.ofRowMajor(cc.centres(), k, data.columnNames()));
    }

    /** The decomposition of a model's training labels on its training data. */
    public static SumOfSquares of(Dataset data, ClusterModel model) {
        Checks.notNull("model", model);
        return of(data, model.trainingLabels());
    }

    /** The total sum of squares T about the grand mean of the labelled rows. */
    public double total() {
        return total;
    }

    /** The within-cluster sum of squares W about the clusters' own means. */
    public double within() {
        return within;
    }

    /** The between-cluster sum of squares B: each cluster's size times its mean's squared distance to the grand mean. */
    public double between() {
        return between;
    }

    /** \( B / T \), the share of the total sum of squares the clusters explain; 1 when T = 0. */
    public double explainedShare() {
        return total == 0 ? 1.0 : between / total;
    }

    /**
     * The within-cluster sum of squares of one cluster.
     *
     * @throws IllegalArgumentException if no labelled row has that label
     */
    public double within(int label) {
        return withinByCluster[code(label)];
    }

    /**
     * The number of rows of one cluster.
     *
     * @throws IllegalArgumentException if no labelled row has that label
     */
    public int size(int label) {
        return sizes[code(label)];
    }

    /** The number of clusters (distinct labels other than -1). */
    public int k() {
        return labels.length;
    }

    /** The cluster labels present, increasing. */
    public int[] clusterLabels() {
        return labels.clone();
    }

    /** The labelling's centroids: row c is the mean of the rows of {@code clusterLabels()[c]}. */
    public Centroids centroids() {
        return centroids;
    }

    private int code(int label) {
        int c = Arrays.binarySearch(labels, label);
        if (c < 0) {
            throw new IllegalArgumentException("No labelled row has label " + label + "; the labels are "
                    + Arrays.toString(labels));
        }
        return c;
    }

    /** The decomposition and, per cluster, its size, within sum of squares and share of W. */
    public String table() {
        StringBuilder sb = new StringBuilder(TextTable.line("Sum of squares: total %.6g = within %.6g + between %.6g;"
                + " explained share %.4f (%d clusters, %,d rows)", total, within, between, explainedShare(), k(),
                Arrays.stream(sizes).asLongStream().sum()));
        TextTable t = TextTable.of("cluster", "rows", "within SS", "share of W");
        for (int c = 0; c < labels.length; c++) {
            t.row(labels[c], TextTable.fmt("%,d", sizes[c]), TextTable.fmt("%.6g", withinByCluster[c]),
                    TextTable.fmt("%.1f%%", within == 0 ? 0.0 : 100 * withinByCluster[c] / within));
        }
        return sb.append(t.render()).toString();
    }

    @Override
    public String toString() {
        return TextTable.fmt("SumOfSquares[total=%.6g, within=%.6g, between=%.6g, explained=%.4f, k=%d]", total,
                within, between, explainedShare(), k());
    }
}
