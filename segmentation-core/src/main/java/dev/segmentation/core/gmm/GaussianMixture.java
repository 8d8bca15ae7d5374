/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.IterativeClusterer;
import dev.segmentation.core.IterativeEstimatorBuilder;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.Rng;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;

import java.util.concurrent.ForkJoinPool;

/**
 * Gaussian mixture models fitted by expectation-maximisation: immutable configuration whose {@link #fit}
 * returns a {@link GaussianMixtureModel}.
 *
 * <p>The model is the density
 * \[ p(x) = \sum_{c=1}^{k} \pi_c \, N(x \mid \mu_c, \Sigma_c), \qquad \sum_c \pi_c = 1, \]
 * and EM (Dempster, Laird and Rubin 1977) alternates the E-step, the responsibilities
 * \( r_{ic} = \pi_c N(x_i \mid \mu_c, \Sigma_c) / p(x_i) \), and the M-step,
 * \( \pi_c \propto \sum_i r_{ic} \), \( \mu_c = \sum_i r_{ic} x_i / \sum_i r_{ic} \),
 * \( \Sigma_c = \sum_i r_{ic} (x_i - \mu_c)(x_i - \mu_c)^\top / \sum_i r_{ic} + \lambda I \) (with the
 * constraints of the {@link CovarianceType}), where \( \lambda \) is {@code regCovar}. Each iteration
 * increases the mean log-likelihood \( \frac1n \sum_i \log p(x_i) \), the "lower bound" that the stopping
 * rule watches. The algorithm follows scikit-learn 1.2's {@code GaussianMixture} step for step (the same
 * parameter estimates, the same lower bound, the same stopping rule), which the tests check.
 * <pre>{@code
 * GaussianMixtureModel model = GaussianMixture.builder().k(4).covarianceType(CovarianceType.FULL)
 *     .nInit(5).seed(7).build().fit(data);
 * double[][] membership = model.predictProba(data);   // soft segments, rows sum to 1
 * double bic = model.bic(data);
 * }</pre>
 *
 * <h2>Options (scikit-learn names)</h2>
 * <ul>
 *   <li>{@code k}: the number of components ({@code n_components}); required unless initial weights or
 *       means give it;</li>
 *   <li>{@code covarianceType}: {@link CovarianceType#FULL} (default), {@code TIED}, {@code DIAG},
 *       {@code SPHERICAL};</li>
 *   <li>{@code regCovar} (default 1e-6): added to the diagonal of every covariance, so that each stays
 *       positive definite;</li>
 *   <li>{@code init}: {@link Init#KMEANS} (default), {@link Init#K_MEANS_PLUS_PLUS} or {@link Init#RANDOM};
 *       and optionally {@link Builder#initialWeights}, {@link Builder#initialMeans} and
 *       {@link Builder#initialPrecisions} ({@code weights_init}, {@code means_init}, {@code precisions_init}),
 *       each of which replaces the part of the initialisation it gives;</li>
 *   <li>{@code nInit} (default 1): initialisations; the run with the highest lower bound is kept (the first
 *       on ties);</li>
 *   <li>{@code maxIter} (default 100) and {@code tol} (default 1e-3): a run stops when the lower bound
 *       changes by less than {@code tol} from one iteration to the next, or after {@code maxIter}
 *       iterations;</li>
 *   <li>{@code collapsePolicy}: what happens to a component that collapses (see {@link CollapsePolicy});
 *       </li>
 *   <li>{@code seed} (default {@link #DEFAULT_SEED}): run {@code r} draws from its own stream
 *       {@code Rng.stream(seed, r)}, so a result never depends on the thread count;</li>
 *   <li>{@code pool}: the {@link ForkJoinPool} for the row-parallel passes (default: the common pool), or
 *       {@link Builder#singleThreaded()}; results are bit-identical either way.</li>
 * </ul>
 *
 * <h2>Numerics</h2>
 * The E-step works with the Cholesky factors of the precisions (EJML) and their log-determinants, and
 * normalises the responsibilities with the log-sum-exp shift, so no density is ever formed outside the
 * log domain: rows far from every component give tiny responsibilities, never NaN. The M-step sums are
 * taken around the current means (see {@code EmEngine}), which keeps the covariances accurate when the
 * data are far from the origin.
 *
 * <h2>Edge cases and bad input</h2>
 * <ul>
 *   <li>a dataset with no rows, {@code k > n}: {@link IllegalArgumentException} before any work;</li>
 *   <li>fewer than {@code k} distinct rows with the K-means initialisations: the K-means initialisation
 *       rejects the data (an {@link IllegalArgumentException} that says how many distinct rows there are);
 *       </li>
 *   <li>NaN and infinity cannot reach a fit ({@link Dataset} rejects them); initial parameters are checked
 *       in the builder (finite, positive weights that sum to 1, positive definite precisions);</li>
 *   <li>a collapsing component: {@link CollapsePolicy}; a row whose squared Mahalanobis distances overflow
 *       (values of order 1e150): {@link IllegalArgumentException} naming the row.</li>
 * </ul>
 *
 * <p>Thread-safe and reusable; {@code fit} never modifies the estimator or its arguments.
 *
 * <p>References: A. P. Dempster, N. M. Laird, D. B. Rubin, "Maximum likelihood from incomplete data via the
 * EM algorithm", JRSS B 39(1), 1977, doi:10.1111/j.2517-6161.1977.tb01600.x. C. M. Bishop, "Pattern
 * Recognition and Machine Learning", Springer 2006, section 9.2. F. Pedregosa et al., "Scikit-learn:
 * machine learning in Python", JMLR 12, 2011.
 *
 * @since 0.1
 */
public final class GaussianMixture extends IterativeClusterer<GaussianMixtureModel> {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 42L;
    /** The default iteration limit of one run. */
    public static final int DEFAULT_MAX_ITER = 100;
    /** The default tolerance on the change of the lower bound. */
    public static final double DEFAULT_TOL = 1e-3;
    /** The default regularisation added to the diagonal of the covariances. */
    public static final double DEFAULT_REG_COVAR = 1e-6;

    /** How a run's initial responsibilities are chosen (scikit-learn's {@code init_params}). */
    public enum Init {
        /**
         * The labels of a K-means fit of this library ({@code KMeans} with k-means++ seeding, one
         * initialisation, its default iteration limit and tolerance, a seed drawn from the run's stream), as
         * hard responsibilities: scikit-learn's {@code "kmeans"}.
         */
        KMEANS,
        /**
         * Greedy k-means++ seeds followed by a single Lloyd iteration ({@code KMeans} with
         * {@code maxIter(1)}); the labels of that step are the hard responsibilities. (scikit-learn's
         * {@code "k-means++"} puts a {@code regCovar}-sized component on each seed, whose first E-step
         * amounts to the same hard assignment to the nearest seed.)
         */
        K_MEANS_PLUS_PLUS,
        /** Responsibilities drawn uniformly at random and normalised per row: scikit-learn's {@code "random"}. */
        RANDOM
    }

    /**
     * What happens when a component collapses: after an M-step its covariance is not positive definite even
     * with {@code regCovar} on the diagonal (EJML's Cholesky factorisation fails, or a variance is not
     * positive and finite), or its total responsibility has fallen below 1e-8 rows (it lost all its rows).
     *
     * <p>The first line of defence is always the regularisation: {@code regCovar} (1e-6 by default) on the
     * diagonal keeps a component on a single row, on duplicate rows or in a flat subspace positive definite,
     * as in scikit-learn, so with the default it is rare for a component to collapse at all. A fit never
     * returns NaN parameters or probabilities.
     */
    public enum CollapsePolicy {
        /**
         * Re-initialise the collapsed component and go on (the default): its mean moves to the training row
         * that the mixture of the E-step explains worst (the lowest log-likelihood, the lowest index on ties;
         * several collapsed components take distinct rows), its covariance becomes the per-column variance
         * of the data plus {@code regCovar} (diagonal; TIED keeps the shared covariance), its weight
         * {@code 1/k} before the weights are normalised again. In the initial parameters, where there is no
         * E-step yet, the component keeps its mean. The iteration cannot end the run as converged, and the
         * model reports how many re-initialisations the kept run made
         * ({@link GaussianMixtureModel#reinitializations()}). If the data cannot support the component
         * even so (a constant column with {@code regCovar = 0}), or the TIED covariance is singular, the fit
         * throws a {@link ComponentCollapseException} as for {@link #FAIL}.
         */
        REINITIALIZE,
        /**
         * Throw a {@link ComponentCollapseException} that names the component, the run, the iteration and the
         * remedies (a larger {@code regCovar}, a smaller k, removing duplicate rows), as scikit-learn does.
         */
        FAIL
    }

    private final int k;
    private final CovarianceType type;
    private final double regCovar;
    private final Init init;
    private final double[] initialWeights;
    private final double[] initialMeans;
    private final int initialMeansDim;
    private final double[] initialPrecisions;
    private final CollapsePolicy collapsePolicy;

    private GaussianMixture(Builder b, int k, int nInit, int maxIter, double tol, long seed, ForkJoinPool pool) {
        super(nInit, maxIter, tol, seed, pool);
        this.k = k;
        this.type = b.type == null ? CovarianceType.FULL : b.type;
        this.regCovar = Double.isNaN(b.regCovar) ? DEFAULT_REG_COVAR : b.regCovar;
        this.init = b.init == null ? Init.KMEANS : b.init;
        this.initialWeights = b.initialWeights;
        this.initialMeans = b.initialMeans;
        this.initialMeansDim = b.initialMeansDim;
        this.initialPrecisions = b.initialPrecisions;
        this.collapsePolicy = b.collapsePolicy == null ? CollapsePolicy.REINITIALIZE : b.collapsePolicy;
    }

    /** A builder with the defaults above; {@code k} must be set (directly or by initial weights or means). */
    public static Builder builder() {
        return new Builder();
    }

    /** The number of components. */
    public int k() {
        return k;
    }

    /** The covariance type. */
    public CovarianceType covarianceType() {
        return type;
    }

    /** The regularisation added to the covariances' diagonal. */
    public double regCovar() {
        return regCovar;
    }

    /** The initialisation of the parts not given explicitly. */
    public Init init() {
        return init;
    }

    /** The collapse policy. */
    public CollapsePolicy collapsePolicy() {
        return collapsePolicy;
    }

    @Override
    public GaussianMixtureModel fit(Dataset data, FitControl control) {
        Checks.notNull("data", data);
        Checks.notNull("control", control);
        final int n = data.rows();
        final int d = data.cols();
        Checks.rowsForK("a Gaussian mixture", n, k);
        DistanceRange.check(DatasetAccess.data(data), n, d, data.columnNames(), 0, "a Gaussian mixture", pool());
        if (initialMeans != null && initialMeansDim != d) {
            throw new IllegalArgumentException("The initial means have " + initialMeansDim
                    + " columns but the data have " + d);
        }
        if (initialPrecisions != null) {
            int expected = type.parameterLength(k, d);
            if (initialPrecisions.length != expected) {
                throw new IllegalArgumentException("initialPrecisions has " + initialPrecisions.length
                        + " values but a " + type + " mixture of " + k + " components in " + d
                        + " dimensions needs " + expected);
            }
        }
        final double[] x = DatasetAccess.data(data);
        EmEngine engine = new EmEngine(x, n, d, k, type, regCovar, collapsePolicy, pool(), control);
        EmEngine.Run best = null;
        int bestRun = -1;
        for (int run = 0; run < nInit(); run++) {
            EmEngine.Step start = initialise(engine, data, x, n, d, run, control);
            EmEngine.Run r = engine.run(start.mixture, start.reinitialised, maxIter(), tol(), run, nInit());
            if (best == null || r.lowerBound > best.lowerBound) {
                best = r;
                bestRun = run;
            }
        }
        int[] labels = new int[n];
        EmEngine.labels(best.mixture, x, n, d, pool(), labels);
        return new GaussianMixtureModel(data.columnNames(), type, k, best.mixture.weights, best.mixture.means,
                best.mixture.covariances, labels, best.lowerBound, best.iterations, best.converged, seed(), bestRun,
                nInit(), init, regCovar, best.reinitialisations);
    }

    /** The initial parameters of run {@code run}. */
    private EmEngine.Step initialise(EmEngine engine, Dataset data, double[] x, int n, int d, int run,
                                     FitControl control) {
        int[] failed = {-1};
        if (initialWeights != null && initialMeans != null && initialPrecisions != null) {
            Mixture m = Mixture.ofPrecisions(type, k, d, initialWeights.clone(), initialMeans.clone(),
                    initialPrecisions, failed);
            return new EmEngine.Step(m, 0);
        }
        Rng rng = Rng.stream(seed(), run);
        int[] labels = null;
        double[] shift;
        long randomSeed = 0;
        if (init == Init.RANDOM) {
            randomSeed = rng.nextLong();
            shift = new double[k * d];
            double[] mean = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    mean[j] += x[i * d + j];
                }
            }
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    shift[c * d + j] = mean[j] / n;
                }
            }
        } else {
            KMeans.Builder kb = KMeans.builder().k(k).nInit(1).seed(rng.nextLong());
            if (init == Init.K_MEANS_PLUS_PLUS) {
                kb.maxIter(1);
            }
            KMeansModel km = samePool(kb).build().fit(data, control);
            labels = km.trainingLabels();
            shift = km.clusterCenters().toRowMajorArray();
        }
        EmEngine.Sums sums = engine.pass(null, shift, labels, randomSeed);
        EmEngine.Step step = engine.mStep(sums, shift, null, run, 0);
        if (initialWeights == null && initialMeans == null && initialPrecisions == null) {
            return step;
        }
        Mixture m = step.mixture;
        double[] w = initialWeights != null ? initialWeights.clone() : m.weights;
        double[] mu = initialMeans != null ? initialMeans.clone() : m.means;
        Mixture given = initialPrecisions != null
                ? Mixture.ofPrecisions(type, k, d, w, mu, initialPrecisions, failed)
                : Mixture.ofCovariances(type, k, d, w, mu, m.covariances, failed);
        return new EmEngine.Step(given, step.reinitialised);
    }

    @Override
    public String toString() {
        return "GaussianMixture[k=" + k + ", covarianceType=" + type + ", regCovar=" + regCovar + ", init=" + init
                + (initialWeights != null ? ", initialWeights" : "") + (initialMeans != null ? ", initialMeans" : "")
                + (initialPrecisions != null ? ", initialPrecisions" : "") + ", nInit=" + nInit() + ", maxIter="
                + maxIter() + ", tol=" + tol() + ", collapsePolicy=" + collapsePolicy + ", seed=" + seed() + "]";
    }

    /**
     * Builds a {@link GaussianMixture}. Every setter validates its argument ({@link IllegalArgumentException})
     * and may be called once ({@link IllegalStateException}); {@link #build()} checks the combination. The shared
     * options: {@code nInit} (default 1), {@code maxIter} (default {@value #DEFAULT_MAX_ITER}), {@code tol}
     * (default {@value #DEFAULT_TOL}: the tolerance on the change of the mean log-likelihood lower bound; 0 runs
     * {@code maxIter} iterations), {@code seed} (default {@value #DEFAULT_SEED}) and the pool (default: the
     * common pool).
     */
    public static final class Builder extends IterativeEstimatorBuilder<Builder> {
        private int k = -1;
        private CovarianceType type;
        private double regCovar = Double.NaN;
        private Init init;
        private double[] initialWeights;
        private double[] initialMeans;
        private int initialMeansRows;
        private int initialMeansDim;
        private double[] initialPrecisions;
        private CollapsePolicy collapsePolicy;

        private Builder() {
        }

        /**
         * The number of components.
         *
         * @throws IllegalArgumentException if {@code value < 1}
         */
        public Builder k(int value) {
            Checks.notYetSet("k", k != -1);
            k = Checks.atLeast("k", value, 1);
            return this;
        }

        /** The covariance type (default {@link CovarianceType#FULL}). */
        public Builder covarianceType(CovarianceType value) {
            Checks.notYetSet("covarianceType", type != null);
            type = Checks.notNull("covarianceType", value);
            return this;
        }

        /**
         * The non-negative regularisation added to the diagonal of every covariance (default 1e-6).
         *
         * @throws IllegalArgumentException if negative, NaN or infinite
         */
        public Builder regCovar(double value) {
            Checks.notYetSet("regCovar", !Double.isNaN(regCovar));
            regCovar = Checks.nonNegative("regCovar", value);
            return this;
        }

        /** The initialisation of the parameters not given explicitly (default {@link Init#KMEANS}). */
        public Builder init(Init value) {
            Checks.notYetSet("init", init != null);
            init = Checks.notNull("init", value);
            return this;
        }

        /**
         * Initial mixing weights ({@code weights_init}); sets {@code k} if it is not set yet. They are divided
         * by their sum.
         *
         * @param weights k finite, positive weights that sum to 1 within 1e-6. Copied.
         * @throws IllegalArgumentException if a weight is not finite and positive or the sum is not 1
         */
        public Builder initialWeights(double[] weights) {
            Checks.notYetSet("initialWeights", initialWeights != null);
            Checks.notNull("weights", weights);
            if (weights.length == 0) {
                throw new IllegalArgumentException("initialWeights needs at least one weight");
            }
            double sum = 0;
            for (int c = 0; c < weights.length; c++) {
                Checks.positive("initialWeights[" + c + "]", weights[c]);
                sum += weights[c];
            }
            if (!(Math.abs(sum - 1) <= 1e-6)) {
                throw new IllegalArgumentException("initialWeights must sum to 1 but sum to " + sum);
            }
            double[] w = new double[weights.length];
            for (int c = 0; c < w.length; c++) {
                w[c] = weights[c] / sum;
            }
            initialWeights = w;
            return this;
        }

        /**
         * Initial means ({@code means_init}), one row per component; sets {@code k} if it is not set yet.
         *
         * @param means k rows of equal length, all finite. Copied.
         * @throws IllegalArgumentException if there are no rows, or they are ragged or not finite
         */
        public Builder initialMeans(double[][] means) {
            Checks.notYetSet("initialMeans", initialMeans != null);
            Checks.notNull("means", means);
            if (means.length == 0) {
                throw new IllegalArgumentException("initialMeans needs at least one mean");
            }
            Dataset rows = Dataset.of(means); // ragged rows, non-finite values
            initialMeans = rows.toRowMajorArray();
            initialMeansRows = means.length;
            initialMeansDim = rows.cols();
            return this;
        }

        /**
         * Initial precision matrices ({@code precisions_init}), the inverses of the initial covariances, in the
         * flat layout of the covariance type (see {@link CovarianceType}): FULL {@code k * d * d}, TIED
         * {@code d * d}, DIAG {@code k * d}, SPHERICAL {@code k} values. The shape, symmetry (as NumPy's
         * {@code allclose}) and positive definiteness are checked by {@link #build()}.
         *
         * @param precisions finite values. Copied.
         * @throws IllegalArgumentException if empty or a value is not finite
         */
        public Builder initialPrecisions(double[] precisions) {
            Checks.notYetSet("initialPrecisions", initialPrecisions != null);
            Checks.notNull("precisions", precisions);
            if (precisions.length == 0) {
                throw new IllegalArgumentException("initialPrecisions needs at least one value");
            }
            for (int i = 0; i < precisions.length; i++) {
                double v = precisions[i];
                if (v - v != 0) {
                    throw new IllegalArgumentException("initialPrecisions[" + i + "] is not finite: " + v);
                }
            }
            initialPrecisions = precisions.clone();
            return this;
        }

        /** What to do when a component collapses (default {@link CollapsePolicy#REINITIALIZE}). */
        public Builder collapsePolicy(CollapsePolicy value) {
            Checks.notYetSet("collapsePolicy", collapsePolicy != null);
            collapsePolicy = Checks.notNull("collapsePolicy", value);
            return this;
        }

        /**
         * The estimator.
         *
         * @throws IllegalStateException if k is not set, the initial parameters disagree on k or the
         *     dimension, or {@code nInit > 1} with all initial parameters given (every run would be the same)
         * @throws IllegalArgumentException if the initial precisions have the wrong shape for the covariance
         *     type, or are not symmetric and positive definite
         */
        public GaussianMixture build() {
            int kk = k;
            kk = agree(kk, initialWeights == null ? -1 : initialWeights.length, "initialWeights");
            kk = agree(kk, initialMeans == null ? -1 : initialMeansRows, "initialMeans");
            if (kk == -1) {
                throw new IllegalStateException("k must be set");
            }
            if (initialPrecisions != null) {
                checkPrecisions(kk);
            }
            int nInit = nInitOr(1);
            if (initialWeights != null && initialMeans != null && initialPrecisions != null && nInit > 1) {
                throw new IllegalStateException("nInit = " + nInit + " with all initial parameters given: every "
                        + "run would start from the same parameters; use nInit(1)");
            }
            return new GaussianMixture(this, kk, nInit, maxIterOr(DEFAULT_MAX_ITER), tolOr(DEFAULT_TOL),
                    seedOr(DEFAULT_SEED), configuredPool());
        }

        private static int agree(int k, int other, String what) {
            if (other == -1) {
                return k;
            }
            if (k != -1 && k != other) {
                throw new IllegalStateException("k = " + k + " but " + what + " gives " + other + " components");
            }
            return other;
        }

        private void checkPrecisions(int kk) {
            CovarianceType t = type == null ? CovarianceType.FULL : type;
            int len = initialPrecisions.length;
            int d;
            switch (t) {
                case FULL:
                    d = (int) Math.round(Math.sqrt(len / (double) kk));
                    break;
                case TIED:
                    d = (int) Math.round(Math.sqrt(len));
                    break;
                case DIAG:
                    d = len / kk;
                    break;
                default:
                    d = initialMeans != null ? initialMeansDim : 1;
                    break;
            }
            if (d < 1 || (long) t.parameterLength(kk, d) != len) {
                throw new IllegalArgumentException("initialPrecisions has " + len + " values, which is not the "
                        + t + " layout for k = " + kk + " (FULL: k*d*d, TIED: d*d, DIAG: k*d, SPHERICAL: k)");
            }
            if (initialMeans != null && t != CovarianceType.SPHERICAL && d != initialMeansDim) {
                throw new IllegalStateException("initialPrecisions are for d = " + d + " but initialMeans have "
                        + initialMeansDim + " columns");
            }
            if (t == CovarianceType.FULL || t == CovarianceType.TIED) {
                int m = t == CovarianceType.TIED ? 1 : kk;
                for (int c = 0; c < m; c++) {
                    int off = c * d * d;
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < i; j++) {
                            double a = initialPrecisions[off + i * d + j];
                            double b = initialPrecisions[off + j * d + i];
                            if (!(Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b))) {
                                throw new IllegalArgumentException("initialPrecisions: the precision matrix of "
                                        + (t == CovarianceType.TIED ? "the tied covariance" : "component " + c)
                                        + " is not symmetric: (" + i + ", " + j + ") = " + a + " but (" + j + ", "
                                        + i + ") = " + b);
                            }
                        }
                    }
                }
            }
            int[] failed = {-1};
            Mixture probe = Mixture.ofPrecisions(t, kk, d, uniform(kk), new double[kk * d], initialPrecisions, failed);
            if (probe == null) {
                throw new IllegalArgumentException("initialPrecisions: the precision of "
                        + (t == CovarianceType.TIED ? "the tied covariance" : "component " + failed[0])
                        + " is not positive definite");
            }
        }

        private static double[] uniform(int k) {
            double[] w = new double[k];
            java.util.Arrays.fill(w, 1.0 / k);
            return w;
        }
    }
}
