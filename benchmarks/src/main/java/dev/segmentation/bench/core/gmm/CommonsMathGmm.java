/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.gmm;

import dev.segmentation.bench.BenchData;
import org.apache.commons.math3.distribution.MixtureMultivariateNormalDistribution;
import org.apache.commons.math3.distribution.MultivariateNormalDistribution;
import org.apache.commons.math3.distribution.fitting.MultivariateNormalMixtureExpectationMaximization;
import org.apache.commons.math3.exception.ConvergenceException;
import org.apache.commons.math3.util.Pair;

import java.util.ArrayList;
import java.util.List;

/**
 * How the benchmarks call Commons Math 3.6.1's {@code MultivariateNormalMixtureExpectationMaximization}
 * (Apache-2.0; called, never copied).
 *
 * <h2>Equal work</h2>
 * {@code fit(initialMixture, maxIterations, threshold)} loops {@code while (iterations++ <= maxIterations &&
 * |previous - current| > threshold)}, so {@code maxIterations = t - 1} with the smallest threshold it accepts
 * ({@link Double#MIN_VALUE}) runs exactly {@code t} E- and M-steps, and then throws a
 * {@link ConvergenceException} because the log-likelihood is still moving; the fitted model is set after every
 * iteration, so it is read after the exception. The initial mixture has the given means, the covariance of
 * {@link GmmStart} and uniform weights.
 */
final class CommonsMathGmm {
    private CommonsMathGmm() {
    }

    /** The starting mixture: the given means and covariance, uniform weights. */
    static MixtureMultivariateNormalDistribution initial(double[][] means, double[][] covariance) {
        int k = means.length;
        List<Pair<Double, MultivariateNormalDistribution>> components = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            components.add(new Pair<>(1.0 / k, new MultivariateNormalDistribution(means[c].clone(),
                    BenchData.copy(covariance))));
        }
        return new MixtureMultivariateNormalDistribution(components);
    }

    /** {@code iterations} EM iterations from {@code start}. */
    static MixtureMultivariateNormalDistribution fit(double[][] rows, MixtureMultivariateNormalDistribution start,
                                                     int iterations) {
        MultivariateNormalMixtureExpectationMaximization em = new MultivariateNormalMixtureExpectationMaximization(rows);
        try {
            em.fit(start, iterations - 1, Double.MIN_VALUE);
        } catch (ConvergenceException expected) {
            // The limit, not convergence, ended the loop: the model of the last iteration is kept.
        }
        return em.getFittedModel();
    }

    /** The component means, in the order of the initial means. */
    static double[] means(MixtureMultivariateNormalDistribution mixture) {
        List<Pair<Double, MultivariateNormalDistribution>> comps = mixture.getComponents();
        int d = comps.get(0).getSecond().getMeans().length;
        double[] out = new double[comps.size() * d];
        for (int c = 0; c < comps.size(); c++) {
            System.arraycopy(comps.get(c).getSecond().getMeans(), 0, out, c * d, d);
        }
        return out;
    }
}
