/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.gmm;

import dev.segmentation.bench.BenchData;
import smile.math.matrix.Matrix;
import smile.stat.distribution.MultivariateExponentialFamilyMixture;
import smile.stat.distribution.MultivariateGaussianDistribution;
import smile.stat.distribution.MultivariateMixture;

/**
 * How the benchmarks call Smile 3.1.1's Gaussian mixture EM (GPL-3.0; called, never copied):
 * {@code MultivariateExponentialFamilyMixture.fit(x, components, gamma, maxIter, tol)}, the entry point that
 * starts from given components ({@code MultivariateGaussianMixture.fit} always seeds itself).
 *
 * <h2>Equal work</h2>
 * The components start at the given means with the covariance of {@link GmmStart} (a full {@code Matrix}, so
 * Smile fits full covariances) and weight {@code 1/k}. {@code gamma = 0} switches Smile's regularisation off.
 * Smile's loop runs {@code while (iter <= maxIter && diff > tol)} where {@code diff} is the change of the total
 * log-likelihood from a starting value of 0, so a negative log-likelihood ends it after the first iteration
 * with any {@code tol >= 0}; {@code tol = -Infinity} makes it run exactly {@code maxIter} iterations. Smile's
 * covariance estimate carries a ridge of about 1e-5 relative on the diagonal, so its means drift from ours by
 * about 1e-5 over a few iterations (the benchmark allows 1e-3).
 * Smile computes densities with {@code p(x)} rather than in the log domain and its covariance algebra goes
 * through its {@code Matrix} class (LAPACK through the bundled OpenBLAS; its 8 x 8 factorisations are far
 * below OpenBLAS's multithreading threshold, so they run on the calling thread).
 */
final class SmileGmm {
    private SmileGmm() {
    }

    /** The starting components: the given means and covariance, uniform weights. */
    static MultivariateMixture.Component[] components(double[][] means, double[][] covariance) {
        int k = means.length;
        MultivariateMixture.Component[] out = new MultivariateMixture.Component[k];
        for (int c = 0; c < k; c++) {
            out[c] = new MultivariateMixture.Component(1.0 / k,
                    new MultivariateGaussianDistribution(means[c].clone(), Matrix.of(BenchData.copy(covariance))));
        }
        return out;
    }

    /** {@code iterations} EM iterations, no regularisation ({@code gamma = 0}), no early stop. */
    static MultivariateExponentialFamilyMixture fit(double[][] rows, double[][] means, double[][] covariance,
                                                    int iterations) {
        return MultivariateExponentialFamilyMixture.fit(rows, components(means, covariance), 0.0, iterations,
                Double.NEGATIVE_INFINITY);
    }

    /** The component means, in the order of the initial means. */
    static double[] means(MultivariateMixture mixture) {
        int k = mixture.components.length;
        double[] first = ((MultivariateGaussianDistribution) mixture.components[0].distribution).mu;
        int d = first.length;
        double[] out = new double[k * d];
        for (int c = 0; c < k; c++) {
            double[] mu = ((MultivariateGaussianDistribution) mixture.components[c].distribution).mu;
            System.arraycopy(mu, 0, out, c * d, d);
        }
        return out;
    }
}
