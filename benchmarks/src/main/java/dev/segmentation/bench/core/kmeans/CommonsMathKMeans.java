/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.kmeans;

import dev.segmentation.bench.Sanity;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.RandomGenerator;

import java.util.ArrayList;
import java.util.List;

/**
 * How the benchmarks call Apache Commons Math 3.6.1's {@link KMeansPlusPlusClusterer}, and how it is made to
 * start from the same centres as everyone else.
 *
 * <h2>Same start</h2>
 * The clusterer has no way to take initial centres: it always seeds with k-means++ from the
 * {@link RandomGenerator} it is given. Its seeding draws {@code nextInt(n)} once for the first centre and
 * then, for each further centre, {@code nextDouble()} once, picking the first untaken row where the
 * running sum of squared distances to the chosen centres reaches {@code nextDouble() * total}. A
 * {@link ScriptedRandom} answers those draws with values computed in {@code @Setup} (by redoing the
 * same arithmetic: the Euclidean distance, squared) so that the seeding picks exactly the rows every other
 * library starts from: for a target row, the draw is the midpoint of that row's share of the total, far
 * from any rounding ambiguity. The sanity check confirms it: the fitted centres then equal ours.
 *
 * <p>The seeding pass itself still runs inside the timed region (k passes computing one distance per row,
 * about the cost of one assignment pass, roughly 5% of a 20-iteration fit); it cannot be skipped through
 * the public API.
 *
 * <h2>Equal work</h2>
 * After seeding, {@code cluster} assigns every point, then runs up to {@code maxIterations} rounds of
 * "recompute centres, reassign", stopping early only when no point moved: with {@code maxIterations = 20}
 * that is 21 assignment passes and 20 centre updates, the same as our {@code maxIter(20)}.
 */
final class CommonsMathKMeans {
    private CommonsMathKMeans() {
    }

    /** The rows wrapped as Commons Math points (the arrays are shared, not copied). */
    static List<DoublePoint> points(double[][] rows) {
        List<DoublePoint> out = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            out.add(new DoublePoint(rows[i]));
        }
        return out;
    }

    /** One fit from the scripted start. */
    static List<CentroidCluster<DoublePoint>> fit(List<DoublePoint> points, Script script, int maxIterations) {
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(script.k(), maxIterations,
                new EuclideanDistance(), new ScriptedRandom(script));
        return clusterer.cluster(points);
    }

    /** The centres, in the order of the initial rows, row-major. */
    static double[] centres(List<CentroidCluster<DoublePoint>> clusters) {
        int d = clusters.get(0).getCenter().getPoint().length;
        double[] out = new double[clusters.size() * d];
        for (int c = 0; c < clusters.size(); c++) {
            System.arraycopy(clusters.get(c).getCenter().getPoint(), 0, out, c * d, d);
        }
        return out;
    }

    /** The cluster sizes, in the order of the initial rows. */
    static int[] sizes(List<CentroidCluster<DoublePoint>> clusters) {
        int[] out = new int[clusters.size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = clusters.get(c).getPoints().size();
        }
        return out;
    }

    /** The within-cluster sum of squares, recomputed from the centres and members. */
    static double inertia(List<CentroidCluster<DoublePoint>> clusters) {
        double total = 0;
        for (int c = 0; c < clusters.size(); c++) {
            double[] centre = clusters.get(c).getCenter().getPoint();
            List<DoublePoint> members = clusters.get(c).getPoints();
            for (int i = 0; i < members.size(); i++) {
                double[] p = members.get(i).getPoint();
                double s = 0;
                for (int j = 0; j < centre.length; j++) {
                    double t = p[j] - centre[j];
                    s += t * t;
                }
                total += s;
            }
        }
        return total;
    }

    /**
     * The answers to Commons Math's k-means++ draws that make it pick the rows at {@code indices}, in order.
     *
     * @param x {@code n * d} values, row-major, in the order of the point list. Not modified.
     * @param indices distinct rows to start from
     */
    static Script script(double[] x, int n, int d, int[] indices) {
        int k = indices.length;
        boolean[] taken = new boolean[n];
        double[] minDistSq = new double[n];
        int first = indices[0];
        taken[first] = true;
        for (int i = 0; i < n; i++) {
            if (i != first) {
                minDistSq[i] = squaredEuclidean(x, first, i, d);
            }
        }
        double[] fractions = new double[k - 1];
        for (int c = 1; c < k; c++) {
            int target = indices[c];
            Sanity.check(!taken[target], "initial row %d is listed twice", target);
            double total = 0;
            double before = 0;
            for (int i = 0; i < n; i++) {
                if (!taken[i]) {
                    total += minDistSq[i];
                    if (i < target) {
                        before += minDistSq[i];
                    }
                }
            }
            Sanity.check(minDistSq[target] > 0, "initial row %d coincides with an earlier initial row", target);
            fractions[c - 1] = (before + 0.5 * minDistSq[target]) / total;
            taken[target] = true;
            if (c < k - 1) {
                for (int j = 0; j < n; j++) {
                    if (!taken[j]) {
                        double d2 = squaredEuclidean(x, target, j, d);
                        if (d2 < minDistSq[j]) {
                            minDistSq[j] = d2;
                        }
                    }
                }
            }
        }
        return new Script(n, first, fractions);
    }

    /** As Commons Math computes it: the Euclidean distance (square root of the sum), squared again. */
    private static double squaredEuclidean(double[] x, int a, int b, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            double t = x[a * d + j] - x[b * d + j];
            s += t * t;
        }
        double dist = Math.sqrt(s);
        return dist * dist;
    }

    /** The first index and the later fractions that steer the seeding. */
    record Script(int n, int first, double[] fractions) {
        int k() {
            return fractions.length + 1;
        }
    }

    /**
     * A {@link RandomGenerator} that answers exactly the draws of one k-means++ seeding from a
     * {@link Script} and refuses every other draw, so that an unexpected use (for example Commons Math
     * re-seeding an empty cluster at random) fails loudly instead of silently changing the work.
     */
    static final class ScriptedRandom implements RandomGenerator {
        private final Script script;
        private boolean firstDrawn;
        private int next;

        ScriptedRandom(Script script) {
            this.script = script;
        }

        @Override
        public int nextInt(int bound) {
            if (firstDrawn || bound != script.n()) {
                throw unscripted("nextInt(" + bound + ")");
            }
            firstDrawn = true;
            return script.first();
        }

        @Override
        public double nextDouble() {
            if (!firstDrawn || next >= script.fractions().length) {
                throw unscripted("nextDouble()");
            }
            return script.fractions()[next++];
        }

        private static IllegalStateException unscripted(String call) {
            return new IllegalStateException("Commons Math made an unscripted random draw, " + call
                    + " (an empty cluster?): the run no longer matches the other libraries");
        }

        @Override
        public void setSeed(int seed) {
            throw unscripted("setSeed");
        }

        @Override
        public void setSeed(int[] seed) {
            throw unscripted("setSeed");
        }

        @Override
        public void setSeed(long seed) {
            throw unscripted("setSeed");
        }

        @Override
        public void nextBytes(byte[] bytes) {
            throw unscripted("nextBytes");
        }

        @Override
        public int nextInt() {
            throw unscripted("nextInt()");
        }

        @Override
        public long nextLong() {
            throw unscripted("nextLong()");
        }

        @Override
        public boolean nextBoolean() {
            throw unscripted("nextBoolean()");
        }

        @Override
        public float nextFloat() {
            throw unscripted("nextFloat()");
        }

        @Override
        public double nextGaussian() {
            throw unscripted("nextGaussian()");
        }
    }
}
