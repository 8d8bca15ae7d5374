/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.validation.internal.Labels;

/**
 * The Calinski-Harabasz index (variance ratio criterion; Calinski and Harabasz 1974): between-cluster
 * dispersion over within-cluster dispersion, each divided by its degrees of freedom. Higher is better.
 *
 * <p>With \( c_q \) the mean of cluster q of size \( n_q \) and \( c \) the mean of all n labelled rows,
 * \[ CH = \frac{B / (k - 1)}{W / (n - k)}, \qquad B = \sum_q n_q \lVert c_q - c \rVert^2, \qquad
 *    W = \sum_q \sum_{i \in q} \lVert x_i - c_q \rVert^2 . \]
 * As scikit-learn's {@code calinski_harabasz_score}, the index is 1 when W = 0. B and W are those of
 * {@link SumOfSquares}: compensated sums in a frame shifted by the grand mean (two passes), so the value is
 * accurate even for data far from the origin.
 *
 * <p>Rows labelled -1 (noise) are left out. The index needs \( 2 \le k \le n - 1 \) clusters among the
 * labelled rows; otherwise, or when the lengths differ or a label is below -1, it throws
 * {@link IllegalArgumentException}. \( O(n d) \) time, \( O(k d) \) memory; thread-safe.
 *
 * <p>Reference: T. Calinski, J. Harabasz, "A dendrite method for cluster analysis", Communications in
 * Statistics 3(1) (1974) 1-27, doi:10.1080/03610927408827101.
 *
 * @since 0.1
 */
public final class CalinskiHarabasz {
    private CalinskiHarabasz() {
    }

    /**
     * The index of a labelling.
     *
     * @param data the rows. Not modified.
     * @param labels one label per row, {@code >= 0} or -1 for noise. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public static double score(Dataset data, int[] labels) {
        Labels.checkLength(labels, data);
        DistanceRange.check(data, "the Calinski-Harabasz index");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        Labels.checkInternalIndexRange(enc, "The Calinski-Harabasz index");
        SumOfSquares ss = SumOfSquares.of(data, enc);
        double w = ss.within();
        if (w == 0) {
            return 1.0;
        }
        return ss.between() * (enc.assigned - enc.k) / (w * (enc.k - 1.0));
    }

    /** The index of a model's training labels on its training data. */
    public static double score(Dataset data, ClusterModel model) {
        Checks.notNull("model", model);
        return score(data, model.trainingLabels());
    }
}
