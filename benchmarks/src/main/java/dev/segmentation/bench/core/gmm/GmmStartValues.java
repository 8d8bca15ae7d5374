/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.gmm;

/**
 * The starting parameters of {@link GaussianMixtureFitBenchmark} for code outside this package (the file writer
 * of the scikit-learn comparison): the same values {@link GmmStart} gives the benchmark.
 */
public final class GmmStartValues {
    private GmmStartValues() {
    }

    /**
     * The starting covariance of every component: the population covariance of the rows times k^(-2/d).
     *
     * @param x the rows, row-major
     * @param n rows
     * @param d features
     * @param k components
     * @return a d x d matrix
     */
    public static double[][] covariance(double[] x, int n, int d, int k) {
        return GmmStart.covariance(x, n, d, k);
    }

    /**
     * The inverse of the starting covariance repeated for every component, k * d * d values
     * (component, row, column), the layout of {@code initialPrecisions} and of scikit-learn's
     * {@code precisions_init} for full covariances.
     *
     * @param covariance the starting covariance
     * @param k components
     * @return the precisions
     */
    public static double[] precisions(double[][] covariance, int k) {
        return GmmStart.precisions(covariance, k);
    }
}
