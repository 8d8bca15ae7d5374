/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.FitControl;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Parallel;
import dev.segmentation.core.internal.Rng;

import java.util.concurrent.ForkJoinPool;

/**
 * Initial centres: greedy k-means++ and weighted random sampling.
 *
 * <p>Greedy k-means++ (Arthur and Vassilvitskii 2007, with the greedy refinement that scikit-learn uses):
 * the first centre is a row drawn with probability proportional to its weight; each further centre is the
 * best of {@code 2 + floor(ln k)} candidates, each drawn with probability proportional to
 * \( w_i D(x_i)^2 \) (the weighted squared distance to the nearest centre chosen so far), where "best"
 * means the candidate that leaves the smallest potential \( \sum_i w_i \min(D(x_i)^2, \|x_i - c\|^2) \).
 * A candidate is drawn as the first row whose running sum of \( w_i D(x_i)^2 \) exceeds a uniform draw
 * below the total, so a row already at distance zero from a centre is never drawn and, when the data hold
 * at least k distinct rows, the centres are distinct.
 *
 * <p>Sums over rows are computed per fixed chunk and added in chunk order, so the centres are the same
 * whatever the thread count.
 *
 * <p>References: D. Arthur, S. Vassilvitskii, "k-means++: the advantages of careful seeding", SODA 2007.
 * P. S. Efraimidis, P. G. Spirakis, "Weighted random sampling with a reservoir", Information Processing
 * Letters 97(5), 2006, doi:10.1016/j.ipl.2005.11.003.
 */
final class Seeding {
    private Seeding() {
    }

    /** The number of local trials per centre, as in scikit-learn. */
    static int localTrials(int k) {
        return 2 + (int) Math.log(k);
    }

    static double[] kMeansPlusPlus(double[] x, int n, int d, double[] w, int k, Rng rng, ForkJoinPool pool,
                                   FitControl control) {
        double[] centres = new double[k * d];
        int first = w == null ? rng.nextInt(n) : sampleByWeight(w, rng);
        System.arraycopy(x, first * d, centres, 0, d);
        double[] closest = new double[n];
        final int nChunks = Parallel.chunks(n);
        Parallel.forEachChunk(pool, nChunks, c -> {
            for (int i = Parallel.chunkStart(c, n), end = Parallel.chunkEnd(c, n); i < end; i++) {
                closest[i] = CentroidKernel.squaredDistance(x, i * d, centres, 0, d);
            }
        });
        final int trials = localTrials(k);
        double[] cumulative = new double[n];
        int[] candidates = new int[trials];
        double[][] partial = new double[nChunks][trials];
        for (int c = 1; c < k; c++) {
            control.checkCancelled("k-means++ seeding, centre " + c);
            double total = 0;
            for (int i = 0; i < n; i++) {
                total += w == null ? closest[i] : w[i] * closest[i];
                cumulative[i] = total;
            }
            if (!(total > 0)) {
                throw new IllegalStateException("k-means++ ran out of distinct rows after " + c + " centres");
            }
            for (int t = 0; t < trials; t++) {
                candidates[t] = firstAbove(cumulative, rng.nextDouble() * total);
            }
            Parallel.forEachChunk(pool, nChunks, ch -> {
                double[] pot = partial[ch];
                java.util.Arrays.fill(pot, 0);
                for (int i = Parallel.chunkStart(ch, n), end = Parallel.chunkEnd(ch, n); i < end; i++) {
                    double wi = w == null ? 1 : w[i];
                    for (int t = 0; t < trials; t++) {
                        double dist = CentroidKernel.squaredDistance(x, i * d, x, candidates[t] * d, d);
                        pot[t] += wi * Math.min(closest[i], dist);
                    }
                }
            });
            int best = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double pot = 0;
                for (int ch = 0; ch < nChunks; ch++) {
                    pot += partial[ch][t];
                }
                if (pot < bestPot) {
                    bestPot = pot;
                    best = t;
                }
            }
            final int chosen = candidates[best];
            System.arraycopy(x, chosen * d, centres, c * d, d);
            Parallel.forEachChunk(pool, nChunks, ch -> {
                for (int i = Parallel.chunkStart(ch, n), end = Parallel.chunkEnd(ch, n); i < end; i++) {
                    double dist = CentroidKernel.squaredDistance(x, i * d, x, chosen * d, d);
                    if (dist < closest[i]) {
                        closest[i] = dist;
                    }
                }
            });
        }
        return centres;
    }

    /**
     * {@code k} distinct rows drawn without replacement with probability proportional to weight
     * (Efraimidis-Spirakis keys \( \ln(u)/w \); the k largest keys win). Rows of weight zero are never drawn.
     */
    static double[] random(double[] x, int n, int d, double[] w, int k, Rng rng) {
        // Min-heap of the k largest keys, in primitive arrays.
        double[] heapKey = new double[k];
        int[] heapRow = new int[k];
        int size = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            double wi = w == null ? 1 : w[i];
            if (!(wi > 0)) {
                continue;
            }
            double key = Math.log(u) / wi; // -Inf when u == 0
            if (size < k) {
                heapKey[size] = key;
                heapRow[size] = i;
                siftUp(heapKey, heapRow, size++);
            } else if (key > heapKey[0]) {
                heapKey[0] = key;
                heapRow[0] = i;
                siftDown(heapKey, heapRow, k);
            }
        }
        if (size < k) {
            throw new IllegalStateException("only " + size + " rows have positive weight");
        }
        // Order the chosen rows by row index, so that labels do not depend on heap layout.
        java.util.Arrays.sort(heapRow);
        double[] centres = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, heapRow[c] * d, centres, c * d, d);
        }
        return centres;
    }

    private static void siftUp(double[] key, int[] row, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (key[i] >= key[parent]) {
                return;
            }
            swap(key, row, i, parent);
            i = parent;
        }
    }

    private static void siftDown(double[] key, int[] row, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int smallest = l + 1 < size && key[l + 1] < key[l] ? l + 1 : l;
            if (key[i] <= key[smallest]) {
                return;
            }
            swap(key, row, i, smallest);
            i = smallest;
        }
    }

    private static void swap(double[] key, int[] row, int a, int b) {
        double tk = key[a];
        key[a] = key[b];
        key[b] = tk;
        int tr = row[a];
        row[a] = row[b];
        row[b] = tr;
    }

    /** A row drawn with probability proportional to its weight. */
    static int sampleByWeight(double[] w, Rng rng) {
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            total += w[i];
        }
        double r = rng.nextDouble() * total;
        double running = 0;
        int lastPositive = -1;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                lastPositive = i;
                running += w[i];
                if (running > r) {
                    return i;
                }
            }
        }
        return lastPositive; // rounding: r can equal the total
    }

    /** The first index whose cumulative value exceeds {@code r}; the last positive step if rounding overshoots. */
    static int firstAbove(double[] cumulative, double r) {
        int lo = 0;
        int hi = cumulative.length - 1;
        if (!(cumulative[hi] > r)) {
            // Rounding only: step back to the last row that adds mass.
            while (hi > 0 && cumulative[hi - 1] == cumulative[hi]) {
                hi--;
            }
            return hi;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > r) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
