/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.kmeans;

import dev.segmentation.bench.BenchData;
import elki.clustering.kmeans.HamerlyKMeans;
import elki.clustering.kmeans.initialization.Predefined;
import elki.data.Cluster;
import elki.data.Clustering;
import elki.data.NumberVector;
import elki.data.model.KMeansModel;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.SquaredEuclideanDistance;
import elki.logging.LoggingConfiguration;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * How the benchmarks call ELKI 0.8.0 (AGPL-3.0; called, never copied).
 *
 * <h2>Equal work</h2>
 * ELKI's {@code AbstractKMeans.Instance.run(maxiter)} counts assignment passes: pass 1 assigns every row
 * to the initial means, and every later pass first moves the means to the averages of their rows and then
 * reassigns. {@code maxiter = 21} is therefore 21 assignment passes and 20 mean updates, ending with the
 * means after 20 updates and the labels of those means: exactly the work and the result of our
 * {@code maxIter(20)} (20 assign-and-update iterations plus a final labelling pass) and of Commons Math's
 * {@code maxIterations = 20}.
 */
final class ElkiKMeans {
    /** ELKI's iteration limit that matches our {@code maxIter(iterations)}. */
    static int maxIterFor(int iterations) {
        return iterations + 1;
    }

    private ElkiKMeans() {
    }

    /** An ELKI in-memory database of the rows (ELKI copies them into its own vectors). */
    static Relation<NumberVector> relation(double[][] rows) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(rows), null);
        db.initialize();
        return db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    }

    /**
     * One Hamerly K-means run from the given means with squared Euclidean distance (ELKI's default for
     * k-means) and no variance statistics.
     *
     * @param initial the starting means. Not modified: ELKI's {@link Predefined} hands its array to the
     *     run, which overwrites it, so every run gets a fresh copy.
     */
    static Clustering<KMeansModel> hamerly(Relation<NumberVector> relation, double[][] initial, int maxIter) {
        HamerlyKMeans<NumberVector> km = new HamerlyKMeans<>(SquaredEuclideanDistance.STATIC, initial.length,
                maxIter, new Predefined(BenchData.copy(initial)), false);
        return km.run(relation);
    }

    /** The means, in the order of the initial means. */
    static double[] means(Clustering<KMeansModel> clustering) {
        List<Cluster<KMeansModel>> clusters = clustering.getAllClusters();
        double[][] out = new double[clusters.size()][];
        for (int c = 0; c < out.length; c++) {
            out[c] = clusters.get(c).getModel().getMean();
        }
        return BenchData.flatten(out);
    }

    /** The cluster sizes, in the order of the initial means. */
    static int[] sizes(Clustering<KMeansModel> clustering) {
        List<Cluster<KMeansModel>> clusters = clustering.getAllClusters();
        int[] out = new int[clusters.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = clusters.get(c).size();
        }
        return out;
    }

    /** The within-cluster sum of squares of the result, recomputed from its means and members. */
    static double inertia(Relation<NumberVector> relation, Clustering<KMeansModel> clustering) {
        double total = 0;
        for (Cluster<KMeansModel> cluster : clustering.getAllClusters()) {
            double[] mean = cluster.getModel().getMean();
            for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
                NumberVector v = relation.get(it);
                double s = 0;
                for (int j = 0; j < mean.length; j++) {
                    double t = v.doubleValue(j) - mean[j];
                    s += t * t;
                }
                total += s;
            }
        }
        return total;
    }

    /** What ELKI's statistics log says about one run. */
    static final class RunStats {
        /**
         * Assignment passes. (ELKI's own {@code .iterations} statistic reads one more than this when the
         * iteration limit, not convergence, ends the run.)
         */
        int passes;
        /** Rows reassigned in the last pass: 0 means ELKI converged. */
        long lastReassignments = -1;
    }

    /**
     * Runs {@link #hamerly} once with ELKI's statistics logging switched on, captures the per-pass
     * statistics, and switches logging back to warnings only. For sanity checks only: never in a timed
     * region.
     */
    static RunStats logged(Relation<NumberVector> relation, double[][] initial, int maxIter) {
        RunStats stats = new RunStats();
        String prefix = HamerlyKMeans.class.getName() + ".";
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord rec) {
                String msg = rec.getMessage();
                if (msg == null || !msg.startsWith(prefix)) {
                    if (rec.getLevel().intValue() >= Level.WARNING.intValue()) {
                        System.err.println("ELKI " + rec.getLevel() + ": " + msg);
                    }
                    return;
                }
                String rest = msg.substring(prefix.length());
                int dot = rest.indexOf(".reassignments: ");
                if (dot > 0) {
                    stats.passes = Math.max(stats.passes, Integer.parseInt(rest.substring(0, dot)));
                    stats.lastReassignments = Long.parseLong(rest.substring(dot + ".reassignments: ".length()).trim());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        LoggingConfiguration.replaceDefaultHandler(capture);
        LoggingConfiguration.setStatistics();
        try {
            hamerly(relation, initial, maxIter);
        } finally {
            LoggingConfiguration.setDefaultLevel(Level.WARNING);
        }
        return stats;
    }
}
