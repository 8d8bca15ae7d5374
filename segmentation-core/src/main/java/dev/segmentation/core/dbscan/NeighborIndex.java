/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

/**
 * Fixed-radius neighbour queries over a set of points, with scikit-learn's exact semantics: {@code q} is a
 * neighbour of {@code p} when \( \sum_j (p_j - q_j)^2 \le r^2 \), the sum taken over features in order
 * ({@code CentroidKernel.squaredDistance}, the one rule every index applies) and compared with the squared
 * radius as given (a point at exactly the radius is a neighbour, and rounding decides as it does in
 * scikit-learn's k-d tree). Every point is its own neighbour. Not API.
 *
 * <p>Points are addressed by <em>position</em> (the index's own order, which may differ from the input
 * order for locality); {@link #original} maps a position back. Queries from the indexed points themselves
 * come in batches of positions; thread-safety: concurrent queries are safe, building is not.
 */
abstract class NeighborIndex {
    /** Receives the neighbours found by a query. */
    interface Visitor {
        /**
         * One neighbour.
         *
         * @param query the querying position
         * @param neighbour the neighbour's position
         * @param squaredDistance the squared distance
         */
        void visit(int query, int neighbour, double squaredDistance);
    }

    /** The number of indexed points. */
    abstract int size();

    /** The input index of the point at {@code position}. */
    abstract int original(int position);

    /**
     * For each position {@code p} in {@code [from, to)}: {@code counts[p] = min(limit, |N(p)|)}.
     *
     * @param counts indexed by position. Modified.
     */
    abstract void count(int from, int to, double r2, int limit, int[] counts);

    /**
     * Visits every neighbour of every position in {@code [from, to)} whose {@code mask} entry is true (all
     * positions if {@code mask} is null); the order of visits is unspecified.
     */
    abstract void visit(int from, int to, boolean[] mask, double r2, Visitor visitor);

    /**
     * The position of the indexed point nearest to {@code q} within the radius (ties: the lowest
     * {@code tieKey[position]}), or -1 if none.
     *
     * @param q the query at {@code q[off .. off+d)}. Not modified.
     * @param tieKey the order of preference among equally near points, by position
     */
    abstract int nearest(double[] q, int off, double r2, int[] tieKey);
}
