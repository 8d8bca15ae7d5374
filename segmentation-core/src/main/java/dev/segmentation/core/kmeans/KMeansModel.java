/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;


import java.util.Arrays;
import java.util.List;

/**
 * A fitted K-means clustering: centres, training labels, inertia and how the fit ran.
 *
 * <p>Immutable and thread-safe: arrays are copied in and out. {@link #predict} labels new rows with the
 * nearest centre (lowest index on ties); for high-throughput scoring build a
 * {@link dev.segmentation.core.scoring.NearestCentroidScorer} from this model.
 *
 * @since 0.1
 */
public final class KMeansModel extends CentroidModelBase {
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final long seed;
    private final int bestRun;
    private final int nInit;
    private final KMeans.Algorithm algorithm;
    private final KMeans.Init init;
    private final double[] clusterWeights;

    KMeansModel(List<String> columns, double[] centres, int k, int[] labels, double inertia, int iterations,
                boolean converged, long seed, int bestRun, int nInit, KMeans.Algorithm algorithm, KMeans.Init init,
                double[] clusterWeights) {
        super(columns, centres, k, labels);
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.seed = seed;
        this.bestRun = bestRun;
        this.nInit = nInit;
        this.algorithm = algorithm;
        this.init = init;
        this.clusterWeights = clusterWeights.clone();
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
