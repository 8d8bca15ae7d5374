/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.Labels;

/**
 * The inertia (within-cluster sum of squares) of a labelling:
 * \[ W = \sum_{i:\, y_i \ne -1} \lVert x_i - c_{y_i} \rVert^2 , \]
 * where \( c_j \) is the model's centre of cluster j, or the mean of the rows labelled j for models without
 * centres. Rows labelled {@link ClusterModel#NOISE} are left out. Smaller is tighter; it always decreases as
 * k grows, which is why it is read as an elbow curve ({@link KneeLocator}) rather than minimised.
 *
 * <p>Sums are compensated (Neumaier), so the value does not depend on n's rounding drift.
 *
 * @since 0.1
 */
public final class Inertia {
    private Inertia() {
    }

    /**
     * The inertia of a fitted model on its training data.
     *
     * @param data the training rows. Not modified.
     * @param model the model fitted on them
     * @throws IllegalArgumentException if the row counts or columns differ
     */
    public static double of(Dataset data, ClusterModel model) {
        int[] labels = model.trainingLabels();
        if (!data.columnNames().equals(model.columnNames())) {
            throw new IllegalArgumentException("The model was fitted on " + model.columnNames()
                    + " but the data have " + data.columnNames());
        }
        return model.centroids().isPresent()
                ? of(data, labels, model.centroids().get())
                : of(data, labels, model.k());
    }

    /**
     * The inertia of labels against given centres.
     *
     * @param data the rows. Not modified.
     * @param labels one label per row, in {@code [0, k)} or -1. Not modified.
     * @param centres the centres
     */
    public static double of(Dataset data, int[] labels, Centroids centres) {
        checkLabels(data, labels, centres.k());
        if (centres.dimension() != data.cols()) {
            throw new IllegalArgumentException("The centres have " + centres.dimension() + " columns but the data "
                    + data.cols());
        }
        double[] c = centres.toRowMajorArray();
        DistanceRange.check(data, "the inertia");
        DistanceRange.check(c, centres.k(), data.cols(), data.columnNames(), data.rows(), "the inertia (the centres)");
        return sum(data, labels, c);
    }

    /**
     * The inertia of labels against the means of their own clusters: the within sum of squares of
     * {@link SumOfSquares} (0 when every row is noise).
     */
    public static double of(Dataset data, int[] labels, int k) {
        checkLabels(data, labels, k);
        DistanceRange.check(data, "the inertia");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        return enc.assigned == 0 ? 0.0 : SumOfSquares.of(data, enc).within();
    }

    private static double sum(Dataset data, int[] labels, double[] c) {
        int d = data.cols();
        double[] x = DatasetAccess.data(data);
        Neumaier s = new Neumaier();
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l < 0) {
                continue;
            }
            double dist = 0;
            for (int j = 0; j < d; j++) {
                double t = x[i * d + j] - c[l * d + j];
                dist += t * t;
            }
            s.add(dist);
        }
        return s.value();
    }

    static void checkLabels(Dataset data, int[] labels, int k) {
        if (labels.length != data.rows()) {
            throw new IllegalArgumentException(labels.length + " labels were given for " + data.rows() + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < ClusterModel.NOISE || labels[i] >= k) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + " is not in [-1, " + k + ")");
            }
        }
    }
}
