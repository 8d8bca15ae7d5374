/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.validation;

import dev.segmentation.bench.BenchData;
import dev.segmentation.bench.Naive;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;

import java.util.Arrays;
import java.util.List;

/**
 * The mixed customer table of the Gower and precomputed-silhouette benchmarks, and their textbook loops.
 *
 * <p>{@code n} rows: four numeric columns from {@link BenchData#blobs} (d = 4, the benchmark seed) and two
 * categorical columns of 3 and 5 codes derived from the row's nearest blob and its index; every row labelled with
 * its nearest blob centre ({@link Naive#assign}), k = 8.
 */
final class MixedTable {
    static final int D = 4;
    static final int K = BenchData.K;
    static final List<String> NAMES = List.of("x0", "x1", "x2", "x3", "c0", "c1");
    static final boolean[] CATEGORICAL = {false, false, false, false, true, true};

    final double[] values;
    final int[] labels;
    final Dataset dataset;

    MixedTable(int n) {
        double[] x = BenchData.blobs(n, D, BenchData.SEED);
        labels = new int[n];
        Naive.assign(x, n, D, BenchData.blobCentres(D, BenchData.SEED), K, labels);
        int w = D + 2;
        values = new double[n * w];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * D, values, i * w, D);
            values[i * w + D] = (labels[i] + i % 2) % 3;
            values[i * w + D + 1] = (i * 7 + labels[i]) % 5;
        }
        dataset = Dataset.ofRowMajor(values.clone(), n, NAMES);
    }

    /** Gower's formula pair by pair: the ranges first, then every pair's mean contribution. */
    static double[] naiveGower(double[] x, int n, int d, boolean[] categorical) {
        double[] min = new double[d];
        double[] range = new double[d];
        for (int f = 0; f < d; f++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                lo = Math.min(lo, x[i * d + f]);
                hi = Math.max(hi, x[i * d + f]);
            }
            min[f] = lo;
            range[f] = hi - lo == 0 ? 1 : hi - lo;
        }
        double[] out = new double[n * (n - 1) / 2];
        for (int i = 0, q = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, q++) {
                double s = 0;
                for (int f = 0; f < d; f++) {
                    double a = x[i * d + f];
                    double b = x[j * d + f];
                    s += categorical[f] ? (a != b ? 1 : 0)
                            : Math.abs((b - min[f]) / range[f] - (a - min[f]) / range[f]);
                }
                out[q] = s / d;
            }
        }
        return out;
    }

    /** Rousseeuw's silhouette, every pair read through {@code get(i, j)}. */
    static double naiveSilhouette(DissimilarityMatrix m, int[] labels, int k) {
        int n = m.size();
        int[] size = NaiveSilhouette.sizes(labels, k);
        double[] sums = new double[k];
        double total = 0;
        for (int i = 0; i < n; i++) {
            Arrays.fill(sums, 0);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    sums[labels[j]] += m.get(i, j);
                }
            }
            int own = labels[i];
            if (size[own] <= 1) {
                continue;
            }
            double a = sums[own] / (size[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own && size[c] > 0) {
                    b = Math.min(b, sums[c] / size[c]);
                }
            }
            double mx = Math.max(a, b);
            total += mx > 0 ? (b - a) / mx : 0;
        }
        return total / n;
    }
}
