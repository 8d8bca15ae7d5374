/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * What the confidence of an {@link Assignment} measures, which depends on the kind of model that made it.
 *
 * @since 0.1
 */
public enum ConfidenceKind {
    /** The model reports no confidence ({@link Assignment#hasConfidence()} is false). */
    NONE,
    /**
     * Centroid models: \( \lVert x - c_{(2)} \rVert - \lVert x - c_{(1)} \rVert \ge 0 \), the Euclidean
     * distance gap between the runner-up and the nearest centre, in feature units; near 0 the row sits on a
     * segment boundary; {@code +Infinity} when there is one centre.
     */
    MARGIN,
    /** Mixtures: the largest membership probability \( \max_c P(c \mid x) \in [1/k, 1] \). */
    POSTERIOR,
    /**
     * DBSCAN: \( 1 - d / \varepsilon \) for the distance d to the nearest core row within \( \varepsilon \),
     * in {@code (0, 1]} (1 on a core row); 0 for noise.
     */
    CORE_PROXIMITY
}
