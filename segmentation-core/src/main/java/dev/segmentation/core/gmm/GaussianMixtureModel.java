/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.AbstractClusterModel;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitRun;
import dev.segmentation.core.IterativeModel;
import dev.segmentation.core.LikelihoodModel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;

import java.util.Arrays;
import java.util.List;

/**
 * A fitted Gaussian mixture: weights, means, covariances and their precision Cholesky factors, with the
 * training labels and how the fit ran; it gives soft memberships, log-likelihoods, BIC and AIC.
 *
 * <p>With weights \( \pi_c \), means \( \mu_c \) and covariances \( \Sigma_c \):
 * <ul>
 *   <li>{@link #scoreSamples}: \( \log p(x) = \log \sum_c \pi_c N(x \mid \mu_c, \Sigma_c) \) per row, with
 *       the log-sum-exp shift (scikit-learn's {@code score_samples}); {@link #score}: its mean;</li>
 *   <li>{@link #predictProba}: \( P(c \mid x) = \pi_c N(x \mid \mu_c, \Sigma_c) / p(x) \), each row summing
 *       to 1; {@link #predict}: the most probable component, the lowest index on ties;</li>
 *   <li>{@link #bic}: \( -2 n \,\mathrm{score} + p \log n \); {@link #aic}: \( -2 n \,\mathrm{score} + 2p \),
 *       where \( p \) = {@link #numberOfParameters()} counts the free parameters as scikit-learn does.</li>
 * </ul>
 * {@link #assigner()} (a {@link GaussianMixtureScorer}) labels and gives the memberships of one row without
 * allocating, with the same arithmetic as {@link #predict} and {@link #predictProba}; it is what a
 * {@code SegmentScorer} serves. The means are also the model's {@link #centroids()}, for profiles and drift;
 * assigning by the nearest mean is a different rule, which {@code NearestCentroidScorer.of(model)} applies
 * only when asked for explicitly.
 *
 * <p>The covariances determine the precision Cholesky factors, which are computed from them when the model
 * is built (also when it is read from a file), so a loaded model is bit-identical to the saved one.
 *
 * <p>Immutable and thread-safe: arrays are copied in and out. {@link #equals} compares every field, doubles
 * bit for bit.
 *
 * @since 0.1
 */
public final class GaussianMixtureModel extends AbstractClusterModel implements IterativeModel, LikelihoodModel {
    private final CovarianceType type;
    private final int k;
    private final Mixture mixture;
    private final double lowerBound;
    private final FitRun run;
    private final GaussianMixture.Init init;
    private final double regCovar;
    private final int reinitializations;
    private final GaussianMixtureScorer assigner;

    GaussianMixtureModel(List<String> columns, CovarianceType type, int k, double[] weights, double[] means,
                         double[] covariances, int[] labels, double lowerBound, int iterations, boolean converged,
                         long seed, int bestRun, int nInit, GaussianMixture.Init init, double regCovar,
                         int reinitializations) {
        super(columns, k, labels, Centroids.ofRowMajor(means, k, columns));
        this.type = Checks.notNull("type", type);
        this.k = k;
        int d = dimension();
        if (weights.length != k || means.length != k * d || covariances.length != type.parameterLength(k, d)) {
            throw new IllegalArgumentException("Parameter shapes do not match k = " + k + ", d = " + d + ", "
                    + type);
        }
        int[] failed = {-1};
        Mixture m = Mixture.ofCovariances(type, k, d, weights.clone(), means.clone(), covariances.clone(), failed);
        if (m == null) {
            throw new IllegalArgumentException("The covariance of "
                    + (type == CovarianceType.TIED ? "the tied components" : "component " + failed[0])
                    + " is not positive definite");
        }
        this.mixture = m;
        this.lowerBound = lowerBound;
        this.run = new FitRun(iterations, converged, seed, bestRun, nInit);
        this.init = init;
        this.regCovar = regCovar;
        this.reinitializations = reinitializations;
        this.assigner = new GaussianMixtureScorer(m, columnNames());
    }

    /**
     * A mixture from known parameters, for example to score data under a published model. It has no
     * training rows; its fit statistics are empty ({@link #lowerBound()} is NaN, {@link #init()} is
     * {@code null}).
     *
     * @param type the covariance type
     * @param weights k finite, positive weights that sum to 1 within 1e-9. Not modified.
     * @param means k rows of {@code columns.size()} finite values. Not modified.
     * @param covariances finite values in the flat layout of {@code type} (see {@link CovarianceType}); for
     *     FULL and TIED, symmetric matrices (as NumPy's {@code allclose}; the lower triangle is used).
     *     Not modified.
     * @param columns the feature names
     * @return the model
     * @throws IllegalArgumentException if a shape is wrong, a value is not finite, the weights are not
     *     positive or do not sum to 1, or a covariance is not symmetric positive definite
     */
    public static GaussianMixtureModel of(CovarianceType type, double[] weights, double[][] means,
                                          double[] covariances, List<String> columns) {
        Checks.notNull("type", type);
        Checks.notNull("weights", weights);
        Checks.notNull("means", means);
        Checks.notNull("covariances", covariances);
        Checks.notNull("columns", columns);
        int k = weights.length;
        if (k == 0) {
            throw new IllegalArgumentException("A mixture needs at least one component");
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            Checks.positive("weights[" + c + "]", weights[c]);
            sum += weights[c];
        }
        if (!(Math.abs(sum - 1) <= 1e-9)) {
            throw new IllegalArgumentException("The weights must sum to 1 but sum to " + sum);
        }
        if (means.length != k) {
            throw new IllegalArgumentException(k + " weights but " + means.length + " means were given");
        }
        double[] mu = Dataset.of(means, columns).toRowMajorArray();
        int d = columns.size();
        int expected = type.parameterLength(k, d);
        if (covariances.length != expected) {
            throw new IllegalArgumentException("covariances has " + covariances.length + " values but a " + type
                    + " mixture of " + k + " components in " + d + " dimensions needs " + expected);
        }
        double[] cov = covariances.clone();
        for (int i = 0; i < cov.length; i++) {
            if (cov[i] - cov[i] != 0) {
                throw new IllegalArgumentException("covariances[" + i + "] is not finite: " + cov[i]);
            }
        }
        symmetrise(type, k, d, cov, "covariances");
        return new GaussianMixtureModel(columns, type, k, weights, mu, cov, new int[0], Double.NaN, 0, false, 0L, 0,
                0, null, 0.0, 0);
    }

    /** Checks approximate symmetry and copies the lower triangle over the upper one. */
    static void symmetrise(CovarianceType type, int k, int d, double[] cov, String what) {
        if (type != CovarianceType.FULL && type != CovarianceType.TIED) {
            return;
        }
        int m = type == CovarianceType.TIED ? 1 : k;
        for (int c = 0; c < m; c++) {
            int off = c * d * d;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < i; j++) {
                    double lower = cov[off + i * d + j];
                    double upper = cov[off + j * d + i];
                    if (!(Math.abs(lower - upper) <= 1e-8 + 1e-5 * Math.abs(lower))) {
                        throw new IllegalArgumentException(what + ": the matrix of "
                                + (type == CovarianceType.TIED ? "the tied covariance" : "component " + c)
                                + " is not symmetric: (" + i + ", " + j + ") = " + lower + " but (" + j + ", " + i
                                + ") = " + upper);
                    }
                    cov[off + j * d + i] = lower;
                }
            }
        }
    }

    Mixture mixture() {
        return mixture;
    }

    /** The component means (scikit-learn's {@code means_}). */
    public Centroids means() {
        return centroids().orElseThrow();
    }

    /** The covariance type. */
    public CovarianceType covarianceType() {
        return type;
    }

    /** A copy of the mixing weights (scikit-learn's {@code weights_}); they sum to 1. */
    public double[] weights() {
        return mixture.weights.clone();
    }

    /**
     * A copy of the covariances in the flat layout of the covariance type (scikit-learn's
     * {@code covariances_}, flattened row-major).
     */
    public double[] covariances() {
        return mixture.covariances.clone();
    }

    /**
     * The full {@code d x d} covariance matrix of one component, whatever the covariance type (TIED: the
     * shared matrix; DIAG and SPHERICAL: diagonal).
     *
     * @throws IndexOutOfBoundsException if the component does not exist
     */
    public double[][] covariance(int component) {
        if (component < 0 || component >= k) {
            throw new IndexOutOfBoundsException("component " + component + " is out of range [0, " + k + ")");
        }
        int d = dimension();
        double[][] out = new double[d][d];
        double[] cov = mixture.covariances;
        for (int i = 0; i < d; i++) {
            switch (type) {
                case FULL:
                    System.arraycopy(cov, component * d * d + i * d, out[i], 0, d);
                    break;
                case TIED:
                    System.arraycopy(cov, i * d, out[i], 0, d);
                    break;
                case DIAG:
                    out[i][i] = cov[component * d + i];
                    break;
                default:
                    out[i][i] = cov[component];
                    break;
            }
        }
        return out;
    }

    /**
     * A copy of the Cholesky factors of the precision matrices in the flat layout of the covariance type
     * (scikit-learn's {@code precisions_cholesky_}): for FULL and TIED the upper triangular \( U \) with
     * \( \Sigma^{-1} = U U^\top \); for DIAG and SPHERICAL \( 1/\sqrt{\sigma^2} \).
     */
    public double[] precisionsCholesky() {
        return mixture.precisionCholesky.clone();
    }

    /**
     * The mean log-likelihood of the training rows under the parameters before the last M-step of the kept
     * run (scikit-learn's {@code lower_bound_}); NaN for a model built with {@link #of}.
     */
    public double lowerBound() {
        return lowerBound;
    }

    /** How the fit ran: the EM iterations and convergence of the kept run, the seed, the kept run and the runs. */
    @Override
    public FitRun fitRun() {
        return run;
    }

    /** The initialisation of the fit, or {@code null} for a model built with {@link #of}. */
    public GaussianMixture.Init init() {
        return init;
    }

    /** The regularisation the fit added to the covariances' diagonal. */
    public double regCovar() {
        return regCovar;
    }

    /** How many times the kept run re-initialised a collapsed component (see the collapse policy). */
    public int reinitializations() {
        return reinitializations;
    }

    /** The number of free parameters: covariances, \( k d \) means and \( k - 1 \) weights. */
    public long numberOfParameters() {
        int d = dimension();
        return type.freeCovarianceParameters(k, d) + (long) k * d + k - 1;
    }

    @Override
    public boolean isInductive() {
        return true;
    }

    /**
     * The allocation-free scorer of this mixture: the most probable component, the membership probabilities,
     * and the largest probability as the confidence; bit-identical to {@link #predict} and
     * {@link #predictProba}.
     */
    @Override
    public GaussianMixtureScorer assigner() {
        return assigner;
    }

    private double[] rows(Dataset data) {
        requireTrainingColumns(data);
        return DatasetAccess.data(data);
    }

    /**
     * The most probable component of each row (lowest index on ties).
     *
     * @throws IllegalArgumentException if the columns differ from the model's
     */
    @Override
    public int[] predict(Dataset data) {
        double[] x = rows(data);
        int[] out = new int[data.rows()];
        EmEngine.labels(mixture, x, data.rows(), dimension(), null, out);
        return out;
    }

    /**
     * The membership probabilities of each row: {@code n} rows of {@code k} values that sum to 1.
     *
     * @throws IllegalArgumentException if the columns differ from the model's, or a row is so far from every
     *     component that its log-likelihood is not finite
     */
    public double[][] predictProba(Dataset data) {
        double[] x = rows(data);
        int n = data.rows();
        double[] flat = new double[Math.multiplyExact(n, k)];
        EmEngine.probabilities(mixture, x, n, dimension(), null, flat);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
            double v = out[i][0];
            if (v - v != 0) {
                throw farRow(i);
            }
        }
        return out;
    }

    /**
     * The log-likelihood \( \log p(x) \) of each row (scikit-learn's {@code score_samples}).
     *
     * @throws IllegalArgumentException if the columns differ from the model's, or a row's log-likelihood is
     *     not finite
     */
    public double[] scoreSamples(Dataset data) {
        double[] x = rows(data);
        int n = data.rows();
        double[] out = new double[n];
        EmEngine.logLikelihoods(mixture, x, n, dimension(), null, out);
        int bad = Mixture.firstNonFinite(out, n);
        if (bad >= 0) {
            throw farRow(bad);
        }
        return out;
    }

    private static IllegalArgumentException farRow(int row) {
        return new IllegalArgumentException("The log-likelihood of row " + row + " is not finite: the row is too "
                + "far from every component (its squared Mahalanobis distances overflow)");
    }

    /**
     * The mean log-likelihood of the rows (scikit-learn's {@code score}).
     *
     * @throws IllegalArgumentException as {@link #scoreSamples}, or if there are no rows
     */
    public double score(Dataset data) {
        double[] ll = scoreSamples(data);
        if (ll.length == 0) {
            throw new IllegalArgumentException("Cannot score a dataset with no rows");
        }
        double s = 0;
        for (int i = 0; i < ll.length; i++) {
            s += ll[i];
        }
        return s / ll.length;
    }

    /**
     * The log-likelihood \( n \cdot \mathrm{score} \) of the rows (scikit-learn's {@code score(X) * len(X)}).
     *
     * @throws IllegalArgumentException as {@link #score}
     */
    @Override
    public double logLikelihood(Dataset data) {
        return score(data) * data.rows();
    }

    /** {@link #numberOfParameters()}. */
    @Override
    public long freeParameters() {
        return numberOfParameters();
    }

    /**
     * The Bayesian information criterion \( -2 n \,\mathrm{score} + p \log n \); lower is better.
     *
     * @throws IllegalArgumentException as {@link #score}
     */
    @Override
    public double bic(Dataset data) {
        return LikelihoodModel.super.bic(data);
    }

    /**
     * The Akaike information criterion \( -2 n \,\mathrm{score} + 2p \); lower is better.
     *
     * @throws IllegalArgumentException as {@link #score}
     */
    @Override
    public double aic(Dataset data) {
        return LikelihoodModel.super.aic(data);
    }

    /** Value equality over every field (doubles compared bit for bit). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GaussianMixtureModel)) {
            return false;
        }
        GaussianMixtureModel m = (GaussianMixtureModel) o;
        return sameClustering(m) && type == m.type && Arrays.equals(mixture.weights, m.mixture.weights)
                && Arrays.equals(mixture.means, m.mixture.means)
                && Arrays.equals(mixture.covariances, m.mixture.covariances)
                && Double.compare(lowerBound, m.lowerBound) == 0 && run.equals(m.run) && init == m.init && Double.compare(regCovar, m.regCovar) == 0
                && reinitializations == m.reinitializations;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mixture.means) + Arrays.hashCode(mixture.covariances);
    }

    @Override
    public String toString() {
        return "GaussianMixtureModel[k=" + k + ", covarianceType=" + type + ", lowerBound=" + lowerBound
                + ", iterations=" + run.iterations() + ", converged=" + run.converged() + ", columns=" + columnNames()
                + "]";
    }
}
