/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.scoring;

import smile.clustering.KMeans;

/**
 * How the scoring benchmarks build a Smile 3.1.1 model (GPL-3.0; called, never copied) on given centres.
 *
 * <p>Smile's {@code KMeans} has a public constructor {@code KMeans(distortion, centroids, y)}, so no fit is
 * needed: the model scores against exactly our centres. Its {@code predict(double[])} is
 * {@code CentroidClustering.predict}: the squared distance to every centroid, summed in feature order
 * ({@code MathEx.squaredDistance}), the lowest index winning ties, the same labels as our scorer.
 */
final class SmileCentroids {
    private SmileCentroids() {
    }

    /** A Smile model whose centroids are copies of {@code centres} ({@code k} rows). */
    static KMeans model(double[][] centres) {
        int k = centres.length;
        double[][] copy = new double[k][];
        int[] y = new int[k]; // nominal training labels, one per cluster: Smile only derives cluster sizes from them
        for (int c = 0; c < k; c++) {
            copy[c] = centres[c].clone();
            y[c] = c;
        }
        return new KMeans(0.0, copy, y);
    }
}
