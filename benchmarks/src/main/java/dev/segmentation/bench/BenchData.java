/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

import dev.segmentation.core.Dataset;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded synthetic data shared by the benchmarks, so that every library in a trial sees the same numbers.
 *
 * <h2>The distribution</h2>
 * {@link #TRUE_K} overlapping Gaussian blobs in {@code d} dimensions plus uniform background noise:
 * <ul>
 *   <li>blob centres are drawn from \( N(0, \sigma_c^2 I) \) with \( \sigma_c = \) {@link #CENTRE_SPREAD};</li>
 *   <li>a row is noise with probability {@link #NOISE_FRACTION}, uniform on \( [-r, r]^d \) with
 *       \( r = \) {@link #NOISE_RANGE}; otherwise it is a centre chosen uniformly plus \( N(0, I) \)
 *       noise.</li>
 * </ul>
 * The blobs overlap heavily (centre spread half the within-blob spread, in 16 dimensions), so K-means
 * from the benchmark's starting rows keeps moving labels for far more than 20 iterations (Lloyd converges
 * after about 100 iterations at n = 100,000 and 80 at n = 1,000,000): a 20-iteration fit does the same 20
 * iterations in every library, which is what makes the fit timings comparable. The benchmarks check this
 * outside the timed region.
 *
 * <p>Every array is row-major: row {@code i}, feature {@code j} at {@code i * d + j}.
 */
public final class BenchData {
    /** The seed of every trial's data. */
    public static final long SEED = 20_240_601L;
    /** Features per row. */
    public static final int D = 16;
    /** Clusters fitted or scored against. */
    public static final int K = 8;
    /** Generating blobs. */
    public static final int TRUE_K = 8;
    /** Standard deviation of the blob centres around the origin, per feature. */
    public static final double CENTRE_SPREAD = 0.5;
    /** Share of rows drawn from the uniform background. */
    public static final double NOISE_FRACTION = 0.05;
    /** Half-width of the uniform background, per feature. */
    public static final double NOISE_RANGE = 4.0;

    /**
     * The centre spread of the moderately separated data set ({@link #SEPARATED}): blob centres about
     * {@code 0.8 sqrt(2d)} = 4.5 apart at d = 16, against unit within-blob noise, so that the bounds of Hamerly's
     * algorithm prune most rows, while Lloyd's iteration from the benchmark's starting rows still moves labels
     * after 20 iterations (it converges after 22 iterations at n = 100,000 and 21 at n = 1,000,000; with a
     * spread of 1.0 it would converge after 14).
     */
    public static final double SEPARATED_SPREAD = 0.8;
    /** The name of the project's own, heavily overlapping data set (centre spread {@link #CENTRE_SPREAD}). */
    public static final String OVERLAPPING = "overlapping";
    /** The name of the moderately separated data set (centre spread {@link #SEPARATED_SPREAD}). */
    public static final String SEPARATED = "separated";

    private BenchData() {
    }

    /** The centre spread of a named data set. */
    public static double spread(String data) {
        switch (data) {
            case OVERLAPPING:
                return CENTRE_SPREAD;
            case SEPARATED:
                return SEPARATED_SPREAD;
            default:
                throw new IllegalArgumentException("No data set '" + data + "': use " + OVERLAPPING + " or "
                        + SEPARATED);
        }
    }

    /** The generating blob centres, {@code TRUE_K * d} values, row-major. */
    public static double[] blobCentres(int d, long seed) {
        return blobCentres(d, seed, CENTRE_SPREAD);
    }

    /** The generating blob centres with the given spread, {@code TRUE_K * d} values, row-major. */
    public static double[] blobCentres(int d, long seed, double spread) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] c = new double[TRUE_K * d];
        for (int i = 0; i < c.length; i++) {
            c[i] = spread * rnd.nextGaussian();
        }
        return c;
    }

    /** {@code n} rows of a named data set ({@link #OVERLAPPING} or {@link #SEPARATED}), row-major. */
    public static double[] blobs(String data, int n, int d, long seed) {
        return blobs(n, d, seed, spread(data));
    }

    /**
     * {@code n} rows of the mixture described above.
     *
     * @param n rows
     * @param d features
     * @param seed the seed; the blob centres come from {@link #blobCentres(int, long)} with the same seed
     * @return {@code n * d} values, row-major
     */
    public static double[] blobs(int n, int d, long seed) {
        return blobs(n, d, seed, CENTRE_SPREAD);
    }

    /** As {@link #blobs(int, int, long)}, with blob centres of the given spread. */
    public static double[] blobs(int n, int d, long seed, double spread) {
        double[] centres = blobCentres(d, seed, spread);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        double[] x = new double[Math.multiplyExact(n, d)];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            if (rnd.nextDouble() < NOISE_FRACTION) {
                for (int j = 0; j < d; j++) {
                    x[off + j] = rnd.nextDouble(-NOISE_RANGE, NOISE_RANGE);
                }
            } else {
                int c = rnd.nextInt(TRUE_K) * d;
                for (int j = 0; j < d; j++) {
                    x[off + j] = centres[c + j] + rnd.nextGaussian();
                }
            }
        }
        return x;
    }

    /**
     * {@code k} distinct row indices drawn uniformly with a seeded stream: the rows that every K-means
     * implementation starts from.
     */
    public static int[] initialRowIndices(int n, int k, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int[] idx = new int[k];
        for (int c = 0; c < k; c++) {
            int candidate;
            boolean fresh;
            do {
                candidate = rnd.nextInt(n);
                fresh = true;
                for (int p = 0; p < c; p++) {
                    if (idx[p] == candidate) {
                        fresh = false;
                        break;
                    }
                }
            } while (!fresh);
            idx[c] = candidate;
        }
        return idx;
    }

    /** Copies of the rows at {@code indices}, one array per row. */
    public static double[][] rowsAt(double[] x, int d, int[] indices) {
        double[][] out = new double[indices.length][d];
        for (int c = 0; c < indices.length; c++) {
            System.arraycopy(x, indices[c] * d, out[c], 0, d);
        }
        return out;
    }

    /** The same values as one array per row (what Smile, ELKI and Commons Math take). */
    public static double[][] toRows(double[] x, int n, int d) {
        double[][] rows = new double[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * d, rows[i], 0, d);
        }
        return rows;
    }

    /** Rows of {@code rows} flattened row-major. */
    public static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    /** A deep copy. */
    public static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** A dataset over a copy of {@code x}, with default column names. */
    public static Dataset dataset(double[] x, int n, int d) {
        return Dataset.ofRowMajor(x, n, names(d));
    }

    /** Default column names for {@code d} features. */
    public static List<String> names(int d) {
        return Dataset.defaultNames(d);
    }
}
