/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

/**
 * The merges of an agglomerative run, in the order the algorithm made them, and their conversion to a
 * SciPy linkage matrix. Not API.
 *
 * <p>Algorithms that merge out of height order (the NN-chain, Prim's MST) record each merge by the
 * <em>slots</em> (row positions) of the two clusters; {@link #toSortedDendrogram} then sorts the merges
 * by height with a stable sort (SciPy's {@code argsort(kind='mergesort')}) and names the clusters with a
 * union-find, exactly as SciPy's {@code _hierarchy.label}: the cluster formed by sorted merge {@code i} is
 * {@code n + i}, the smaller id comes first, and the size is the number of leaves.
 */
final class MergeLog {
    final int n;
    final int[] a;
    final int[] b;
    final double[] h;
    private int count;

    MergeLog(int n) {
        this.n = n;
        int m = Math.max(0, n - 1);
        this.a = new int[m];
        this.b = new int[m];
        this.h = new double[m];
    }

    void add(int x, int y, double height) {
        a[count] = x;
        b[count] = y;
        h[count] = height;
        count++;
    }

    /** Sorts by height (stable), relabels with a union-find and returns the linkage matrix. */
    Dendrogram toSortedDendrogram() {
        final int m = n - 1;
        int[] order = stableOrderByHeight(h, m);
        int[] parent = new int[2 * n - 1];
        int[] sz = new int[2 * n - 1];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            sz[i] = 1;
        }
        double[] z = new double[4 * m];
        int next = n;
        for (int r = 0; r < m; r++) {
            int k = order[r];
            int xr = find(parent, a[k]);
            int yr = find(parent, b[k]);
            int lo = Math.min(xr, yr);
            int hi = Math.max(xr, yr);
            parent[xr] = next;
            parent[yr] = next;
            sz[next] = sz[xr] + sz[yr];
            z[4 * r] = lo;
            z[4 * r + 1] = hi;
            z[4 * r + 2] = h[k];
            z[4 * r + 3] = sz[next];
            next++;
        }
        return Dendrogram.trusted(n, z);
    }

    /** The linkage matrix of merges already recorded with cluster ids, in the order made (no sorting). */
    Dendrogram toDendrogramAsRecorded(int[] sizes) {
        final int m = n - 1;
        double[] z = new double[4 * m];
        for (int r = 0; r < m; r++) {
            z[4 * r] = a[r];
            z[4 * r + 1] = b[r];
            z[4 * r + 2] = h[r];
            z[4 * r + 3] = sizes[r];
        }
        return Dendrogram.trusted(n, z);
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        int p = x;
        while (parent[p] != root) {
            int next = parent[p];
            parent[p] = root;
            p = next;
        }
        return root;
    }

    /** Indices {@code 0..m-1} ordered by {@code h}, equal heights keeping their order (a merge sort). */
    static int[] stableOrderByHeight(double[] h, int m) {
        int[] idx = new int[m];
        for (int i = 0; i < m; i++) {
            idx[i] = i;
        }
        int[] tmp = new int[m];
        for (int width = 1; width < m; width *= 2) {
            for (int lo = 0; lo < m - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, m);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // Take from the right only when strictly smaller: stable.
                    if (h[idx[j]] < h[idx[i]]) {
                        tmp[k++] = idx[j++];
                    } else {
                        tmp[k++] = idx[i++];
                    }
                }
                while (i < mid) {
                    tmp[k++] = idx[i++];
                }
                while (j < hi) {
                    tmp[k++] = idx[j++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
        return idx;
    }
}
