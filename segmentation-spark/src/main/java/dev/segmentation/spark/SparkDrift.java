/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.spark;

import dev.segmentation.spark.internal.Columns;
import dev.segmentation.spark.internal.ExactSum;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.drift.PopulationStabilityIndex;
import dev.segmentation.validation.internal.PsiEdges;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

/**
 * Drift between a reference and a current DataFrame, computed on the cluster with the definitions of the validation
 * module's {@code DriftMonitor} and {@link PopulationStabilityIndex}, so that the figures equal the single-JVM
 * {@link DriftReport}'s on the same rows:
 * <ul>
 *   <li><b>PSI per feature</b>: B - 1 cut points from the reference by the {@link PopulationStabilityIndex.EdgeRule}
 *       ({@code LINEAR}: NumPy's default quantile at \( i / B \), interpolated between the exact order statistics
 *       \( x_{(\lfloor h \rfloor + 1)} \) and \( x_{(\lfloor h \rfloor + 2)} \), \( h = (n - 1) i / B \), with
 *       NumPy's lerp; {@code LOWER_EMPIRICAL}: \( x_{(\lceil i n / B \rceil)} \)), repeated cut points kept once,
 *       bins \( (-\infty, q_1], \dots, (q_m, \infty) \) closed on the right, zero shares floored at
 *       \( \varepsilon \). The order statistics are found exactly (a distributed sort, then only the ranks needed
 *       are collected), not with {@code approxQuantile}.</li>
 *   <li><b>PSI of the segment mix</b>: one bin per label found in either period, noise (-1) included.</li>
 *   <li><b>Segment sizes</b>: per label (noise excluded) the counts, the shares of the assigned rows, the relative
 *       change \( s_c / s_r - 1 \), and the shift of the segment's feature means (exact sums).</li>
 *   <li><b>Migration</b> ({@link #migration}): the matrix of customers by (reference segment, current segment),
 *       joined on the id, as the validation module's {@code Migration.between}.</li>
 * </ul>
 * The KS tests of the single-JVM report are not computed here.
 *
 * <p>Bad input: a missing or non-numeric feature column, a non-integer segment column, an empty period, or a null,
 * NaN or infinite feature value: {@link IllegalArgumentException} naming the column.
 *
 * @since 0.1
 */
public final class SparkDrift {
    private final PopulationStabilityIndex psi;
    private final int bins;
    private final PopulationStabilityIndex.EdgeRule rule;

    private SparkDrift(int bins, PopulationStabilityIndex.EdgeRule rule, double epsilon) {
        this.bins = bins;
        this.rule = rule;
        this.psi = PopulationStabilityIndex.defaults().withBins(bins).withEdgeRule(rule).withEpsilon(epsilon);
    }

    /** The validation module's defaults: 10 bins, the linear edge rule, epsilon 1e-4. */
    public static SparkDrift defaults() {
        return new SparkDrift(PopulationStabilityIndex.DEFAULT_BINS, PopulationStabilityIndex.EdgeRule.LINEAR,
                PopulationStabilityIndex.DEFAULT_EPSILON);
    }

    /** The same with other PSI settings (as {@code DriftMonitor.Builder.psiBins/psiEdgeRule/psiEpsilon}). */
    public static SparkDrift of(int bins, PopulationStabilityIndex.EdgeRule rule, double epsilon) {
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be >= 2 but was " + bins);
        }
        return new SparkDrift(bins, Objects.requireNonNull(rule, "rule"), epsilon);
    }

    /** The PSI of one feature with its bins. */
    public record FeaturePsi(String feature, double[] edges, long[] referenceCounts, long[] currentCounts,
                             PopulationStabilityIndex.Result psi) {
        /** Defensive copies. */
        public FeaturePsi {
            edges = edges.clone();
            referenceCounts = referenceCounts.clone();
            currentCounts = currentCounts.clone();
        }

        /** A copy of the cut points. */
        @Override
        public double[] edges() {
            return edges.clone();
        }

        /** A copy. */
        @Override
        public long[] referenceCounts() {
            return referenceCounts.clone();
        }

        /** A copy. */
        @Override
        public long[] currentCounts() {
            return currentCounts.clone();
        }
    }

    /** The drift figures. */
    public record Report(List<FeaturePsi> features, Optional<PopulationStabilityIndex.Result> segmentMix,
                         int[] mixCategories, List<DriftReport.SegmentDrift> segments, long referenceRows,
                         long currentRows) {
        /** Defensive copies. */
        public Report {
            features = List.copyOf(features);
            segments = List.copyOf(segments);
            mixCategories = mixCategories.clone();
        }

        /** A copy of the labels of the segment-mix bins, increasing. */
        @Override
        public int[] mixCategories() {
            return mixCategories.clone();
        }

        /** The PSI of one feature. */
        public FeaturePsi feature(String name) {
            for (FeaturePsi f : features) {
                if (f.feature().equals(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("No feature '" + name + "'");
        }
    }

    /** A migration matrix. */
    public record MigrationMatrix(int[] fromSegments, int[] toSegments, long[][] counts, long total, long moved) {
    }

    /**
     * Compares two periods.
     *
     * @param reference the reference rows. Not modified.
     * @param current the current rows. Not modified.
     * @param features numeric columns present in both
     * @param segmentColumn an int segment column present in both, or {@code null}
     * @return the figures
     * @throws IllegalArgumentException see the class comment
     */
    public Report compare(Dataset<Row> reference, Dataset<Row> current, List<String> features, String segmentColumn) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(features, "features");
        for (String f : features) {
            Columns.requireNumeric(reference.schema(), f, "feature of the reference period");
            Columns.requireNumeric(current.schema(), f, "feature of the current period");
        }
        if (segmentColumn != null) {
            for (Dataset<Row> df : List.of(reference, current)) {
                StructField sf = Columns.field(df.schema(), segmentColumn, "segment");
                if (!sf.dataType().equals(DataTypes.IntegerType)) {
                    throw new IllegalArgumentException("Column '" + segmentColumn + "' (segment) must be int but is "
                            + sf.dataType().simpleString());
                }
            }
        }
        List<String> used = new ArrayList<>(features);
        if (segmentColumn != null) {
            used.add(segmentColumn);
        }
        // several passes read the same columns: keep them for the duration of the comparison
        Dataset<Row> ref = reference.selectExpr(Columns.quoted(used)).persist(
                org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> cur = current.selectExpr(Columns.quoted(used)).persist(
                org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        try {
            return compareKept(ref, cur, features, segmentColumn);
        } finally {
            ref.unpersist();
            cur.unpersist();
        }
    }

    private Report compareKept(Dataset<Row> reference, Dataset<Row> current, List<String> features,
                               String segmentColumn) {
        long nr = reference.count();
        long nc = current.count();
        if (nr == 0 || nc == 0) {
            throw new IllegalArgumentException("The " + (nr == 0 ? "reference" : "current") + " period has no rows");
        }
        List<FeaturePsi> out = new ArrayList<>();
        for (String f : features) {
            JavaRDD<Double> r = values(reference, f, "reference");
            JavaRDD<Double> c = values(current, f, "current");
            double[] edges = edges(r, nr);
            long[] rc = binCounts(r, edges);
            long[] cc = binCounts(c, edges);
            PopulationStabilityIndex.Result res = psi.ofShares(shares(rc, nr), shares(cc, nc));
            out.add(new FeaturePsi(f, edges, rc, cc, res));
        }
        if (segmentColumn == null) {
            return new Report(out, Optional.empty(), new int[0], List.of(), nr, nc);
        }
        Map<Integer, Long> rl = labelCounts(reference, segmentColumn);
        Map<Integer, Long> cl = labelCounts(current, segmentColumn);
        TreeSet<Integer> all = new TreeSet<>(rl.keySet());
        all.addAll(cl.keySet());
        int[] cats = all.stream().mapToInt(Integer::intValue).toArray();
        long[] rmix = new long[cats.length];
        long[] cmix = new long[cats.length];
        for (int i = 0; i < cats.length; i++) {
            rmix[i] = rl.getOrDefault(cats[i], 0L);
            cmix[i] = cl.getOrDefault(cats[i], 0L);
        }
        PopulationStabilityIndex.Result mix = psi.ofShares(shares(rmix, nr), shares(cmix, nc));
        return new Report(out, Optional.of(mix), cats, segments(reference, current, features, segmentColumn, rl, cl),
                nr, nc);
    }

    /**
     * The migration of the customers present in both periods, joined on the id.
     *
     * @throws IllegalArgumentException if a column is missing or no customer is in both
     */
    public MigrationMatrix migration(Dataset<Row> before, Dataset<Row> after, String idColumn, String segmentColumn) {
        Columns.field(before.schema(), idColumn, "customer id");
        Columns.field(after.schema(), idColumn, "customer id");
        Columns.field(before.schema(), segmentColumn, "segment");
        Columns.field(after.schema(), segmentColumn, "segment");
        Dataset<Row> joined = before.select(col(idColumn), col(segmentColumn).as("_from"))
                .join(after.select(col(idColumn), col(segmentColumn).as("_to")), idColumn);
        List<Row> cells = joined.groupBy("_from", "_to").count().collectAsList();
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("No customer is in both periods (joined on '" + idColumn + "')");
        }
        TreeSet<Integer> from = new TreeSet<>();
        TreeSet<Integer> to = new TreeSet<>();
        for (Row r : cells) {
            from.add(r.getInt(0));
            to.add(r.getInt(1));
        }
        int[] f = from.stream().mapToInt(Integer::intValue).toArray();
        int[] t = to.stream().mapToInt(Integer::intValue).toArray();
        long[][] counts = new long[f.length][t.length];
        long total = 0;
        long moved = 0;
        for (Row r : cells) {
            counts[Arrays.binarySearch(f, r.getInt(0))][Arrays.binarySearch(t, r.getInt(1))] = r.getLong(2);
            total += r.getLong(2);
            if (r.getInt(0) != r.getInt(1)) {
                moved += r.getLong(2);
            }
        }
        return new MigrationMatrix(f, t, counts, total, moved);
    }

    private static JavaRDD<Double> values(Dataset<Row> df, String column, String period) {
        return df.select(col(column).cast(DataTypes.DoubleType)).javaRDD().map(r -> {
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("Column '" + column + "' of the " + period + " period has a null");
            }
            double v = r.getDouble(0);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Column '" + column + "' of the " + period + " period holds " + v);
            }
            return v;
        });
    }

    /** The cut points of the reference, from its exact order statistics (only the ranks needed are collected). */
    private double[] edges(JavaRDD<Double> reference, long n) {
        boolean linear = rule == PopulationStabilityIndex.EdgeRule.LINEAR;
        long[] ranks = PsiEdges.ranks(linear, bins, n);
        TreeSet<Long> wanted = new TreeSet<>();
        for (long r : ranks) {
            wanted.add(r);
        }
        Map<Long, Double> stats = new TreeMap<>();
        for (scala.Tuple2<Double, Long> t : reference.sortBy(v -> v, true, reference.getNumPartitions())
                .zipWithIndex().filter(t -> wanted.contains(t._2())).collect()) {
            stats.put(t._2(), t._1());
        }
        return PsiEdges.cuts(linear, bins, n, stats::get);
    }

    private static long[] binCounts(JavaRDD<Double> values, double[] edges) {
        final double[] e = edges;
        final int nb = edges.length + 1;
        return values.treeAggregate(new long[nb], (acc, v) -> {
            acc[PsiEdges.bin(e, v)]++;
            return acc;
        }, (a, b) -> {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        });
    }

    private static double[] shares(long[] counts, long total) {
        double[] out = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            out[b] = (double) counts[b] / total;
        }
        return out;
    }

    private static Map<Integer, Long> labelCounts(Dataset<Row> df, String segment) {
        Map<Integer, Long> out = new TreeMap<>();
        for (Row r : df.groupBy(segment).count().collectAsList()) {
            if (r.isNullAt(0)) {
                throw new IllegalArgumentException("Column '" + segment + "' (segment) has nulls");
            }
            if (r.getInt(0) < -1) {
                throw new IllegalArgumentException("Column '" + segment + "' (segment) holds " + r.getInt(0)
                        + ", not a segment (>= 0) or noise (-1)");
            }
            out.put(r.getInt(0), r.getLong(1));
        }
        return out;
    }

    private static List<DriftReport.SegmentDrift> segments(Dataset<Row> reference, Dataset<Row> current,
            List<String> features, String segment, Map<Integer, Long> rl, Map<Integer, Long> cl) {
        TreeSet<Integer> labels = new TreeSet<>(rl.keySet());
        labels.addAll(cl.keySet());
        labels.remove(-1);
        int d = features.size();
        Map<Integer, double[]> rm = means(reference, features, segment, segmentLabels(rl));
        Map<Integer, double[]> cm = means(current, features, segment, segmentLabels(cl));
        long ra = assigned(rl);
        long ca = assigned(cl);
        List<DriftReport.SegmentDrift> out = new ArrayList<>();
        for (int label : labels) {
            long rcount = rl.getOrDefault(label, 0L);
            long ccount = cl.getOrDefault(label, 0L);
            double rs = ra == 0 ? 0 : (double) rcount / ra;
            double cs = ca == 0 ? 0 : (double) ccount / ca;
            double change = rs == 0 ? Double.POSITIVE_INFINITY : cs / rs - 1;
            double[] shift = new double[d];
            double dist;
            if (rcount > 0 && ccount > 0) {
                double[] a = rm.get(label);
                double[] b = cm.get(label);
                for (int j = 0; j < d; j++) {
                    shift[j] = b[j] - a[j];
                    if (!Double.isFinite(shift[j])) {
                        throw new IllegalArgumentException("The means of feature '" + features.get(j)
                                + "' in segment " + label + " (" + a[j] + " in the reference period, " + b[j]
                                + " now) differ by more than the double range; rescale the feature");
                    }
                }
                dist = norm(shift);
            } else {
                Arrays.fill(shift, Double.NaN);
                dist = Double.NaN;
            }
            out.add(new DriftReport.SegmentDrift(label, rcount, ccount, rs, cs, change, dist, shift));
        }
        return out;
    }

    /**
     * The Euclidean norm: \( \sqrt{\sum_j s_j^2} \) summed in feature order (the single JVM's bits) when that sum
     * is a finite normal number; otherwise, so that finite shifts never give an infinite or zero distance,
     * \( m \sqrt{\sum_j (s_j / m)^2} \) with \( m = \max_j |s_j| \).
     */
    static double norm(double[] shift) {
        double s = 0;
        double m = 0;
        for (double v : shift) {
            s += v * v;
            m = Math.max(m, Math.abs(v));
        }
        if (m == 0 || (s >= Double.MIN_NORMAL && s < Double.POSITIVE_INFINITY)) {
            return Math.sqrt(s);
        }
        double t = 0;
        for (double v : shift) {
            t += (v / m) * (v / m);
        }
        return m * Math.sqrt(t);
    }

    private static long assigned(Map<Integer, Long> counts) {
        long a = 0;
        for (Map.Entry<Integer, Long> e : counts.entrySet()) {
            if (e.getKey() >= 0) {
                a += e.getValue();
            }
        }
        return a;
    }

    /** The labels (not noise) of a period's segment counts, increasing. */
    private static int[] segmentLabels(Map<Integer, Long> counts) {
        return counts.keySet().stream().mapToInt(Integer::intValue).filter(l -> l >= 0).sorted().toArray();
    }

    /**
     * Per-segment feature means with exact sums, for the segments {@code labels} (increasing: those of the
     * period's counts). When a sum leaves the double range (finite values near {@code Double.MAX_VALUE}), the sums
     * are taken again over the values times \( 2^{-64} \) (exact for every value that can matter beside such a
     * sum), and the mean is that sum over the count times \( 2^{64} \).
     */
    private static Map<Integer, double[]> means(Dataset<Row> df, List<String> features, String segment,
                                                int[] labels) {
        Map<Integer, double[]> out = means(df, features, segment, labels, 1.0);
        for (double[] m : out.values()) {
            for (double v : m) {
                if (!Double.isFinite(v)) {
                    return means(df, features, segment, labels, 0x1p-64);
                }
            }
        }
        return out;
    }

    /**
     * One tree aggregate of exact sums: a {@code double[labels.length * (d + 1)][]} of {@link ExactSum} states,
     * for the segment {@code labels[l]} the sum of feature j (times {@code scale}) at {@code l * (d + 1) + j} and
     * its row count at {@code l * (d + 1) + d}; noise rows (-1) are skipped.
     *
     * @throws IllegalStateException if a row has a segment the counts did not have (the DataFrame changed
     *     between the two passes)
     */
    private static Map<Integer, double[]> means(Dataset<Row> df, List<String> features, String segment,
                                                int[] labels, double scale) {
        final int d = features.size();
        final int w = d + 1;
        List<String> cols = new ArrayList<>(features);
        cols.add(segment);
        JavaRDD<Row> rows = df.selectExpr(Columns.quoted(cols)).javaRDD();
        double[][] sums = rows.treeAggregate(ExactSum.zeros(labels.length * w), (acc, r) -> {
            int l = r.getInt(d);
            if (l < 0) {
                return acc;
            }
            int at = Arrays.binarySearch(labels, l);
            if (at < 0) {
                throw new IllegalStateException("Segment " + l + " of column '" + segment + "' was not there when "
                        + "the segments were counted: the DataFrame changed between two passes");
            }
            at *= w;
            for (int j = 0; j < d; j++) {
                acc[at + j] = ExactSum.add(acc[at + j], ((Number) r.get(j)).doubleValue() * scale);
            }
            acc[at + d] = ExactSum.add(acc[at + d], 1);
            return acc;
        }, ExactSum::addAll);
        Map<Integer, double[]> out = new TreeMap<>();
        for (int l = 0; l < labels.length; l++) {
            double count = ExactSum.value(sums[l * w + d]);
            if (count == 0) {
                continue;
            }
            double[] m = new double[d];
            for (int j = 0; j < d; j++) {
                m[j] = ExactSum.value(sums[l * w + j]) / count / scale;
            }
            out.put(labels[l], m);
        }
        return out;
    }
}
