/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.internal.CentroidKernel;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Condensed;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.DissimilarityAccess;

import java.util.Arrays;

/**
 * An immutable dendrogram over {@code n} leaves in SciPy's linkage-matrix form.
 *
 * <h2>The linkage matrix</h2>
 * {@code n - 1} rows {@code [a, b, height, size]}: row {@code i} merges clusters {@code a < b} at
 * {@code height} into a cluster of {@code size} leaves, which gets the id {@code n + i}; ids below
 * {@code n} are leaves. Rows are sorted by height (equal heights in the order the algorithm made them), as
 * SciPy's {@code linkage} returns them, except for {@link Linkage#CENTROID} and {@link Linkage#MEDIAN},
 * whose rows are in the order of the merges and may have inversions. The matrix is stored flat, row-major
 * ({@code 4 * (n - 1)} values).
 *
 * <h2>Cuts</h2>
 * {@link #cut(Cut)} gives flat clusters numbered as SciPy's {@code fcluster} numbers them, minus one (see
 * {@link Cut}); it runs in {@code O(n)}.
 *
 * <h2>Cophenetic correlation</h2>
 * The Pearson correlation between the original distances \( d_{ij} \) and the cophenetic distances
 * \( c_{ij} \) (the height of the merge that first joins \( i \) and \( j \)) over all pairs
 * \( i &lt; j \):
 * \[ r = \frac{\sum (d_{ij} - \bar d)(c_{ij} - \bar c)}{\sqrt{\sum (d_{ij} - \bar d)^2 \sum (c_{ij} - \bar c)^2}} , \]
 * SciPy's {@code cophenet(Z, Y)[0]}. It is computed in one pass over the pairs, merge by merge (the pairs
 * a merge joins all have the same cophenetic distance), with per-merge shifted sums combined by the
 * pairwise update of Chan, Golub and LeVeque, so that it needs {@code O(n)} memory and no cophenetic
 * matrix; the time is that of computing every pairwise distance once. It is NaN when every merge has the
 * same height or every distance is equal (the correlation is undefined; SciPy also returns NaN).
 *
 * <p>Thread-safe. {@link #equals} compares the matrices bit for bit.
 *
 * <p>References: R. R. Sokal, F. J. Rohlf, "The comparison of dendrograms by objective methods", Taxon
 * 11(2), 1962, doi:10.2307/1217208. T. F. Chan, G. H. Golub, R. J. LeVeque, "Algorithms for computing
 * the sample variance", The American Statistician 37(3), 1983, doi:10.1080/00031305.1983.10483115.
 *
 * @since 0.1
 */
public final class Dendrogram {
    private final int n;
    private final double[] z;

    private Dendrogram(int n, double[] z) {
        this.n = n;
        this.z = z;
    }

    /** A dendrogram over an array the library built itself (not copied, not validated). */
    static Dendrogram trusted(int n, double[] z) {
        return new Dendrogram(n, z);
    }

    /**
     * A dendrogram from a SciPy linkage matrix, validated as SciPy's {@code is_valid_linkage} does.
     *
     * @param linkageMatrix {@code n - 1} rows of four values. Not modified.
     * @return the dendrogram over {@code n} leaves
     * @throws IllegalArgumentException if the matrix is empty or ragged, an id is not an integer, refers to
     *     a cluster not yet formed or used twice, a height is negative or not finite, or a size is not the
     *     sum of the sizes merged
     */
    public static Dendrogram of(double[][] linkageMatrix) {
        Checks.notNull("linkageMatrix", linkageMatrix);
        int m = linkageMatrix.length;
        if (m < 1) {
            throw new IllegalArgumentException("A linkage matrix needs at least one row (two leaves)");
        }
        double[] flat = new double[4 * m];
        for (int r = 0; r < m; r++) {
            double[] row = linkageMatrix[r];
            if (row == null || row.length != 4) {
                throw new IllegalArgumentException("Row " + r + " of the linkage matrix must have 4 values but has "
                        + (row == null ? "none" : row.length));
            }
            System.arraycopy(row, 0, flat, 4 * r, 4);
        }
        return ofRowMajor(flat, m + 1);
    }

    /**
     * A dendrogram over {@code n} leaves from a flat row-major linkage matrix, validated.
     *
     * @param linkage {@code 4 * (n - 1)} values. Not modified.
     * @param n the number of leaves, at least 2
     * @throws IllegalArgumentException as {@link #of(double[][])}
     */
    public static Dendrogram ofRowMajor(double[] linkage, int n) {
        Checks.notNull("linkage", linkage);
        Checks.atLeast("n", n, 2);
        if (linkage.length != 4L * (n - 1)) {
            throw new IllegalArgumentException("A linkage matrix over " + n + " leaves has " + (4L * (n - 1))
                    + " values but " + linkage.length + " were given");
        }
        double[] z = linkage.clone();
        int[] sizes = new int[2 * n - 1];
        boolean[] used = new boolean[2 * n - 1];
        Arrays.fill(sizes, 0, n, 1);
        for (int r = 0; r < n - 1; r++) {
            int a = id(z, r, 0, n);
            int b = id(z, r, 1, n);
            if (a == b) {
                throw new IllegalArgumentException("Row " + r + " merges cluster " + a + " with itself");
            }
            double h = z[4 * r + 2];
            if (!(h >= 0 && h < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("Row " + r + " has height " + h + "; heights must be finite and >= 0");
            }
            for (int side = 0; side < 2; side++) {
                int c = side == 0 ? a : b;
                if (c >= n + r) {
                    throw new IllegalArgumentException("Row " + r + " uses cluster " + c + " before it is formed");
                }
                if (used[c]) {
                    throw new IllegalArgumentException("Row " + r + " uses cluster " + c + " a second time");
                }
                used[c] = true;
            }
            double size = z[4 * r + 3];
            int expected = sizes[a] + sizes[b];
            if (size != expected) {
                throw new IllegalArgumentException("Row " + r + " has size " + size + " but merges " + sizes[a] + " + "
                        + sizes[b] + " leaves");
            }
            sizes[n + r] = expected;
        }
        return new Dendrogram(n, z);
    }

    private static int id(double[] z, int r, int col, int n) {
        double v = z[4 * r + col];
        if (!(v >= 0 && v < 2 * n - 1) || v != Math.rint(v)) {
            throw new IllegalArgumentException("Row " + r + ", column " + col + " holds " + v
                    + "; cluster ids must be integers in [0, " + (2 * n - 1) + ")");
        }
        return (int) v;
    }

    /** The number of leaves. */
    public int leaves() {
        return n;
    }

    /** The number of merges, {@code leaves() - 1}. */
    public int merges() {
        return n - 1;
    }

    /** The smaller cluster id merged by row {@code r}. */
    public int left(int r) {
        return (int) z[4 * checkRow(r)];
    }

    /** The larger cluster id merged by row {@code r}. */
    public int right(int r) {
        return (int) z[4 * checkRow(r) + 1];
    }

    /** The height of merge {@code r}. */
    public double height(int r) {
        return z[4 * checkRow(r) + 2];
    }

    /** The number of leaves under merge {@code r}. */
    public int size(int r) {
        return (int) z[4 * checkRow(r) + 3];
    }

    private int checkRow(int r) {
        if (r < 0 || r >= n - 1) {
            throw new IndexOutOfBoundsException("merge " + r + " is out of range [0, " + (n - 1) + ")");
        }
        return r;
    }

    /** A copy of the merge heights, in row order. */
    public double[] heights() {
        double[] out = new double[n - 1];
        for (int r = 0; r < n - 1; r++) {
            out[r] = z[4 * r + 2];
        }
        return out;
    }

    /** A copy of the linkage matrix ({@code n - 1} rows of {@code [a, b, height, size]}). */
    public double[][] linkageMatrix() {
        double[][] out = new double[n - 1][];
        for (int r = 0; r < n - 1; r++) {
            out[r] = Arrays.copyOfRange(z, 4 * r, 4 * r + 4);
        }
        return out;
    }

    /** A copy of the linkage matrix, flat and row-major. */
    public double[] toRowMajorArray() {
        return z.clone();
    }

    /** Whether no merge is lower than an earlier one (always true for reducible linkages). */
    public boolean isMonotonic() {
        for (int r = 1; r < n - 1; r++) {
            if (z[4 * r + 2] < z[4 * (r - 1) + 2]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The leaves in the order a depth-first walk from the root meets them, left child first: SciPy's
     * {@code leaves_list(Z)}, the order of a drawn dendrogram's leaves.
     */
    public int[] leafOrder() {
        return leafOrder(starts());
    }

    /** The leaves by position, from the positions of {@link #starts()}. */
    private int[] leafOrder(int[] start) {
        int[] order = new int[n];
        for (int leaf = 0; leaf < n; leaf++) {
            order[start[leaf]] = leaf;
        }
        return order;
    }

    /** The position of every node's first leaf in {@link #leafOrder()}, indexed by node id. */
    private int[] starts() {
        int[] start = new int[2 * n - 1];
        for (int r = n - 2; r >= 0; r--) {
            int a = (int) z[4 * r];
            int b = (int) z[4 * r + 1];
            int s = start[n + r];
            start[a] = s;
            start[b] = s + nodeSize(a);
        }
        return start;
    }

    private int nodeSize(int id) {
        return id < n ? 1 : (int) z[4 * (id - n) + 3];
    }

    /** The number of clusters a cut gives. */
    public int clusterCount(Cut cut) {
        return clusterCount(cut(cut));
    }

    /** The number of clusters of the labels of a cut, which are {@code 0 .. k-1}. */
    static int clusterCount(int[] labels) {
        int k = 0;
        for (int i = 0; i < labels.length; i++) {
            k = Math.max(k, labels[i] + 1);
        }
        return k;
    }

    /**
     * Flat clusters: one label per leaf, in {@code [0, k)}, numbered as SciPy's {@code fcluster} numbers
     * them minus one.
     *
     * @throws IllegalArgumentException if a cut into {@code k} clusters asks for more than {@code n}
     */
    public int[] cut(Cut cut) {
        Checks.notNull("cut", cut);
        double[] crit = new double[n - 1];
        double cutoff;
        if (cut.kind() == Cut.Kind.CLUSTERS) {
            int k = cut.clusters();
            if (k > n) {
                throw new IllegalArgumentException("k = " + k + " clusters were asked of a dendrogram over only "
                        + n + " leaves");
            }
            for (int r = 0; r < n - 1; r++) {
                crit[r] = r;
            }
            cutoff = n - k - 1;
        } else {
            // The highest merge in each subtree (children come before their parents).
            for (int r = 0; r < n - 1; r++) {
                double m = z[4 * r + 2];
                int a = (int) z[4 * r];
                int b = (int) z[4 * r + 1];
                if (a >= n) {
                    m = Math.max(m, crit[a - n]);
                }
                if (b >= n) {
                    m = Math.max(m, crit[b - n]);
                }
                crit[r] = m;
            }
            cutoff = cut.height();
        }
        return monocrit(crit, cutoff);
    }

    /**
     * Labels the maximal subtrees whose criterion is at most {@code cutoff}, and every other leaf alone,
     * numbering clusters as SciPy's {@code cluster_monocrit}: a depth-first walk from the root that enters
     * the left child, then the right child, and labels a node's leaf children after both of its subtrees.
     */
    private int[] monocrit(double[] crit, double cutoff) {
        int[] labels = new int[n];
        boolean[] visited = new boolean[2 * n - 1];
        int[] stack = new int[n];
        int top = 0;
        stack[0] = 2 * n - 2;
        int clusters = 0;
        int leader = -1;
        while (top >= 0) {
            int root = stack[top] - n;
            int a = (int) z[4 * root];
            int b = (int) z[4 * root + 1];
            if (leader == -1 && crit[root] <= cutoff) {
                leader = root;
                clusters++;
            }
            if (a >= n && !visited[a]) {
                visited[a] = true;
                stack[++top] = a;
                continue;
            }
            if (b >= n && !visited[b]) {
                visited[b] = true;
                stack[++top] = b;
                continue;
            }
            if (a < n) {
                if (leader == -1) {
                    clusters++;
                }
                labels[a] = clusters - 1;
            }
            if (b < n) {
                if (leader == -1) {
                    clusters++;
                }
                labels[b] = clusters - 1;
            }
            if (leader == root) {
                leader = -1;
            }
            top--;
        }
        return labels;
    }

    /**
     * The cophenetic correlation against the Euclidean distances between the rows of {@code data}, which
     * must be the leaves this dendrogram was built on, in order (SciPy's {@code cophenet(Z, pdist(X))[0]}).
     *
     * @param data {@code leaves()} rows. Not modified.
     * @throws IllegalArgumentException if the row count differs from the number of leaves
     */
    public double copheneticCorrelation(Dataset data) {
        Checks.notNull("data", data);
        if (data.rows() != n) {
            throw new IllegalArgumentException("The dendrogram has " + n + " leaves but the data have " + data.rows()
                    + " rows");
        }
        final double[] x = DatasetAccess.data(data);
        final int d = data.cols();
        return cophenetic((i, j) -> Math.sqrt(CentroidKernel.squaredDistance(x, i * d, x, j * d, d)));
    }

    /**
     * The cophenetic correlation against precomputed dissimilarities between the leaves (SciPy's
     * {@code cophenet(Z, y)[0]}).
     *
     * @param dissimilarities over the {@code leaves()} leaves, in order. Not modified.
     * @throws IllegalArgumentException if the matrix's size differs from the number of leaves
     */
    public double copheneticCorrelation(DissimilarityMatrix dissimilarities) {
        Checks.notNull("dissimilarities", dissimilarities);
        if (dissimilarities.size() != n) {
            throw new IllegalArgumentException("The dendrogram has " + n + " leaves but the dissimilarity matrix "
                    + dissimilarities.size() + " items");
        }
        final double[] condensed = DissimilarityAccess.condensed(dissimilarities);
        final int[] rowStart = Condensed.rowStarts(n);
        return cophenetic((i, j) -> i < j ? condensed[rowStart[i] + j] : condensed[rowStart[j] + i]);
    }

    /** A distance between two leaves. */
    private interface PairDistance {
        double between(int i, int j);
    }

    private double cophenetic(PairDistance dist) {
        int[] start = starts();
        int[] order = leafOrder(start);
        final int m = n - 1;
        double[] count = new double[m];
        double[] mean = new double[m];
        double[] m2 = new double[m];
        for (int r = 0; r < m; r++) {
            int a = (int) z[4 * r];
            int b = (int) z[4 * r + 1];
            int sa = start[a];
            int na = nodeSize(a);
            int sb = start[b];
            int nb = nodeSize(b);
            double shift = dist.between(order[sa], order[sb]);
            double s1 = 0;
            double s2 = 0;
            for (int p = sa; p < sa + na; p++) {
                int i = order[p];
                for (int q = sb; q < sb + nb; q++) {
                    double t = dist.between(i, order[q]) - shift;
                    s1 += t;
                    s2 += t * t;
                }
            }
            double cnt = (double) na * nb;
            count[r] = cnt;
            mean[r] = shift + s1 / cnt;
            m2[r] = Math.max(0, s2 - s1 * s1 / cnt);
        }
        double total = 0;
        double sumY = 0;
        double sumC = 0;
        for (int r = 0; r < m; r++) {
            total += count[r];
            sumY += count[r] * mean[r];
            sumC += count[r] * z[4 * r + 2];
        }
        double meanY = sumY / total;
        double meanC = sumC / total;
        double syy = 0;
        double scc = 0;
        double syc = 0;
        for (int r = 0; r < m; r++) {
            double dy = mean[r] - meanY;
            double dc = z[4 * r + 2] - meanC;
            syy += m2[r] + count[r] * dy * dy;
            scc += count[r] * dc * dc;
            syc += count[r] * dy * dc;
        }
        double denominator = Math.sqrt(syy * scc);
        return denominator > 0 ? syc / denominator : Double.NaN;
    }

    /** Bit-for-bit equality of the linkage matrices. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Dendrogram && ((Dendrogram) o).n == n && Arrays.equals(((Dendrogram) o).z, z);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(z);
    }

    @Override
    public String toString() {
        return "Dendrogram[leaves=" + n + ", top height=" + (n > 1 ? z[4 * (n - 2) + 2] : 0) + "]";
    }
}
