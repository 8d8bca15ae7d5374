/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.ConfidenceKind;
import dev.segmentation.core.internal.Checks;

import java.util.List;

/**
 * Soft scoring of single rows against a Gaussian mixture: the membership probabilities
 * \( P(c \mid x) = \pi_c N(x \mid \mu_c, \Sigma_c) / \sum_{c'} \pi_{c'} N(x \mid \mu_{c'}, \Sigma_{c'}) \),
 * the most probable component, and the row's log-likelihood, without allocating.
 *
 * <p>The arithmetic is that of {@link GaussianMixtureModel#predictProba} and
 * {@link GaussianMixtureModel#scoreSamples}, in the same order, so the results are bit-identical to the
 * model's batch methods. Probabilities are computed in the log domain with the log-sum-exp shift: a row far
 * from every component still gets finite probabilities that sum to 1 (up to rounding).
 * <pre>{@code
 * GaussianMixtureScorer scorer = GaussianMixtureScorer.of(model);
 * double[] membership = new double[scorer.k()];     // one buffer per thread, reused
 * double logLikelihood = scorer.membership(customerRow, membership);
 * }</pre>
 *
 * <h2>Bad input</h2>
 * A row of the wrong length, or with a NaN or infinite value, is an {@link IllegalArgumentException}; so
 * is an output array shorter than {@code k}, and a row so far from every component that its
 * log-likelihood overflows.
 *
 * <p>This is the mixture's {@link Assigner} ({@link GaussianMixtureModel#assigner()}): labels as
 * {@link GaussianMixtureModel#predict}, probabilities as {@link GaussianMixtureModel#predictProba}, and the
 * largest probability as the confidence ({@link ConfidenceKind#POSTERIOR}).
 *
 * <p>Immutable and thread-safe: the scorer holds no mutable state, and every call writes only to the
 * caller's array.
 *
 * @since 0.1
 */
public final class GaussianMixtureScorer implements Assigner {
    private final Mixture mixture;
    private final int k;
    private final int d;
    private final List<String> columns;

    GaussianMixtureScorer(Mixture mixture, List<String> columns) {
        this.mixture = mixture;
        this.k = mixture.k;
        this.d = mixture.d;
        this.columns = columns;
    }

    /** The scorer of the model (the same as {@link GaussianMixtureModel#assigner()}). */
    public static GaussianMixtureScorer of(GaussianMixtureModel model) {
        return Checks.notNull("model", model).assigner();
    }

    /** The number of components. */
    @Override
    public int k() {
        return k;
    }

    /** The feature names, in the order a row must hold them. */
    @Override
    public List<String> columnNames() {
        return columns;
    }

    /**
     * The membership probabilities of one row, into {@code out[0 .. k)}. Allocates nothing.
     *
     * @param row {@code dimension()} finite values. Not modified.
     * @param out at least {@code k()} values; receives the probabilities, which sum to 1. Modified.
     * @return the row's log-likelihood \( \log p(x) \)
     * @throws IllegalArgumentException if a length is wrong, a value is not finite, or the log-likelihood is
     *     not finite
     */
    public double membership(double[] row, double[] out) {
        check(row);
        Checks.notNull("out", out);
        if (out.length < k) {
            throw new IllegalArgumentException("out has " + out.length + " values but the model has " + k
                    + " components");
        }
        mixture.weightedLogProbOne(row, 0, out);
        double ll = Mixture.normaliseOne(out, k);
        if (ll - ll != 0) {
            throw far();
        }
        return ll;
    }

    /**
     * The most probable component of one row (lowest index on ties). Allocates nothing.
     *
     * @param row {@code dimension()} finite values. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public int assign(double[] row) {
        Checks.rowLength("row", row, d);
        return assign(row, 0);
    }

    /**
     * The most probable component of the row at {@code x[offset .. offset + dimension())} (lowest index on
     * ties), as {@link GaussianMixtureModel#predict}. Allocates nothing.
     *
     * @throws IllegalArgumentException if a value is not finite or the row is too far from every component
     * @throws IndexOutOfBoundsException if the row does not fit in {@code x}
     */
    @Override
    public int assign(double[] x, int offset) {
        check(x, offset);
        int best = 0;
        double bestValue = mixture.weightedLogProb(x, offset, 0);
        for (int c = 1; c < k; c++) {
            double v = mixture.weightedLogProb(x, offset, c);
            if (v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        if (bestValue - bestValue != 0) {
            throw far();
        }
        return best;
    }

    /**
     * The most probable component, the membership probabilities (into {@code out}'s probability buffer) and
     * the largest probability as the confidence. Allocates nothing.
     *
     * @throws IllegalArgumentException as {@link #assign(double[], int)}, or if {@code out} is too small
     */
    @Override
    public int assign(double[] x, int offset, Assignment out) {
        checkHolder(out);
        check(x, offset);
        double[] p = out.probabilityBuffer();
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = mixture.weightedLogProb(x, offset, c);
            p[c] = v;
            if (c == 0 || v > bestValue) {
                bestValue = v;
                best = c;
            }
        }
        double ll = Mixture.normaliseOne(p, k);
        if (bestValue - bestValue != 0 || ll - ll != 0) {
            throw far();
        }
        out.setWithProbabilities(best, p[best]);
        return best;
    }

    /** {@link ConfidenceKind#POSTERIOR}. */
    @Override
    public ConfidenceKind confidenceKind() {
        return ConfidenceKind.POSTERIOR;
    }

    /** True. */
    @Override
    public boolean hasProbabilities() {
        return true;
    }

    private void check(double[] row) {
        Checks.rowLength("row", row, d);
        check(row, 0);
    }

    private void check(double[] x, int offset) {
        Checks.finiteRow(x, offset, d, columns);
    }

    private static IllegalArgumentException far() {
        return new IllegalArgumentException("The row is too far from every component: its log-likelihood is not "
                + "finite (the squared Mahalanobis distances overflow)");
    }

    @Override
    public String toString() {
        return "GaussianMixtureScorer[k=" + k + ", columns=" + columns + "]";
    }
}
