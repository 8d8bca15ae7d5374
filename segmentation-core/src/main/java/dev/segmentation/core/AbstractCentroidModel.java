/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DotKernel;
import dev.segmentation.core.scoring.NearestCentroidScorer;

import java.util.List;

/**
 * A fitted clustering that labels new rows by the nearest centre: K-means, mini-batch K-means, the cut means of
 * a hierarchical fit, merged centres. Written once here: the centres, the inductive seam (the
 * {@link NearestCentroidScorer}, whose confidence is the margin) and {@link #predict}, both with the lowest
 * index on ties and labels equal to a naive scan.
 *
 * <p>Immutable and thread-safe: the centres are copied in and out.
 *
 * @since 0.1
 */
public abstract class AbstractCentroidModel extends AbstractClusterModel {
    private final double[] centres;
    private final NearestCentroidScorer assigner;

    /**
     * Copies the shared state.
     *
     * @param columns the training columns. Not modified.
     * @param centres {@code k * columns.size()} finite values, row-major. Not modified.
     * @param k the number of centres, {@code >= 1}
     * @param labels one label per training row, in {@code [0, k)}. Not modified.
     * @throws IllegalArgumentException if the centres have the wrong length or a value that is not finite
     */
    protected AbstractCentroidModel(List<String> columns, double[] centres, int k, int[] labels) {
        this(Centroids.ofRowMajor(centres, k, columns), labels);
    }

    private AbstractCentroidModel(Centroids centroids, int[] labels) {
        super(centroids.columnNames(), centroids.k(), labels, centroids);
        this.centres = centroids.toRowMajorArray();
        this.assigner = NearestCentroidScorer.of(centroids);
    }

    /** True: new rows are labelled by the nearest centre. */
    @Override
    public final boolean isInductive() {
        return true;
    }

    /** The nearest-centre assigner (confidence: the margin), whose labels equal {@link #predict}'s. */
    @Override
    public final NearestCentroidScorer assigner() {
        return assigner;
    }

    /**
     * The nearest centre of each row (lowest index on ties).
     *
     * @throws IllegalArgumentException if the columns differ from the training columns
     */
    @Override
    public final int[] predict(Dataset data) {
        requireTrainingColumns(data);
        int n = data.rows();
        int d = dimension();
        int[] out = new int[n];
        if (n > 0) {
            CentroidKernel.nearestLabels(DatasetAccess.data(data), 0, n, new DotKernel.Centres(centres, k(), d), out,
                    0, new CentroidKernel.Scratch(d));
        }
        return out;
    }

    /**
     * The nearest centre of one row (lowest index on ties).
     *
     * @param row {@code dimension()} finite values. Not modified.
     * @throws IllegalArgumentException if the length is wrong, a value is not finite, or the row is so far from
     *     every centre that the squared distances overflow
     */
    public final int predict(double[] row) {
        Checks.rowLength("row", row, dimension());
        Checks.finite(row, 1, row.length, columnNames(), "row");
        int label = CentroidKernel.nearestOne(row, 0, centres, k(), dimension());
        if (label < 0) {
            throw new IllegalArgumentException("The row is too far from every centre: the squared distances "
                    + "overflow to infinity");
        }
        return label;
    }
}
