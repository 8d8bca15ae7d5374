/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.core.internal.Quantiles;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.TextTable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Segment profiles in raw units, the table a marketing team reads: per segment its size and share, and per
 * feature the mean, median and quartiles, the lift and z-score against the whole population, the features that
 * set the segment apart most, and the share of a value column (revenue, say) it holds.
 * <pre>{@code
 * SegmentProfiles p = SegmentProfiles.of(rfmRaw, model.trainingLabels(), model.k(), "monetary");
 * for (SegmentProfiles.Profile s : p.profiles()) {
 *     s.size(); s.median(0); s.lift(2); s.topFeatures(2); s.valueShare();
 * }
 * }</pre>
 *
 * <h2>Definitions</h2>
 * For segment s and feature j, with \( \mu_j \) and \( \sigma_j \) the mean and standard deviation (divisor
 * n) of feature j over all rows:
 * <ul>
 *   <li>mean \( m_{sj} \): compensated sum over the segment divided by its size; median and quartiles: linear
 *       interpolation between order statistics (Hyndman and Fan type 7, NumPy's default {@code percentile});
 *       </li>
 *   <li>lift \( m_{sj} / \mu_j \): 2.0 means twice the population average; NaN when \( \mu_j = 0 \) (no
 *       ratio to take);</li>
 *   <li>z-score \( (m_{sj} - \mu_j) / \sigma_j \): how many population standard deviations the segment mean
 *       sits from the population mean; 0 for a constant feature;</li>
 *   <li>box-plot whiskers: the most extreme values of the segment within 1.5 interquartile ranges of the
 *       quartiles (Tukey 1977, matplotlib's {@code boxplot} default);</li>
 *   <li>top distinguishing features: the features by decreasing \( |z_{sj}| \) (ties by column order);</li>
 *   <li>value share: the segment's sum of the value column over the sum of all segments' (noise left out).</li>
 * </ul>
 *
 * <h2>Edge cases</h2>
 * Rows labelled -1 (noise) count in the population statistics but in no segment, and not in shares. An empty
 * segment has size 0, share 0 and every statistic 0 (its {@link Profile#size()} tells it apart), and no top
 * features. A value column with a negative value, NaN in a separate value array, an unknown column, labels of
 * the wrong length or out of {@code [-1, k)}: {@link IllegalArgumentException}.
 *
 * <p>Cost \( O(d\, n \log n) \) (the medians sort each segment's values). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class SegmentProfiles {
    /** Tukey's whisker reach, in interquartile ranges beyond the quartiles (matplotlib's {@code whis}). */
    private static final double WHISKER = 1.5;
    private final List<String> columns;
    private final List<Profile> profiles;
    private final double[] populationMeans;
    private final double[] populationSd;
    private final double[] populationMedians;
    private final String valueColumn;
    private final int rows;

    private SegmentProfiles(List<String> columns, List<Profile> profiles, double[] populationMeans,
                            double[] populationSd, double[] populationMedians, String valueColumn, int rows) {
        this.columns = columns;
        this.profiles = profiles;
        this.populationMeans = populationMeans;
        this.populationSd = populationSd;
        this.populationMedians = populationMedians;
        this.valueColumn = valueColumn;
        this.rows = rows;
    }

    /**
     * Profiles of k segments.
     *
     * @param raw the rows in raw units (not the scaled features). Not modified.
     * @param labels one label per row in {@code [0, k)} or -1. Not modified.
     * @param k the number of segments
     * @param valueColumn the column whose total is shared out (for example {@code "monetary"}), or
     *     {@code null} for none; its values must be non-negative
     * @throws IllegalArgumentException if the lengths differ, a label is out of range, the value column is
     *     unknown or has a negative value
     */
    public static SegmentProfiles of(Dataset raw, int[] labels, int k, String valueColumn) {
        Objects.requireNonNull(raw, "raw");
        double[] values = null;
        if (valueColumn != null) {
            values = raw.column(valueColumn);
        }
        return build(raw, labels, k, values, valueColumn);
    }

    /**
     * Profiles of k segments with a value given apart from the features (for example revenue that is not a
     * clustering feature).
     *
     * @param values one non-negative, finite value per row. Not modified.
     * @param valueName a name for it, used in text output
     * @throws IllegalArgumentException as {@link #of(Dataset, int[], int, String)}, or if a value is NaN,
     *     infinite or negative, or the length differs
     */
    public static SegmentProfiles of(Dataset raw, int[] labels, int k, double[] values, String valueName) {
        Objects.requireNonNull(raw, "raw");
        Labels.checkFinite("values", values);
        if (values.length != raw.rows()) {
            throw new IllegalArgumentException(values.length + " values were given for " + raw.rows() + " rows");
        }
        return build(raw, labels, k, values.clone(), Objects.requireNonNull(valueName, "valueName"));
    }

    private static SegmentProfiles build(Dataset raw, int[] labels, int k, double[] value, String valueName) {
        Objects.requireNonNull(labels, "labels");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1 but was " + k);
        }
        Inertia.checkLabels(raw, labels, k);
        int n = raw.rows();
        int d = raw.cols();
        double[] x = DatasetAccess.data(raw);
        if (value != null) {
            for (int i = 0; i < n; i++) {
                if (value[i] < 0) {
                    throw new IllegalArgumentException("The value column '" + valueName + "' has a negative value "
                            + value[i] + " at row " + i);
                }
            }
        }
        long[] sizes = new long[k];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                sizes[labels[i]]++;
                assigned++;
            }
        }
        // Rows grouped by segment: segment s is rows order[start[s] .. start[s+1]).
        int[] start = new int[k + 1];
        for (int s = 0; s < k; s++) {
            start[s + 1] = start[s] + (int) sizes[s];
        }
        int[] fill = Arrays.copyOf(start, k);
        int[] order = new int[(int) assigned];
        for (int i = 0; i < n; i++) {
            if (labels[i] >= 0) {
                order[fill[labels[i]]++] = i;
            }
        }
        double[] popMean = new double[d];
        double[] popSd = new double[d];
        double[] popMedian = new double[d];
        double[][] mean = new double[k][d];
        double[][] median = new double[k][d];
        double[][] q1 = new double[k][d];
        double[][] q3 = new double[k][d];
        double[][] sd = new double[k][d];
        double[][] low = new double[k][d];
        double[][] high = new double[k][d];
        double[] col = new double[n];
        double[] seg = new double[(int) assigned];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                col[i] = x[i * d + j];
            }
            popMean[j] = n == 0 ? 0 : Neumaier.sum(col) / n;
            Neumaier ss = new Neumaier();
            for (int i = 0; i < n; i++) {
                double t = col[i] - popMean[j];
                ss.add(t * t);
            }
            popSd[j] = n == 0 ? 0 : Math.sqrt(ss.value() / n);
            if (!(Math.abs(popMean[j]) < Double.POSITIVE_INFINITY && popSd[j] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("Column '" + raw.columnNames().get(j) + "': the mean or variance of "
                        + "its values overflows (largest magnitude " + Checks.largestMagnitude(col) + "); rescale it first");
            }
            if (n > 0) {
                double[] sorted = col.clone();
                Arrays.sort(sorted);
                popMedian[j] = Quantiles.ofSorted(sorted, 0, n, 0.5);
            }
            for (int p = 0; p < order.length; p++) {
                seg[p] = col[order[p]];
            }
            for (int s = 0; s < k; s++) {
                int a = start[s];
                int b = start[s + 1];
                if (a == b) {
                    continue;
                }
                double m = Neumaier.sum(seg, a, b) / (b - a);
                mean[s][j] = m;
                Neumaier v = new Neumaier();
                for (int p = a; p < b; p++) {
                    v.add((seg[p] - m) * (seg[p] - m));
                }
                sd[s][j] = Math.sqrt(v.value() / (b - a));
                Arrays.sort(seg, a, b);
                q1[s][j] = Quantiles.ofSorted(seg, a, b, 0.25);
                median[s][j] = Quantiles.ofSorted(seg, a, b, 0.5);
                q3[s][j] = Quantiles.ofSorted(seg, a, b, 0.75);
                double fence = WHISKER * (q3[s][j] - q1[s][j]);
                int lo = a;
                while (seg[lo] < q1[s][j] - fence) {
                    lo++;
                }
                int hi = b - 1;
                while (seg[hi] > q3[s][j] + fence) {
                    hi--;
                }
                low[s][j] = seg[lo];
                high[s][j] = seg[hi];
            }
        }
        double valueTotal = 0;
        double[] valueSum = new double[k];
        if (value != null) {
            Neumaier total = new Neumaier();
            for (int s = 0; s < k; s++) {
                Neumaier vs = new Neumaier();
                for (int p = start[s]; p < start[s + 1]; p++) {
                    vs.add(value[order[p]]);
                    total.add(value[order[p]]);
                }
                valueSum[s] = vs.value();
            }
            valueTotal = total.value();
            if (!(Math.abs(valueTotal) < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("The total of the value column '" + valueName + "' overflows "
                        + "(largest magnitude " + Checks.largestMagnitude(value) + ")");
            }
        }
        List<String> names = raw.columnNames();
        List<Profile> out = new ArrayList<>(k);
        for (int s = 0; s < k; s++) {
            double[] lift = new double[d];
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                lift[j] = popMean[j] == 0 ? Double.NaN : mean[s][j] / popMean[j];
                z[j] = sizes[s] == 0 || popSd[j] == 0 ? 0 : (mean[s][j] - popMean[j]) / popSd[j];
            }
            double valueShare = value == null || !(valueTotal > 0) ? Double.NaN : valueSum[s] / valueTotal;
            out.add(new Profile(s, sizes[s], assigned == 0 ? 0 : (double) sizes[s] / assigned, names, mean[s],
                    median[s], q1[s], q3[s], low[s], high[s], sd[s], lift, z, valueShare,
                    value == null ? Double.NaN : valueSum[s]));
        }
        return new SegmentProfiles(names, List.copyOf(out), popMean, popSd, popMedian, valueName, n);
    }

    /** The profiled columns. */
    public List<String> columns() {
        return columns;
    }

    /** One profile per segment, by label. */
    public List<Profile> profiles() {
        return profiles;
    }

    /** The profile of one segment. */
    public Profile profile(int label) {
        if (label < 0 || label >= profiles.size()) {
            throw new IllegalArgumentException("No segment " + label + "; the labels are 0.." + (profiles.size() - 1));
        }
        return profiles.get(label);
    }

    /** The mean of each column over all rows. */
    public double[] populationMeans() {
        return populationMeans.clone();
    }

    /** The standard deviation (divisor n) of each column over all rows. */
    public double[] populationStandardDeviations() {
        return populationSd.clone();
    }

    /** The median of each column over all rows. */
    public double[] populationMedians() {
        return populationMedians.clone();
    }

    /** The value column's name, or {@code null}. */
    public String valueColumn() {
        return valueColumn;
    }

    /** The number of rows profiled, noise included. */
    public int rows() {
        return rows;
    }

    /** {@link #table(List)} without segment names. */
    public String table() {
        return render(null);
    }

    /**
     * The profile table a marketing team reads, in two parts. First one row per segment (by decreasing value
     * share when there is a value column, by label otherwise) with its label, name, size, share and the mean of
     * every column, then the value column's share, and a last row for all customers; then, per segment, the median
     * and quartiles of every column and the two features that set it apart most (z-score of the segment's mean).
     * <pre>
     *   id  name                 size   share  recency_days  frequency  monetary  monetary share
     *   2   Champions             357    8.2%         12.90      20.09  13178.88           53.7%
     *   ...
     *       all customers       4,334  100.0%         93.20       4.25   2021.47          100.0%
     *
     *   medians [q1, q3] and what sets each segment apart (z-score of its mean):
     *   segment              recency_days    frequency            monetary  apart
     *   Champions               8 [3, 17]  15 [12, 21]  5833 [4098, 10465]  frequency +2.08 sd, monetary +1.25 sd
     * </pre>
     *
     * @param segmentNames the name of each segment, by label ({@code segmentNames.get(label)}), or {@code null}
     *     for none
     * @throws IllegalArgumentException if there are fewer names than segments
     */
    public String table(List<String> segmentNames) {
        if (segmentNames != null && segmentNames.size() < profiles.size()) {
            throw new IllegalArgumentException(segmentNames.size() + " names were given for " + profiles.size()
                    + " segments");
        }
        return render(segmentNames);
    }

    private String render(List<String> segmentNames) {
        boolean named = segmentNames != null;
        int d = columns.size();
        List<Profile> order = new ArrayList<>(profiles);
        if (valueColumn != null) {
            order.sort((a, b) -> Double.compare(nanLast(b.valueShare()), nanLast(a.valueShare())));
        }
        List<String> header = new ArrayList<>(List.of("id"));
        if (named) {
            header.add("name");
        }
        header.add("size");
        header.add("share");
        header.addAll(columns);
        if (valueColumn != null) {
            header.add(valueColumn + " share");
        }
        TextTable means = TextTable.of(header.toArray(new String[0]));
        if (named) {
            means.left(1);
        }
        for (int t = 0; t < order.size(); t++) {
            Profile p = order.get(t);
            means.row(meansRow(p.label(), named ? segmentNames.get(p.label()) : null, p.size(), p.share(), p.means(),
                    p.valueShare(), named));
        }
        means.row(meansRow(-1, "all customers", rows, 1.0, populationMeans, 1.0, named));
        StringBuilder sb = new StringBuilder(means.render()).append(System.lineSeparator());
        sb.append("  medians [q1, q3] and what sets each segment apart (z-score of its mean):")
                .append(System.lineSeparator());
        List<String> h2 = new ArrayList<>(List.of("segment"));
        h2.addAll(columns);
        h2.add("apart");
        TextTable medians = TextTable.of(h2.toArray(new String[0])).left(d + 1);
        for (int t = 0; t < order.size(); t++) {
            Profile p = order.get(t);
            Object[] cells = new Object[d + 2];
            cells[0] = named ? segmentNames.get(p.label()) : Integer.toString(p.label());
            for (int j = 0; j < d; j++) {
                cells[j + 1] = p.size() == 0 ? "-" : compact(p.median(j)) + " [" + compact(p.quartile1(j)) + ", "
                        + compact(p.quartile3(j)) + "]";
            }
            List<FeatureDeviation> top = p.topFeatures(2);
            StringBuilder apart = new StringBuilder();
            for (int i = 0; i < top.size(); i++) {
                apart.append(i == 0 ? "" : ", ").append(top.get(i));
            }
            cells[d + 1] = apart.length() == 0 ? "-" : apart;
            medians.row(cells);
        }
        return sb.append(medians.render()).toString();
    }

    private Object[] meansRow(int label, String name, long size, double share, double[] values, double valueShare,
                              boolean named) {
        List<Object> cells = new ArrayList<>();
        cells.add(label < 0 ? "" : Integer.toString(label));
        if (named) {
            cells.add(name);
        }
        cells.add(TextTable.fmt("%,d", size));
        cells.add(TextTable.fmt("%.1f%%", 100 * share));
        for (int j = 0; j < values.length; j++) {
            cells.add(TextTable.fmt("%.2f", values[j]));
        }
        if (valueColumn != null) {
            cells.add(Double.isNaN(valueShare) ? "-" : TextTable.fmt("%.1f%%", 100 * valueShare));
        }
        return cells.toArray();
    }

    private static double nanLast(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** A number for the medians block: whole numbers and values of 100 or more without decimals. */
    private static String compact(double v) {
        if (v == Math.rint(v) || Math.abs(v) >= 100) {
            return TextTable.fmt("%.0f", v);
        }
        return TextTable.fmt(Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    @Override
    public String toString() {
        return "SegmentProfiles[" + profiles.size() + " segments, " + rows + " rows, columns " + columns
                + (valueColumn == null ? "" : ", value " + valueColumn) + "]";
    }

    /**
     * How far a segment's mean of one feature sits from the population.
     *
     * @param feature the column name
     * @param zScore \( (m_{sj} - \mu_j)/\sigma_j \)
     * @param lift \( m_{sj}/\mu_j \) (NaN when \( \mu_j = 0 \))
     */
    public record FeatureDeviation(String feature, double zScore, double lift) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %+.2f sd", feature, zScore);
        }
    }

    /**
     * One segment's profile. Immutable; arrays are copied out.
     */
    public static final class Profile {
        private final int label;
        private final long size;
        private final double share;
        private final List<String> names;
        private final double[] means;
        private final double[] medians;
        private final double[] q1;
        private final double[] q3;
        private final double[] low;
        private final double[] high;
        private final double[] sd;
        private final double[] lift;
        private final double[] z;
        private final double valueShare;
        private final double valueSum;

        Profile(int label, long size, double share, List<String> names, double[] means, double[] medians,
                double[] q1, double[] q3, double[] low, double[] high, double[] sd, double[] lift, double[] z,
                double valueShare, double valueSum) {
            this.label = label;
            this.size = size;
            this.share = share;
            this.names = names;
            this.means = means.clone();
            this.medians = medians.clone();
            this.q1 = q1.clone();
            this.q3 = q3.clone();
            this.low = low.clone();
            this.high = high.clone();
            this.sd = sd.clone();
            this.lift = lift.clone();
            this.z = z.clone();
            this.valueShare = valueShare;
            this.valueSum = valueSum;
        }

        /** The segment label. */
        public int label() {
            return label;
        }

        /** The number of rows. */
        public long size() {
            return size;
        }

        /** Size divided by the number of rows in any segment. */
        public double share() {
            return share;
        }

        /** A copy of the means (0 for an empty segment). */
        public double[] means() {
            return means.clone();
        }

        /** The mean of column j. */
        public double mean(int j) {
            return means[j];
        }

        /** A copy of the medians. */
        public double[] medians() {
            return medians.clone();
        }

        /** The median of column j. */
        public double median(int j) {
            return medians[j];
        }

        /** The first quartile of column j. */
        public double quartile1(int j) {
            return q1[j];
        }

        /** The third quartile of column j. */
        public double quartile3(int j) {
            return q3[j];
        }

        /**
         * The lower whisker of column j's box plot: the smallest value of the segment at or above
         * \( Q_1 - 1.5\,(Q_3 - Q_1) \) (Tukey 1977; matplotlib's {@code boxplot} with {@code whis=1.5}). 0 for an
         * empty segment.
         *
         * @since 0.1
         */
        public double lowerWhisker(int j) {
            return low[j];
        }

        /**
         * The upper whisker of column j's box plot: the largest value of the segment at or below
         * \( Q_3 + 1.5\,(Q_3 - Q_1) \). 0 for an empty segment.
         *
         * @since 0.1
         */
        public double upperWhisker(int j) {
            return high[j];
        }

        /** The standard deviation (divisor n) of column j within the segment. */
        public double standardDeviation(int j) {
            return sd[j];
        }

        /** The lift of column j: segment mean over population mean (NaN when the population mean is 0). */
        public double lift(int j) {
            return lift[j];
        }

        /** A copy of the lifts. */
        public double[] lifts() {
            return lift.clone();
        }

        /** The z-score of column j's segment mean against the population. */
        public double zScore(int j) {
            return z[j];
        }

        /** A copy of the z-scores. */
        public double[] zScores() {
            return z.clone();
        }

        /**
         * The m features whose segment mean sits farthest from the population mean, in standard deviations.
         *
         * @throws IllegalArgumentException if {@code m < 0}
         */
        public List<FeatureDeviation> topFeatures(int m) {
            if (m < 0) {
                throw new IllegalArgumentException("m must be >= 0 but was " + m);
            }
            if (size == 0) {
                return List.of();
            }
            // Stable, so equal values keep feature order.
            int[] idx = IndexSort.order(z.length, (a, b) -> Double.compare(Math.abs(z[b]), Math.abs(z[a])));
            List<FeatureDeviation> out = new ArrayList<>();
            for (int t = 0; t < Math.min(m, idx.length); t++) {
                out.add(new FeatureDeviation(names.get(idx[t]), z[idx[t]], lift[idx[t]]));
            }
            return List.copyOf(out);
        }

        /**
         * The segment's share of the value column's total, or NaN if there is no value column or its total is 0.
         */
        public double valueShare() {
            return valueShare;
        }

        /** The segment's sum of the value column, or NaN without one. */
        public double valueSum() {
            return valueSum;
        }

        /** Value equality, arrays compared element by element. */
        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Profile)) {
                return false;
            }
            Profile p = (Profile) o;
            return label == p.label && size == p.size && Double.compare(share, p.share) == 0
                    && Arrays.equals(means, p.means) && Arrays.equals(medians, p.medians) && Arrays.equals(q1, p.q1)
                    && Arrays.equals(q3, p.q3) && Arrays.equals(low, p.low) && Arrays.equals(high, p.high)
                    && Arrays.equals(sd, p.sd) && Arrays.equals(lift, p.lift)
                    && Arrays.equals(z, p.z) && Double.compare(valueShare, p.valueShare) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * Long.hashCode(size) + Arrays.hashCode(means);
        }

        @Override
        public String toString() {
            return "Profile[label=" + label + ", size=" + size + ", share=" + share + ", means="
                    + Arrays.toString(means) + ", medians=" + Arrays.toString(medians) + ", valueShare=" + valueShare
                    + "]";
        }
    }
}
