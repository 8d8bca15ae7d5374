/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * A fitted model with a likelihood (a Gaussian mixture, for example), and the information criteria built on
 * it. Model-selection tools (a k sweep by BIC) use it without further configuration.
 *
 * <p>With \( \ln L \) the log-likelihood of the n rows and p the number of free parameters:
 * \[ BIC = -2 \ln L + p \ln n \quad \text{(Schwarz 1978)}, \qquad AIC = -2 \ln L + 2p \quad \text{(Akaike 1974)}; \]
 * lower is better for both; these are scikit-learn's {@code GaussianMixture.bic} and {@code aic}.
 *
 * <p>References: G. Schwarz, "Estimating the dimension of a model", Annals of Statistics 6 (1978) 461-464,
 * doi:10.1214/aos/1176344136; H. Akaike, "A new look at the statistical model identification", IEEE
 * Transactions on Automatic Control 19 (1974) 716-723, doi:10.1109/TAC.1974.1100705.
 *
 * @since 0.1
 */
public interface LikelihoodModel {
    /**
     * The log-likelihood \( \ln L = \sum_i \log p(x_i) \) of the rows under the model (natural logarithm).
     *
     * @param data rows with the model's columns. Not modified.
     * @throws IllegalArgumentException if the columns differ, there are no rows, or the log-likelihood is not
     *     finite
     */
    double logLikelihood(Dataset data);

    /** The number of free parameters p. */
    long freeParameters();

    /**
     * \( -2 \ln L + p \ln n \).
     *
     * @throws IllegalArgumentException as {@link #logLikelihood}
     */
    default double bic(Dataset data) {
        double ll = logLikelihood(data);
        return -2 * ll + freeParameters() * Math.log(data.rows());
    }

    /**
     * \( -2 \ln L + 2p \).
     *
     * @throws IllegalArgumentException as {@link #logLikelihood}
     */
    default double aic(Dataset data) {
        return -2 * logLikelihood(data) + 2.0 * freeParameters();
    }
}
