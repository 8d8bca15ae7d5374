/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.LikelihoodModel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.validation.internal.Labels;

/**
 * The Bayesian information criterion (Schwarz 1978), \( BIC = -2 \ln L + p \ln n \): lower is better. This is
 * scikit-learn's {@code GaussianMixture.bic} convention.
 *
 * <p>{@link #hardSphericalGaussian()} gives a BIC to any labelling, K-means included, by reading it as a
 * hard-assignment mixture of spherical Gaussians with one shared variance (the model K-means fits; Pelleg and
 * Moore 2000). With \( n_c \) the cluster sizes, n their sum, W the within-cluster sum of squares about the
 * cluster means and \( \hat\sigma^2 = W / (n d) \) the maximum-likelihood variance,
 * \[ \ln L = \sum_c n_c \ln \frac{n_c}{n} - \frac{n d}{2} \ln(2 \pi \hat\sigma^2) - \frac{n d}{2}, \qquad
 *    p = (k - 1) + k d + 1 . \]
 * On large samples this BIC keeps falling as k grows, because every added centre buys far more likelihood than
 * it costs; read it with the other criteria. Rows labelled -1 are left out.
 *
 * <p>Reference: G. Schwarz, "Estimating the dimension of a model", Annals of Statistics 6 (1978) 461-464,
 * doi:10.1214/aos/1176344136; D. Pelleg, A. Moore, "X-means: extending K-means with efficient estimation of
 * the number of clusters", ICML 2000.
 *
 * @since 0.1
 */
public final class Bic {
    private Bic() {
    }

    /**
     * \( -2 \ln L + p \ln n \).
     *
     * @throws IllegalArgumentException if the log-likelihood is not finite, p is negative or n is below 1
     */
    public static double of(double logLikelihood, long parameters, long n) {
        if (!Double.isFinite(logLikelihood)) {
            throw new IllegalArgumentException("The log-likelihood must be finite but was " + logLikelihood);
        }
        if (parameters < 0) {
            throw new IllegalArgumentException("parameters must be >= 0 but was " + parameters);
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1 but was " + n);
        }
        return -2 * logLikelihood + parameters * Math.log(n);
    }

    /** The BIC of a model with a likelihood on its training data ({@link LikelihoodModel#bic}, checked). */
    public static double of(LikelihoodModel model, Dataset data) {
        Checks.notNull("model", model);
        Checks.notNull("data", data);
        return of(model.logLikelihood(data), model.freeParameters(), data.rows());
    }

    /** The hard-assignment spherical-Gaussian BIC of a model's training labels, as a criterion for {@link KSweep}. */
    public static ModelCriterion<ClusterModel> hardSphericalGaussian() {
        return (model, data) -> hardSphericalGaussian(data, model.trainingLabels());
    }

    /**
     * The hard-assignment spherical-Gaussian BIC of a labelling (see the class comment).
     *
     * @throws IllegalArgumentException if the lengths differ, every row is noise, or the within-cluster sum of
     *     squares is 0 (the likelihood is unbounded)
     */
    public static double hardSphericalGaussian(Dataset data, int[] labels) {
        Labels.checkLength(labels, data);
        DistanceRange.check(data, "the hard spherical Gaussian BIC");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        if (enc.assigned == 0) {
            throw new IllegalArgumentException("Every row is labelled noise (-1)");
        }
        int[] codes = enc.codes;
        double w = Inertia.of(data, codes, enc.k);
        int d = data.cols();
        double n = enc.assigned;
        if (!(w > 0)) {
            throw new IllegalArgumentException("The within-cluster sum of squares is 0: every row sits on its "
                    + "cluster mean and the likelihood is unbounded");
        }
        double variance = w / (n * d);
        double logL = 0;
        for (int c = 0; c < enc.k; c++) {
            logL += enc.sizes[c] * Math.log(enc.sizes[c] / n);
        }
        logL -= n * d / 2 * Math.log(2 * Math.PI * variance) + n * d / 2;
        int p = enc.k - 1 + enc.k * d + 1;
        return of(logL, p, enc.assigned);
    }
}
