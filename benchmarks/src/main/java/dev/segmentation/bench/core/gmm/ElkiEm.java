/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.gmm;

import dev.segmentation.bench.BenchData;
import elki.clustering.em.EM;
import elki.clustering.em.models.MultivariateGaussianModelFactory;
import elki.clustering.kmeans.initialization.Predefined;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.EMModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;

import java.util.List;

/**
 * How the benchmarks call ELKI 0.8.0's {@code elki.clustering.em.EM} (AGPL-3.0; called, never copied).
 *
 * <h2>Equal work</h2>
 * {@code MultivariateGaussianModelFactory} with a {@link Predefined} initialiser starts every component at the
 * given mean with weight {@code 1/k} and the population covariance of the whole data set scaled by
 * \( k^{-2/d} \) ({@link GmmStart} gives the other contenders the same start). {@code EM.run} runs one E-step,
 * then in each further iteration an M-step followed by an E-step, and counts the first E-step as an
 * iteration: with {@code delta = 0} (no convergence test) and {@code miniter = maxiter = t + 1} it runs
 * {@code t} M-steps and {@code t + 1} E-steps, the work of our {@code maxIter(t).tol(0)} ({@code t} fused E-
 * and M-steps plus a final labelling pass); the benchmark checks that both end with the same means.
 * {@code prior = 0} (no MAP regularisation), hard assignments at the end ({@code soft = false}).
 */
final class ElkiEm {
    private ElkiEm() {
    }

    /** An ELKI in-memory database of the rows (ELKI copies them into its own vectors). */
    static Relation<NumberVector> relation(double[][] rows) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
        db.initialize();
        return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    }

    /** ELKI's {@code maxiter} that runs {@code iterations} M-steps. */
    static int maxIterFor(int iterations) {
        return iterations + 1;
    }

    /**
     * {@code iterations} EM iterations (M-steps) with full covariances from the given means, ELKI's scaled
     * global covariance and uniform weights.
     *
     * @param initial the starting means. Not modified: {@link Predefined} hands its array to the run, so each
     *     run gets a fresh copy.
     */
    static Clustering<EMModel> fit(Relation<NumberVector> relation, double[][] initial, int iterations) {
        EM<NumberVector, EMModel> em = new EM<>(initial.length, 0.0,
                new MultivariateGaussianModelFactory(new Predefined(BenchData.copy(initial))), maxIterFor(iterations),
                maxIterFor(iterations), 0.0, false);
        return em.run(relation);
    }

    /** The component means, in the order of the initial means. */
    static double[] means(Clustering<EMModel> clustering) {
        List<Cluster<EMModel>> clusters = clustering.getAllClusters();
        double[][] out = new double[clusters.size()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = clusters.get(c).getModel().getMean();
        }
        return BenchData.flatten(out);
    }
}
