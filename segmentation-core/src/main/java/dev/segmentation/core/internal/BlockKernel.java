/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

/**
 * One implementation of the blocked nearest-centre search {@link CentroidKernel#nearest}: the scalar loops of
 * {@link CentroidKernel} or the SIMD loops of {@code VectorCentroidKernel}. Every implementation returns
 * distances and labels bit-identical to the naive scan ({@link CentroidKernel#squaredDistance}, lowest index on
 * ties). Not API.
 */
interface BlockKernel {
    /** As {@link CentroidKernel#nearest}, with the same parameters and result. */
    int nearest(double[] x, int d, int from, int to, double[] c, int k, int[] labels, int labelsOff,
                double[] bestOut, int distOff, double[] secondOut, CentroidKernel.Scratch s);

    /**
     * As {@link CentroidKernel#nearestLabels}: labels only, the naive scan's; {@code rescored[0]}, when not
     * {@code null}, counts the rows that were rescored with the difference form.
     */
    int nearestLabels(double[] x, int from, int to, DotKernel.Centres c, int[] labels, int labelsOff,
                      CentroidKernel.Scratch s, long[] rescored);

    /**
     * As {@link CentroidKernel#nearestOne(double[], int, double[], int, int)} for one row, with centres that have
     * the one-row layout ({@code c.rawLanes != null}): the naive scan's label, or -1 if no distance is finite.
     */
    int nearestOne(double[] x, int off, DotKernel.Centres c);

    /** As {@link CentroidKernel#addRows}, with the same parameters and result, for {@code d >=} {@link #lanes()}. */
    void addRows(double[] x, int d, int from, int to, int[] labels, double[] w, double[] sums, double[] wsum);

    /**
     * As {@link MomentSums#laneSumsScalar}, with the same parameters and result, when {@link #lanes()} is
     * {@link MomentSums#LANES}; {@code lanes} holds at least {@code 4 * MomentSums.LANES} doubles of scratch.
     */
    void laneSums(int b, double[][] plain, double[][] u, double[][] v, int d, boolean full, double[] totals,
                  double[] lanes);

    /**
     * As {@link CentroidKernel#triangularSquares} for the rows {@code [0, w)}, where {@code w} (returned) is
     * {@code b} rounded down to a multiple of {@link #lanes()}.
     */
    int triangularSquares(double[][] dt, int d, double[] tri, int t, int b, double[] acc);

    /**
     * As {@link CentroidKernel#columnExtremes}, for {@code d >=} {@link #lanes()}: the running minima and maxima
     * of each column over rows {@code [from, to)}.
     */
    void columnExtremes(double[] x, int d, int from, int to, double[] min, int minOff, double[] max, int maxOff);

    /** The number of doubles in one SIMD vector of this kernel (1 for scalar loops). */
    int lanes();
}
