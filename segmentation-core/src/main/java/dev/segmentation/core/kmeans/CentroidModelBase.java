/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import dev.segmentation.core.AbstractCentroidModel;
import dev.segmentation.core.Centroids;

import java.util.List;

/** What the K-means models add to a nearest-centre model: scikit-learn's name for the centres. */
abstract class CentroidModelBase extends AbstractCentroidModel {
    CentroidModelBase(List<String> columns, double[] centres, int k, int[] labels) {
        super(columns, centres, k, labels);
    }

    /** The cluster centres (scikit-learn's {@code cluster_centers_}). */
    public final Centroids clusterCenters() {
        return centroids().orElseThrow();
    }
}
