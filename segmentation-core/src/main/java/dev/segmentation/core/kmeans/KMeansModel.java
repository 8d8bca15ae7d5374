/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.FitRun;
import dev.segmentation.core.IterativeModel;

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
public final class KMeansModel extends CentroidModelBase implements IterativeModel {
    private final double inertia;
    private final FitRun run;
    private final KMeans.Algorithm algorithm;
    private final KMeans.Init init;
    private final double[] clusterWeights;

    KMeansModel(List<String> columns, double[] centres, int k, int[] labels, double inertia, int iterations,
                boolean converged, long seed, int bestRun, int nInit, KMeans.Algorithm algorithm, KMeans.Init init,
                double[] clusterWeights) {
        super(columns, centres, k, labels);
        this.inertia = inertia;
        this.run = new FitRun(iterations, converged, seed, bestRun, nInit);
        this.algorithm = algorithm;
        this.init = init;
        this.clusterWeights = clusterWeights.clone();
    }

    /**
     * A model from centres fitted elsewhere, such as a distributed fit whose training rows never reach one JVM.
     * It keeps no training labels ({@link #trainingLabels()} is empty and {@link #trainingRows()} is 0); the
     * cluster weights carry the training sizes instead. It is written and read by
     * {@link dev.segmentation.core.io.ModelIO} like any fitted model, with algorithm {@link KMeans.Algorithm#LLOYD},
     * one run and the given init.
     *
     * @param columns the feature names, one per centre coordinate
     * @param centres k rows of {@code columns.size()} finite values. Not modified.
     * @param clusterWeights the (weighted) number of training rows per cluster, k finite values {@code >= 0}.
     *     Not modified.
     * @param inertia the training inertia, finite and {@code >= 0}
     * @param iterations the Lloyd iterations run, {@code >= 0}
     * @param converged whether the fit converged
     * @param seed the seed of the initialisation
     * @param init how the initial centres were chosen
     * @return the model
     * @throws IllegalArgumentException if the shapes disagree or a value is not finite or negative
     * @since 0.1
     */
    public static KMeansModel ofCentres(List<String> columns, double[][] centres, double[] clusterWeights,
            double inertia, int iterations, boolean converged, long seed, KMeans.Init init) {
        dev.segmentation.core.internal.Checks.notNull("columns", columns);
        dev.segmentation.core.internal.Checks.notNull("centres", centres);
        dev.segmentation.core.internal.Checks.notNull("clusterWeights", clusterWeights);
        dev.segmentation.core.internal.Checks.notNull("init", init);
        int k = centres.length;
        int d = columns.size();
        if (k < 1 || d < 1) {
            throw new IllegalArgumentException("A model needs at least one centre and one column but has " + k
                    + " centre(s) and " + d + " column(s)");
        }
        if (clusterWeights.length != k) {
            throw new IllegalArgumentException("clusterWeights has " + clusterWeights.length + " values but there are "
                    + k + " centres");
        }
        double[] flat = new double[k * d];
        for (int c = 0; c < k; c++) {
            if (centres[c] == null || centres[c].length != d) {
                throw new IllegalArgumentException("centres[" + c + "] has " + (centres[c] == null ? "no"
                        : centres[c].length) + " values but there are " + d + " columns");
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(centres[c][j])) {
                    throw new IllegalArgumentException("centres[" + c + "][" + j + "] must be finite but was "
                            + centres[c][j]);
                }
                flat[c * d + j] = centres[c][j];
            }
            if (!(clusterWeights[c] >= 0 && clusterWeights[c] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("clusterWeights[" + c + "] must be finite and >= 0 but was "
                        + clusterWeights[c]);
            }
        }
        if (!(inertia >= 0 && inertia < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("inertia must be finite and >= 0 but was " + inertia);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0 but was " + iterations);
        }
        return new KMeansModel(columns, flat, k, new int[0], inertia, iterations, converged, seed, 0, 1,
                KMeans.Algorithm.LLOYD, init, clusterWeights);
    }

    /** The weighted sum of squared distances of the training rows to their centres. */
    public double inertia() {
        return inertia;
    }

    /** How the fit ran: the iterations and convergence of the kept run, the seed, the kept run and the runs. */
    @Override
    public FitRun fitRun() {
        return run;
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
        return sameClustering(m) && Double.compare(inertia, m.inertia) == 0
                && run.equals(m.run) && algorithm == m.algorithm && init == m.init
                && Arrays.equals(clusterWeights, m.clusterWeights);
    }

    @Override
    public int hashCode() {
        return clusteringHash();
    }

    @Override
    public String toString() {
        return "KMeansModel[k=" + k() + ", inertia=" + inertia + ", iterations=" + run.iterations() + ", converged="
                + run.converged() + ", columns=" + columnNames() + "]";
    }
}
