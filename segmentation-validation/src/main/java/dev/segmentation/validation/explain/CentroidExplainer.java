/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.explain;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.TextTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a nearest-centroid model put a customer in its segment: how much each feature pulled the customer toward
 * its segment and away from the runner-up.
 * <pre>{@code
 * CentroidExplainer explainer = CentroidExplainer.of(model);
 * CentroidExplainer.Explanation e = explainer.explain(scaledRow);
 * e.segment(); e.runnerUp(); e.top(2);   // e.g. [recency_days +1.8, monetary +0.6]
 * }</pre>
 *
 * <h2>Decomposition</h2>
 * With \( c_1 \) the nearest centre (the assigned segment) and \( c_2 \) the second nearest, the squared
 * margin splits exactly into per-feature terms:
 * \[ \lVert x - c_2 \rVert^2 - \lVert x - c_1 \rVert^2 = \sum_j \phi_j, \qquad
 *    \phi_j = (x_j - c_{2j})^2 - (x_j - c_{1j})^2 . \]
 * A positive \( \phi_j \) means feature j favours the assigned segment over the runner-up, a negative one that
 * it argues for the runner-up; the contributions add up to the margin (to rounding), which is never negative.
 * The values are in the squared units of the features the model clusters on (standard deviations squared for
 * standardised features). The nearest centre is the lowest index among equal distances, as in the scorers.
 *
 * <p>{@link #meanContributions} averages the contributions over the rows of each segment: a global picture of
 * what defines each segment against its neighbours.
 *
 * <p>Bad input: a model without centres, a single centre (nothing to contrast), a row of the wrong length or
 * with NaN or infinity: {@link IllegalArgumentException}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CentroidExplainer {
    private final double[] centres;
    private final int k;
    private final List<String> names;

    private CentroidExplainer(double[] centres, int k, List<String> names) {
        this.centres = centres;
        this.k = k;
        this.names = names;
    }

    /**
     * An explainer over centres.
     *
     * @throws IllegalArgumentException if there is only one centre
     */
    public static CentroidExplainer of(Centroids centroids) {
        Checks.notNull("centroids", centroids);
        if (centroids.k() < 2) {
            throw new IllegalArgumentException("Explanations contrast the nearest centre with the runner-up, but "
                    + "there is only one centre");
        }
        return new CentroidExplainer(centroids.toRowMajorArray(), centroids.k(), centroids.columnNames());
    }

    /**
     * An explainer over a model's centres.
     *
     * @throws IllegalArgumentException if the model has no centres or only one
     */
    public static CentroidExplainer of(ClusterModel model) {
        Checks.notNull("model", model);
        return of(model.centroids().orElseThrow(() -> new IllegalArgumentException(model.getClass().getSimpleName()
                + " has no centres; use SurrogateTree to explain it")));
    }

    /** The feature names. */
    public List<String> featureNames() {
        return names;
    }

    /**
     * Explains the assignment of one row.
     *
     * @param row {@code d} finite values in the model's feature space. Not modified.
     * @throws IllegalArgumentException if the length is wrong or a value is not finite
     */
    public Explanation explain(double[] row) {
        int d = names.size();
        Checks.rowLength("row", row, d);
        Checks.finite(row, 1, d, names, "row");
        double[] dist = new double[k];
        int best = -1;
        int second = -1;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = row[j] - centres[c * d + j];
                s += t * t;
            }
            dist[c] = s;
            if (best < 0 || s < dist[best]) {
                second = best;
                best = c;
            } else if (second < 0 || s < dist[second]) {
                second = c;
            }
        }
        double[] phi = new double[d];
        for (int j = 0; j < d; j++) {
            double a = row[j] - centres[best * d + j];
            double b = row[j] - centres[second * d + j];
            phi[j] = b * b - a * a;
        }
        return new Explanation(best, second, dist[second] - dist[best], phi, names);
    }

    /**
     * The mean contribution of each feature over the rows assigned to each segment, {@code k x d}; a segment with
     * no rows has a row of zeros.
     *
     * @param data rows in the model's feature space. Not modified.
     * @throws IllegalArgumentException if the columns differ from the model's
     */
    public double[][] meanContributions(Dataset data) {
        Checks.notNull("data", data);
        if (!data.columnNames().equals(names)) {
            throw new IllegalArgumentException("The explainer has features " + names + " but the data have "
                    + data.columnNames());
        }
        int d = names.size();
        double[] x = DatasetAccess.data(data);
        Neumaier[][] sums = new Neumaier[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                sums[c][j] = new Neumaier();
            }
        }
        long[] count = new long[k];
        double[] row = new double[d];
        for (int i = 0; i < data.rows(); i++) {
            System.arraycopy(x, i * d, row, 0, d);
            Explanation e = explain(row);
            count[e.segment]++;
            for (int j = 0; j < d; j++) {
                sums[e.segment][j].add(e.phi[j]);
            }
        }
        double[][] out = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                out[c][j] = count[c] == 0 ? 0 : sums[c][j].value() / count[c];
            }
        }
        return out;
    }

    /**
     * One feature's contribution.
     *
     * @param feature the column name
     * @param contribution \( \phi_j \)
     */
    public record Contribution(String feature, double contribution) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %+.3f", feature, contribution);
        }
    }

    /** The explanation of one assignment. Immutable; arrays are copied out. */
    public static final class Explanation {
        private final int segment;
        private final int runnerUp;
        private final double margin;
        private final double[] phi;
        private final List<String> names;

        Explanation(int segment, int runnerUp, double margin, double[] phi, List<String> names) {
            this.segment = segment;
            this.runnerUp = runnerUp;
            this.margin = margin;
            this.phi = phi;
            this.names = names;
        }

        /** The assigned segment (nearest centre). */
        public int segment() {
            return segment;
        }

        /** The second-nearest centre. */
        public int runnerUp() {
            return runnerUp;
        }

        /** \( \lVert x - c_2 \rVert^2 - \lVert x - c_1 \rVert^2 \ge 0 \). */
        public double margin() {
            return margin;
        }

        /** The per-feature contributions \( \phi_j \), in column order; they sum to the margin. */
        public double[] contributions() {
            return phi.clone();
        }

        /** The m features with the largest contributions toward the assigned segment, largest first. */
        public List<Contribution> top(int m) {
            if (m < 0) {
                throw new IllegalArgumentException("m must be >= 0 but was " + m);
            }
            // Stable, so equal values keep feature order.
            int[] idx = IndexSort.order(phi.length, (a, b) -> Double.compare(phi[b], phi[a]));
            List<Contribution> out = new ArrayList<>();
            for (int t = 0; t < Math.min(m, idx.length); t++) {
                out.add(new Contribution(names.get(idx[t]), phi[idx[t]]));
            }
            return List.copyOf(out);
        }

        /** The segment, the runner-up and the margin, then every feature's contribution, largest first. */
        public String table() {
            TextTable t = TextTable.of("feature", "contribution", "share of margin");
            List<Contribution> all = top(phi.length);
            for (int j = 0; j < all.size(); j++) {
                Contribution c = all.get(j);
                t.row(c.feature(), TextTable.fmt("%+.4f", c.contribution()),
                        margin == 0 ? "-" : TextTable.fmt("%.1f%%", 100 * c.contribution() / margin));
            }
            return TextTable.line("Segment %d rather than %d, by a margin of %.4f in squared distance:", segment,
                    runnerUp, margin) + t.render();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Explanation[segment %d over %d by %.4f: %s]", segment, runnerUp,
                    margin, top(phi.length));
        }
    }
}
