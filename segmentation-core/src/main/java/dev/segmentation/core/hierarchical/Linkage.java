/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

/**
 * How the distance between two clusters is defined, with SciPy's names and update formulas.
 *
 * <p>When clusters \( x \) and \( y \) (sizes \( n_x, n_y \), distance \( d_{xy} \)) merge, the distance
 * from the new cluster to any other cluster \( i \) (size \( n_i \)) is the Lance-Williams update of
 * \( d_{xi} \), \( d_{yi} \) and \( d_{xy} \) given for each constant below; these are the formulas of
 * SciPy's {@code linkage}, evaluated in the same order of operations. The merge heights of the dendrogram
 * are these distances.
 *
 * <p>{@link #WARD}, {@link #CENTROID} and {@link #MEDIAN} are defined for Euclidean distances only; the
 * others accept any dissimilarity. All but {@code CENTROID} and {@code MEDIAN} are <em>reducible</em>, so
 * the nearest-neighbour chain applies and the heights never decrease from a merge to the next;
 * {@code CENTROID} and {@code MEDIAN} can produce inversions (a merge lower than an earlier one).
 *
 * <p>Reference: G. N. Lance, W. T. Williams, "A general theory of classificatory sorting strategies: 1.
 * Hierarchical systems", The Computer Journal 9(4), 1967, doi:10.1093/comjnl/9.4.373.
 *
 * @since 0.1
 */
public enum Linkage {
    /** Nearest neighbour: \( d = \min(d_{xi}, d_{yi}) \). */
    SINGLE("single", true, false),
    /** Farthest neighbour: \( d = \max(d_{xi}, d_{yi}) \). */
    COMPLETE("complete", true, false),
    /** UPGMA: \( d = (n_x d_{xi} + n_y d_{yi}) / (n_x + n_y) \), the mean of all pairwise distances. */
    AVERAGE("average", true, false),
    /** WPGMA: \( d = (d_{xi} + d_{yi}) / 2 \). */
    WEIGHTED("weighted", true, false),
    /**
     * Ward's minimum variance:
     * \( d = \sqrt{\big((n_i + n_x) d_{xi}^2 + (n_i + n_y) d_{yi}^2 - n_i d_{xy}^2\big) / (n_x + n_y + n_i)} \),
     * which equals \( \sqrt{2 n_a n_b / (n_a + n_b)}\, \lVert c_a - c_b \rVert \) for clusters with
     * centroids \( c_a, c_b \): the merge height is the square root of twice the increase of the
     * within-cluster sum of squares.
     */
    WARD("ward", true, true),
    /**
     * UPGMC, the distance between centroids:
     * \( d = \sqrt{\big(n_x d_{xi}^2 + n_y d_{yi}^2 - n_x n_y d_{xy}^2 / (n_x + n_y)\big) / (n_x + n_y)} \).
     */
    CENTROID("centroid", false, true),
    /** WPGMC: \( d = \sqrt{d_{xi}^2 / 2 + d_{yi}^2 / 2 - d_{xy}^2 / 4} \). */
    MEDIAN("median", false, true);

    private final String scipyName;
    private final boolean reducible;
    private final boolean euclideanOnly;

    Linkage(String scipyName, boolean reducible, boolean euclideanOnly) {
        this.scipyName = scipyName;
        this.reducible = reducible;
        this.euclideanOnly = euclideanOnly;
    }

    /** SciPy's name of this method ({@code "ward"}, ...). */
    public String scipyName() {
        return scipyName;
    }

    /** Whether the linkage is reducible (heights never decrease; the NN-chain algorithm applies). */
    public boolean isReducible() {
        return reducible;
    }

    /** Whether the linkage is defined for Euclidean distances only. */
    public boolean requiresEuclidean() {
        return euclideanOnly;
    }

    /**
     * The Lance-Williams update, with SciPy's order of operations.
     *
     * @param dxi distance from x to i
     * @param dyi distance from y to i
     * @param dxy distance from x to y
     * @param nx size of x
     * @param ny size of y
     * @param ni size of i
     * @return distance from the union of x and y to i
     */
    double update(double dxi, double dyi, double dxy, double nx, double ny, double ni) {
        switch (this) {
            case SINGLE:
                return Math.min(dxi, dyi);
            case COMPLETE:
                return Math.max(dxi, dyi);
            case AVERAGE:
                return (nx * dxi + ny * dyi) / (nx + ny);
            case WEIGHTED:
                return 0.5 * (dxi + dyi);
            case WARD: {
                double t = 1.0 / (nx + ny + ni);
                return Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * dxy * dxy);
            }
            case CENTROID:
                return Math.sqrt((((nx * dxi * dxi) + (ny * dyi * dyi)) - (nx * ny * dxy * dxy) / (nx + ny))
                        / (nx + ny));
            case MEDIAN:
                return Math.sqrt(0.5 * (dxi * dxi + dyi * dyi) - 0.25 * dxy * dxy);
            default:
                throw new AssertionError(this);
        }
    }

    /** The linkage with SciPy's name. */
    public static Linkage ofScipyName(String name) {
        Linkage[] all = values();
        for (int i = 0; i < all.length; i++) {
            if (all[i].scipyName.equals(name)) {
                return all[i];
            }
        }
        throw new IllegalArgumentException("Unknown linkage '" + name + "'; expected one of single, complete, "
                + "average, weighted, ward, centroid, median");
    }
}
