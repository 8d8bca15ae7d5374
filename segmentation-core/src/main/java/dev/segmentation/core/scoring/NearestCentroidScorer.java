/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Assignment;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.ConfidenceKind;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DotKernel;
import dev.segmentation.core.internal.Parallel;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * Assigns rows to the nearest of a fixed set of centres: the scoring engine behind every centroid model.
 *
 * <p>The label of a row \( x \) is \( \arg\min_j \sum_{f} (x_f - c_{jf})^2 \), the squared distances summed in
 * feature order and ties going to the lowest index, so the result equals a naive scan exactly, bit for bit.
 * The optional margin is \( \lVert x - c_{(2)} \rVert - \lVert x - c_{(1)} \rVert \ge 0 \), the Euclidean
 * distance gap between the runner-up and the nearest centre: near 0 means the row sits on a segment
 * boundary ({@code +Inf} when k = 1).
 *
 * <h2>Performance</h2>
 * {@link #assign(double[])} and {@link #margin} allocate nothing (see below for the SIMD kernels). Batch calls run a blocked kernel that the
 * JIT vectorises, with a per-thread scratch buffer, so after the first call on a thread
 * {@link #assign(double[], int, int[])} allocates nothing either (the variant with margins allocates one
 * work buffer per call).
 *
 * <h2>SIMD kernels (optional)</h2>
 * Start the JVM with {@code --add-modules jdk.incubator.vector} (JDK 17 or later; the JDK then prints a warning
 * that an incubating module is in use) and the batch calls run explicit SIMD kernels on the JDK's Vector API,
 * one vector lane per row, for batches of 128 rows or more (measured about 1.7x the scalar kernel with 512-bit
 * vectors, d = 16, k = 8), and the one-row calls {@link #assign(double[])} and {@link #assign(double[], int)}
 * hold the k centres in the lanes of one vector per feature when k is at most the vector length (8 with
 * 512-bit vectors), the squared differences summed lane by lane in feature order (measured about 3x the scalar
 * loop, d = 16, k = 8). These kernels allocate nothing once the JIT has compiled them; until then the Vector
 * API allocates its vector objects. Labels, margins and exceptions are
 * identical either way: the labels-only call computes \( \lVert c\rVert^2 - 2x\cdot c \) with one fused
 * multiply-add per feature and rescores, with the exact difference form, every row whose best and runner-up
 * scores are within a proven rounding-error bound of each other; the call with margins sums the squared
 * differences in feature order as the naive scan does. Without the module (or with the system property
 * {@code dev.segmentation.vector=false}) the scalar kernel runs.
 *
 * <h2>Bad input</h2>
 * A row of the wrong length is an {@link IllegalArgumentException}; so is a row with a NaN or infinite
 * value (or whose distances overflow), with the row index in the message. The check costs nothing on the
 * hot path: such a row is recognised by its non-finite nearest distance.
 *
 * <p>This is the {@link Assigner} of every centroid model (K-means, mini-batch K-means, merged centroid models,
 * hierarchical cut means); its confidence is the margin ({@link ConfidenceKind#MARGIN}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NearestCentroidScorer implements Assigner {
    private final double[] centres;
    private final int k;
    private final int d;
    private final Centroids centroids;
    /** The centres prepared for the labels-only batch kernel. */
    private final DotKernel.Centres prepared;
    private final ThreadLocal<CentroidKernel.Scratch> scratch;

    private NearestCentroidScorer(Centroids centroids) {
        this.centroids = centroids;
        this.centres = centroids.toRowMajorArray();
        this.k = centroids.k();
        this.d = centroids.dimension();
        this.prepared = new DotKernel.Centres(centres, k, d);
        final int dim = d;
        this.scratch = ThreadLocal.withInitial(() -> new CentroidKernel.Scratch(dim));
    }

    /**
     * A scorer for the centres of a model: deliberately nearest-centroid scoring, whatever the model's own rule
     * (for a mixture, the nearest mean rather than the most probable component). To score a model by its own
     * rule use {@link ClusterModel#assigner()}.
     *
     * @throws IllegalArgumentException if the model has no centroids
     */
    public static NearestCentroidScorer of(ClusterModel model) {
        Checks.notNull("model", model);
        return of(model.centroids().orElseThrow(() -> new IllegalArgumentException(
                model.getClass().getSimpleName() + " has no centroids; nearest-centroid scoring needs them")));
    }

    /** A scorer for the given centres. */
    public static NearestCentroidScorer of(Centroids centroids) {
        return new NearestCentroidScorer(Checks.notNull("centroids", centroids));
    }

    /** The number of centres. */
    @Override
    public int k() {
        return k;
    }

    /** The feature names, in the order a row must hold them. */
    @Override
    public List<String> columnNames() {
        return centroids.columnNames();
    }

    /** The centres. */
    public Centroids centroids() {
        return centroids;
    }

    /**
     * The nearest centre of one row. Allocates nothing (with the SIMD kernels: once the JIT has compiled them).
     *
     * @param row {@code dimension()} values. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public int assign(double[] row) {
        Checks.rowLength("row", row, d);
        return assignAt(row, 0, 0);
    }

    /**
     * The nearest centre of the row at {@code rows[offset .. offset + dimension())}. Allocates nothing (with the
     * SIMD kernels: once the JIT has compiled them).
     *
     * @param rows values. Not modified.
     * @param offset where the row starts
     * @throws IllegalArgumentException if a value is not finite
     * @throws IndexOutOfBoundsException if the row does not fit in the array
     */
    @Override
    public int assign(double[] rows, int offset) {
        Checks.notNull("rows", rows);
        if (offset < 0 || offset > rows.length - d) {
            throw new IndexOutOfBoundsException("A row of " + d + " values at offset " + offset
                    + " does not fit in an array of " + rows.length);
        }
        return assignAt(rows, offset, offset / Math.max(1, d));
    }

    private int assignAt(double[] x, int off, int rowIndex) {
        int label = CentroidKernel.nearestOne(x, off, prepared);
        if (label < 0) {
            throw invalidRow(x, off, rowIndex);
        }
        return label;
    }

    /**
     * The nearest centre of the row at {@code x[offset .. offset + dimension())} and its margin (see the class
     * comment), into {@code out}. Allocates nothing; the label is that of {@link #assign(double[], int)}.
     *
     * @throws IllegalArgumentException if a value is not finite or {@code out} has room for fewer than k segments
     * @throws IndexOutOfBoundsException if the row does not fit in the array
     */
    @Override
    public int assign(double[] x, int offset, Assignment out) {
        checkHolder(out);
        Checks.notNull("x", x);
        if (offset < 0 || offset > x.length - d) {
            throw new IndexOutOfBoundsException("A row of " + d + " values at offset " + offset
                    + " does not fit in an array of " + x.length);
        }
        int best = -1;
        double bestD = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        for (int cc = 0; cc < k; cc++) {
            double s = CentroidKernel.squaredDistance(x, offset, centres, cc * d, d);
            if (s < bestD) {
                second = bestD;
                bestD = s;
                best = cc;
            } else if (s < second) {
                second = s;
            }
        }
        if (best < 0) {
            throw invalidRow(x, offset, offset / Math.max(1, d));
        }
        out.set(best, Math.sqrt(second) - Math.sqrt(bestD));
        return best;
    }

    /** {@link ConfidenceKind#MARGIN}. */
    @Override
    public ConfidenceKind confidenceKind() {
        return ConfidenceKind.MARGIN;
    }

    /**
     * The distance gap between the runner-up and the nearest centre for one row. Allocates nothing.
     *
     * @param row {@code dimension()} values. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public double margin(double[] row) {
        Checks.rowLength("row", row, d);
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        for (int cc = 0; cc < k; cc++) {
            double s = CentroidKernel.squaredDistance(row, 0, centres, cc * d, d);
            if (s < best) {
                second = best;
                best = s;
            } else if (s < second) {
                second = s;
            }
        }
        if (!(best < Double.POSITIVE_INFINITY)) {
            throw invalidRow(row, 0, 0);
        }
        return Math.sqrt(second) - Math.sqrt(best);
    }

    /**
     * Assigns {@code nRows} row-major rows into the caller's array. Allocates nothing after the first call
     * on a thread.
     *
     * @param rows {@code nRows * dimension()} values, row-major. Not modified.
     * @param nRows the number of rows
     * @param out receives the labels in {@code out[0 .. nRows)}. Modified.
     * @throws IllegalArgumentException if the arrays are too short or a row has a non-finite value
     */
    @Override
    public void assign(double[] rows, int nRows, int[] out) {
        assign(rows, nRows, out, null);
    }

    /**
     * Assigns rows and reports each row's margin.
     *
     * @param rows {@code nRows * dimension()} values, row-major. Not modified.
     * @param nRows the number of rows
     * @param out receives the labels. Modified.
     * @param marginOut receives the margins in {@code marginOut[0 .. nRows)}, or {@code null}. Modified.
     * @throws IllegalArgumentException if the arrays are too short or a row has a non-finite value
     */
    public void assign(double[] rows, int nRows, int[] out, double[] marginOut) {
        checkBatch(rows, nRows, out);
        if (marginOut != null && marginOut.length < nRows) {
            throw new IllegalArgumentException("marginOut has " + marginOut.length + " slots for " + nRows + " rows");
        }
        run(rows, nRows, out, marginOut);
    }

    private void checkBatch(double[] rows, int nRows, int[] out) {
        Checks.notNull("rows", rows);
        Checks.notNull("out", out);
        if (nRows < 0 || (long) nRows * d > rows.length) {
            throw new IllegalArgumentException(nRows + " rows of " + d + " values do not fit in an array of "
                    + rows.length);
        }
        if (out.length < nRows) {
            throw new IllegalArgumentException("out has " + out.length + " slots for " + nRows + " rows");
        }
    }

    /** The labels of every row of a dataset with this scorer's columns. */
    public int[] assign(Dataset data) {
        Checks.notNull("data", data);
        int[] out = new int[data.rows()];
        assign(data, out);
        return out;
    }

    /**
     * Assigns every row of a dataset into the caller's array.
     *
     * @param data rows with this scorer's columns, in order. Not modified.
     * @param out receives the labels. Modified.
     * @throws IllegalArgumentException if the columns differ or {@code out} is too short
     */
    public void assign(Dataset data, int[] out) {
        Checks.notNull("data", data);
        checkColumns(data);
        assign(DatasetAccess.data(data), data.rows(), out, null);
    }

    /**
     * Assigns {@code nRows} row-major rows on a fork-join pool. The rows are cut into fixed chunks whose
     * boundaries depend on {@code nRows} alone (at least 4,096 rows each, at most 256 chunks), each chunk is
     * labelled by one task into its own slice of {@code out}, and every row's label is a function of that row
     * alone, so the labels are identical to {@link #assign(double[], int, int[])}'s whatever the pool and its
     * parallelism. A bad row gives the same exception as there: the first one in row order. After the first call
     * on each worker thread, allocates only the tasks (one per chunk).
     *
     * @param rows {@code nRows * dimension()} values, row-major. Not modified.
     * @param nRows the number of rows
     * @param out receives the labels in {@code out[0 .. nRows)}. Modified.
     * @param pool the pool that runs the chunks, or {@code null} to run them all in the calling thread (the calling
     *     thread also works when {@code pool} is the common pool)
     * @throws IllegalArgumentException if the arrays are too short or a row has a non-finite value
     * @since 0.1
     */
    public void assignParallel(double[] rows, int nRows, int[] out, ForkJoinPool pool) {
        checkBatch(rows, nRows, out);
        final int chunks = Parallel.chunks(nRows);
        final int[] invalid = new int[chunks];
        Parallel.forEachChunk(pool, chunks, c -> {
            int from = Parallel.chunkStart(c, nRows);
            int to = Parallel.chunkEnd(c, nRows);
            invalid[c] = CentroidKernel.nearestLabels(rows, from, to, prepared, out, from, scratch.get());
        });
        for (int c = 0; c < chunks; c++) {
            if (invalid[c] >= 0) {
                throw invalidRow(rows, invalid[c] * d, invalid[c]);
            }
        }
    }

    /**
     * The labels of every row of a dataset with this scorer's columns, computed on a fork-join pool; identical to
     * {@link #assign(Dataset)}'s (see {@link #assignParallel(double[], int, int[], ForkJoinPool)}).
     *
     * @param pool the pool, or {@code null} for the calling thread
     * @throws IllegalArgumentException if the columns differ or a row has a non-finite value
     * @since 0.1
     */
    public int[] assignParallel(Dataset data, ForkJoinPool pool) {
        Checks.notNull("data", data);
        checkColumns(data);
        int[] out = new int[data.rows()];
        assignParallel(DatasetAccess.data(data), data.rows(), out, pool);
        return out;
    }

    private void checkColumns(Dataset data) {
        if (!data.columnNames().equals(columnNames())) {
            throw new IllegalArgumentException("The scorer expects columns " + columnNames()
                    + " but the data have " + data.columnNames());
        }
    }

    private void run(double[] rows, int nRows, int[] out, double[] marginOut) {
        if (nRows == 0) {
            return;
        }
        CentroidKernel.Scratch s = scratch.get();
        int invalid;
        if (marginOut == null) {
            invalid = CentroidKernel.nearestLabels(rows, 0, nRows, prepared, out, 0, s);
        } else {
            double[] best = marginOut;
            double[] second = new double[Math.min(nRows, 1 << 16)];
            invalid = -1;
            for (int from = 0; from < nRows && invalid < 0; from += second.length) {
                int to = Math.min(nRows, from + second.length);
                invalid = CentroidKernel.nearest(rows, d, from, to, centres, k, out, from, best, from, second, s);
                for (int i = from; i < to; i++) {
                    best[i] = Math.sqrt(second[i - from]) - Math.sqrt(best[i]);
                }
            }
        }
        if (invalid >= 0) {
            throw invalidRow(rows, invalid * d, invalid);
        }
    }

    private IllegalArgumentException invalidRow(double[] x, int off, int row) {
        for (int j = 0; j < d; j++) {
            double v = x[off + j];
            if (v - v != 0) {
                return Checks.nonFinite("row", row, j, columnNames(), v);
            }
        }
        return new IllegalArgumentException("Row " + row + " is too far from every centre: the squared distances "
                + "overflow to infinity");
    }

    @Override
    public String toString() {
        return "NearestCentroidScorer[k=" + k + ", columns=" + columnNames() + "]";
    }
}
