/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.Dataset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of Gaussian mixtures over random parameters and data. */
class GaussianMixtureProperties {

    /** A random mixture: weights from U(0.1, 1), means N(0, 4), covariances A A^T + 0.1 I (then constrained). */
    static GaussianMixtureModel randomModel(Random r, CovarianceType type, int k, int d) {
        double[] w = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = 0.1 + r.nextDouble();
            sum += w[c];
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        double[][] means = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c][j] = 2 * r.nextGaussian();
            }
        }
        double[] cov = new double[type.parameterLength(k, d)];
        switch (type) {
            case FULL:
            case TIED: {
                int m = type == CovarianceType.TIED ? 1 : k;
                for (int c = 0; c < m; c++) {
                    double[][] a = new double[d][d];
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            a[i][j] = r.nextGaussian();
                        }
                    }
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            double s = i == j ? 0.1 : 0;
                            for (int q = 0; q < d; q++) {
                                s += a[i][q] * a[j][q];
                            }
                            cov[c * d * d + i * d + j] = s;
                        }
                    }
                }
                break;
            }
            default:
                for (int i = 0; i < cov.length; i++) {
                    cov[i] = 0.1 + 2 * r.nextDouble();
                }
                break;
        }
        return GaussianMixtureModel.of(type, w, means, cov, Dataset.defaultNames(d));
    }

    /** \( \log \sum_c \pi_c N(x \mid \mu_c, \Sigma_c) \) by the textbook formula, with EJML's inverse and determinant. */
    static double naiveLogLikelihood(GaussianMixtureModel m, double[] x) {
        int d = x.length;
        double[] terms = new double[m.k()];
        double[] w = m.weights();
        for (int c = 0; c < m.k(); c++) {
            double[][] s = m.covariance(c);
            DMatrixRMaj sigma = new DMatrixRMaj(s);
            double det = CommonOps_DDRM.det(sigma);
            DMatrixRMaj inv = new DMatrixRMaj(d, d);
            CommonOps_DDRM.invert(sigma, inv);
            double[] mu = m.means().centre(c);
            double q = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    q += (x[i] - mu[i]) * inv.get(i, j) * (x[j] - mu[j]);
                }
            }
            terms[c] = Math.log(w[c]) - 0.5 * (d * Math.log(2 * Math.PI) + Math.log(det) + q);
        }
        double max = Arrays.stream(terms).max().orElseThrow();
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum);
    }

    /** The log-likelihood equals the textbook formula; probabilities sum to 1; the scorer equals the model. */
    @Property(tries = 150)
    void logLikelihoodMatchesTheTextbookFormula(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                @ForAll CovarianceType type,
                                                @ForAll @IntRange(min = 1, max = 6) int k,
                                                @ForAll @IntRange(min = 1, max = 7) int d,
                                                @ForAll @IntRange(min = 1, max = 300) int n) {
        Random r = new Random(seed);
        GaussianMixtureModel m = randomModel(r, type, k, d);
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                rows[i][j] = 3 * r.nextGaussian();
            }
        }
        Dataset data = Dataset.of(rows);
        double[] ll = m.scoreSamples(data);
        double[][] proba = m.predictProba(data);
        GaussianMixtureScorer scorer = GaussianMixtureScorer.of(m);
        double[] out = new double[k];
        for (int i = 0; i < n; i++) {
            double expected = naiveLogLikelihood(m, rows[i]);
            assertEquals(expected, ll[i], 1e-9 * Math.max(1, Math.abs(expected)), "row " + i);
            assertEquals(1, Arrays.stream(proba[i]).sum(), 1e-12);
            assertEquals(ll[i], scorer.membership(rows[i], out));
            assertArrayEquals(proba[i], out);
        }
    }

    /**
     * From the same initial parameters, permuting the rows permutes the labels and leaves the parameters equal
     * up to the order of summation.
     */
    @Property(tries = 25)
    void rowOrderOnlyPermutesLabels(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                    @ForAll CovarianceType type) {
        Random r = new Random(seed);
        int n = 400;
        int d = 2;
        int k = 3;
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % k;
            for (int j = 0; j < d; j++) {
                rows[i][j] = 5 * c * (j == 0 ? 1 : -1) + r.nextGaussian();
            }
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        Dataset data = Dataset.of(rows);
        Dataset shuffled = data.selectRows(perm);
        double[][] means = {rows[0], rows[1], rows[2]};
        double[] prec = new double[type.parameterLength(k, d)];
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            for (int c = 0; c < prec.length / (d * d); c++) {
                prec[c * d * d] = 1;
                prec[c * d * d + d + 1] = 1;
            }
        } else {
            Arrays.fill(prec, 1);
        }
        GaussianMixture g = GaussianMixture.builder().covarianceType(type).initialMeans(means)
                .initialWeights(new double[] {0.2, 0.3, 0.5}).initialPrecisions(prec).tol(0).maxIter(15).build();
        GaussianMixtureModel a = g.fit(data);
        GaussianMixtureModel b = g.fit(shuffled);
        assertArrayEquals(a.means().toRowMajorArray(), b.means().toRowMajorArray(), 1e-9);
        assertArrayEquals(a.covariances(), b.covariances(), 1e-9);
        assertEquals(a.lowerBound(), b.lowerBound(), 1e-12);
        int[] la = a.trainingLabels();
        int[] lb = b.trainingLabels();
        for (int i = 0; i < n; i++) {
            assertEquals(la[perm[i]], lb[i]);
        }
        assertTrue(a.iterations() == 15 && !a.converged());
    }
}
