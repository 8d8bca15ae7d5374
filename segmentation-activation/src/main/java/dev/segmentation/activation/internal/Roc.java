/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.internal;

import java.util.Arrays;

/**
 * The area under the ROC curve with DeLong's variance, for one score or two scores of the same customers. Not
 * API.
 *
 * <p>For \( m \) positives \( x_i \) and \( n \) negatives \( y_j \), with
 * \( \psi(x, y) = 1 \) if \( x > y \), \( 1/2 \) if equal, 0 otherwise, the placements are
 * \( V_{10}(x_i) = \frac1n \sum_j \psi(x_i, y_j) \) and \( V_{01}(y_j) = \frac1m \sum_i \psi(x_i, y_j) \); the
 * AUC is their mean (the Mann-Whitney statistic over \( mn \), ties counted one half, as scikit-learn's
 * {@code roc_auc_score}), and \( \mathrm{Var} = S_{10}/m + S_{01}/n \) with \( S \) the sample (co)variances of
 * the placements. Placements come from midranks (Sun and Xu 2014): \( V_{10}(x_i) = (R(x_i) - R_x(x_i))/n \), with
 * \( R \) the midrank among all scores and \( R_x \) among the positives, in \( O(N \log N) \).
 *
 * <p>References: E. R. DeLong, D. M. DeLong, D. L. Clarke-Pearson, "Comparing the areas under two or more
 * correlated receiver operating characteristic curves: a nonparametric approach", Biometrics 44 (1988) 837-845,
 * doi:10.2307/2531595; X. Sun, W. Xu, "Fast implementation of DeLong's algorithm for comparing the areas under
 * correlated receiver operating characteristic curves", IEEE Signal Processing Letters 21 (2014) 1389-1393,
 * doi:10.1109/LSP.2014.2337313.
 */
public final class Roc {
    private Roc() {
    }

    /**
     * The AUCs, variances and covariance of two scores of the same customers.
     *
     * @return {@code {aucA, aucB, varA, varB, covAB}}
     * @throws IllegalArgumentException if there are fewer than two positives or two negatives
     */
    public static double[] delong(double[] a, double[] b, boolean[] positive) {
        double[][] pa = placements(a, positive);
        double[][] pb = placements(b, positive);
        int m = pa[0].length;
        int n = pa[1].length;
        double aucA = mean(pa[0]);
        double aucB = mean(pb[0]);
        double varA = covariance(pa[0], pa[0]) / m + covariance(pa[1], pa[1]) / n;
        double varB = covariance(pb[0], pb[0]) / m + covariance(pb[1], pb[1]) / n;
        double cov = covariance(pa[0], pb[0]) / m + covariance(pa[1], pb[1]) / n;
        return new double[] {aucA, aucB, varA, varB, cov};
    }

    /**
     * The AUC and DeLong's variance of one score.
     *
     * @return {@code {auc, variance}}
     */
    public static double[] auc(double[] score, boolean[] positive) {
        double[][] p = placements(score, positive);
        return new double[] {mean(p[0]), covariance(p[0], p[0]) / p[0].length + covariance(p[1], p[1]) / p[1].length};
    }

    /** {@code {V10 of each positive, V01 of each negative}}, in input order. */
    static double[][] placements(double[] score, boolean[] positive) {
        int total = score.length;
        int m = 0;
        for (int i = 0; i < total; i++) {
            m += positive[i] ? 1 : 0;
        }
        int n = total - m;
        if (m < 2 || n < 2) {
            throw new IllegalArgumentException("The AUC needs at least two customers with the outcome and two "
                    + "without, but there are " + m + " and " + n);
        }
        double[] x = new double[m];
        double[] y = new double[n];
        for (int i = 0, px = 0, py = 0; i < total; i++) {
            if (positive[i]) {
                x[px++] = score[i];
            } else {
                y[py++] = score[i];
            }
        }
        double[] all = score.clone();
        Arrays.sort(all);
        double[] sx = x.clone();
        Arrays.sort(sx);
        double[] sy = y.clone();
        Arrays.sort(sy);
        double[] v10 = new double[m];
        for (int i = 0; i < m; i++) {
            v10[i] = (midrank(all, x[i]) - midrank(sx, x[i])) / n;
        }
        double[] v01 = new double[n];
        for (int j = 0; j < n; j++) {
            v01[j] = 1 - (midrank(all, y[j]) - midrank(sy, y[j])) / m;
        }
        return new double[][] {v10, v01};
    }

    /** The 1-based midrank of {@code v} in sorted values that hold it. */
    private static double midrank(double[] sorted, double v) {
        int lo = lowerBound(sorted, v);
        int hi = lowerBound(sorted, Math.nextUp(v)) - 1;
        return (lo + hi) / 2.0 + 1;
    }

    private static int lowerBound(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i];
        }
        return s / v.length;
    }

    private static double covariance(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - ma) * (b[i] - mb);
        }
        return s / (a.length - 1);
    }
}
