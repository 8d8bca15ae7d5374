/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A fitted K-means clustering: centres, training labels, inertia and how the fit ran.
 *
 * <p>Immutable and thread-safe: arrays are copied in and out. {@link #predict} labels new rows with the
 * nearest centre (lowest index on ties); for high-throughput scoring build a
 * {@link dev.segmentation.core.scoring.NearestCentroidScorer} from this model.
 *
 * @since 0.1
 */
public final class KMeansModel implements ClusterModel {
    private final List<String> columns;
    private final double[] centres;
    private final int k;
    private final int[] labels;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final long seed;
    private final int bestRun;
    private final int nInit;
    private final KMeans.Algorithm algorithm;
    private final KMeans.Init init;
    private final double[] clusterWeights;
    private final Centroids centroids;

    KMeansModel(List<String> columns, double[] centres, int k, int[] labels, double inertia, int iterations,
                boolean converged, long seed, int bestRun, int nInit, KMeans.Algorithm algorithm, KMeans.Init init,
                double[] clusterWeights) {
        this.columns = List.copyOf(columns);
        this.centres = centres.clone();
        this.k = k;
        this.labels = labels.clone();
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.seed = seed;
        this.bestRun = bestRun;
        this.nInit = nInit;
        this.algorithm = algorithm;
        this.init = init;
        this.clusterWeights = clusterWeights.clone();
        this.centroids = Centroids.ofRowMajor(this.centres, k, this.columns);
    }

    @Override
    public int k() {
        return k;
    }

    @Override
    public List<String> columnNames() {
        return columns;
    }

    @Override
    public int trainingRows() {
        return labels.length;
    }

    @Override
    public int[] trainingLabels() {
        return labels.clone();
    }

    @Override
    public Optional<Centroids> centroids() {
        return Optional.of(centroids);
    }

    /** The cluster centres (scikit-learn's {@code cluster_centers_}). */
    public Centroids clusterCenters() {
        return centroids;
    }

    /** The weighted sum of squared distances of the training rows to their centres. */
    public double inertia() {
        return inertia;
    }

    /** The iterations of the best run. */
    public int iterations() {
        return iterations;
    }

    /** Whether the best run stopped on its tolerance or a stable labelling before {@code maxIter}. */
    public boolean converged() {
        return converged;
    }

    /** The seed of the fit. */
    public long seed() {
        return seed;
    }

    /** The index of the run that was kept, in {@code [0, nInit)}. */
    public int bestRun() {
        return bestRun;
    }

    /** The number of runs. */
    public int nInit() {
        return nInit;
    }

    /** The iteration variant used. */
    public KMeans.Algorithm algorithm() {
        return algorithm;
    }

    /** The initialisation used. */
    public KMeans.Init init() {
        return init;
    }

    /** The total sample weight of each cluster (the row count with unit weights). */
    public double[] clusterWeights() {
        return clusterWeights.clone();
    }

    /** The number of training rows in each cluster. */
    public int[] clusterSizes() {
        int[] out = new int[k];
        for (int i = 0; i < labels.length; i++) {
            out[labels[i]]++;
        }
        return out;
    }

    @Override
    public boolean isInductive() {
        return true;
    }

    /**
     * The nearest centre of each row.
     *
     * @throws IllegalArgumentException if the columns differ from the training columns
     */
    @Override
    public int[] predict(Dataset data) {
        Checks.notNull("data", data);
        if (!data.columnNames().equals(columns)) {
            throw new IllegalArgumentException("The model was fitted on columns " + columns
                    + " but the data have " + data.columnNames());
        }
        int n = data.rows();
        int d = columns.size();
        int[] out = new int[n];
        if (n > 0) {
            CentroidKernel.nearest(DatasetAccess.data(data), d, 0, n, centres, k, out, 0, null, 0, null,
                    new CentroidKernel.Scratch(d));
        }
        return out;
    }

    /**
     * The nearest centre of one row.
     *
     * @param row {@code dimension()} finite values. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public int predict(double[] row) {
        Checks.rowLength("row", row, columns.size());
        Checks.finite(row, 1, row.length, columns, "row");
        int label = CentroidKernel.nearestOne(row, 0, centres, k, columns.size());
        if (label < 0) {
            throw new IllegalArgumentException("The row is too far from every centre: the squared distances "
                    + "overflow to infinity");
        }
        return label;
    }

    /** Value equality over every field (doubles compared bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KMeansModel)) {
            return false;
        }
        KMeansModel m = (KMeansModel) o;
        return k == m.k && columns.equals(m.columns) && Arrays.equals(centres, m.centres)
                && Arrays.equals(labels, m.labels) && Double.compare(inertia, m.inertia) == 0
                && iterations == m.iterations && converged == m.converged && seed == m.seed && bestRun == m.bestRun
                && nInit == m.nInit && algorithm == m.algorithm && init == m.init
                && Arrays.equals(clusterWeights, m.clusterWeights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(centres) + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "KMeansModel[k=" + k + ", inertia=" + inertia + ", iterations=" + iterations + ", converged="
                + converged + ", columns=" + columns + "]";
    }
}
