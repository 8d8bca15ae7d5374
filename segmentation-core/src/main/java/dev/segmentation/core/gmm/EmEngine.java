/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.ColumnStats;
import dev.segmentation.core.internal.MomentSums;
import dev.segmentation.core.internal.Parallel;
import dev.segmentation.core.internal.Rng;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Expectation-maximisation for one data set: the fused E-step and M-step sums, the M-step with the
 * collapse policy, and the labelling pass. Package-private; one instance per {@code fit}.
 *
 * <h2>One pass per iteration</h2>
 * Each iteration reads the data once. Rows are processed in the fixed chunks of {@link Parallel}, and
 * inside a chunk in blocks of {@link Mixture#blockSize} rows transposed to one array per feature. For each
 * block the kernel computes every component's weighted log-density, normalises them with log-sum-exp into
 * responsibilities \( r_{ic} \) (and adds the rows' log-likelihoods to the chunk's lower bound), and adds the
 * block to the chunk's M-step sums while it is still in cache. The sums are taken around the current means
 * \( \mu_c \) (a shift that keeps them well conditioned):
 * \[ N_c = \sum_i r_{ic}, \quad s_c = \sum_i r_{ic} (x_i - \mu_c), \quad
 *    S_c = \sum_i r_{ic} (x_i - \mu_c)(x_i - \mu_c)^\top \]
 * (only the diagonal of \( S_c \) for DIAG and SPHERICAL). Each block's sums are formed in a fixed order of
 * eight partial sums ({@link MomentSums}: on the SIMD kernel when the JVM resolves the Vector API with 512-bit
 * vectors, with the same bits as the scalar loops), and chunk sums are added in chunk order, so the result is
 * bit-identical whatever the number of threads and whichever kernel runs.
 *
 * <h2>The M-step (as scikit-learn's {@code _estimate_gaussian_parameters})</h2>
 * With \( n_c = N_c + 10\epsilon \), the new mean is \( \mu'_c = (s_c + N_c \mu_c) / n_c \), and with
 * \( \delta = \mu'_c - \mu_c \) the centred scatter is
 * \( C_c = S_c - s_c\delta^\top - \delta s_c^\top + N_c \delta\delta^\top = \sum_i r_{ic}(x_i - \mu'_c)(x_i - \mu'_c)^\top \),
 * exactly. FULL: \( \Sigma_c = C_c / n_c + \lambda I \); TIED: \( \Sigma = \sum_c C_c / \sum_c n_c + \lambda I \);
 * DIAG: the diagonal of FULL; SPHERICAL: the mean of the DIAG variances. Weights are
 * \( n_c / \sum_{c'} n_{c'} \).
 *
 * <h2>Collapse</h2>
 * A component has collapsed when its covariance is not positive definite (EJML's Cholesky fails or a
 * value is not finite) or its mass \( N_c \) is below {@link #EMPTY_MASS}. See
 * {@link GaussianMixture.CollapsePolicy} for what happens then.
 */
final class EmEngine {
    private static final Logger LOG = LoggerFactory.getLogger(EmEngine.class);

    /** A component whose total responsibility is below this has lost all its rows. */
    static final double EMPTY_MASS = 1e-8;

    private final double[] x;
    private final int n;
    private final int d;
    private final int k;
    private final CovarianceType type;
    private final double regCovar;
    private final GaussianMixture.CollapsePolicy policy;
    private final ForkJoinPool pool;
    private final FitControl control;
    private final boolean triangle;
    private final int sLength;
    private final int nChunks;
    private final int block;
    private final double[][] partMass;
    private final double[][] partFirst;
    private final double[][] partSecond;
    private final double[] partLogLik;
    private final int[] partBadRow;
    private final ThreadLocal<Buffers> buffers;
    private double[] columnVariance;

    /** Per-thread scratch, reused across chunks and iterations. */
    private static final class Buffers {
        final Mixture.Scratch scratch;
        final MomentSums sums;

        Buffers(int d, int k, int block, boolean full) {
            scratch = new Mixture.Scratch(d, k, block);
            sums = new MomentSums(d, block, full);
        }
    }

    /** The reduced sums of one pass. */
    static final class Sums {
        final double[] mass;
        final double[] first;
        final double[] second;
        final double logLik;

        Sums(double[] mass, double[] first, double[] second, double logLik) {
            this.mass = mass;
            this.first = first;
            this.second = second;
            this.logLik = logLik;
        }
    }

    /** The parameters after an M-step and how many components were re-initialised to get them. */
    static final class Step {
        final Mixture mixture;
        final int reinitialised;

        Step(Mixture mixture, int reinitialised) {
            this.mixture = mixture;
            this.reinitialised = reinitialised;
        }
    }

    EmEngine(double[] x, int n, int d, int k, CovarianceType type, double regCovar,
             GaussianMixture.CollapsePolicy policy, ForkJoinPool pool, FitControl control) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.type = type;
        this.regCovar = regCovar;
        this.policy = policy;
        this.pool = pool;
        this.control = control;
        this.triangle = type == CovarianceType.FULL || type == CovarianceType.TIED;
        this.sLength = triangle ? k * d * d : k * d;
        this.nChunks = Parallel.chunks(n);
        this.block = Mixture.blockSize(d, k);
        this.partMass = new double[nChunks][k];
        this.partFirst = new double[nChunks][k * d];
        this.partSecond = new double[nChunks][sLength];
        this.partLogLik = new double[nChunks];
        this.partBadRow = new int[nChunks];
        final int b = block;
        final boolean full = triangle;
        this.buffers = ThreadLocal.withInitial(() -> new Buffers(d, k, b, full));
    }

    // --------------------------------------------------------------------------------------- the pass

    /**
     * One pass over the data: responsibilities from {@code mixture} (E-step), or from hard {@code labels}, or
     * (both null) uniform random ones drawn from {@code randomSeed}; then the M-step sums around
     * {@code shift} ({@code k * d} values).
     */
    Sums pass(Mixture mixture, double[] shift, int[] labels, long randomSeed) {
        Parallel.forEachChunk(pool, nChunks, ch -> chunk(ch, mixture, shift, labels, randomSeed));
        double[] mass = new double[k];
        double[] first = new double[k * d];
        double[] second = new double[sLength];
        double logLik = 0;
        for (int ch = 0; ch < nChunks; ch++) {
            if (partBadRow[ch] >= 0) {
                throw nonFiniteRow(partBadRow[ch]);
            }
            add(mass, partMass[ch]);
            add(first, partFirst[ch]);
            add(second, partSecond[ch]);
            logLik += partLogLik[ch];
        }
        return new Sums(mass, first, second, logLik);
    }

    private static void add(double[] into, double[] part) {
        for (int i = 0; i < into.length; i++) {
            into[i] += part[i];
        }
    }

    private IllegalArgumentException nonFiniteRow(int row) {
        return new IllegalArgumentException("The log-likelihood of row " + row + " is not finite: the row is too "
                + "far from every component (its squared Mahalanobis distances overflow); scale the data, for "
                + "example standardise the columns");
    }

    private void chunk(int ch, Mixture mixture, double[] shift, int[] labels, long randomSeed) {
        final int from = Parallel.chunkStart(ch, n);
        final int to = Parallel.chunkEnd(ch, n);
        Buffers buf = buffers.get();
        Mixture.Scratch s = buf.scratch;
        Arrays.fill(partMass[ch], 0);
        Arrays.fill(partFirst[ch], 0);
        Arrays.fill(partSecond[ch], 0);
        partBadRow[ch] = -1;
        double logLik = 0;
        Rng rng = mixture == null && labels == null ? Rng.stream(randomSeed, ch) : null;
        for (int start = from; start < to; start += block) {
            final int b = Math.min(block, to - start);
            CentroidKernel.transpose(x, d, start, b, s.xt);
            if (mixture != null) {
                mixture.weightedLogProbBlock(s, b);
                mixture.normaliseBlock(s, b, true);
                int bad = Mixture.firstNonFinite(s.norm, b);
                if (bad >= 0 && partBadRow[ch] < 0) {
                    partBadRow[ch] = start + bad;
                }
                final double[] norm = s.norm;
                for (int p = 0; p < b; p++) {
                    logLik += norm[p];
                }
            } else if (labels != null) {
                for (int c = 0; c < k; c++) {
                    final double[] r = s.lp[c];
                    for (int p = 0; p < b; p++) {
                        r[p] = labels[start + p] == c ? 1.0 : 0.0;
                    }
                }
            } else {
                randomResponsibilities(rng, s, b);
            }
            accumulate(ch, s, buf.sums, b, shift);
        }
        partLogLik[ch] = logLik;
    }

    /** scikit-learn's {@code init_params="random"}: k uniform draws per row, divided by their sum. */
    private void randomResponsibilities(Rng rng, Mixture.Scratch s, int b) {
        for (int p = 0; p < b; p++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double u = rng.nextDouble();
                s.lp[c][p] = u;
                sum += u;
            }
            for (int c = 0; c < k; c++) {
                s.lp[c][p] /= sum;
            }
        }
    }

    /** Adds the block's responsibilities in {@code s.lp} to chunk {@code ch}'s sums around {@code shift}. */
    private void accumulate(int ch, Mixture.Scratch s, MomentSums sums, int b, double[] shift) {
        sums.add(s.xt, b, s.lp, k, shift, partMass[ch], partFirst[ch], partSecond[ch]);
    }

    // ------------------------------------------------------------------------------------------ M-step

    /**
     * The M-step from the sums around {@code shift}, with the collapse policy.
     *
     * @param previous the mixture of the E-step (whose worst-explained rows re-seed collapsed components), or
     *     {@code null} for the initial parameters (a collapsed component then keeps its mean)
     */
    Step mStep(Sums sums, double[] shift, Mixture previous, int run, int iteration) {
        final double[] mass = sums.mass;
        double[] nk = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            nk[c] = mass[c] + Mixture.MASS_EPS;
            total += nk[c];
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / total;
        }
        double[] means = new double[k * d];
        double[] delta = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                int idx = c * d + j;
                means[idx] = (sums.first[idx] + mass[c] * shift[idx]) / nk[c];
                delta[idx] = means[idx] - shift[idx];
            }
        }
        double[] cov = covariances(sums, nk, total, delta);
        boolean[] collapsed = new boolean[k];
        int count = 0;
        for (int c = 0; c < k; c++) {
            if (!(mass[c] >= EMPTY_MASS)) {
                collapsed[c] = true;
                count++;
                if (policy == GaussianMixture.CollapsePolicy.FAIL) {
                    throw emptyComponent(c, mass[c], run, iteration);
                }
            }
        }
        int[] failed = {-1};
        Mixture m = count == 0 ? Mixture.ofCovariances(type, k, d, weights, means, cov, failed) : null;
        while (m == null) {
            if (failed[0] >= 0) {
                int c = failed[0];
                if (type == CovarianceType.TIED) {
                    throw singular(-1, mass, run, iteration, false);
                }
                if (collapsed[c]) {
                    throw singular(c, mass, run, iteration, true);
                }
                if (policy == GaussianMixture.CollapsePolicy.FAIL) {
                    throw singular(c, mass, run, iteration, false);
                }
                collapsed[c] = true;
                count++;
            }
            reinitialise(collapsed, weights, means, cov, previous);
            failed[0] = -1;
            m = Mixture.ofCovariances(type, k, d, weights, means, cov, failed);
        }
        if (count > 0) {
            StringBuilder which = new StringBuilder();
            for (int c = 0; c < k; c++) {
                if (collapsed[c]) {
                    which.append(which.length() == 0 ? "" : ", ").append(c);
                }
            }
            LOG.debug("Gaussian mixture run {} iteration {}: re-initialised collapsed component(s) {}", run,
                    iteration, which);
        }
        return new Step(m, count);
    }

    private double[] covariances(Sums sums, double[] nk, double total, double[] delta) {
        final double[] mass = sums.mass;
        final double[] s1 = sums.first;
        final double[] s2 = sums.second;
        switch (type) {
            case FULL: {
                double[] cov = new double[k * d * d];
                for (int c = 0; c < k; c++) {
                    final int mo = c * d;
                    final int so = c * d * d;
                    for (int i = 0; i < d; i++) {
                        for (int j = i; j < d; j++) {
                            double v = (s2[so + i * d + j] - s1[mo + i] * delta[mo + j] - delta[mo + i] * s1[mo + j]
                                    + mass[c] * delta[mo + i] * delta[mo + j]) / nk[c];
                            cov[so + i * d + j] = v;
                            cov[so + j * d + i] = v;
                        }
                        cov[so + i * d + i] += regCovar;
                    }
                }
                return cov;
            }
            case TIED: {
                double[] cov = new double[d * d];
                for (int i = 0; i < d; i++) {
                    for (int j = i; j < d; j++) {
                        double t = 0;
                        for (int c = 0; c < k; c++) {
                            final int mo = c * d;
                            t += s2[c * d * d + i * d + j] - s1[mo + i] * delta[mo + j] - delta[mo + i] * s1[mo + j]
                                    + mass[c] * delta[mo + i] * delta[mo + j];
                        }
                        double v = t / total;
                        cov[i * d + j] = v;
                        cov[j * d + i] = v;
                    }
                    cov[i * d + i] += regCovar;
                }
                return cov;
            }
            default: {
                double[] var = new double[k * d];
                for (int c = 0; c < k; c++) {
                    for (int j = 0; j < d; j++) {
                        int idx = c * d + j;
                        var[idx] = (s2[idx] - 2 * s1[idx] * delta[idx] + mass[c] * delta[idx] * delta[idx]) / nk[c]
                                + regCovar;
                    }
                }
                if (type == CovarianceType.DIAG) {
                    return var;
                }
                double[] sph = new double[k];
                for (int c = 0; c < k; c++) {
                    double t = 0;
                    for (int j = 0; j < d; j++) {
                        t += var[c * d + j];
                    }
                    sph[c] = t / d;
                }
                return sph;
            }
        }
    }

    /**
     * Re-initialises the collapsed components in place: mean at the worst-explained rows of {@code previous}
     * (when there is one), covariance the per-column variance of the data plus {@code regCovar} (TIED: the
     * shared covariance is kept), weight {@code 1/k} before the weights are normalised again.
     */
    private void reinitialise(boolean[] collapsed, double[] weights, double[] means, double[] cov,
                              Mixture previous) {
        int count = 0;
        for (int c = 0; c < k; c++) {
            if (collapsed[c]) {
                count++;
            }
        }
        int[] rows = previous == null ? null : worstRows(previous, count);
        double[] var = columnVariance();
        int used = 0;
        for (int c = 0; c < k; c++) {
            if (!collapsed[c]) {
                continue;
            }
            if (rows != null && used < rows.length) {
                System.arraycopy(x, rows[used] * d, means, c * d, d);
            }
            used++;
            weights[c] = 1.0 / k;
            switch (type) {
                case FULL:
                    Arrays.fill(cov, c * d * d, (c + 1) * d * d, 0.0);
                    for (int j = 0; j < d; j++) {
                        cov[c * d * d + j * d + j] = var[j] + regCovar;
                    }
                    break;
                case DIAG:
                    for (int j = 0; j < d; j++) {
                        cov[c * d + j] = var[j] + regCovar;
                    }
                    break;
                case SPHERICAL: {
                    double t = 0;
                    for (int j = 0; j < d; j++) {
                        t += var[j] + regCovar;
                    }
                    cov[c] = t / d;
                    break;
                }
                default:
                    break; // TIED: the shared covariance stays
            }
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += weights[c];
        }
        for (int c = 0; c < k; c++) {
            weights[c] /= total;
        }
    }

    /**
     * The {@code m} rows with the lowest log-likelihood under {@code mixture} (ties: lowest index), skipping
     * rows equal to one already chosen; fewer if the data hold fewer distinct rows.
     */
    private int[] worstRows(Mixture mixture, int m) {
        double[] ll = new double[n];
        logLikelihoods(mixture, x, n, d, pool, ll);
        int[] out = new int[m];
        int found = 0;
        while (found < m) {
            int worst = -1;
            for (int i = 0; i < n; i++) {
                if ((worst < 0 || ll[i] < ll[worst]) && !chosen(i, out, found)) {
                    worst = i;
                }
            }
            if (worst < 0) {
                break;
            }
            out[found++] = worst;
        }
        return Arrays.copyOf(out, found);
    }

    private boolean chosen(int row, int[] rows, int count) {
        for (int f = 0; f < count; f++) {
            if (sameRow(row, rows[f])) {
                return true;
            }
        }
        return false;
    }

    private boolean sameRow(int a, int b) {
        for (int j = 0; j < d; j++) {
            if (x[a * d + j] != x[b * d + j]) {
                return false;
            }
        }
        return true;
    }

    /** The population variance of each column, computed once. */
    private double[] columnVariance() {
        if (columnVariance == null) {
            columnVariance = ColumnStats.variances(x, n, d);
        }
        return columnVariance;
    }

    private ComponentCollapseException emptyComponent(int c, double mass, int run, int iteration) {
        return new ComponentCollapseException("Gaussian-mixture component " + c + " collapsed at iteration "
                + iteration + " of run " + run + ": it lost all its rows (total responsibility " + mass
                + "). Remedies: lower k, use CollapsePolicy.REINITIALIZE (the default), or try another seed or "
                + "initialisation", c, run, iteration);
    }

    private ComponentCollapseException singular(int c, double[] mass, int run, int iteration, boolean afterReinit) {
        String what = c < 0 ? "the tied covariance shared by all components" : "component " + c;
        String rows = c < 0 ? "" : " (it holds " + String.format(java.util.Locale.ROOT, "%.3g", mass[c])
                + " rows' worth of responsibility)";
        String remedy = c < 0 || afterReinit
                ? "increase regCovar (now " + regCovar + "; for example 1e-6), or remove constant columns"
                : "increase regCovar (now " + regCovar + "; for example 1e-6), lower k, remove duplicate rows, or "
                        + "use CollapsePolicy.REINITIALIZE (the default)";
        return new ComponentCollapseException("Gaussian-mixture " + what + " collapsed at iteration " + iteration
                + " of run " + run + ": its covariance is not positive definite even after adding regCovar = "
                + regCovar + " to the diagonal" + rows + (afterReinit
                        ? ", and re-initialising it from the data's per-column variances did not help" : "")
                + ". Remedies: " + remedy, c, run, iteration);
    }

    // ------------------------------------------------------------------------------------------ the run

    /** The outcome of one run. */
    static final class Run {
        final Mixture mixture;
        final double lowerBound;
        final int iterations;
        final boolean converged;
        final int reinitialisations;

        Run(Mixture mixture, double lowerBound, int iterations, boolean converged, int reinitialisations) {
            this.mixture = mixture;
            this.lowerBound = lowerBound;
            this.iterations = iterations;
            this.converged = converged;
            this.reinitialisations = reinitialisations;
        }
    }

    /**
     * EM from {@code initial} until the mean log-likelihood lower bound changes by less than {@code tol}
     * or {@code maxIter} iterations have run, as scikit-learn's {@code fit_predict}: iteration {@code t}
     * runs the E-step with the parameters of iteration {@code t - 1} (its mean log-likelihood is the lower
     * bound of iteration {@code t}) and then the M-step.
     */
    Run run(Mixture initial, int initialReinit, int maxIter, double tol, int run, int runs) {
        Mixture m = initial;
        double lowerBound = Double.NEGATIVE_INFINITY;
        int iterations = 0;
        boolean converged = false;
        int reinit = initialReinit;
        String name = "gaussian mixture (" + type.scikitLearnName() + ")";
        for (int it = 1; it <= maxIter; it++) {
            double prev = lowerBound;
            Sums sums = pass(m, m.means, null, 0);
            lowerBound = sums.logLik / n;
            Step step = mStep(sums, m.means, m, run, it);
            m = step.mixture;
            reinit += step.reinitialised;
            iterations = it;
            control.checkpoint(new Progress(name, run, runs, it, maxIter, -lowerBound));
            if (step.reinitialised == 0 && Math.abs(lowerBound - prev) < tol) {
                converged = true;
                break;
            }
        }
        return new Run(m, lowerBound, iterations, converged, reinit);
    }

    // --------------------------------------------------------------------------------- batch evaluation

    /** What a batch evaluation does with a block of rows whose weighted log-densities are in {@code s.lp}. */
    private interface BlockBody {
        void accept(Mixture.Scratch s, int start, int b);
    }

    /**
     * Runs {@code body} on every block of rows {@code [0, n)}, chunk-parallel: each block is transposed and its
     * weighted log-densities computed first.
     */
    private static void forEachBlock(Mixture m, double[] x, int n, int d, ForkJoinPool pool, BlockBody body) {
        final int block = Mixture.blockSize(d, m.k);
        Parallel.forEachChunk(pool, Parallel.chunks(n), ch -> {
            Mixture.Scratch s = new Mixture.Scratch(d, m.k, block);
            for (int start = Parallel.chunkStart(ch, n), to = Parallel.chunkEnd(ch, n); start < to; start += block) {
                final int b = Math.min(block, to - start);
                CentroidKernel.transpose(x, d, start, b, s.xt);
                m.weightedLogProbBlock(s, b);
                body.accept(s, start, b);
            }
        });
    }

    /** The most probable component of each row (lowest index on ties). */
    static void labels(Mixture m, double[] x, int n, int d, ForkJoinPool pool, int[] out) {
        forEachBlock(m, x, n, d, pool, (s, start, b) -> {
            final double[] best = s.max;
            System.arraycopy(s.lp[0], 0, best, 0, b);
            Arrays.fill(out, start, start + b, 0);
            for (int c = 1; c < m.k; c++) {
                final double[] l = s.lp[c];
                for (int p = 0; p < b; p++) {
                    if (l[p] > best[p]) {
                        best[p] = l[p];
                        out[start + p] = c;
                    }
                }
            }
        });
    }

    /** The log-likelihood of each row. */
    static void logLikelihoods(Mixture m, double[] x, int n, int d, ForkJoinPool pool, double[] out) {
        forEachBlock(m, x, n, d, pool, (s, start, b) -> {
            m.normaliseBlock(s, b, false);
            System.arraycopy(s.norm, 0, out, start, b);
        });
    }

    /** The membership probabilities of each row, row-major ({@code n * k}). */
    static void probabilities(Mixture m, double[] x, int n, int d, ForkJoinPool pool, double[] out) {
        final int k = m.k;
        forEachBlock(m, x, n, d, pool, (s, start, b) -> {
            m.normaliseBlock(s, b, true);
            for (int c = 0; c < k; c++) {
                final double[] l = s.lp[c];
                for (int p = 0; p < b; p++) {
                    out[(start + p) * k + c] = l[p];
                }
            }
        });
    }
}
