/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.FitControl;
import dev.segmentation.core.Progress;
import dev.segmentation.core.internal.Condensed;
import dev.segmentation.core.internal.Parallel;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

/**
 * Agglomerative algorithms on a condensed distance matrix, each the algorithm SciPy 1.10 runs for the
 * linkage, with the same scan order, tie rules and update formulas, so that equal input distances give
 * the same linkage matrix. Not API.
 *
 * <h2>Layout</h2>
 * The condensed matrix holds \( d_{ij}, i &lt; j \), row by row: {@code D[rowStart[i] + j]} with
 * {@code rowStart[i] = i n - i (i + 1) / 2 - i - 1}. A Java array holds at most {@code 2^31 - 1} values,
 * so {@code n <= 65536}.
 *
 * <h2>Invariants of the NN-chain</h2>
 * Cluster slots are the leaf indices; merging {@code x < y} keeps the union in slot {@code y} and retires
 * {@code x}; the active slots are kept in increasing order in {@code active}, so that scanning them visits
 * the clusters in SciPy's order and strict {@code <} keeps its first minimum. The previous element of the
 * chain is preferred on ties, which rules out cycles.
 *
 * <p>References: D. Müllner, "Modern hierarchical, agglomerative clustering algorithms",
 * arXiv:1109.2378 (2011); F. Murtagh, "A survey of recent advances in hierarchical clustering algorithms",
 * The Computer Journal 26(4), 1983, doi:10.1093/comjnl/26.4.354; R. C. Prim, "Shortest connection
 * networks and some generalizations", Bell System Technical Journal 36(6), 1957,
 * doi:10.1002/j.1538-7305.1957.tb01515.x.
 */
final class MatrixLinkage {
    /** Merges between two progress reports (and cancellation checks). */
    private static final int REPORT_EVERY = 256;

    private MatrixLinkage() {
    }

    /**
     * The condensed Euclidean distance matrix of the rows, each distance summed over features in order
     * and then rooted. Rows are processed in fixed blocks; every entry is computed independently, so the
     * result does not depend on the pool.
     */
    static double[] condensed(double[] x, int n, int d, ForkJoinPool pool, FitControl control) {
        final double[] out = new double[(int) ((long) n * (n - 1) / 2)];
        final int[] rowStart = Condensed.rowStarts(n);
        final double[][] xt = transpose(x, n, d);
        // Blocks of rows with about equal numbers of entries (the triangle thins out).
        final int[] bounds = Condensed.rowBlocks(n, 64);
        Parallel.forEachChunk(pool, bounds.length - 1, blk -> {
            final double[] acc = new double[n];
            for (int i = bounds[blk]; i < bounds[blk + 1]; i++) {
                if ((i & 63) == 0) {
                    control.checkCancelled("distance matrix, row " + i);
                }
                final int from = i + 1;
                squaredDistances(xt, d, x, i * d, from, n, acc);
                final int base = rowStart[i];
                for (int p = from; p < n; p++) {
                    out[base + p] = Math.sqrt(acc[p]);
                }
            }
        });
        return out;
    }

    /**
     * A transposed copy of {@code n} rows of {@code d} values: one array per feature, indexed by row, so
     * that a pass over many rows runs with unit stride.
     */
    static double[][] transpose(double[] x, int n, int d) {
        final double[][] xt = new double[d][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                xt[j][i] = x[i * d + j];
            }
        }
        return xt;
    }

    /**
     * {@code acc[p] = ||xt[.][p] - q||^2} for {@code p} in {@code [from, to)}, with the query at
     * {@code q[qOff .. qOff+d)}: every distance of this package, summed over features in order. Four features
     * are added per pass over {@code acc}, left to right, so the sums are those of a plain loop (and of the earlier
     * two-per-pass version) bit for bit; the JIT vectorises each pass over {@code p}, and fewer passes mean fewer
     * loads and stores of {@code acc}. A column holding NaN (a retired Ward slot) gives NaN.
     *
     * @param acc receives the squared distances. Modified.
     */
    static void squaredDistances(double[][] xt, int d, double[] q, int qOff, int from, int to, double[] acc) {
        int j;
        if (d >= 4) {
            final double[] c0 = xt[0];
            final double[] c1 = xt[1];
            final double[] c2 = xt[2];
            final double[] c3 = xt[3];
            final double v0 = q[qOff];
            final double v1 = q[qOff + 1];
            final double v2 = q[qOff + 2];
            final double v3 = q[qOff + 3];
            for (int p = from; p < to; p++) {
                double t0 = c0[p] - v0;
                double t1 = c1[p] - v1;
                double t2 = c2[p] - v2;
                double t3 = c3[p] - v3;
                acc[p] = ((t0 * t0 + t1 * t1) + t2 * t2) + t3 * t3;
            }
            j = 4;
        } else {
            final double[] c0 = xt[0];
            final double v0 = q[qOff];
            for (int p = from; p < to; p++) {
                double t = c0[p] - v0;
                acc[p] = t * t;
            }
            j = 1;
        }
        for (; j + 3 < d; j += 4) {
            final double[] c0 = xt[j];
            final double[] c1 = xt[j + 1];
            final double[] c2 = xt[j + 2];
            final double[] c3 = xt[j + 3];
            final double v0 = q[qOff + j];
            final double v1 = q[qOff + j + 1];
            final double v2 = q[qOff + j + 2];
            final double v3 = q[qOff + j + 3];
            for (int p = from; p < to; p++) {
                double t0 = c0[p] - v0;
                double t1 = c1[p] - v1;
                double t2 = c2[p] - v2;
                double t3 = c3[p] - v3;
                acc[p] = (((acc[p] + t0 * t0) + t1 * t1) + t2 * t2) + t3 * t3;
            }
        }
        for (; j < d; j++) {
            final double[] cj = xt[j];
            final double vj = q[qOff + j];
            for (int p = from; p < to; p++) {
                double t = cj[p] - vj;
                acc[p] += t * t;
            }
        }
    }

    /**
     * SciPy's {@code nn_chain} for the reducible linkages on a condensed matrix, which it overwrites.
     *
     * @return the merges by slot, in the order made
     */
    static MergeLog nnChain(double[] dist, int n, Linkage linkage, FitControl control) {
        final int[] rowStart = Condensed.rowStarts(n);
        final double[] size = new double[n];
        Arrays.fill(size, 1);
        // Active slots in increasing order.
        final int[] active = new int[n];
        for (int i = 0; i < n; i++) {
            active[i] = i;
        }
        int nActive = n;
        final int[] chain = new int[n];
        int chainLength = 0;
        MergeLog log = new MergeLog(n);
        String name = "hierarchical (" + linkage.scipyName() + ", nn-chain)";
        for (int k = 0; k < n - 1; k++) {
            if (chainLength == 0) {
                chain[0] = active[0];
                chainLength = 1;
            }
            int x;
            int y = -1;
            double currentMin;
            while (true) {
                x = chain[chainLength - 1];
                if (chainLength > 1) {
                    y = chain[chainLength - 2];
                    currentMin = x < y ? dist[rowStart[x] + y] : dist[rowStart[y] + x];
                } else {
                    currentMin = Double.POSITIVE_INFINITY;
                }
                final int rx = rowStart[x];
                int p = 0;
                // Slots below x: column x of the upper triangle.
                for (; p < nActive; p++) {
                    int i = active[p];
                    if (i >= x) {
                        break;
                    }
                    double v = dist[rowStart[i] + x];
                    if (v < currentMin) {
                        currentMin = v;
                        y = i;
                    }
                }
                // Slots above x: row x, contiguous.
                for (; p < nActive; p++) {
                    int i = active[p];
                    if (i == x) {
                        continue;
                    }
                    double v = dist[rx + i];
                    if (v < currentMin) {
                        currentMin = v;
                        y = i;
                    }
                }
                if (chainLength > 1 && y == chain[chainLength - 2]) {
                    break;
                }
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            if (x > y) {
                int t = x;
                x = y;
                y = t;
            }
            final double nx = size[x];
            final double ny = size[y];
            log.add(x, y, currentMin);
            size[x] = 0;
            size[y] = nx + ny;
            nActive = remove(active, nActive, x);
            final int rx = rowStart[x];
            final int ry = rowStart[y];
            for (int p = 0; p < nActive; p++) {
                int i = active[p];
                if (i == y) {
                    continue;
                }
                int ix = i < x ? rowStart[i] + x : rx + i;
                int iy = i < y ? rowStart[i] + y : ry + i;
                dist[iy] = linkage.update(dist[ix], dist[iy], currentMin, nx, ny, size[i]);
            }
            report(control, name, k, n, currentMin);
        }
        return log;
    }

    /** SciPy's {@code mst_single_linkage} (Prim's algorithm from leaf 0) on a condensed matrix. */
    static MergeLog mst(double[] dist, int n, FitControl control) {
        final int[] rowStart = Condensed.rowStarts(n);
        final double[] best = new double[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        final int[] open = new int[n];
        for (int i = 0; i < n; i++) {
            open[i] = i;
        }
        int nOpen = n;
        MergeLog log = new MergeLog(n);
        int x = 0;
        int y = 0;
        for (int k = 0; k < n - 1; k++) {
            nOpen = remove(open, nOpen, x);
            double currentMin = Double.POSITIVE_INFINITY;
            final int rx = rowStart[x];
            for (int p = 0; p < nOpen; p++) {
                int i = open[p];
                double v = i < x ? dist[rowStart[i] + x] : dist[rx + i];
                if (best[i] > v) {
                    best[i] = v;
                }
                if (best[i] < currentMin) {
                    y = i;
                    currentMin = best[i];
                }
            }
            log.add(x, y, currentMin);
            x = y;
            report(control, "hierarchical (single, mst)", k, n, currentMin);
        }
        return log;
    }

    /**
     * SciPy's {@code fast_linkage}, Müllner's generic algorithm with a heap of nearest-neighbour candidates,
     * for the linkages that are not reducible (centroid, median). It records merges by cluster id in the
     * order made, unsorted, as SciPy does. Overwrites {@code dist}.
     */
    static Dendrogram generic(double[] dist, int n, Linkage linkage, FitControl control) {
        final int[] rowStart = Condensed.rowStarts(n);
        final int[] size = new int[n];
        Arrays.fill(size, 1);
        final int[] clusterId = new int[n];
        for (int i = 0; i < n; i++) {
            clusterId[i] = i;
        }
        final int[] neighbor = new int[n - 1];
        final double[] minDist = new double[n - 1];
        for (int x = 0; x < n - 1; x++) {
            int y = findMin(dist, rowStart, size, n, x);
            neighbor[x] = y;
            minDist[x] = dist[rowStart[x] + y];
        }
        IndexedHeap heap = new IndexedHeap(minDist);
        MergeLog log = new MergeLog(n);
        int[] sizes = new int[n - 1];
        String name = "hierarchical (" + linkage.scipyName() + ", generic)";
        for (int k = 0; k < n - 1; k++) {
            int x = 0;
            int y = 0;
            double d = 0;
            for (int i = 0; i < n - k; i++) {
                x = heap.minKey();
                d = heap.minValue();
                y = neighbor[x];
                if (d == dist[rowStart[x] + y]) {
                    break;
                }
                y = findMin(dist, rowStart, size, n, x);
                d = dist[rowStart[x] + y];
                neighbor[x] = y;
                minDist[x] = d;
                heap.changeValue(x, d);
            }
            heap.removeMin();
            int idX = clusterId[x];
            int idY = clusterId[y];
            int nx = size[x];
            int ny = size[y];
            if (idX > idY) {
                int t = idX;
                idX = idY;
                idY = t;
            }
            log.add(idX, idY, d);
            sizes[k] = nx + ny;
            size[x] = 0;
            size[y] = nx + ny;
            clusterId[y] = n + k;
            for (int z = 0; z < n; z++) {
                int nz = size[z];
                if (nz == 0 || z == y) {
                    continue;
                }
                int zx = z < x ? rowStart[z] + x : rowStart[x] + z;
                int zy = z < y ? rowStart[z] + y : rowStart[y] + z;
                dist[zy] = linkage.update(dist[zx], dist[zy], d, nx, ny, nz);
            }
            for (int z = 0; z < x; z++) {
                if (size[z] > 0 && neighbor[z] == x) {
                    neighbor[z] = y;
                }
            }
            for (int z = 0; z < y; z++) {
                if (size[z] == 0) {
                    continue;
                }
                double v = dist[rowStart[z] + y];
                if (v < minDist[z]) {
                    neighbor[z] = y;
                    minDist[z] = v;
                    heap.changeValue(z, v);
                }
            }
            if (y < n - 1) {
                int z = findMin(dist, rowStart, size, n, y);
                neighbor[y] = z;
                minDist[y] = dist[rowStart[y] + z];
                heap.changeValue(y, minDist[y]);
            }
            report(control, name, k, n, d);
        }
        return log.toDendrogramAsRecorded(sizes);
    }

    /** The active cluster above {@code x} nearest to it (first on ties). */
    private static int findMin(double[] dist, int[] rowStart, int[] size, int n, int x) {
        double current = Double.POSITIVE_INFINITY;
        int y = -1;
        final int rx = rowStart[x];
        for (int i = x + 1; i < n; i++) {
            if (size[i] == 0) {
                continue;
            }
            double v = dist[rx + i];
            if (v < current) {
                current = v;
                y = i;
            }
        }
        if (y < 0) {
            // Only possible if every remaining distance is +Inf or NaN, which the input checks exclude.
            throw new IllegalStateException("No finite distance from cluster slot " + x);
        }
        return y;
    }

    /** Removes {@code v} from the sorted prefix {@code a[0, len)}; returns the new length. */
    static int remove(int[] a, int len, int v) {
        int lo = 0;
        int hi = len - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else if (a[mid] > v) {
                hi = mid - 1;
            } else {
                System.arraycopy(a, mid + 1, a, mid, len - mid - 1);
                return len - 1;
            }
        }
        return len;
    }

    static void report(FitControl control, String name, int k, int n, double height) {
        if ((k + 1) % REPORT_EVERY == 0 || k == n - 2) {
            control.checkpoint(new Progress(name, 0, 1, k + 1, n - 1, height));
        }
    }

    /**
     * A binary min-heap over keys {@code 0..m-1} with a value each, changeable by key: children of slot
     * {@code i} at {@code 2i + 1} and {@code 2i + 2}, built bottom-up, with the sift rules of SciPy's
     * {@code Heap} (a child replaces its parent only when strictly smaller; the right child is chosen only
     * when strictly smaller than the left), so that ties resolve as there.
     */
    static final class IndexedHeap {
        private final int[] indexByKey;
        private final int[] keyByIndex;
        private final double[] values;
        private int size;

        IndexedHeap(double[] initial) {
            size = initial.length;
            indexByKey = new int[size];
            keyByIndex = new int[size];
            values = initial.clone();
            for (int i = 0; i < size; i++) {
                indexByKey[i] = i;
                keyByIndex[i] = i;
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        int minKey() {
            return keyByIndex[0];
        }

        double minValue() {
            return values[0];
        }

        void removeMin() {
            swap(0, size - 1);
            size--;
            siftDown(0);
        }

        void changeValue(int key, double value) {
            int index = indexByKey[key];
            double old = values[index];
            values[index] = value;
            if (value < old) {
                siftUp(index);
            } else {
                siftDown(index);
            }
        }

        private void siftUp(int index) {
            int parent = (index - 1) >> 1;
            while (index > 0 && values[parent] > values[index]) {
                swap(index, parent);
                index = parent;
                parent = (index - 1) >> 1;
            }
        }

        private void siftDown(int index) {
            int child = 2 * index + 1;
            while (child < size) {
                if (child + 1 < size && values[child + 1] < values[child]) {
                    child++;
                }
                if (values[index] > values[child]) {
                    swap(index, child);
                    index = child;
                    child = 2 * index + 1;
                } else {
                    break;
                }
            }
        }

        private void swap(int i, int j) {
            double v = values[i];
            values[i] = values[j];
            values[j] = v;
            int ki = keyByIndex[i];
            int kj = keyByIndex[j];
            keyByIndex[i] = kj;
            keyByIndex[j] = ki;
            indexByKey[ki] = j;
            indexByKey[kj] = i;
        }
    }
}
