/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.DotKernel;
import dev.segmentation.core.internal.Parallel;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * One K-means run from given centres: Lloyd's iteration, exact or accelerated with Hamerly's bounds.
 *
 * <h2>The iteration (as scikit-learn's {@code lloyd})</h2>
 * Iteration {@code t} labels every row with its nearest centre \( C_t \) (E-step), then sets
 * \( C_{t+1} \) to the weighted means of the labelled rows (M-step). Clusters left empty are re-seeded with
 * the rows farthest from their own centres, largest distance first (ties: lowest row), and those rows'
 * weight is moved out of their old cluster's sums. The run stops when no label changed ("strict
 * convergence"), when the squared centre shift \( \sum_j \|C_{t+1,j} - C_{t,j}\|^2 \) is at most the
 * tolerance, or after {@code maxIter} iterations. A last E-step then labels the rows with the final
 * centres and gives the inertia \( \sum_i w_i \|x_i - C_{y_i}\|^2 \).
 *
 * <h2>Hamerly's acceleration</h2>
 * Each row keeps an upper bound \( u_i \) on the distance to its centre and a lower bound \( l_i \) on the
 * distance to every other centre. With \( s_j = \tfrac12 \min_{j' \ne j} \|c_j - c_{j'}\| \), a row whose
 * \( u_i \le \max(s_{y_i}, l_i) \) cannot change label and is skipped; otherwise \( u_i \) is tightened
 * and, if still needed, all k distances are computed.
 *
 * <h2>Choosing between the bounds and the exact pass</h2>
 * The bounds pay only when they prune most rows; otherwise the exact blocked pass (vectorised, and SIMD with the
 * Vector API) is cheaper than per-row checks and scalar scans. So the engine adapts, pass by pass, without
 * changing any result (both passes give the exact labels): the bounds are tried only once the previous pass
 * changed at most 1% of the labels (until then every pass is exact and labels only, as Lloyd's); the exact pass
 * just before a try pays for the runner-up distances, the exact lower bounds. When more than
 * {@code EXACT_PASS_FRACTION} of the rows (25%, or 15% with the SIMD kernel) needed all k distances, the
 * following iterations run the exact pass again (1, 2, 4, ... of them after successive failures). Within a
 * bounded pass, a chunk whose first {@value #PROBE_ROWS} rows needed more full scans than that fraction runs the
 * exact blocked pass for its remaining rows, so a pass in which the bounds fail costs little more than an exact
 * one. On heavily overlapping clusters the run is then Lloyd's but for a few tries; on separated ones it is
 * Hamerly's once the labels settle. After the M-step, \( u_i \) grows by the movement of
 * its centre and \( l_i \) shrinks by the largest movement of any other centre. The labels of an E-step are
 * those of the exact scan (up to rows at exactly equal distance from two centres), and the M-step
 * recomputes the sums from scratch in the same chunk order as the exact variant, so both variants give the
 * same centres bit for bit whenever no such tie occurs.
 *
 * <h2>The exact pass</h2>
 * Lloyd's E-step needs labels, not distances: it runs the labels-only dot-product kernel
 * ({@link CentroidKernel#nearestLabels}), whose labels are the naive scan's, proven row by row by a rounding-error
 * bound (rows inside it are rescored with the difference form). The squared distances to the own centres are
 * computed (in the naive order) only when a progress listener wants the inertia of each iteration or a cluster
 * went empty and must be re-seeded. The M-step sums ({@link CentroidKernel#addRows}) are added row by row in
 * order, a vector of features per instruction with the SIMD kernel.
 *
 * <h2>Determinism</h2>
 * Rows are processed in chunks whose boundaries depend only on n; partial sums are added in chunk order.
 *
 * <p>References: S. Lloyd, "Least squares quantization in PCM", IEEE Trans. Information Theory 28(2),
 * 1982, doi:10.1109/TIT.1982.1056489. G. Hamerly, "Making k-means even faster", SDM 2010,
 * doi:10.1137/1.9781611972801.12.
 */
final class LloydEngine {
    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final double[] w;
    private final ForkJoinPool pool;
    private final FitControl control;
    private final int nChunks;
    private final double[][] partSums;
    private final double[][] partWeights;
    private final double[] partInertia;
    private final int[] partChanged;
    private final int[] partScans;
    /**
     * Above this fraction of rows needing a full scan, the next Hamerly iteration runs an exact blocked pass: about
     * where a bounded pass (per-row bound checks, scalar scans) stops being cheaper than the blocked kernel, which
     * is faster still with the SIMD kernel (measured, d = 16, k = 8: 0.25 with the scalar kernel, 0.15 with SIMD).
     */
    private static final double EXACT_PASS_FRACTION = CentroidKernel.vectorized() ? 0.15 : 0.25;
    /**
     * A bounded pass looks at this many rows of a chunk first; if more than {@link #EXACT_PASS_FRACTION} of them
     * needed a full scan, the rest of the chunk runs the exact blocked pass (a function of n and the data alone,
     * so the same on any number of threads).
     */
    private static final int PROBE_ROWS = 256;
    /**
     * The bounds are tried (after an exact pass that computes the runner-up distances) only once the previous
     * pass changed at most this fraction of the labels: while many labels change, the centres move too much for
     * the bounds to prune, and every failed try costs about a pass (measured on overlapping clusters, where at
     * least 1.4% of the labels kept changing and the bounds never paid; on separated ones they fell below 1%
     * just before the bounds started pruning 98% of the rows).
     */
    private static final double TRY_BOUNDS_CHANGED_FRACTION = 0.01;
    private final ThreadLocal<Buffers> buffers;
    /** The number of bounded passes of the last Hamerly run (for tests). */
    int boundedPasses;
    /** Rows labelled and summed together while they are in cache. */
    private static final int SUB_BLOCK = 256;

    /** Per-thread scratch, reused across chunks and iterations. */
    private static final class Buffers {
        final CentroidKernel.Scratch scratch;
        final int[] labels;
        final double[] two = new double[2];

        Buffers(int d, int rows) {
            scratch = new CentroidKernel.Scratch(d);
            labels = new int[rows];
        }
    }

    LloydEngine(double[] x, int n, int d, int k, double[] w, ForkJoinPool pool, FitControl control) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.w = w;
        this.pool = pool;
        this.control = control;
        this.nChunks = Parallel.chunks(n);
        this.partSums = new double[nChunks][k * d];
        this.partWeights = new double[nChunks][k];
        this.partInertia = new double[nChunks];
        this.partChanged = new int[nChunks];
        this.partScans = new int[nChunks];
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(d, SUB_BLOCK));
    }

    /** The outcome of one run. */
    static final class Run {
        final double[] centres;
        final int[] labels;
        final double inertia;
        final int iterations;
        final boolean converged;

        Run(double[] centres, int[] labels, double inertia, int iterations, boolean converged) {
            this.centres = centres;
            this.labels = labels;
            this.inertia = inertia;
            this.iterations = iterations;
            this.converged = converged;
        }
    }

    Run run(double[] initial, KMeans.Algorithm algorithm, int maxIter, double tolAbs, int run, int runs) {
        return algorithm == KMeans.Algorithm.HAMERLY
                ? hamerly(initial, maxIter, tolAbs, run, runs)
                : lloyd(initial, maxIter, tolAbs, run, runs);
    }

    // ---------------------------------------------------------------------------------------------- Lloyd

    private Run lloyd(double[] initial, int maxIter, double tolAbs, int run, int runs) {
        double[] centres = initial.clone();
        double[] next = new double[k * d];
        double[] weights = new double[k];
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        double[] dist = new double[n];
        final boolean report = control.hasListener();
        int iterations = 0;
        boolean converged = false;
        for (int it = 0; it < maxIter; it++) {
            final double[] c = centres;
            final DotKernel.Centres prepared = new DotKernel.Centres(c, k, d);
            Parallel.forEachChunk(pool, nChunks, ch -> exactChunk(ch, c, prepared, labels, report ? dist : null, null));
            double inertia = reduce(next, weights);
            if (hasEmpty(weights)) {
                if (!report) {
                    ownDistances(c, labels, dist);
                }
                relocateEmpty(next, weights, labels, dist);
            }
            average(next, weights, centres);
            double shift = squaredShift(centres, next);
            double[] t = centres;
            centres = next;
            next = t;
            iterations = it + 1;
            int changed = changedRows();
            control.checkpoint(new Progress("k-means (lloyd)", run, runs, iterations, maxIter,
                    report ? inertia : Double.NaN));
            if (changed == 0 || shift <= tolAbs) {
                converged = true;
                break;
            }
        }
        return finish(centres, labels, dist, iterations, converged);
    }

    /**
     * Exact E-step and partial M-step sums of one chunk. Without {@code lower}, labels only: the labels come from
     * the dot-product kernel ({@link CentroidKernel#nearestLabels}, the naive scan's labels, proven row by row),
     * which computes no distance. With {@code lower} (before a bounded pass), the difference-form kernel's two best
     * distances: {@code dist} receives each row's distance to its centre and {@code lower} the distance to the
     * runner-up (square roots), Hamerly's exact bounds. The chunk is labelled in sub-blocks of {@link #SUB_BLOCK}
     * rows and each sub-block is added to the sums while its rows are still in cache, in row order, so the sums
     * are those of a single pass.
     *
     * @param prepared the centres prepared for the labels-only kernel; unused with {@code lower}
     * @param dist {@code null} (labels only, no inertia), or receives each row's squared distance to its centre
     *     (the naive scan's; square roots with {@code lower}) and the chunk's inertia is summed. Modified.
     * @param lower {@code null}, or receives the runner-up distances (with a non-null {@code dist}). Modified.
     */
    private void exactChunk(int ch, double[] centres, DotKernel.Centres prepared, int[] labels, double[] dist,
                            double[] lower) {
        final int from = Parallel.chunkStart(ch, n);
        final int to = Parallel.chunkEnd(ch, n);
        Buffers b = buffers.get();
        int[] chunkLabels = b.labels;
        int changed = 0;
        final double[] sums = partSums[ch];
        final double[] wsum = partWeights[ch];
        Arrays.fill(sums, 0);
        Arrays.fill(wsum, 0);
        double inertia = 0;
        for (int start = from; start < to; start += SUB_BLOCK) {
            int end = Math.min(to, start + SUB_BLOCK);
            if (lower != null) {
                CentroidKernel.nearest(x, d, start, end, centres, k, chunkLabels, 0, dist, start, lower, b.scratch);
                changed += relabel(start, end, chunkLabels, labels);
            } else {
                CentroidKernel.nearestLabels(x, start, end, prepared, chunkLabels, 0, b.scratch);
                changed += relabel(start, end, chunkLabels, labels);
                if (dist != null) {
                    for (int i = start; i < end; i++) {
                        dist[i] = CentroidKernel.squaredDistance(x, i * d, centres, labels[i] * d, d);
                    }
                }
            }
            inertia += addRows(start, end, labels, dist, sums, wsum);
            if (lower != null) {
                for (int i = start; i < end; i++) {
                    dist[i] = Math.sqrt(dist[i]);
                    lower[i] = Math.sqrt(lower[i]);
                }
            }
        }
        partChanged[ch] = changed;
        partInertia[ch] = dist == null ? Double.NaN : inertia;
    }

    /** Copies the labels of rows [start, end) from {@code chunkLabels[i - start]}; returns how many changed. */
    private static int relabel(int start, int end, int[] chunkLabels, int[] labels) {
        int changed = 0;
        for (int i = start; i < end; i++) {
            int l = chunkLabels[i - start];
            if (labels[i] != l) {
                changed++;
                labels[i] = l;
            }
        }
        return changed;
    }

    /** {@code dist[i]} = the squared distance of row i to its centre (the naive scan's), on the pool. */
    private void ownDistances(double[] centres, int[] labels, double[] dist) {
        Parallel.forEachChunk(pool, nChunks, ch -> {
            for (int i = Parallel.chunkStart(ch, n), end = Parallel.chunkEnd(ch, n); i < end; i++) {
                dist[i] = CentroidKernel.squaredDistance(x, i * d, centres, labels[i] * d, d);
            }
        });
    }

    /**
     * Adds rows [from, to) to the sums by label ({@link CentroidKernel#addRows}); returns their weighted distances'
     * sum, or 0 when {@code dist} is {@code null}.
     */
    private double addRows(int from, int to, int[] labels, double[] dist, double[] sums, double[] wsum) {
        CentroidKernel.addRows(x, d, from, to, labels, w, sums, wsum);
        if (dist == null) {
            return 0;
        }
        double inertia = 0;
        for (int i = from; i < to; i++) {
            inertia += w == null ? dist[i] : w[i] * dist[i];
        }
        return inertia;
    }

    /** Sets a chunk's partial sums to the rows of the chunk (used by the bounded E-step). */
    private void accumulate(int ch, int from, int to, int[] labels) {
        final double[] sums = partSums[ch];
        final double[] wsum = partWeights[ch];
        Arrays.fill(sums, 0);
        Arrays.fill(wsum, 0);
        addRows(from, to, labels, null, sums, wsum);
    }

    /** Adds the chunks' partial sums in chunk order; returns the summed inertia. */
    private double reduce(double[] sums, double[] weights) {
        Arrays.fill(sums, 0);
        Arrays.fill(weights, 0);
        double inertia = 0;
        for (int ch = 0; ch < nChunks; ch++) {
            final double[] ps = partSums[ch];
            for (int i = 0; i < sums.length; i++) {
                sums[i] += ps[i];
            }
            final double[] pw = partWeights[ch];
            for (int c = 0; c < k; c++) {
                weights[c] += pw[c];
            }
            inertia += partInertia[ch];
        }
        return inertia;
    }

    private int changedRows() {
        int changed = 0;
        for (int ch = 0; ch < nChunks; ch++) {
            changed += partChanged[ch];
        }
        return changed;
    }

    /**
     * Re-seeds empty clusters with the rows farthest from their centres (scikit-learn's rule): the
     * {@code e} largest of {@code dist}, in decreasing order (ties: lowest row), go to the empty clusters in
     * increasing order; each such row's weighted values move from its old cluster's sums to the new one's.
     * Labels are left as they are; the next E-step reassigns.
     */
    private void relocateEmpty(double[] sums, double[] weights, int[] labels, double[] dist) {
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (weights[c] == 0) {
                empty++;
            }
        }
        if (empty == 0) {
            return;
        }
        int[] far = farthest(dist, empty);
        for (int c = 0, e = 0; c < k; c++) {
            if (weights[c] != 0) {
                continue;
            }
            int row = far[e++];
            double wi = w == null ? 1 : w[row];
            int old = labels[row];
            for (int j = 0; j < d; j++) {
                double v = wi * x[row * d + j];
                sums[old * d + j] -= v;
                sums[c * d + j] = v;
            }
            weights[old] -= wi;
            weights[c] = wi;
        }
    }

    /** The rows of the {@code m} largest values (of positive weight), largest first, ties by row. */
    private int[] farthest(double[] dist, int m) {
        int[] best = new int[m];
        double[] bestD = new double[m];
        Arrays.fill(bestD, Double.NEGATIVE_INFINITY);
        Arrays.fill(best, -1);
        for (int i = 0; i < n; i++) {
            if (w != null && !(w[i] > 0)) {
                continue;
            }
            double v = dist[i];
            if (v > bestD[m - 1]) {
                int p = m - 1;
                while (p > 0 && v > bestD[p - 1]) {
                    bestD[p] = bestD[p - 1];
                    best[p] = best[p - 1];
                    p--;
                }
                bestD[p] = v;
                best[p] = i;
            }
        }
        return best;
    }

    /**
     * {@code out[c] = sums[c] / weights[c]}; a cluster whose weight is still zero keeps its previous centre
     * from {@code previous}.
     */
    private void average(double[] sums, double[] weights, double[] previous) {
        for (int c = 0; c < k; c++) {
            double wc = weights[c];
            int off = c * d;
            if (wc > 0) {
                for (int j = 0; j < d; j++) {
                    sums[off + j] /= wc;
                }
            } else {
                System.arraycopy(previous, off, sums, off, d);
            }
        }
    }

    private double squaredShift(double[] a, double[] b) {
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += CentroidKernel.squaredDistance(a, c * d, b, c * d, d);
        }
        return s;
    }

    /**
     * The final E-step against the final centres, with the difference-form kernel: its distances come eight rows
     * to the instruction with the SIMD kernel, where {@link CentroidKernel#squaredDistance} after the labels-only
     * kernel would be one latency-bound chain per row (measured: a fifth slower).
     */
    private Run finish(double[] centres, int[] labels, double[] dist, int iterations, boolean converged) {
        Parallel.forEachChunk(pool, nChunks, ch -> {
            int from = Parallel.chunkStart(ch, n);
            int to = Parallel.chunkEnd(ch, n);
            CentroidKernel.nearest(x, d, from, to, centres, k, labels, from, dist, from, null, buffers.get().scratch);
            double inertia = 0;
            for (int i = from; i < to; i++) {
                inertia += w == null ? dist[i] : w[i] * dist[i];
            }
            partInertia[ch] = inertia;
        });
        double inertia = 0;
        for (int ch = 0; ch < nChunks; ch++) {
            inertia += partInertia[ch];
        }
        return new Run(centres, labels, inertia, iterations, converged);
    }

    // -------------------------------------------------------------------------------------------- Hamerly

    private Run hamerly(double[] initial, int maxIter, double tolAbs, int run, int runs) {
        double[] centres = initial.clone();
        double[] next = new double[k * d];
        double[] weights = new double[k];
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        double[] upper = new double[n];
        double[] lower = new double[n];
        double[] half = new double[k];
        double[] move = new double[k];
        double[] dist = null; // squared distances to own centre, only when clusters go empty
        final boolean report = control.hasListener();
        int iterations = 0;
        boolean converged = false;
        boolean exactPass = true;
        int exactLeft = 0; // exact passes still to run before the bounds are tried again
        int fallbacks = 0;
        int lastChanged = n; // labels changed by the previous pass (all of them before the first)
        boundedPasses = 0;
        for (int it = 0; it < maxIter; it++) {
            final double[] c = centres;
            final boolean exact = exactPass;
            // After an exact pass: whether the next one uses bounds (this one then computes the exact lower bounds).
            final boolean boundedNext = exactLeft == 0 && lastChanged <= TRY_BOUNDS_CHANGED_FRACTION * n;
            if (!exact) {
                halfDistances(c, half);
                boundedPasses++;
            }
            // An exact pass followed by another needs no bounds: labels only (upper then holds nothing of use).
            final DotKernel.Centres prepared = exact && !boundedNext ? new DotKernel.Centres(c, k, d) : null;
            Parallel.forEachChunk(pool, nChunks, ch -> {
                int from = Parallel.chunkStart(ch, n);
                int to = Parallel.chunkEnd(ch, n);
                if (exact) {
                    if (prepared != null) {
                        exactChunk(ch, c, prepared, labels, report ? upper : null, null);
                    } else {
                        exactChunk(ch, c, null, labels, upper, lower);
                    }
                    partScans[ch] = to - from;
                } else {
                    partChanged[ch] = boundedAssign(from, to, c, labels, upper, lower, half, ch);
                    accumulate(ch, from, to, labels);
                }
                if (report && !exact) { // an exact pass has summed its inertia already
                    double inertia = 0;
                    for (int i = from; i < to; i++) {
                        double dd = CentroidKernel.squaredDistance(x, i * d, c, labels[i] * d, d);
                        inertia += w == null ? dd : w[i] * dd;
                    }
                    partInertia[ch] = inertia;
                }
            });
            double inertia = reduce(next, weights);
            long scans = 0;
            for (int ch = 0; ch < nChunks; ch++) {
                scans += partScans[ch];
            }
            // When the bounds stop pruning (heavily overlapping clusters), vectorised exact passes are cheaper
            // than many scalar scans (and reset the bounds to exact values). After the k-th such failure the
            // bounds are tried again only after 2^k exact passes, so a run pays for at most a logarithmic
            // number of failed bounded passes.
            if (exact) {
                exactPass = !boundedNext;
                exactLeft = Math.max(0, exactLeft - 1);
            } else if (scans > EXACT_PASS_FRACTION * n) {
                exactPass = true;
                exactLeft = (1 << Math.min(fallbacks++, 20)) - 1;
            } else {
                exactPass = false;
            }
            if (hasEmpty(weights)) {
                if (dist == null) {
                    dist = new double[n];
                }
                final double[] dd = dist;
                for (int i = 0; i < n; i++) {
                    dd[i] = CentroidKernel.squaredDistance(x, i * d, c, labels[i] * d, d);
                }
                relocateEmpty(next, weights, labels, dist);
            }
            average(next, weights, centres);
            double shift = squaredShift(centres, next);
            double maxMove = 0;
            double secondMove = 0;
            int argMax = -1;
            for (int j = 0; j < k; j++) {
                move[j] = Math.sqrt(CentroidKernel.squaredDistance(centres, j * d, next, j * d, d));
                if (move[j] > maxMove) {
                    secondMove = maxMove;
                    maxMove = move[j];
                    argMax = j;
                } else if (move[j] > secondMove) {
                    secondMove = move[j];
                }
            }
            double[] t = centres;
            centres = next;
            next = t;
            iterations = it + 1;
            int changed = changedRows();
            lastChanged = changed;
            control.checkpoint(new Progress("k-means (hamerly)", run, runs, iterations, maxIter,
                    report ? inertia : Double.NaN));
            if (changed == 0 || shift <= tolAbs) {
                converged = true;
                break;
            }
            if (exactPass) {
                continue; // the next pass recomputes every bound exactly
            }
            final double mm = maxMove;
            final double sm = secondMove;
            final int am = argMax;
            Parallel.forEachChunk(pool, nChunks, ch -> {
                for (int i = Parallel.chunkStart(ch, n), end = Parallel.chunkEnd(ch, n); i < end; i++) {
                    int a = labels[i];
                    upper[i] += move[a];
                    lower[i] -= a == am ? sm : mm;
                }
            });
        }
        return finish(centres, labels, upper, iterations, converged); // the bounds are no longer needed
    }

    private boolean hasEmpty(double[] weights) {
        for (int c = 0; c < k; c++) {
            if (weights[c] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Hamerly's bounded E-step for rows [from, to); returns the number of labels changed. */
    private int boundedAssign(int from, int to, double[] centres, int[] labels, double[] upper, double[] lower,
                              double[] half, int ch) {
        int changed = 0;
        int scans = 0;
        final Buffers buf = buffers.get();
        final double[] two = buf.two;
        final int probeEnd = Math.min(to, from + PROBE_ROWS);
        for (int i = from; i < to; i++) {
            if (i == probeEnd && probeEnd < to && scans > EXACT_PASS_FRACTION * (probeEnd - from)) {
                // The bounds do not prune in this chunk: the rest of it runs the blocked exact pass.
                changed += exactRange(i, to, centres, labels, upper, lower, buf);
                partScans[ch] = to - from;
                return changed;
            }
            int a = labels[i];
            double m = Math.max(half[a], lower[i]);
            if (upper[i] <= m) {
                continue;
            }
            int row = i * d;
            double u = Math.sqrt(CentroidKernel.boundDistance(x, row, centres, a * d, d));
            upper[i] = u;
            if (u <= m) {
                continue;
            }
            scans++;
            int label = CentroidKernel.nearestTwo(x, row, centres, k, d, two);
            double best = two[0];
            double second = two[1];
            upper[i] = Math.sqrt(best);
            lower[i] = Math.sqrt(second);
            if (label != a) {
                labels[i] = label;
                changed++;
            }
        }
        partScans[ch] = scans;
        return changed;
    }

    /**
     * The exact blocked E-step for rows [from, to) of a bounded pass: labels, and both bounds set to the exact
     * distances to the nearest and the runner-up centre; returns the number of labels changed.
     */
    private int exactRange(int from, int to, double[] centres, int[] labels, double[] upper, double[] lower,
                           Buffers b) {
        int changed = 0;
        int[] chunkLabels = b.labels;
        for (int start = from; start < to; start += SUB_BLOCK) {
            int end = Math.min(to, start + SUB_BLOCK);
            CentroidKernel.nearest(x, d, start, end, centres, k, chunkLabels, 0, upper, start, lower, b.scratch);
            changed += relabel(start, end, chunkLabels, labels);
            for (int i = start; i < end; i++) {
                upper[i] = Math.sqrt(upper[i]);
                lower[i] = Math.sqrt(lower[i]);
            }
        }
        return changed;
    }

    /** {@code half[j]} = half the distance from centre j to its nearest other centre. */
    private void halfDistances(double[] centres, double[] half) {
        Arrays.fill(half, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double dd = 0.5 * Math.sqrt(CentroidKernel.squaredDistance(centres, a * d, centres, b * d, d));
                if (dd < half[a]) {
                    half[a] = dd;
                }
                if (dd < half[b]) {
                    half[b] = dd;
                }
            }
        }
    }
}
