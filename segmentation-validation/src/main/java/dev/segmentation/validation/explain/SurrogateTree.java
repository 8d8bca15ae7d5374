/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.explain;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Readable rules per segment: a shallow classification tree (CART with Gini impurity) trained to reproduce a
 * segmentation from the features in raw units, with its fidelity, the share of customers on which the rules
 * and the segmentation agree.
 * <pre>{@code
 * SurrogateTree.Model tree = SurrogateTree.builder().maxDepth(3).build().fit(rfmRaw, model.trainingLabels());
 * tree.fidelity();                  // 0.91: the rules reproduce 91% of the assignments
 * tree.rulesFor(2);                 // [recency_days <= 30.5 AND monetary > 2400.5 -> segment 2 ...]
 * }</pre>
 *
 * <h2>Method</h2>
 * The tree is grown greedily from the root. At a node with rows R, every feature j and every threshold t
 * between two consecutive distinct values of \( x_j \) in R (their midpoint, as in scikit-learn) is tried, and
 * the split with the lowest weighted Gini impurity
 * \[ |L| \, G(L) + |R \setminus L| \, G(R \setminus L), \qquad G(S) = 1 - \sum_c p_c(S)^2 , \]
 * is kept, provided it lowers the node's own \( |R| \, G(R) \) and leaves at least {@code minLeafSize} rows on
 * each side; ties go to the lowest feature index, then the lowest threshold. A node becomes a leaf at
 * {@code maxDepth}, when it is pure, or when no split qualifies; it predicts its most frequent segment (the
 * lowest label on ties). The fit is deterministic: no randomness is involved. Each leaf becomes one rule, the
 * conjunction of the conditions on its path with repeated conditions on a feature merged into the tightest
 * bound; a segment can have several rules, or none when the tree never predicts it.
 *
 * <p>A shallow tree cannot draw the oblique boundaries of a nearest-centroid model exactly, so fidelity below 1
 * is expected; read the rules as a description whose accuracy is the fidelity, not as the model. Rows
 * labelled -1 (noise) are left out of the fit.
 *
 * <p>Bad input: labels of the wrong length or below -1, every row noise, fewer than two segments: {@link
 * IllegalArgumentException}. Cost \( O(\mathrm{depth} \cdot d \, n \log n) \). Immutable and thread-safe.
 *
 * <p>Reference: L. Breiman, J. Friedman, R. Olshen, C. Stone, Classification and Regression Trees (1984);
 * M. Craven, J. Shavlik, "Extracting tree-structured representations of trained networks", NIPS 1995.
 *
 * @since 0.1
 */
public final class SurrogateTree {
    private final int maxDepth;
    private final int minLeafSize;

    private SurrogateTree(int maxDepth, int minLeafSize) {
        this.maxDepth = maxDepth;
        this.minLeafSize = minLeafSize;
    }

    /** A builder with depth 3 and at least 1% of the rows (and 1 row) per leaf. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fits the tree to a segmentation.
     *
     * @param features the rows, preferably in raw units so that the thresholds read naturally. Not modified.
     * @param labels the segment of each row, {@code >= 0} or -1 to leave it out. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public Model fit(Dataset features, int[] labels) {
        Checks.notNull("features", features);
        Labels.checkLength(labels, features);
        Labels.Encoded enc = Labels.encodeClusters(labels);
        if (enc.assigned == 0) {
            throw new IllegalArgumentException("Every row is labelled noise (-1): there is nothing to explain");
        }
        if (enc.k < 2) {
            throw new IllegalArgumentException("A surrogate tree needs at least 2 segments but the labels hold "
                    + enc.k);
        }
        int d = features.cols();
        double[] x = DatasetAccess.data(features);
        int[] rows = new int[enc.assigned];
        for (int i = 0, q = 0; i < labels.length; i++) {
            if (enc.codes[i] >= 0) {
                rows[q++] = i;
            }
        }
        int minLeaf = minLeafSize > 0 ? minLeafSize : Math.max(1, (int) Math.round(0.01 * enc.assigned));
        Grower g = new Grower(x, d, enc.codes, enc.k, minLeaf, maxDepth);
        Node root = g.grow(rows, 0);
        int agree = 0;
        for (int t = 0; t < rows.length; t++) {
            if (predictCode(root, x, rows[t] * d) == enc.codes[rows[t]]) {
                agree++;
            }
        }
        return new Model(root, features.columnNames(), enc.values.clone(), (double) agree / rows.length,
                rows.length);
    }

    static int predictCode(Node root, double[] x, int off) {
        Node node = root;
        while (!node.isLeaf()) {
            node = x[off + node.feature] <= node.threshold ? node.left : node.right;
        }
        return node.prediction;
    }

    /** A tree node: a split (feature, threshold, children) or a leaf (prediction). */
    static final class Node {
        final int feature;
        final double threshold;
        final Node left;
        final Node right;
        final int prediction;
        final long support;
        final long correct;

        Node(int feature, double threshold, Node left, Node right, int prediction, long support, long correct) {
            this.feature = feature;
            this.threshold = threshold;
            this.left = left;
            this.right = right;
            this.prediction = prediction;
            this.support = support;
            this.correct = correct;
        }

        boolean isLeaf() {
            return left == null;
        }
    }

    /** The greedy CART growth over index sets. */
    private static final class Grower {
        private final double[] x;
        private final int d;
        private final int[] y;
        private final int k;
        private final int minLeaf;
        private final int maxDepth;

        Grower(double[] x, int d, int[] y, int k, int minLeaf, int maxDepth) {
            this.x = x;
            this.d = d;
            this.y = y;
            this.k = k;
            this.minLeaf = minLeaf;
            this.maxDepth = maxDepth;
        }

        Node grow(int[] rows, int depth) {
            int n = rows.length;
            long[] counts = new long[k];
            for (int t = 0; t < n; t++) {
                counts[y[rows[t]]]++;
            }
            int majority = 0;
            long sq = 0;
            for (int c = 0; c < k; c++) {
                if (counts[c] > counts[majority]) {
                    majority = c;
                }
                sq += counts[c] * counts[c];
            }
            double parent = n - (double) sq / n; // n * Gini
            Node leaf = new Node(-1, Double.NaN, null, null, majority, n, counts[majority]);
            if (depth >= maxDepth || counts[majority] == n || n < 2L * minLeaf) {
                return leaf;
            }
            int bestFeature = -1;
            double bestThreshold = Double.NaN;
            double bestScore = parent;
            int[] boxed = new int[n];
            long[] left = new long[k];
            for (int j = 0; j < d; j++) {
                final int feature = j;
                for (int t = 0; t < n; t++) {
                    boxed[t] = rows[t];
                }
                IndexSort.sort(boxed, (a, b) -> {
                    int c = Double.compare(x[a * d + feature], x[b * d + feature]);
                    return c != 0 ? c : Integer.compare(a, b);
                });
                Arrays.fill(left, 0);
                long sqL = 0;
                long sqR = sq;
                for (int t = 0; t < n - 1; t++) {
                    int c = y[boxed[t]];
                    long cr = counts[c] - left[c];
                    sqL += 2 * left[c] + 1;
                    sqR -= 2 * cr - 1;
                    left[c]++;
                    int nl = t + 1;
                    int nr = n - nl;
                    double v = x[boxed[t] * d + j];
                    double next = x[boxed[t + 1] * d + j];
                    if (v == next || nl < minLeaf || nr < minLeaf) {
                        continue;
                    }
                    double score = (nl - (double) sqL / nl) + (nr - (double) sqR / nr);
                    if (score < bestScore) {
                        double mid = v + (next - v) / 2;
                        bestScore = score;
                        bestFeature = j;
                        bestThreshold = mid < next ? mid : v;
                    }
                }
            }
            if (bestFeature < 0) {
                return leaf;
            }
            int nl = 0;
            for (int t = 0; t < n; t++) {
                if (x[rows[t] * d + bestFeature] <= bestThreshold) {
                    nl++;
                }
            }
            int[] l = new int[nl];
            int[] r = new int[n - nl];
            for (int t = 0, a = 0, b = 0; t < n; t++) {
                if (x[rows[t] * d + bestFeature] <= bestThreshold) {
                    l[a++] = rows[t];
                } else {
                    r[b++] = rows[t];
                }
            }
            return new Node(bestFeature, bestThreshold, grow(l, depth + 1), grow(r, depth + 1), majority, n,
                    counts[majority]);
        }
    }

    /**
     * One condition of a rule.
     *
     * @param feature the column name
     * @param atMost true for {@code feature <= threshold}, false for {@code feature > threshold}
     * @param threshold the threshold, in the units of the fitted features
     */
    public record Condition(String feature, boolean atMost, double threshold) {
        /** For example {@code recency_days <= 68.5}: the threshold to six significant digits. */
        @Override
        public String toString() {
            String t = Double.isFinite(threshold)
                    ? new BigDecimal(threshold).round(new MathContext(6)).stripTrailingZeros().toPlainString()
                    : Double.toString(threshold);
            return feature + (atMost ? " <= " : " > ") + t;
        }
    }

    /**
     * One leaf of the tree as a rule.
     *
     * @param segment the segment it predicts
     * @param conditions the conditions on its path, merged per feature (empty for a single-leaf tree)
     * @param support the training rows that reach it
     * @param purity the share of those rows in the predicted segment
     */
    public record Rule(int segment, List<Condition> conditions, long support, double purity) {
        /** Defensive copy. */
        public Rule {
            conditions = List.copyOf(conditions);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(conditions.isEmpty() ? "always" : "");
            for (int i = 0; i < conditions.size(); i++) {
                sb.append(i == 0 ? "" : " AND ").append(conditions.get(i));
            }
            return String.format(Locale.ROOT, "%s -> segment %d (%,d rows, %.1f%% pure)", sb, segment, support,
                    100 * purity);
        }
    }

    /** A fitted surrogate tree. Immutable and thread-safe. */
    public static final class Model {
        private final Node root;
        private final List<String> names;
        private final int[] segmentLabels;
        private final double fidelity;
        private final int rows;

        Model(Node root, List<String> names, int[] segmentLabels, double fidelity, int rows) {
            this.root = root;
            this.names = names;
            this.segmentLabels = segmentLabels;
            this.fidelity = fidelity;
            this.rows = rows;
        }

        /**
         * The segment the rules give one row.
         *
         * @param row values of the fitted columns, in order. Not modified.
         * @throws IllegalArgumentException if the length is wrong or a value is not finite
         */
        public int predict(double[] row) {
            Checks.rowLength("row", row, names.size());
            Checks.finite(row, 1, row.length, names, "row");
            return segmentLabels[predictCode(root, row, 0)];
        }

        /** The segment the rules give each row of a dataset with the fitted columns. */
        public int[] predict(Dataset data) {
            Checks.notNull("data", data);
            if (!data.columnNames().equals(names)) {
                throw new IllegalArgumentException("The tree was fitted on " + names + " but the data have "
                        + data.columnNames());
            }
            double[] x = DatasetAccess.data(data);
            int d = names.size();
            int[] out = new int[data.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = segmentLabels[predictCode(root, x, i * d)];
            }
            return out;
        }

        /** The share of the training rows (noise excluded) on which the tree agrees with the segmentation. */
        public double fidelity() {
            return fidelity;
        }

        /**
         * The share of rows on which the tree agrees with given labels (rows labelled -1 are left out).
         *
         * @throws IllegalArgumentException if the lengths differ or every row is noise
         */
        public double fidelity(Dataset data, int[] labels) {
            Labels.checkLength(labels, data);
            int[] p = predict(data);
            int agree = 0;
            int n = 0;
            for (int i = 0; i < p.length; i++) {
                if (labels[i] >= 0) {
                    n++;
                    if (p[i] == labels[i]) {
                        agree++;
                    }
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("Every row is labelled noise (-1)");
            }
            return (double) agree / n;
        }

        /** The training rows the tree was fitted on (noise excluded). */
        public int trainingRows() {
            return rows;
        }

        /** The depth of the tree (0 for a single leaf). */
        public int depth() {
            return depth(root);
        }

        private static int depth(Node n) {
            return n.isLeaf() ? 0 : 1 + Math.max(depth(n.left), depth(n.right));
        }

        /** Every leaf as a rule, left to right. */
        public List<Rule> rules() {
            List<Rule> out = new ArrayList<>();
            collect(root, new ArrayList<>(), out);
            return List.copyOf(out);
        }

        /** The rules that predict one segment (possibly none). */
        public List<Rule> rulesFor(int segment) {
            List<Rule> all = rules();
            List<Rule> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).segment() == segment) {
                    out.add(all.get(i));
                }
            }
            return List.copyOf(out);
        }

        private void collect(Node node, List<Condition> path, List<Rule> out) {
            if (node.isLeaf()) {
                out.add(new Rule(segmentLabels[node.prediction], merge(path), node.support,
                        (double) node.correct / node.support));
                return;
            }
            String f = names.get(node.feature);
            path.add(new Condition(f, true, node.threshold));
            collect(node.left, path, out);
            path.set(path.size() - 1, new Condition(f, false, node.threshold));
            collect(node.right, path, out);
            path.remove(path.size() - 1);
        }

        /** Keeps the tightest upper and lower bound per feature, in the order features first appear. */
        private static List<Condition> merge(List<Condition> path) {
            List<Condition> out = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                Condition c = path.get(i);
                int found = -1;
                for (int t = 0; t < out.size(); t++) {
                    if (out.get(t).feature().equals(c.feature()) && out.get(t).atMost() == c.atMost()) {
                        found = t;
                    }
                }
                if (found < 0) {
                    out.add(c);
                } else {
                    Condition old = out.get(found);
                    double th = c.atMost() ? Math.min(old.threshold(), c.threshold())
                            : Math.max(old.threshold(), c.threshold());
                    out.set(found, new Condition(c.feature(), c.atMost(), th));
                }
            }
            return out;
        }

        /** {@link #table(List)} with the segments' labels for names. */
        public String table() {
            return table(null);
        }

        /**
         * The rules as plain text, one leaf per line with the segment it gives, after a line with the fidelity:
         * <pre>
         * rules that reproduce the segments for 83.9% of rows (depth-3 surrogate tree):
         *   About to Sleep       &lt;- recency_days &lt;= 68.5 AND monetary &lt;= 683.735 AND frequency &lt;= 3.5 -&gt; segment 3 (...)
         * </pre>
         *
         * @param segmentNames the name of each segment, by label, or {@code null} to show the labels
         * @throws IllegalArgumentException if a segment of a rule has no name
         */
        public String table(List<String> segmentNames) {
            List<Rule> all = rules();
            TextTable t = TextTable.of("segment", "rule").left(1);
            for (int i = 0; i < all.size(); i++) {
                int seg = all.get(i).segment();
                if (segmentNames != null && seg >= segmentNames.size()) {
                    throw new IllegalArgumentException(segmentNames.size() + " names were given but a rule gives "
                            + "segment " + seg);
                }
                t.row(segmentNames == null ? "segment " + seg : segmentNames.get(seg), "<- " + all.get(i));
            }
            return TextTable.line("rules that reproduce the segments for %.1f%% of rows (depth-%d surrogate tree):",
                    100 * fidelity, depth()) + t.render();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "SurrogateTree.Model[depth=%d, leaves=%d, fidelity=%.4f]", depth(),
                    rules().size(), fidelity);
        }
    }

    /**
     * Builds a {@link SurrogateTree}. Every setter validates its argument ({@link IllegalArgumentException})
     * and may be called once ({@link IllegalStateException}).
     */
    public static final class Builder {
        private int maxDepth = -1;
        private int minLeafSize = -1;

        private Builder() {
        }

        /**
         * The depth limit (default 3; deeper trees are more faithful and harder to read).
         *
         * @throws IllegalArgumentException unless in [1, 12]
         */
        public Builder maxDepth(int value) {
            Checks.notYetSet("maxDepth", maxDepth != -1);
            if (value < 1 || value > 12) {
                throw new IllegalArgumentException("maxDepth must be in [1, 12] but was " + value);
            }
            maxDepth = value;
            return this;
        }

        /**
         * The fewest rows a leaf may hold (default: 1% of the rows, at least 1).
         *
         * @throws IllegalArgumentException if {@code value < 1}
         */
        public Builder minLeafSize(int value) {
            Checks.notYetSet("minLeafSize", minLeafSize != -1);
            minLeafSize = Checks.atLeast("minLeafSize", value, 1);
            return this;
        }

        /** The estimator. */
        public SurrogateTree build() {
            return new SurrogateTree(maxDepth == -1 ? 3 : maxDepth, minLeafSize);
        }
    }
}
