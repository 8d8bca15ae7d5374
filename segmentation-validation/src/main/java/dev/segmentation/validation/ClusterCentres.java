/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.Labels;

/**
 * Cluster means and the grand mean of the clustered rows, shared by the Davies-Bouldin and Calinski-Harabasz
 * indices and the sum-of-squares decomposition. Package-private.
 *
 * <p>Two passes with compensated sums: the grand mean \( m_0 \) first, then the sums of the shifted values
 * \( z = x - m_0 \) per cluster. Every mean is kept in the shifted frame ({@link #means}, {@link #grand}), so
 * that deviations \( (x - m_0) - \bar z_c \) keep their full relative precision even for data far from the
 * origin (the subtraction \( x - m_0 \) is exact when x is within a factor of two of \( m_0 \)).
 */
final class ClusterCentres {
    /** The shift \( m_0 \), per column. */
    final double[] shift;
    /** Cluster means of the shifted values, {@code k * d}, row-major. */
    final double[] means;
    /** The grand mean of the shifted values (close to 0). */
    final double[] grand;
    final int k;
    final int d;

    private ClusterCentres(double[] shift, double[] means, double[] grand, int k, int d) {
        this.shift = shift;
        this.means = means;
        this.grand = grand;
        this.k = k;
        this.d = d;
    }

    static ClusterCentres of(Dataset data, Labels.Encoded enc) {
        int n = data.rows();
        int d = data.cols();
        int k = enc.k;
        double[] x = DatasetAccess.data(data);
        double[] m0 = new double[d];
        double[] c0 = new double[d];
        for (int i = 0; i < n; i++) {
            if (enc.codes[i] < 0) {
                continue;
            }
            for (int j = 0; j < d; j++) {
                Neumaier.addTo(m0, c0, j, x[i * d + j]);
            }
        }
        for (int j = 0; j < d; j++) {
            m0[j] = (m0[j] + c0[j]) / enc.assigned;
        }
        double[] sum = new double[k * d];
        double[] comp = new double[k * d];
        double[] gsum = new double[d];
        double[] gcomp = new double[d];
        for (int i = 0; i < n; i++) {
            int c = enc.codes[i];
            if (c < 0) {
                continue;
            }
            int off = c * d;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j] - m0[j];
                Neumaier.addTo(sum, comp, off + j, v);
                Neumaier.addTo(gsum, gcomp, j, v);
            }
        }
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                means[c * d + j] = (sum[c * d + j] + comp[c * d + j]) / enc.sizes[c];
            }
        }
        double[] grand = new double[d];
        for (int j = 0; j < d; j++) {
            grand[j] = (gsum[j] + gcomp[j]) / enc.assigned;
        }
        return new ClusterCentres(m0, means, grand, k, d);
    }

    /** The cluster means in the original frame, {@code k * d}, row-major: \( m_0 + \bar z_c \). */
    double[] centres() {
        double[] out = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[c * d + j] = shift[j] + means[c * d + j];
            }
        }
        return out;
    }

    /** The deviation of value {@code v} of column j from the mean of cluster c: \( (v - m_{0j}) - \bar z_{cj} \). */
    double deviation(double v, int c, int j) {
        return (v - shift[j]) - means[c * d + j];
    }
}
