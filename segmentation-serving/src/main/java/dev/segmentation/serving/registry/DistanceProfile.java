/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Quantiles;
import dev.segmentation.core.scoring.SegmentScorer;

import java.util.Arrays;
import java.util.Locale;

/**
 * How far training customers lie from the centre of their own segment: quantiles of
 * \( \lVert x_i - c_{y_i} \rVert_2 \) over the training rows, in the model's feature units, where \( x_i \) is a
 * row's transformed features and \( c_{y_i} \) the centre of the segment the scorer gives it. A service uses a
 * high quantile as the "far from every segment" threshold of its fallback policy: a new customer farther from
 * its nearest segment than, say, 99% of the training customers were from theirs is not served that segment.
 *
 * <p>Quantiles use linear interpolation between order statistics (NumPy's default, Hyndman and Fan's type 7):
 * with the sorted distances \( d_{(0)} \le \dots \le d_{(n-1)} \) and \( h = (n - 1) p \),
 * \( Q(p) = d_{(\lfloor h \rfloor)} + (h - \lfloor h \rfloor)(d_{(\lfloor h \rfloor + 1)} - d_{(\lfloor h \rfloor)}) \).
 * The levels kept are {@link #LEVELS}.
 *
 * <p>The centre of a segment is the model's own ({@link ClusterModel#centroids()}): K-means and merged centres,
 * hierarchical cut means, and for Gaussian mixtures the component means (a mixture assigns by posterior
 * probability, so there the distance measures remoteness, not the assignment rule). DBSCAN has no centres; its
 * "far" rows are its noise. Rows the model labels noise do not enter the profile. Immutable.
 *
 * @since 0.1
 */
public final class DistanceProfile {
    /** The quantile levels a profile keeps. */
    private static final double[] LEVELS = {0.5, 0.75, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 1.0};

    private final double[] values;
    private final long rows;

    private DistanceProfile(double[] values, long rows) {
        this.values = values;
        this.rows = rows;
    }

    /**
     * The profile of the training rows {@code raw} under {@code scorer}.
     *
     * @param raw the raw training records, with the scorer's input columns. Not modified.
     * @throws IllegalArgumentException if the model has no centres, the columns differ, a row cannot be scored, or
     *     no row is assigned a segment
     */
    public static DistanceProfile of(SegmentScorer scorer, Dataset raw) {
        Checks.notNull("scorer", scorer);
        Checks.notNull("raw", raw);
        Centroids c = centres(scorer);
        double[] centres = c.toRowMajorArray();
        int d = c.dimension();
        Dataset x = scorer.transform().transform(raw);
        int[] labels = scorer.assign(raw);
        double[] flat = x.toRowMajorArray();
        double[] dist = new double[labels.length];
        int m = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= 0) {
                dist[m++] = distance(flat, i * d, centres, labels[i], d);
            }
        }
        if (m == 0) {
            throw new IllegalArgumentException("No training row is assigned a segment (" + labels.length
                    + " rows, all noise), so there is no distance profile");
        }
        double[] sorted = Arrays.copyOf(dist, m);
        Arrays.sort(sorted);
        double[] q = new double[LEVELS.length];
        for (int l = 0; l < LEVELS.length; l++) {
            q[l] = Quantiles.ofSorted(sorted, 0, sorted.length, LEVELS[l]);
        }
        return new DistanceProfile(q, m);
    }

    /**
     * A profile from stored values (a registry entry).
     *
     * @throws IllegalArgumentException unless there is one non-negative, finite, non-decreasing value per level
     */
    public static DistanceProfile of(double[] quantiles, long rows) {
        Checks.notNull("quantiles", quantiles);
        if (quantiles.length != LEVELS.length) {
            throw new IllegalArgumentException("A distance profile has " + LEVELS.length + " quantiles "
                    + Arrays.toString(LEVELS) + " but " + quantiles.length + " were given");
        }
        for (int l = 0; l < quantiles.length; l++) {
            if (!(quantiles[l] >= 0 && quantiles[l] < Double.POSITIVE_INFINITY)
                    || (l > 0 && quantiles[l] < quantiles[l - 1])) {
                throw new IllegalArgumentException("Distance quantile " + LEVELS[l] + " = " + quantiles[l]
                        + " must be finite, >= 0 and not below the previous one");
            }
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be >= 1 but was " + rows);
        }
        return new DistanceProfile(quantiles.clone(), rows);
    }

    /** The centres a scorer's distances are measured to. */
    static Centroids centres(SegmentScorer scorer) {
        return scorer.model().flatMap(ClusterModel::centroids).orElseThrow(() -> new IllegalArgumentException(
                "The model (" + scorer.model().map(m -> m.getClass().getSimpleName()).orElse("a bare assigner")
                        + ") has no segment centres, so distances to segments are undefined; DBSCAN marks far "
                        + "records as noise instead"));
    }

    /** The Euclidean distance from the row at {@code x[off ..]} to centre {@code c}. Allocation-free. */
    public static double distance(double[] x, int off, double[] centres, int c, int d) {
        double s = 0;
        int base = c * d;
        for (int j = 0; j < d; j++) {
            double t = x[off + j] - centres[base + j];
            s += t * t;
        }
        return Math.sqrt(s);
    }

    /** The quantile levels kept, ascending. */
    public static double[] levels() {
        return LEVELS.clone();
    }

    /** The quantiles, one per {@link #levels()} entry. */
    public double[] quantiles() {
        return values.clone();
    }

    /** The number of training rows the profile was measured on (noise excluded). */
    public long rows() {
        return rows;
    }

    /**
     * The distance quantile at one of the {@link #levels()}.
     *
     * @throws IllegalArgumentException if {@code level} is not one of them
     */
    public double quantile(double level) {
        for (int l = 0; l < LEVELS.length; l++) {
            if (LEVELS[l] == level) {
                return values[l];
            }
        }
        throw new IllegalArgumentException("The distance profile keeps the quantiles " + Arrays.toString(LEVELS)
                + ", not " + level);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistanceProfile && rows == ((DistanceProfile) o).rows
                && Arrays.equals(values, ((DistanceProfile) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(rows) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("DistanceProfile[rows=" + rows);
        for (int l = 0; l < LEVELS.length; l++) {
            b.append(String.format(Locale.ROOT, ", q%s=%.4f", LEVELS[l], values[l]));
        }
        return b.append(']').toString();
    }
}
