/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stability;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Clusterer;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.ClusterAgreement;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Time-slice stability: fit the same clusterer on two periods, match the second model's segments to the
 * first's, and report how much they overlap.
 * <pre>{@code
 * TimeSliceStability.Result r = TimeSliceStability.fit(kmeans, firstHalf, secondHalf);
 * r.agreementOnSecond();     // share of second-period customers both models put in the same (matched) segment
 * r.centreShifts();          // how far each matched centre moved
 * }</pre>
 *
 * <h2>Method</h2>
 * <ol>
 *   <li><b>Match</b> the second model's clusters to the first's ({@link LabelMatching}): by centres when both
 *       models have them, otherwise by overlap on the second period's rows labelled by both models.</li>
 *   <li><b>Overlap</b>: label the second period's rows with the first model ({@link ClusterModel#predict}) and
 *       compare with the second model's own labels after matching: the agreement rate (share of rows with the
 *       same segment), the ARI, the {@link Migration} matrix, and per segment the Jaccard coefficient of the
 *       two row sets. When the second model is inductive too, the same on the first period's rows.</li>
 *   <li><b>Centres</b>: the distance from each first-period centre to its matched second-period centre, in the
 *       features' units.</li>
 * </ol>
 * The first model must be inductive (it labels rows it has not seen): K-means and Gaussian mixtures are,
 * a dendrogram cut is not. Both models must be fitted on the same columns.
 *
 * <p>Bad input: a transductive first model, different columns, or data whose row count differs from a
 * model's training rows throw {@link IllegalArgumentException}. Thread-safe.
 *
 * @since 0.1
 */
public final class TimeSliceStability {
    private TimeSliceStability() {
    }

    /**
     * Fits the clusterer on both periods and compares the models.
     *
     * @param clusterer the estimator (its seed fixed)
     * @param first the first period's rows. Not modified.
     * @param second the second period's rows, with the same columns. Not modified.
     */
    public static <M extends ClusterModel> Result fit(Clusterer<M> clusterer, Dataset first, Dataset second) {
        Checks.notNull("clusterer", clusterer);
        return compare(clusterer.fit(first, FitControl.none()), first, clusterer.fit(second, FitControl.none()),
                second);
    }

    /**
     * Compares two fitted models, each with the data it was fitted on.
     *
     * @throws IllegalArgumentException see the class comment
     */
    public static Result compare(ClusterModel firstModel, Dataset first, ClusterModel secondModel, Dataset second) {
        Checks.notNull("firstModel", firstModel);
        Checks.notNull("secondModel", secondModel);
        Checks.notNull("first", first);
        Checks.notNull("second", second);
        if (!firstModel.columnNames().equals(secondModel.columnNames())) {
            throw new IllegalArgumentException("The models were fitted on different columns: "
                    + firstModel.columnNames() + " and " + secondModel.columnNames());
        }
        if (first.rows() != firstModel.trainingRows() || second.rows() != secondModel.trainingRows()) {
            throw new IllegalArgumentException("Each dataset must be the one its model was fitted on: the models "
                    + "have " + firstModel.trainingRows() + " and " + secondModel.trainingRows()
                    + " training rows, the data " + first.rows() + " and " + second.rows());
        }
        if (!firstModel.isInductive()) {
            throw new IllegalArgumentException("The first model (" + firstModel.getClass().getSimpleName()
                    + ") cannot label new rows, so the periods cannot be compared row by row");
        }
        int[] firstOnSecond = firstModel.predict(second);
        int[] secondOwn = secondModel.trainingLabels();
        Optional<Centroids> c1 = firstModel.centroids();
        Optional<Centroids> c2 = secondModel.centroids();
        LabelMatching.Result matching = c1.isPresent() && c2.isPresent()
                ? LabelMatching.byCentroids(c1.get(), c2.get())
                : LabelMatching.byOverlap(firstOnSecond, secondOwn);
        int[] secondMatched = matching.relabel(secondOwn);
        Migration onSecond = Migration.between(firstOnSecond, secondMatched);
        double ariSecond = ClusterAgreement.adjustedRandIndex(firstOnSecond, secondMatched);
        int k = firstModel.k();
        double[] jaccard = new double[k];
        for (int s = 0; s < k; s++) {
            long inter = 0;
            long union = 0;
            for (int i = 0; i < secondMatched.length; i++) {
                boolean a = firstOnSecond[i] == s;
                boolean b = secondMatched[i] == s;
                if (a && b) {
                    inter++;
                }
                if (a || b) {
                    union++;
                }
            }
            jaccard[s] = union == 0 ? Double.NaN : (double) inter / union;
        }
        Migration onFirst = null;
        double ariFirst = Double.NaN;
        if (secondModel.isInductive()) {
            int[] secondOnFirst = matching.relabel(secondModel.predict(first));
            int[] firstOwn = firstModel.trainingLabels();
            onFirst = Migration.between(firstOwn, secondOnFirst);
            ariFirst = ClusterAgreement.adjustedRandIndex(firstOwn, secondOnFirst);
        }
        double[] shifts = null;
        if (c1.isPresent() && c2.isPresent()) {
            shifts = new double[k];
            int[] map = matching.mapping();
            java.util.Arrays.fill(shifts, Double.NaN);
            int d = c1.get().dimension();
            for (int o = 0; o < map.length; o++) {
                if (map[o] >= 0) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double t = c2.get().get(o, j) - c1.get().get(map[o], j);
                        s += t * t;
                    }
                    shifts[map[o]] = Math.sqrt(s);
                }
            }
        }
        return new Result(matching, onSecond, ariSecond, jaccard, onFirst, ariFirst, shifts);
    }

    /** The outcome of a comparison. Immutable; arrays are copied out. */
    public static final class Result {
        private final LabelMatching.Result matching;
        private final Migration onSecond;
        private final double ariSecond;
        private final double[] jaccard;
        private final Migration onFirst;
        private final double ariFirst;
        private final double[] shifts;

        Result(LabelMatching.Result matching, Migration onSecond, double ariSecond, double[] jaccard,
               Migration onFirst, double ariFirst, double[] shifts) {
            this.matching = matching;
            this.onSecond = onSecond;
            this.ariSecond = ariSecond;
            this.jaccard = jaccard;
            this.onFirst = onFirst;
            this.ariFirst = ariFirst;
            this.shifts = shifts;
        }

        /** How the second model's segments were matched to the first's. */
        public LabelMatching.Result matching() {
            return matching;
        }

        /** The share of second-period rows both models put in the same (matched) segment. */
        public double agreementOnSecond() {
            return 1 - onSecond.reassignmentRate();
        }

        /** The ARI of the two labellings of the second period. */
        public double ariOnSecond() {
            return ariSecond;
        }

        /** The migration from the first model's labels to the second's (matched) on the second period. */
        public Migration migrationOnSecond() {
            return onSecond;
        }

        /** The agreement on the first period's rows, when the second model is inductive. */
        public OptionalDouble agreementOnFirst() {
            return onFirst == null ? OptionalDouble.empty() : OptionalDouble.of(1 - onFirst.reassignmentRate());
        }

        /** The ARI on the first period's rows, when the second model is inductive. */
        public OptionalDouble ariOnFirst() {
            return onFirst == null ? OptionalDouble.empty() : OptionalDouble.of(ariFirst);
        }

        /**
         * Per first-period segment, the Jaccard coefficient of its rows in the second period as labelled by the
         * two models; NaN when neither puts a row there.
         */
        public double[] segmentJaccard() {
            return jaccard.clone();
        }

        /**
         * Per first-period segment, the distance to its matched second-period centre (NaN if unmatched), when
         * both models have centres.
         */
        public Optional<double[]> centreShifts() {
            return shifts == null ? Optional.empty() : Optional.of(shifts.clone());
        }


        /**
         * The agreement and ARI on each period, then per first-period segment its Jaccard coefficient, the segment
         * it was matched to and the centre shift.
         */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "Time-slice stability: agreement %.1f%% on the second period (ARI %.3f)", 100 * agreementOnSecond(),
                    ariSecond));
            if (onFirst != null) {
                sb.append(String.format(Locale.ROOT, ", %.1f%% on the first (ARI %.3f)",
                        100 * agreementOnFirst().getAsDouble(), ariFirst));
            }
            sb.append(System.lineSeparator());
            sb.append(String.format(Locale.ROOT, "  %-8s %8s %12s %12s%n", "segment", "Jaccard", "matched to",
                    "centre shift"));
            int[] relabel = matching.mapping();
            for (int s = 0; s < jaccard.length; s++) {
                int other = -1;
                for (int o = 0; o < relabel.length; o++) {
                    if (relabel[o] == s) {
                        other = o;
                    }
                }
                sb.append(String.format(Locale.ROOT, "  %-8d %8.3f %12s %12s%n", s, jaccard[s],
                        other < 0 ? "-" : Integer.toString(other),
                        shifts == null ? "-" : String.format(Locale.ROOT, "%.4f", shifts[s])));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "TimeSliceStability.Result[agreement=%.4f, ARI=%.4f]",
                    agreementOnSecond(), ariSecond);
        }
    }
}
