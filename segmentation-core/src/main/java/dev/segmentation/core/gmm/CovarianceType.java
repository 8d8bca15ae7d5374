/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

/**
 * The shape of the components' covariance matrices, with scikit-learn's names and parameter layouts.
 *
 * <p>Covariances (and precisions, and their Cholesky factors) are exchanged as one flat array whose layout
 * depends on the type, exactly as scikit-learn's {@code covariances_}, {@code precisions_init} and
 * {@code precisions_cholesky_} flattened row-major:
 * <table class="striped">
 *   <caption>Layouts for k components in d dimensions</caption>
 *   <thead><tr><th>type</th><th>values</th><th>component {@code c}</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link #FULL}</td><td>{@code k * d * d}</td><td>a symmetric d x d matrix at {@code c * d * d}</td></tr>
 *   <tr><td>{@link #TIED}</td><td>{@code d * d}</td><td>one symmetric d x d matrix shared by all components</td></tr>
 *   <tr><td>{@link #DIAG}</td><td>{@code k * d}</td><td>the d variances at {@code c * d}</td></tr>
 *   <tr><td>{@link #SPHERICAL}</td><td>{@code k}</td><td>one variance at {@code c}, for every feature</td></tr>
 *   </tbody>
 * </table>
 *
 * @since 0.1
 */
public enum CovarianceType {
    /** Each component has its own general covariance matrix (scikit-learn's {@code "full"}). */
    FULL,
    /** All components share one general covariance matrix ({@code "tied"}). */
    TIED,
    /** Each component has its own diagonal covariance matrix ({@code "diag"}). */
    DIAG,
    /** Each component has its own single variance, the same for every feature ({@code "spherical"}). */
    SPHERICAL;

    /**
     * The number of values in the flat layout of this type for {@code k} components in {@code d} dimensions.
     *
     * @throws ArithmeticException if the count overflows an {@code int}
     */
    public int parameterLength(int k, int d) {
        switch (this) {
            case FULL:
                return Math.multiplyExact(k, Math.multiplyExact(d, d));
            case TIED:
                return Math.multiplyExact(d, d);
            case DIAG:
                return Math.multiplyExact(k, d);
            default:
                return k;
        }
    }

    /**
     * The number of free covariance parameters, as scikit-learn's {@code _n_parameters}: FULL
     * \( k\,d(d+1)/2 \), TIED \( d(d+1)/2 \), DIAG \( k\,d \), SPHERICAL \( k \).
     */
    public long freeCovarianceParameters(int k, int d) {
        long tri = (long) d * (d + 1) / 2;
        switch (this) {
            case FULL:
                return k * tri;
            case TIED:
                return tri;
            case DIAG:
                return (long) k * d;
            default:
                return k;
        }
    }

    /** The scikit-learn name: {@code "full"}, {@code "tied"}, {@code "diag"} or {@code "spherical"}. */
    public String scikitLearnName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
