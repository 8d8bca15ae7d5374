/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.Labels;

/**
 * The Davies-Bouldin index (Davies and Bouldin 1979): the mean, over clusters, of the worst ratio of
 * within-cluster scatter to between-centre separation. Lower is better; 0 is the minimum.
 *
 * <p>With \( c_i \) the mean of cluster i of size \( n_i \), its scatter \( S_i \), and
 * \( M_{ij} = \lVert c_i - c_j \rVert \),
 * \[ DB = \frac{1}{k} \sum_{i=1}^{k} \max_{j \ne i} \frac{S_i + S_j}{M_{ij}} . \]
 * Davies and Bouldin define the scatter with an exponent q,
 * \( S_i = \big( \frac{1}{n_i} \sum_{x \in i} \lVert x - c_i \rVert^q \big)^{1/q} \); two are offered
 * ({@link Scatter}):
 * <ul>
 *   <li>{@link Scatter#MEAN_DISTANCE} (q = 1, the default): the mean distance to the centroid, scikit-learn's
 *       {@code davies_bouldin_score};</li>
 *   <li>{@link Scatter#ROOT_MEAN_SQUARE} (q = 2): the root-mean-square distance, the square root of the
 *       cluster's within sum of squares over its size, as ELKI's Davies-Bouldin evaluation computes it. It is
 *       never smaller than the mean distance, so the index is larger, and it weighs outlying members more.</li>
 * </ul>
 * Both keep scikit-learn's conventions: a pair of clusters with
 * equal centres (\( M_{ij} = 0 \)) is skipped, and the index is 0 when every \( S_i \) or every
 * \( M_{ij} \) is within \(10^{-8}\) of zero (NumPy's {@code allclose} default). That tolerance is absolute in
 * scikit-learn, so data measured in tiny units (all ranges below 1, say \(10^{-10}\)) would score a wrong 0;
 * here it is \(10^{-8} \min(1, R)\) with \(R\) the largest column range, identical to scikit-learn's for data
 * whose largest range is at least 1 and scale-free below. Distances are computed from
 * differences (scikit-learn uses \( \lVert x \rVert^2 - 2 x\cdot c + \lVert c \rVert^2 \)), so the two agree
 * to about \(10^{-14}\) relative on well-scaled data and this one stays exact for tight clusters.
 *
 * <p>Rows labelled -1 (noise) are left out. The index needs \( 2 \le k \le n - 1 \) clusters among the
 * labelled rows; otherwise, or when the lengths differ or a label is below -1, it throws
 * {@link IllegalArgumentException}. \( O(n d) \) time, \( O(k d) \) memory; thread-safe.
 *
 * <p>Reference: D. L. Davies, D. W. Bouldin, "A cluster separation measure", IEEE Transactions on Pattern
 * Analysis and Machine Intelligence 1(2) (1979) 224-227, doi:10.1109/TPAMI.1979.4766909.
 *
 * @since 0.1
 */
public final class DaviesBouldin {
    /** How a cluster's scatter \( S_i \) is measured. */
    public enum Scatter {
        /** The mean Euclidean distance of the rows to their centroid (q = 1): scikit-learn's definition. */
        MEAN_DISTANCE,
        /** The root-mean-square distance to the centroid (q = 2), as ELKI computes it. */
        ROOT_MEAN_SQUARE
    }

    /** NumPy's default absolute tolerance of {@code allclose}, which scikit-learn uses for its zero tests. */
    static final double ZERO_TOLERANCE = 1e-8;

    private DaviesBouldin() {
    }

    /**
     * The index of a labelling with the mean-distance scatter (scikit-learn's {@code davies_bouldin_score}).
     *
     * @param data the rows. Not modified.
     * @param labels one label per row, {@code >= 0} or -1 for noise. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public static double score(Dataset data, int[] labels) {
        return score(data, labels, Scatter.MEAN_DISTANCE);
    }

    /**
     * The index of a labelling with the given scatter.
     *
     * @param data the rows. Not modified.
     * @param labels one label per row, {@code >= 0} or -1 for noise. Not modified.
     * @param scatter how each cluster's scatter is measured
     * @throws IllegalArgumentException see the class comment
     */
    public static double score(Dataset data, int[] labels, Scatter scatter) {
        Checks.notNull("scatter", scatter);
        Labels.checkLength(labels, data);
        DistanceRange.check(data, "the Davies-Bouldin index");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        Labels.checkInternalIndexRange(enc, "The Davies-Bouldin index");
        ClusterCentres cc = ClusterCentres.of(data, enc);
        int k = enc.k;
        int d = data.cols();
        double[] x = DatasetAccess.data(data);
        boolean rms = scatter == Scatter.ROOT_MEAN_SQUARE;
        Neumaier[] sums = new Neumaier[k];
        for (int c = 0; c < k; c++) {
            sums[c] = new Neumaier();
        }
        for (int i = 0; i < data.rows(); i++) {
            int c = enc.codes[i];
            if (c < 0) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = cc.deviation(x[i * d + j], c, j);
                s += t * t;
            }
            sums[c].add(rms ? s : Math.sqrt(s));
        }
        double zero = ZERO_TOLERANCE * Math.min(1, largestRange(x, data.rows(), d));
        double[] spread = new double[k];
        boolean allScatterZero = true;
        for (int c = 0; c < k; c++) {
            double mean = sums[c].value() / enc.sizes[c];
            spread[c] = rms ? Math.sqrt(mean) : mean;
            allScatterZero &= Math.abs(spread[c]) <= zero;
        }
        double[] sep = new double[k * k];
        boolean allSeparationZero = true;
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    double t = cc.means[a * d + j] - cc.means[b * d + j];
                    s += t * t;
                }
                sep[a * k + b] = Math.sqrt(s);
                allSeparationZero &= sep[a * k + b] <= zero;
            }
        }
        if (allScatterZero || allSeparationZero) {
            return 0.0;
        }
        double total = 0;
        for (int a = 0; a < k; a++) {
            double worst = 0;
            for (int b = 0; b < k; b++) {
                double m = sep[a * k + b];
                if (b == a || m == 0) {
                    continue; // scikit-learn divides by +inf instead, which gives 0
                }
                worst = Math.max(worst, (spread[a] + spread[b]) / m);
            }
            total += worst;
        }
        return total / k;
    }

    /** The index of a model's training labels on its training data. */
    public static double score(Dataset data, ClusterModel model) {
        Checks.notNull("model", model);
        return score(data, model.trainingLabels());
    }

    private static double largestRange(double[] x, int n, int d) {
        double largest = 0;
        for (int j = 0; j < d; j++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0, idx = j; i < n; i++, idx += d) {
                min = Math.min(min, x[idx]);
                max = Math.max(max, x[idx]);
            }
            largest = Math.max(largest, max - min);
        }
        return largest;
    }
}
