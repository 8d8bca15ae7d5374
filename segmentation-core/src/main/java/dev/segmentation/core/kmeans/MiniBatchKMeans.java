/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.core.internal.Rng;


/**
 * Mini-batch K-means (Sculley 2010) for data too large for full passes or arriving in chunks.
 *
 * <p>Each step draws a batch of rows (uniformly, with replacement), labels it with the current centres,
 * and moves every centre to the weighted mean of everything it has absorbed so far:
 * \[ c_j \leftarrow \frac{W_j c_j + \sum_{i \in B_j} w_i x_i}{W_j + \sum_{i \in B_j} w_i}, \qquad
 *    W_j \leftarrow W_j + \sum_{i \in B_j} w_i , \]
 * so the per-centre learning rate decays as \( 1/W_j \). As in scikit-learn, centres whose accumulated
 * weight falls below {@code reassignmentRatio} times the largest are periodically moved to random rows of
 * the batch, and a fit stops early when an exponentially weighted average of the batch inertia has not
 * improved for {@code maxNoImprovement} steps (or the squared centre shift is at most {@code tol} times the
 * mean column variance, when {@code tol > 0}).
 *
 * <p>{@link #fit} runs {@code maxIter} epochs ({@code maxIter * n / batchSize} steps at most) after choosing
 * the best of {@code nInit} k-means++ initialisations on a random subset of {@code initSize} rows, then labels
 * every row. {@link #partialFit(MiniBatchKMeansModel, Dataset)} runs exactly one step on a chunk, using the
 * whole chunk as the batch, for data that arrives over time; the first call initialises the centres from
 * that chunk. Step {@code t} draws from random stream {@code t} of the seed, so a sequence of
 * {@code partialFit} calls is reproducible.
 *
 * <p>Thread-safe and reusable; the models it returns are immutable.
 *
 * <p>Reference: D. Sculley, "Web-scale k-means clustering", WWW 2010, doi:10.1145/1772690.1772862.
 *
 * @since 0.1
 */
public final class MiniBatchKMeans implements Clusterer<MiniBatchKMeansModel> {
    private final int k;
    private final int batchSize;
    private final int maxIter;
    private final int nInit;
    private final int initSize;
    private final double reassignmentRatio;
    private final int maxNoImprovement;
    private final double tol;
    private final long seed;

    private MiniBatchKMeans(Builder b) {
        this.k = b.k;
        this.batchSize = b.batchSize;
        this.maxIter = b.maxIter;
        this.nInit = b.nInit;
        this.initSize = b.initSize;
        this.reassignmentRatio = b.reassignmentRatio;
        this.maxNoImprovement = b.maxNoImprovement;
        this.tol = b.tol;
        this.seed = b.seed;
    }

    /** A builder; {@code k} must be set. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public MiniBatchKMeansModel fit(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        final int n = data.rows();
        final int d = data.cols();
        checkRows(n, "the dataset");
        final double[] x = DatasetAccess.data(data);
        DistanceRange.check(x, n, d, data.columnNames(), 0, "mini-batch k-means");
        int distinct = KMeans.countDistinct(x, n, d, null, k);
        if (distinct < k) {
            throw new IllegalArgumentException("k = " + k + " but the data hold only " + distinct
                    + " distinct row(s)");
        }
        final double tolAbs = tol == 0 ? 0 : tol * KMeans.meanVariance(x, n, d);
        final int batch = Math.min(batchSize, n);
        Rng initRng = Rng.stream(seed, -1);
        double[] centres = bestInit(x, n, d, initRng, control);
        double[] weightSums = new double[k];
        State state = new State(centres, weightSums);
        final long steps = Math.max(1, (long) maxIter * n / batch);
        double[] buffer = new double[batch * d];
        int[] labels = new int[batch];
        double[] dist = new double[batch];
        CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
        double ewa = Double.NaN;
        double ewaMin = Double.POSITIVE_INFINITY;
        int noImprovement = 0;
        long step = 0;
        boolean converged = false;
        while (step < steps) {
            Rng rng = Rng.stream(seed, step);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(x, rng.nextInt(n) * d, buffer, b * d, d);
            }
            double[] old = state.centres.clone();
            double batchInertia = step(state, buffer, batch, d, labels, dist, scratch, rng, step);
            step++;
            double shift = 0;
            for (int c = 0; c < k; c++) {
                shift += CentroidKernel.squaredDistance(old, c * d, state.centres, c * d, d);
            }
            double normalised = batchInertia / batch;
            if (Double.isNaN(ewa)) {
                ewa = normalised;
            } else {
                double alpha = Math.min(1.0, batch * 2.0 / (n + 1));
                ewa = ewa * (1 - alpha) + normalised * alpha;
            }
            control.checkpoint(new Progress("mini-batch k-means", 0, 1, (int) Math.min(step, Integer.MAX_VALUE),
                    (int) Math.min(steps, Integer.MAX_VALUE), ewa));
            if (tol > 0 && shift <= tolAbs) {
                converged = true;
                break;
            }
            if (ewa < ewaMin) {
                noImprovement = 0;
                ewaMin = ewa;
            } else if (++noImprovement >= maxNoImprovement) {
                converged = true;
                break;
            }
        }
        int[] all = new int[n];
        double inertia = label(x, n, d, state.centres, all, new double[n], scratch);
        return new MiniBatchKMeansModel(data.columnNames(), state.centres, k, state.weightSums, all, inertia, step,
                converged, seed);
    }

    /**
     * Starts a model from a first chunk: initialises the centres with k-means++ on the chunk and runs one
     * step with the whole chunk as the batch.
     *
     * @param chunk at least k distinct rows. Not modified.
     * @throws IllegalArgumentException if the chunk has fewer than k distinct rows
     */
    public MiniBatchKMeansModel partialFit(Dataset chunk) {
        return partialFit(null, chunk);
    }

    /**
     * Runs one step on a chunk, continuing from {@code previous}.
     *
     * @param previous the model so far, or {@code null} to start one from this chunk
     * @param chunk rows with the model's columns. Not modified.
     * @return the updated model, whose labels and inertia are those of this chunk
     * @throws IllegalArgumentException if the columns differ from the model's or the first chunk has fewer
     *     than k distinct rows
     */
    public MiniBatchKMeansModel partialFit(MiniBatchKMeansModel previous, Dataset chunk) {
        Checks.notNull("chunk", chunk);
        final int n = chunk.rows();
        final int d = chunk.cols();
        checkRows(n, "the chunk");
        final double[] x = DatasetAccess.data(chunk);
        DistanceRange.check(x, n, d, chunk.columnNames(), 0, "mini-batch k-means");
        State state;
        long step;
        if (previous == null) {
            int distinct = KMeans.countDistinct(x, n, d, null, k);
            if (distinct < k) {
                throw new IllegalArgumentException("The first chunk must hold at least k = " + k
                        + " distinct rows to initialise the centres, but holds " + distinct);
            }
            double[] centres = Seeding.kMeansPlusPlus(x, n, d, null, k, Rng.stream(seed, -1), null, FitControl.none());
            state = new State(centres, new double[k]);
            step = 0;
        } else {
            if (!previous.columnNames().equals(chunk.columnNames())) {
                throw new IllegalArgumentException("The model was fitted on columns " + previous.columnNames()
                        + " but the chunk has " + chunk.columnNames());
            }
            if (previous.k() != k) {
                throw new IllegalArgumentException("The model has k = " + previous.k() + " but this estimator k = " + k);
            }
            state = new State(previous.clusterCenters().toRowMajorArray(), previous.weightSums());
            step = previous.steps();
        }
        int[] labels = new int[n];
        double[] dist = new double[n];
        CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
        step(state, x, n, d, labels, dist, scratch, Rng.stream(seed, step), step);
        double inertia = label(x, n, d, state.centres, labels, dist, scratch);
        return new MiniBatchKMeansModel(chunk.columnNames(), state.centres, k, state.weightSums, labels, inertia,
                step + 1, false, seed);
    }

    private void checkRows(int n, String what) {
        if (n == 0) {
            throw new IllegalArgumentException("Cannot fit mini-batch k-means: " + what + " has no rows");
        }
        if (k > n) {
            throw new IllegalArgumentException("k = " + k + " is larger than the number of rows in " + what
                    + ", n = " + n);
        }
    }

    /** Labels {@code rows} rows of {@code x} with their nearest centres; returns the inertia. */
    private double label(double[] x, int rows, int d, double[] centres, int[] labels, double[] dist,
                         CentroidKernel.Scratch scratch) {
        CentroidKernel.nearest(x, d, 0, rows, centres, k, labels, 0, dist, 0, null, scratch);
        double inertia = 0;
        for (int i = 0; i < rows; i++) {
            inertia += dist[i];
        }
        return inertia;
    }

    /** Mutable centres and accumulated weights of a run in progress. */
    private static final class State {
        final double[] centres;
        final double[] weightSums;

        State(double[] centres, double[] weightSums) {
            this.centres = centres;
            this.weightSums = weightSums;
        }
    }

    /** One step on {@code batch} rows of {@code xb}; returns the batch inertia against the old centres. */
    private double step(State s, double[] xb, int batch, int d, int[] labels, double[] dist,
                        CentroidKernel.Scratch scratch, Rng rng, long stepIndex) {
        CentroidKernel.nearest(xb, d, 0, batch, s.centres, k, labels, 0, dist, 0, null, scratch);
        double inertia = 0;
        double[] sums = new double[k * d];
        double[] counts = new double[k];
        for (int i = 0; i < batch; i++) {
            inertia += dist[i];
            int l = labels[i];
            counts[l] += 1;
            for (int j = 0; j < d; j++) {
                sums[l * d + j] += xb[i * d + j];
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] > 0) {
                double total = s.weightSums[c] + counts[c];
                for (int j = 0; j < d; j++) {
                    int idx = c * d + j;
                    s.centres[idx] = (s.centres[idx] * s.weightSums[c] + sums[idx]) / total;
                }
                s.weightSums[c] = total;
            }
        }
        if (reassignmentRatio > 0 && dueForReassignment(s.weightSums, stepIndex, batch)) {
            reassign(s, xb, batch, d, rng);
        }
        return inertia;
    }

    /** scikit-learn's schedule: whenever a centre has absorbed nothing, and every {@code 10 k} rows. */
    private boolean dueForReassignment(double[] weightSums, long stepIndex, int batch) {
        for (int c = 0; c < k; c++) {
            if (weightSums[c] == 0) {
                return true;
            }
        }
        long rowsSeen = (stepIndex + 1) * batch;
        long period = Math.max(batch, 10L * k);
        return rowsSeen / period != (rowsSeen - batch) / period;
    }

    /** Moves starved centres to distinct random rows of the batch. */
    private void reassign(State s, double[] xb, int batch, int d, Rng rng) {
        double max = 0;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, s.weightSums[c]);
        }
        boolean[] move = new boolean[k];
        int count = 0;
        for (int c = 0; c < k; c++) {
            if (s.weightSums[c] < reassignmentRatio * max) {
                move[c] = true;
                count++;
            }
        }
        if (count == 0 || count == k) {
            return;
        }
        if (count > batch / 2) {
            // Keep the largest; move at most half a batch (scikit-learn's cap).
            int[] order = IndexSort.order(s.weightSums);
            for (int r = batch / 2; r < k; r++) {
                if (move[order[r]]) {
                    move[order[r]] = false;
                    count--;
                }
            }
            if (count == 0) {
                return;
            }
        }
        double minKept = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            if (!move[c]) {
                minKept = Math.min(minKept, s.weightSums[c]);
            }
        }
        int[] rows = distinctIndices(batch, count, rng);
        for (int c = 0, r = 0; c < k; c++) {
            if (move[c]) {
                System.arraycopy(xb, rows[r++] * d, s.centres, c * d, d);
                s.weightSums[c] = minKept;
            }
        }
    }

    /** {@code m} distinct indices in [0, n), by Floyd's algorithm, in increasing order. */
    private static int[] distinctIndices(int n, int m, Rng rng) {
        java.util.BitSet chosen = new java.util.BitSet(n);
        for (int j = n - m; j < n; j++) {
            int t = rng.nextInt(j + 1);
            chosen.set(chosen.get(t) ? j : t);
        }
        int[] out = new int[m];
        for (int i = chosen.nextSetBit(0), r = 0; i >= 0; i = chosen.nextSetBit(i + 1)) {
            out[r++] = i;
        }
        return out;
    }

    /** The best of nInit k-means++ seedings on random subsets, judged on a validation subset. */
    private double[] bestInit(double[] x, int n, int d, Rng rng, FitControl control) {
        int size = Math.max(Math.min(initSize > 0 ? initSize : 3 * batchSize, n), k);
        double[] best = null;
        double bestInertia = Double.POSITIVE_INFINITY;
        double[] validation = sample(x, n, d, size, rng);
        int[] labels = new int[size];
        double[] dist = new double[size];
        CentroidKernel.Scratch scratch = new CentroidKernel.Scratch(d);
        for (int r = 0; r < nInit; r++) {
            double[] subset = sample(x, n, d, size, rng);
            int distinct = KMeans.countDistinct(subset, size, d, null, k);
            double[] centres = distinct >= k
                    ? Seeding.kMeansPlusPlus(subset, size, d, null, k, rng, null, control)
                    : Seeding.kMeansPlusPlus(x, n, d, null, k, rng, null, control);
            double inertia = label(validation, size, d, centres, labels, dist, scratch);
            if (inertia < bestInertia) {
                bestInertia = inertia;
                best = centres;
            }
        }
        return best;
    }

    private static double[] sample(double[] x, int n, int d, int size, Rng rng) {
        double[] out = new double[size * d];
        for (int i = 0; i < size; i++) {
            System.arraycopy(x, rng.nextInt(n) * d, out, i * d, d);
        }
        return out;
    }

    @Override
    public String toString() {
        return "MiniBatchKMeans[k=" + k + ", batchSize=" + batchSize + ", maxIter=" + maxIter + ", nInit=" + nInit
                + ", seed=" + seed + "]";
    }

    /** Builds a {@link MiniBatchKMeans}; setters validate and may be called once. */
    public static final class Builder {
        private int k = -1;
        private int batchSize = 1024;
        private int maxIter = 100;
        private int nInit = 3;
        private int initSize = -1;
        private double reassignmentRatio = 0.01;
        private int maxNoImprovement = 10;
        private double tol = 0;
        private long seed = KMeans.DEFAULT_SEED;
        private final java.util.Set<String> set = new java.util.HashSet<>();

        private Builder() {
        }

        private void once(String option) {
            Checks.notYetSet(option, !set.add(option));
        }

        /** The number of clusters (required, at least 1). */
        public Builder k(int value) {
            once("k");
            k = Checks.atLeast("k", value, 1);
            return this;
        }

        /** Rows per step (default 1024). */
        public Builder batchSize(int value) {
            once("batchSize");
            batchSize = Checks.atLeast("batchSize", value, 1);
            return this;
        }

        /** The maximum number of epochs over the data (default 100). */
        public Builder maxIter(int value) {
            once("maxIter");
            maxIter = Checks.atLeast("maxIter", value, 1);
            return this;
        }

        /** The number of k-means++ initialisations tried on random subsets (default 3). */
        public Builder nInit(int value) {
            once("nInit");
            nInit = Checks.atLeast("nInit", value, 1);
            return this;
        }

        /** The size of the random subsets used for initialisation (default {@code 3 * batchSize}). */
        public Builder initSize(int value) {
            once("initSize");
            initSize = Checks.atLeast("initSize", value, 1);
            return this;
        }

        /** The starvation threshold relative to the largest centre weight (default 0.01; 0 disables). */
        public Builder reassignmentRatio(double value) {
            once("reassignmentRatio");
            reassignmentRatio = Checks.unitInterval("reassignmentRatio", value);
            return this;
        }

        /** Steps without improvement of the smoothed batch inertia before stopping (default 10). */
        public Builder maxNoImprovement(int value) {
            once("maxNoImprovement");
            maxNoImprovement = Checks.atLeast("maxNoImprovement", value, 1);
            return this;
        }

        /** Relative tolerance on the squared centre shift of a step (default 0: off). */
        public Builder tol(double value) {
            once("tol");
            tol = Checks.nonNegative("tol", value);
            return this;
        }

        /** The seed (default {@link KMeans#DEFAULT_SEED}). */
        public Builder seed(long value) {
            once("seed");
            seed = value;
            return this;
        }

        /**
         * The estimator.
         *
         * @throws IllegalStateException if {@code k} is not set
         */
        public MiniBatchKMeans build() {
            if (k == -1) {
                throw new IllegalStateException("k must be set");
            }
            return new MiniBatchKMeans(this);
        }
    }
}
