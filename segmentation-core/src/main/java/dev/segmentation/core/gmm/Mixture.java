/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.internal.CentroidKernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The parameters of one Gaussian mixture and the factors the E-step needs, with the kernels that evaluate
 * the weighted log-densities of rows. Package-private; immutable once built (its arrays are never handed
 * out without a copy).
 *
 * <h2>The log-density</h2>
 * With the precision \( P_c = \Sigma_c^{-1} = U_c U_c^\top \), where \( U_c \) is upper triangular (the
 * transpose of the inverse of the lower Cholesky factor of \( \Sigma_c \), scikit-learn's
 * {@code precisions_cholesky_}),
 * \[ \log \pi_c + \log N(x \mid \mu_c, \Sigma_c)
 *    = -\tfrac12 \Bigl( d \log 2\pi + \lVert U_c^\top (x - \mu_c) \rVert^2 \Bigr)
 *      + \sum_{j} \log (U_c)_{jj} + \log \pi_c . \]
 * For DIAG and SPHERICAL, \( U_c \) is the diagonal of \( 1/\sqrt{\sigma^2_{cj}} \). The square norm is
 * accumulated as \( y_j = \sum_{i \le j} (U_c)_{ij} (x_i - \mu_{ci}) \) for {@code i} ascending and then
 * \( \sum_j y_j^2 \) for {@code j} ascending, in this order in every kernel, so that the blocked batch kernel
 * and the one-row kernel give bit-identical results.
 *
 * <h2>Layouts</h2>
 * {@code means} is {@code k * d} row-major. Covariances and precision Cholesky factors are in the flat
 * layouts of {@link CovarianceType}. Internally the factors are kept as {@code tri} (FULL: k upper
 * triangular d x d matrices; TIED: one) or {@code scale} (DIAG and SPHERICAL: {@code k * d} values,
 * SPHERICAL expanded to every feature).
 */
final class Mixture {
    /** \( \log 2\pi \). */
    static final double LOG_2PI = Math.log(2 * Math.PI);
    /** scikit-learn's {@code 10 * np.finfo(float).eps}, added to every component's mass in the M-step. */
    static final double MASS_EPS = 10 * Math.ulp(1.0);

    final CovarianceType type;
    final int k;
    final int d;
    final double[] weights;
    final double[] logWeights;
    final double[] means;
    /** In the layout of the type, or {@code null} while only precisions are known (given initial values). */
    final double[] covariances;
    final double[] precisionCholesky;
    final double[] logDet;
    /** FULL, TIED: upper triangular factors (TIED: one). */
    final double[] tri;
    /** DIAG, SPHERICAL: {@code k * d} scales. */
    final double[] scale;
    final double dLog2Pi;

    private Mixture(CovarianceType type, int k, int d, double[] weights, double[] means, double[] covariances,
                    double[] precisionCholesky) {
        this.type = type;
        this.k = k;
        this.d = d;
        this.weights = weights;
        this.means = means;
        this.covariances = covariances;
        this.precisionCholesky = precisionCholesky;
        this.logWeights = new double[k];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(weights[c]);
        }
        this.logDet = logDetCholesky(type, k, d, precisionCholesky);
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            this.tri = precisionCholesky;
            this.scale = null;
        } else {
            this.tri = null;
            if (type == CovarianceType.DIAG) {
                this.scale = precisionCholesky;
            } else {
                double[] s = new double[k * d];
                for (int c = 0; c < k; c++) {
                    java.util.Arrays.fill(s, c * d, (c + 1) * d, precisionCholesky[c]);
                }
                this.scale = s;
            }
        }
        this.dLog2Pi = d * LOG_2PI;
    }

    /**
     * A mixture from covariances, or {@code null} with the failing component in {@code failed[0]} when a
     * covariance is not positive definite (TIED: component 0 stands for the shared matrix). The arrays are
     * taken over, not copied.
     */
    static Mixture ofCovariances(CovarianceType type, int k, int d, double[] weights, double[] means,
                                 double[] covariances, int[] failed) {
        double[] pc = new double[covariances.length];
        int bad = precisionCholesky(type, k, d, covariances, pc);
        if (bad >= 0) {
            failed[0] = bad;
            return null;
        }
        return new Mixture(type, k, d, weights, means, covariances, pc);
    }

    /** A mixture from precision matrices (given initial values); {@code null} and {@code failed[0]} as above. */
    static Mixture ofPrecisions(CovarianceType type, int k, int d, double[] weights, double[] means,
                                double[] precisions, int[] failed) {
        double[] pc = new double[precisions.length];
        int bad = precisionCholeskyOfPrecisions(type, k, d, precisions, pc);
        if (bad >= 0) {
            failed[0] = bad;
            return null;
        }
        return new Mixture(type, k, d, weights, means, null, pc);
    }

    /** The offset of component c's triangular factor in {@link #tri}. */
    int triOffset(int c) {
        return type == CovarianceType.TIED ? 0 : c * d * d;
    }

    // ------------------------------------------------------------------------------------- factorisations

    /**
     * Fills {@code out} with scikit-learn's {@code precisions_cholesky_} of the covariances: for FULL and TIED
     * the upper triangular \( U = L^{-\top} \) where \( \Sigma = L L^\top \) (EJML's Cholesky and triangular
     * inverse); for DIAG and SPHERICAL \( 1/\sqrt{\sigma^2} \).
     *
     * @return -1, or the first component whose covariance is not positive definite or not finite
     */
    static int precisionCholesky(CovarianceType type, int k, int d, double[] cov, double[] out) {
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            int m = type == CovarianceType.TIED ? 1 : k;
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
            DMatrixRMaj a = new DMatrixRMaj(d, d);
            DMatrixRMaj lower = new DMatrixRMaj(d, d);
            double[] inv = new double[d * d];
            for (int c = 0; c < m; c++) {
                int off = c * d * d;
                for (int idx = 0; idx < d * d; idx++) {
                    double v = cov[off + idx];
                    if (v - v != 0) {
                        return c;
                    }
                    a.data[idx] = v;
                }
                if (!chol.decompose(a)) {
                    return c;
                }
                chol.getT(lower);
                for (int j = 0; j < d; j++) {
                    double v = lower.data[j * d + j];
                    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                        return c;
                    }
                }
                TriangularSolver_DDRM.invertLower(lower.data, inv, d);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double v = j >= i ? inv[j * d + i] : 0.0; // U = inv(L)^T is upper triangular
                        if (v - v != 0) {
                            return c;
                        }
                        out[off + i * d + j] = v;
                    }
                }
            }
            return -1;
        }
        int len = type.parameterLength(k, d);
        for (int idx = 0; idx < len; idx++) {
            double v = cov[idx];
            if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                return type == CovarianceType.DIAG ? idx / d : idx;
            }
            double s = 1 / Math.sqrt(v);
            if (!(s > 0 && s < Double.POSITIVE_INFINITY)) {
                return type == CovarianceType.DIAG ? idx / d : idx;
            }
            out[idx] = s;
        }
        return -1;
    }

    /**
     * Fills {@code out} with an upper triangular \( U \) such that \( U U^\top = P \) for each precision
     * matrix \( P \) (FULL, TIED; the lower triangle of {@code P} is read), or \( \sqrt{p} \) (DIAG,
     * SPHERICAL). The upper factor is the Cholesky factor of \( P \) with rows and columns in reverse order,
     * reversed back.
     *
     * @return -1, or the first component whose precision is not positive definite or not finite
     */
    static int precisionCholeskyOfPrecisions(CovarianceType type, int k, int d, double[] prec, double[] out) {
        if (type == CovarianceType.FULL || type == CovarianceType.TIED) {
            int m = type == CovarianceType.TIED ? 1 : k;
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
            DMatrixRMaj a = new DMatrixRMaj(d, d);
            DMatrixRMaj lower = new DMatrixRMaj(d, d);
            for (int c = 0; c < m; c++) {
                int off = c * d * d;
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        // reversed order, symmetric from the lower triangle of P
                        int pi = d - 1 - i;
                        int pj = d - 1 - j;
                        double v = pi >= pj ? prec[off + pi * d + pj] : prec[off + pj * d + pi];
                        if (v - v != 0) {
                            return c;
                        }
                        a.data[i * d + j] = v;
                    }
                }
                if (!chol.decompose(a)) {
                    return c;
                }
                chol.getT(lower);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double v = lower.data[(d - 1 - i) * d + (d - 1 - j)];
                        if (v - v != 0 || (i == j && !(v > 0))) {
                            return c;
                        }
                        out[off + i * d + j] = v;
                    }
                }
            }
            return -1;
        }
        int len = type.parameterLength(k, d);
        for (int idx = 0; idx < len; idx++) {
            double v = prec[idx];
            if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
                return type == CovarianceType.DIAG ? idx / d : idx;
            }
            out[idx] = Math.sqrt(v);
        }
        return -1;
    }

    /** scikit-learn's {@code _compute_log_det_cholesky}: the log-determinant of each precision Cholesky factor. */
    static double[] logDetCholesky(CovarianceType type, int k, int d, double[] pc) {
        double[] out = new double[k];
        switch (type) {
            case FULL:
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += Math.log(pc[c * d * d + j * d + j]);
                    }
                    out[c] = s;
                }
                break;
            case TIED: {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += Math.log(pc[j * d + j]);
                }
                java.util.Arrays.fill(out, s);
                break;
            }
            case DIAG:
                for (int c = 0; c < k; c++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += Math.log(pc[c * d + j]);
                    }
                    out[c] = s;
                }
                break;
            default:
                for (int c = 0; c < k; c++) {
                    out[c] = d * Math.log(pc[c]);
                }
                break;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- one row

    /**
     * The weighted log-density \( \log \pi_c + \log N(x \mid \mu_c, \Sigma_c) \) of the row at
     * {@code x[off .. off+d)} for every component, into {@code out[0 .. k)}. Allocates nothing; the same
     * arithmetic, in the same order, as the blocked kernel.
     */
    void weightedLogProbOne(double[] x, int off, double[] out) {
        for (int c = 0; c < k; c++) {
            out[c] = weightedLogProb(x, off, c);
        }
    }

    /** The weighted log-density of the row at {@code x[off .. off+d)} for component {@code c}. */
    double weightedLogProb(double[] x, int off, int c) {
        final int mo = c * d;
        double acc = 0;
        if (tri != null) {
            final int t = triOffset(c);
            for (int j = 0; j < d; j++) {
                double y = tri[t + j] * (x[off] - means[mo]);
                for (int i = 1; i <= j; i++) {
                    y += tri[t + i * d + j] * (x[off + i] - means[mo + i]);
                }
                acc = j == 0 ? y * y : acc + y * y;
            }
        } else {
            for (int j = 0; j < d; j++) {
                double y = (x[off + j] - means[mo + j]) * scale[mo + j];
                acc = j == 0 ? y * y : acc + y * y;
            }
        }
        return -0.5 * (dLog2Pi + acc) + logDet[c] + logWeights[c];
    }

    /**
     * Turns weighted log-densities in {@code lp[0 .. k)} into membership probabilities in place, with the
     * log-sum-exp shift \( m = \max_c \ell_c \):
     * \( p_c = e^{\ell_c - m} / \sum_{c'} e^{\ell_{c'} - m} \).
     *
     * @return the row's log-likelihood \( m + \log \sum_c e^{\ell_c - m} \)
     */
    static double normaliseOne(double[] lp, int k) {
        double max = lp[0];
        for (int c = 1; c < k; c++) {
            max = Math.max(max, lp[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double e = Math.exp(lp[c] - max);
            lp[c] = e;
            sum += e;
        }
        double inv = 1 / sum;
        for (int c = 0; c < k; c++) {
            lp[c] *= inv;
        }
        return max + Math.log(sum);
    }

    // ------------------------------------------------------------------------------------------- blocks

    /** Per-thread buffers of the blocked kernels. */
    static final class Scratch {
        final double[][] xt;
        final double[][] dt;
        final double[] y;
        final double[] acc;
        final double[][] lp;
        final double[] max;
        final double[] norm;
        final double[] sum;

        Scratch(int d, int k, int block) {
            this.xt = new double[d][block];
            this.dt = new double[d][block];
            this.y = new double[block];
            this.acc = new double[block];
            this.lp = new double[k][block];
            this.max = new double[block];
            this.norm = new double[block];
            this.sum = new double[block];
        }
    }

    /** Rows per block: the transposed rows, the differences and the k log-densities fit in about 48 KiB. */
    static int blockSize(int d, int k) {
        int b = 6144 / Math.max(1, 2 * d + k + 4);
        return Math.max(32, Math.min(256, b & ~7));
    }

    /** {@code dt[j][p] = xt[j][p] - mean_j} for component c. */
    void differences(Scratch s, int b, int c) {
        final int mo = c * d;
        for (int j = 0; j < d; j++) {
            final double m = means[mo + j];
            final double[] xj = s.xt[j];
            final double[] dj = s.dt[j];
            for (int p = 0; p < b; p++) {
                dj[p] = xj[p] - m;
            }
        }
    }

    /**
     * The weighted log-densities of the transposed block in {@code s.xt} (b rows) for every component, into
     * {@code s.lp[c][p]}; leaves the differences of the last component in {@code s.dt}.
     */
    void weightedLogProbBlock(Scratch s, int b) {
        final double[] acc = s.acc;
        final double[] y = s.y;
        for (int c = 0; c < k; c++) {
            differences(s, b, c);
            final double[][] dt = s.dt;
            if (tri != null) {
                CentroidKernel.triangularSquares(dt, d, tri, triOffset(c), b, y, acc);
            } else {
                final int mo = c * d;
                for (int j = 0; j < d; j++) {
                    final double sc = scale[mo + j];
                    final double[] dj = dt[j];
                    if (j == 0) {
                        for (int p = 0; p < b; p++) {
                            double v = dj[p] * sc;
                            acc[p] = v * v;
                        }
                    } else {
                        for (int p = 0; p < b; p++) {
                            double v = dj[p] * sc;
                            acc[p] += v * v;
                        }
                    }
                }
            }
            final double[] out = s.lp[c];
            final double ld = logDet[c];
            final double lw = logWeights[c];
            final double c0 = dLog2Pi;
            for (int p = 0; p < b; p++) {
                out[p] = -0.5 * (c0 + acc[p]) + ld + lw;
            }
        }
    }

    /**
     * Log-sum-exp over the components of {@code s.lp}: each row's log-likelihood into {@code s.norm}, and,
     * when {@code probabilities}, the membership probabilities in place of the log-densities (the same
     * arithmetic as {@link #normaliseOne}).
     */
    void normaliseBlock(Scratch s, int b, boolean probabilities) {
        final double[] max = s.max;
        final double[] sum = s.sum;
        final double[][] lp = s.lp;
        System.arraycopy(lp[0], 0, max, 0, b);
        for (int c = 1; c < k; c++) {
            final double[] l = lp[c];
            // Math.max, not a comparison and a store: the JIT vectorises it, with no branch to mispredict.
            for (int p = 0; p < b; p++) {
                max[p] = Math.max(max[p], l[p]);
            }
        }
        if (probabilities) {
            for (int c = 0; c < k; c++) {
                final double[] l = lp[c];
                if (c == 0) {
                    for (int p = 0; p < b; p++) {
                        double e = Math.exp(l[p] - max[p]);
                        l[p] = e;
                        sum[p] = e;
                    }
                } else {
                    for (int p = 0; p < b; p++) {
                        double e = Math.exp(l[p] - max[p]);
                        l[p] = e;
                        sum[p] += e;
                    }
                }
            }
            for (int p = 0; p < b; p++) {
                double inv = 1 / sum[p];
                s.norm[p] = max[p] + Math.log(sum[p]);
                sum[p] = inv;
            }
            for (int c = 0; c < k; c++) {
                final double[] l = lp[c];
                for (int p = 0; p < b; p++) {
                    l[p] *= sum[p];
                }
            }
        } else {
            for (int p = 0; p < b; p++) {
                sum[p] = 0;
            }
            for (int c = 0; c < k; c++) {
                final double[] l = lp[c];
                for (int p = 0; p < b; p++) {
                    sum[p] += Math.exp(l[p] - max[p]);
                }
            }
            for (int p = 0; p < b; p++) {
                s.norm[p] = max[p] + Math.log(sum[p]);
            }
        }
    }

    /** The index of the first row of the block whose log-likelihood is not finite, or -1. */
    static int firstNonFinite(double[] norm, int b) {
        for (int p = 0; p < b; p++) {
            double v = norm[p];
            if (v - v != 0) {
                return p;
            }
        }
        return -1;
    }
}
