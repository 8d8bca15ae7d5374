/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Rng;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.features.transform.PcaSummary;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A two-dimensional view of the customers for a scatter plot: the first two principal components of the
 * clustering features, a seeded sample of rows in those coordinates with their segment, and the segment
 * centres projected the same way.
 * <pre>{@code
 * Projection map = Projection.pca(features, model.trainingLabels(), model.clusterCenters(), 2_500, 42);
 * Chart chart = Charts.projection(map, SegmentStyle.of(names));
 * }</pre>
 *
 * <h2>Method</h2>
 * The components are fitted on every row (the library's PCA step, {@link FeaturePipeline.Builder#pca}, with
 * scikit-learn's sign convention), so the axes do not depend on the sample; only the points drawn are a
 * sample: {@code sampleSize} rows drawn without replacement by a partial Fisher-Yates shuffle from the
 * library's generator seeded with {@code seed}, kept in row order. When {@code sampleSize} is at least the
 * number of rows, every row is drawn. The same data, labels, size and seed give the same projection.
 *
 * <p>The projection is a picture, not a result: clusters that overlap in two components can be well apart in
 * the others (the explained-variance shares on the axes say how much of the spread is shown).
 *
 * <p>Bad input: fewer than two columns or rows, labels of another length or below -1, centres with other
 * columns, or a sample size below one: {@link IllegalArgumentException}. Immutable; arrays are copied out.
 *
 * @since 0.1
 */
public final class Projection {
    private final double[] x;
    private final double[] y;
    private final int[] labels;
    private final double[] centreX;
    private final double[] centreY;
    private final double[] explained;
    private final List<String> columns;
    private final double[][] loadings;
    private final int rows;
    private final long seed;

    private Projection(double[] x, double[] y, int[] labels, double[] centreX, double[] centreY, double[] explained,
                       List<String> columns, double[][] loadings, int rows, long seed) {
        this.x = x;
        this.y = y;
        this.labels = labels;
        this.centreX = centreX;
        this.centreY = centreY;
        this.explained = explained;
        this.columns = columns;
        this.loadings = loadings;
        this.rows = rows;
        this.seed = seed;
    }

    /**
     * The projection of a seeded sample onto the first two principal components of all rows.
     *
     * @param features the clustering features (the scaled ones the model was fitted on). Not modified.
     * @param labels one segment per row, -1 for noise. Not modified.
     * @param centres the segment centres in the same columns, or {@code null} for none
     * @param sampleSize the number of rows to draw
     * @param seed the seed of the sample
     * @throws IllegalArgumentException on bad input (see the class comment)
     */
    public static Projection pca(Dataset features, int[] labels, Centroids centres, int sampleSize, long seed) {
        Objects.requireNonNull(features, "features");
        Checks.notNull("labels", labels);
        Checks.atLeast("sampleSize", sampleSize, 1);
        int n = features.rows();
        if (features.cols() < 2 || n < 2) {
            throw new IllegalArgumentException("A projection needs at least 2 columns and 2 rows but the features have "
                    + features.cols() + " columns and " + n + " rows");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException(labels.length + " labels were given for " + n + " rows");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < -1) {
                throw new IllegalArgumentException("labels[" + i + "] = " + labels[i] + "; labels must be >= -1");
            }
        }
        if (centres != null && !centres.columnNames().equals(features.columnNames())) {
            throw new IllegalArgumentException("The centres have columns " + centres.columnNames()
                    + " but the features have " + features.columnNames());
        }
        FittedPipeline pca = FeaturePipeline.builder().pca(2).build().fit(features);
        int[] rowsDrawn = sample(n, sampleSize, seed);
        Dataset scores = pca.transform(features.selectRows(rowsDrawn));
        int m = rowsDrawn.length;
        double[] px = new double[m];
        double[] py = new double[m];
        int[] pl = new int[m];
        for (int i = 0; i < m; i++) {
            px[i] = scores.get(i, 0);
            py[i] = scores.get(i, 1);
            pl[i] = labels[rowsDrawn[i]];
        }
        double[] cx = new double[0];
        double[] cy = new double[0];
        if (centres != null) {
            Dataset c = pca.transform(Dataset.of(centres.toArray(), centres.columnNames()));
            cx = c.column(0);
            cy = c.column(1);
        }
        PcaSummary summary = pca.pca().orElseThrow();
        return new Projection(px, py, pl, cx, cy, summary.explainedVarianceRatio(), summary.inputColumns(),
                summary.loadings(), n, seed);
    }

    /** {@code m} distinct row indices of {@code [0, n)} in increasing order, drawn with {@code seed}. */
    static int[] sample(int n, int m, long seed) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (m >= n) {
            return idx;
        }
        Rng rng = new Rng(seed);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] out = Arrays.copyOf(idx, m);
        Arrays.sort(out);
        return out;
    }

    /** The number of points drawn. */
    public int points() {
        return x.length;
    }

    /** The number of rows the components were fitted on (and the sample drawn from). */
    public int rows() {
        return rows;
    }

    /** The seed of the sample. */
    public long seed() {
        return seed;
    }

    /** The first coordinate of each drawn point. */
    public double[] x() {
        return x.clone();
    }

    /** The second coordinate of each drawn point. */
    public double[] y() {
        return y.clone();
    }

    /** The segment of each drawn point (-1 for noise). */
    public int[] labels() {
        return labels.clone();
    }

    /** The number of centres (0 without). */
    public int centres() {
        return centreX.length;
    }

    /** The first coordinate of each centre, by segment. */
    public double[] centreX() {
        return centreX.clone();
    }

    /** The second coordinate of each centre, by segment. */
    public double[] centreY() {
        return centreY.clone();
    }

    /** The share of the features' variance along each of the two axes. */
    public double[] explainedVarianceRatio() {
        return explained.clone();
    }

    /** The feature columns. */
    public List<String> columns() {
        return columns;
    }

    /**
     * The loadings of each feature on the two axes ({@code [2][columns]}): for standardised features, the
     * correlation of the feature with the axis.
     */
    public double[][] loadings() {
        return new double[][] {loadings[0].clone(), loadings[1].clone()};
    }

    @Override
    public String toString() {
        return "Projection[" + x.length + " of " + rows + " rows, seed " + seed + ", explained "
                + Arrays.toString(explained) + "]";
    }
}
