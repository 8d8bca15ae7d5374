/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.core.gmm;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;

/**
 * The initial covariance every contender starts from: ELKI's, which is the population covariance of the
 * whole data set scaled by \( k^{-2/d} \) (so that k such components cover about the volume of the data),
 * given to ELKI implicitly through its model factory and to the others explicitly.
 */
final class GmmStart {
    private GmmStart() {
    }

    /** The population covariance of the rows, times \( k^{-2/d} \). */
    static double[][] covariance(double[] x, int n, int d, int k) {
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[][] cov = new double[d][d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                double dp = x[i * d + p] - mean[p];
                for (int q = 0; q <= p; q++) {
                    cov[p][q] += dp * (x[i * d + q] - mean[q]);
                }
            }
        }
        double f = Math.pow(k, -2.0 / d) / n;
        for (int p = 0; p < d; p++) {
            for (int q = 0; q <= p; q++) {
                cov[p][q] *= f;
                cov[q][p] = cov[p][q];
            }
        }
        return cov;
    }

    /** Its inverse, repeated for k components, in the FULL layout of {@code initialPrecisions}. */
    static double[] precisions(double[][] covariance, int k) {
        int d = covariance.length;
        double[][] inv = new LUDecomposition(new Array2DRowRealMatrix(covariance)).getSolver().getInverse()
                .getData();
        double[] out = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    out[c * d * d + p * d + q] = inv[Math.max(p, q)][Math.min(p, q)];
                }
            }
        }
        return out;
    }
}
