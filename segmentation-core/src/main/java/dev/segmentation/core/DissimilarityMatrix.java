/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Condensed;
import dev.segmentation.core.internal.DissimilarityAccess;
import dev.segmentation.core.internal.MemoryBudget;

import java.util.Arrays;
import java.util.Locale;

/**
 * An immutable matrix of pairwise dissimilarities between n items, stored condensed: only the
 * \( n(n-1)/2 \) values \( d_{ij} \) with \( i \lt j \), row by row, in SciPy's {@code squareform} order
 * (the pair \( (i, j) \) at index \( i n - i(i+1)/2 + j - i - 1 \)). The diagonal is 0 and the matrix is
 * symmetric by construction.
 * <pre>{@code
 * DissimilarityMatrix d = Gower.of("channel", "region").matrix(customers);     // or ofCondensed / ofSquare
 * Dendrogram tree = AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(4).build()
 *     .dendrogram(d, FitControl.none());                                         // SciPy's linkage(y, "average")
 * Silhouette.Result s = Silhouette.exact().evaluate(d, tree.cut(Cut.clusters(4)));   // metric="precomputed"
 * }</pre>
 *
 * <p>It is the input of the algorithms that need only dissimilarities: hierarchical clustering
 * ({@code AgglomerativeClustering.dendrogram(DissimilarityMatrix, FitControl)}) and the silhouette of
 * segmentation-validation, with any dissimilarity (for example {@link Gower} for mixed numeric and
 * categorical customer tables).
 *
 * <h2>Memory</h2>
 * A matrix holds {@link #estimateBytes(int) 8 n (n - 1) / 2} bytes: 400 MB for 10,000 items, 1.6 GB for
 * 20,000. The factories estimate this before allocating and refuse, with a
 * {@link MemoryBudgetExceededException}, a matrix larger than the memory budget (half the JVM's maximum
 * heap, the library's policy) or than one Java array can hold ({@code n <= 65536}).
 *
 * <h2>Values</h2>
 * Every value must be finite and non-negative; the factories reject anything else, naming the pair. The
 * triangle inequality is not required (the Gower and many other dissimilarities satisfy it, a squared
 * distance does not).
 *
 * <p>Immutable and thread-safe; the factories copy their input and {@link #toCondensedArray()} returns a
 * copy. {@link #equals} compares the values bit for bit.
 *
 * @since 0.1
 */
public final class DissimilarityMatrix {
    static {
        DissimilarityAccess.install(new DissimilarityAccess.Accessor() {
            @Override
            public double[] condensed(DissimilarityMatrix matrix) {
                return matrix.condensed;
            }

            @Override
            public DissimilarityMatrix wrap(double[] condensed, int n) {
                return new DissimilarityMatrix(condensed, n);
            }
        });
    }

    private final double[] condensed;
    private final int n;

    private DissimilarityMatrix(double[] condensed, int n) {
        this.condensed = condensed;
        this.n = n;
    }

    /**
     * A matrix from its condensed form (SciPy's {@code pdist} output).
     *
     * @param condensed \( d_{ij} \) for {@code i < j}, row by row: {@code n (n - 1) / 2} finite, non-negative
     *     values for some {@code n >= 2}. Not modified.
     * @throws IllegalArgumentException if the length is not {@code n (n - 1) / 2} for any {@code n >= 2}, or a
     *     value is negative, NaN or infinite (the message names the pair)
     * @throws MemoryBudgetExceededException if the copy would exceed the memory budget
     */
    public static DissimilarityMatrix ofCondensed(double[] condensed) {
        Checks.notNull("condensed", condensed);
        int n = Condensed.sizeOf(condensed.length);
        if (n < 0) {
            throw new IllegalArgumentException("A condensed dissimilarity matrix has n (n - 1) / 2 values for some "
                    + "n >= 2, but " + condensed.length + " were given");
        }
        checkSize(n);
        double[] out = new double[condensed.length];
        for (int i = 0, q = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, q++) {
                double v = condensed[q];
                checkValue(v, i, j);
                out[q] = v == 0 ? 0.0 : v; // -0.0 and 0.0 are one value
            }
        }
        return new DissimilarityMatrix(out, n);
    }

    /**
     * A matrix from its square form (SciPy's {@code squareform(X)} with its checks): an n x n array with a
     * zero diagonal, exactly symmetric.
     *
     * @param square n rows of n finite, non-negative values, {@code n >= 2}. Not modified.
     * @throws IllegalArgumentException if the array is not square, has fewer than 2 rows, a non-zero diagonal
     *     entry, an asymmetric pair, or a negative, NaN or infinite value (the message names the entry)
     * @throws MemoryBudgetExceededException if the condensed copy would exceed the memory budget
     */
    public static DissimilarityMatrix ofSquare(double[][] square) {
        Checks.notNull("square", square);
        int n = square.length;
        if (n < 2) {
            throw new IllegalArgumentException("A dissimilarity matrix needs at least 2 items but the square array has "
                    + n + " rows");
        }
        checkSize(n);
        for (int i = 0; i < n; i++) {
            Checks.notNull("square[" + i + "]", square[i]);
            if (square[i].length != n) {
                throw new IllegalArgumentException("The array is not square: row " + i + " has " + square[i].length
                        + " values but there are " + n + " rows");
            }
            if (square[i][i] != 0) {
                throw new IllegalArgumentException("The diagonal must be 0 but square[" + i + "][" + i + "] = "
                        + square[i][i]);
            }
        }
        double[] out = new double[(int) Condensed.length(n)];
        for (int i = 0, q = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, q++) {
                double v = square[i][j];
                checkValue(v, i, j);
                checkValue(square[j][i], j, i);
                if (v != square[j][i]) {
                    throw new IllegalArgumentException("The matrix is not symmetric: square[" + i + "][" + j + "] = "
                            + v + " but square[" + j + "][" + i + "] = " + square[j][i]);
                }
                out[q] = v == 0 ? 0.0 : v; // -0.0 and 0.0 are one value
            }
        }
        return new DissimilarityMatrix(out, n);
    }

    /**
     * The bytes a matrix of n items holds: \( 8 n (n-1)/2 \) plus the array header.
     *
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static long estimateBytes(int n) {
        Checks.atLeast("n", n, 0);
        return 8L * Condensed.length(n) + 16;
    }

    private static void checkSize(int n) {
        String advice = "compute the dissimilarities of a sample of the items";
        Condensed.requireCapacity(n, "A dissimilarity matrix", advice);
        MemoryBudget.require(String.format(Locale.ROOT, "A dissimilarity matrix of n = %,d items", n),
                estimateBytes(n), MemoryBudget.DEFAULT, advice);
    }

    private static void checkValue(double v, int i, int j) {
        if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("The dissimilarity between " + i + " and " + j + " is " + v
                    + "; dissimilarities must be finite and >= 0");
        }
    }

    /** The number of items, n. */
    public int size() {
        return n;
    }

    /**
     * The dissimilarity between items i and j (0 when {@code i == j}).
     *
     * @throws IndexOutOfBoundsException if an index is outside {@code [0, n)}
     */
    public double get(int i, int j) {
        if (i < 0 || i >= n || j < 0 || j >= n) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside a " + n + " x " + n + " matrix");
        }
        return i == j ? 0.0 : condensed[Condensed.index(n, i, j)];
    }

    /** A copy of the condensed values, \( d_{ij} \) for {@code i < j}, row by row (SciPy's {@code pdist} form). */
    public double[] toCondensedArray() {
        return condensed.clone();
    }

    /** Value equality: the same size and the same values, bit for bit. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DissimilarityMatrix)) {
            return false;
        }
        DissimilarityMatrix m = (DissimilarityMatrix) o;
        return n == m.n && Arrays.equals(condensed, m.condensed);
    }

    @Override
    public int hashCode() {
        return 31 * n + Arrays.hashCode(condensed);
    }

    @Override
    public String toString() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (int i = 0; i < condensed.length; i++) {
            min = Math.min(min, condensed[i]);
            max = Math.max(max, condensed[i]);
        }
        return String.format(Locale.ROOT, "DissimilarityMatrix[n=%d, pairs=%d, min=%.6g, max=%.6g]", n,
                condensed.length, min, max);
    }
}
