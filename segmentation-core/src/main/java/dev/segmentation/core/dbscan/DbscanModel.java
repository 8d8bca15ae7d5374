/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import dev.segmentation.core.AbstractClusterModel;
import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.ConfidenceKind;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted DBSCAN clustering: the training labels (-1 for noise), the core rows and what {@link #predict}
 * needs, which is the core rows' values and labels, {@code eps} and {@code minPts}.
 *
 * <h2>Prediction</h2>
 * A new row gets the label of its nearest core row among those within {@code eps} (the same squared
 * distance rule as the fit; ties: the lowest training index), or {@link #NOISE} if no core row is that near.
 * A training core row is its own nearest core row, so {@code predict} returns its training label; with
 * {@link Dbscan.BorderAssignment#NEAREST_CORE} this holds for border and noise rows too, so
 * {@code predict(trainingData)} equals {@link #trainingLabels()}. New rows never become core rows: the
 * model does not change.
 *
 * <p>{@link #assigner()} applies the same rule to one row without allocating, with the confidence
 * \( 1 - d/\varepsilon \) for the distance d to that core row ({@link ConfidenceKind#CORE_PROXIMITY}: 1 on a
 * core row, towards 0 at the edge of its neighbourhood, 0 for noise).
 *
 * <p>Immutable and thread-safe: arrays are copied in and out; the index over the core rows is built once,
 * when the model is created.
 *
 * @since 0.1
 */
public final class DbscanModel extends AbstractClusterModel {
    private final double eps;
    private final int minPts;
    private final Dbscan.BorderAssignment border;
    private final int[] coreIndices;
    private final double[] corePoints;
    private final int[] coreLabels;
    private final NeighborIndex coreIndex;
    private final int[] tieKey;
    private final Assigner assigner = new CoreAssigner();

    DbscanModel(List<String> columns, double eps, int minPts, Dbscan.BorderAssignment border, int[] labels,
                int[] coreIndices, double[] corePoints, int k) {
        super(columns, k, labels, null);
        this.eps = eps;
        this.minPts = minPts;
        this.border = border;
        this.coreIndices = coreIndices.clone();
        this.corePoints = corePoints.clone();
        int d = dimension();
        Checks.finite(this.corePoints, coreIndices.length, d, columnNames(), "core points");
        this.coreLabels = new int[coreIndices.length];
        for (int c = 0; c < coreIndices.length; c++) {
            coreLabels[c] = trainingLabel(coreIndices[c]);
        }
        this.coreIndex = Dbscan.index(Dbscan.NeighborIndexType.AUTO, this.corePoints, coreIndices.length, d, eps);
        this.tieKey = new int[coreIndices.length];
        for (int p = 0; p < tieKey.length; p++) {
            tieKey[p] = this.coreIndices[coreIndex.original(p)];
        }
    }

    /** The neighbourhood radius. */
    public double eps() {
        return eps;
    }

    /** The neighbourhood size (the row itself included) that made a core row. */
    public int minPts() {
        return minPts;
    }

    /** The border rule of the fit. */
    public Dbscan.BorderAssignment borderAssignment() {
        return border;
    }

    /** The training indices of the core rows, increasing (scikit-learn's {@code core_sample_indices_}). */
    public int[] coreSampleIndices() {
        return coreIndices.clone();
    }

    /** The core rows' values, row-major (scikit-learn's {@code components_}). */
    public double[] coreSamples() {
        return corePoints.clone();
    }

    /** The number of noise rows in the training data. */
    public int noiseCount() {
        int c = 0;
        for (int i = 0; i < trainingRows(); i++) {
            if (trainingLabel(i) == NOISE) {
                c++;
            }
        }
        return c;
    }

    @Override
    public boolean isInductive() {
        return true;
    }

    /**
     * The assigner: the cluster of the nearest core row within {@code eps}, else {@link #NOISE}; confidence
     * {@link ConfidenceKind#CORE_PROXIMITY}. Its labels equal {@link #predict}'s.
     */
    @Override
    public Assigner assigner() {
        return assigner;
    }

    /**
     * The label of each row: the cluster of its nearest core row within {@code eps}, else {@link #NOISE}.
     *
     * @throws IllegalArgumentException if the columns differ from the training columns, or a value is not
     *     finite
     */
    @Override
    public int[] predict(Dataset data) {
        requireTrainingColumns(data);
        double[] x = DatasetAccess.data(data);
        int d = dimension();
        int[] out = new int[data.rows()];
        double r2 = eps * eps;
        for (int i = 0; i < out.length; i++) {
            int p = coreIndex.nearest(x, i * d, r2, tieKey);
            out[i] = p < 0 ? NOISE : coreLabels[coreIndex.original(p)];
        }
        return out;
    }

    /**
     * The label of one row.
     *
     * @param row {@code dimension()} finite values. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public int predict(double[] row) {
        Checks.rowLength("row", row, dimension());
        return assigner.assign(row, 0);
    }

    /** The nearest-core-row rule for one row at a time. */
    private final class CoreAssigner implements Assigner {
        @Override
        public List<String> columnNames() {
            return DbscanModel.this.columnNames();
        }

        @Override
        public int k() {
            return DbscanModel.this.k();
        }

        @Override
        public ConfidenceKind confidenceKind() {
            return ConfidenceKind.CORE_PROXIMITY;
        }

        @Override
        public int assign(double[] x, int offset) {
            int p = nearestCore(x, offset);
            return p < 0 ? NOISE : coreLabels[coreIndex.original(p)];
        }

        @Override
        public int assign(double[] x, int offset, Assignment out) {
            checkHolder(out);
            int p = nearestCore(x, offset);
            if (p < 0) {
                out.set(NOISE, 0.0);
                return NOISE;
            }
            int c = coreIndex.original(p);
            int d = dimension();
            double dist = Math.sqrt(CentroidKernel.squaredDistance(x, offset, corePoints, c * d, d));
            out.set(coreLabels[c], Math.max(0.0, 1 - dist / eps));
            return coreLabels[c];
        }

        private int nearestCore(double[] x, int offset) {
            int d = dimension();
            Checks.finiteRow(x, offset, d, DbscanModel.this.columnNames());
            return coreIndex.nearest(x, offset, eps * eps, tieKey);
        }

        @Override
        public String toString() {
            return "DbscanModel.assigner[eps=" + eps + ", core rows=" + coreIndices.length + "]";
        }
    }

    /** Value equality (doubles bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DbscanModel)) {
            return false;
        }
        DbscanModel m = (DbscanModel) o;
        return sameClustering(m) && minPts == m.minPts && Double.compare(eps, m.eps) == 0 && border == m.border
                && Arrays.equals(coreIndices, m.coreIndices) && Arrays.equals(corePoints, m.corePoints);
    }

    @Override
    public int hashCode() {
        return 31 * clusteringHash() + Arrays.hashCode(coreIndices);
    }

    @Override
    public String toString() {
        return "DbscanModel[eps=" + eps + ", minPts=" + minPts + ", k=" + k() + ", core=" + coreIndices.length
                + ", noise=" + noiseCount() + ", rows=" + trainingRows() + ", columns=" + columnNames() + "]";
    }
}
