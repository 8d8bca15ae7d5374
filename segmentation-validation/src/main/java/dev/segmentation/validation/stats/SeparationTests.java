/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DistanceRange;
import dev.segmentation.validation.internal.Labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Do the segments differ on each feature? One-way ANOVA and Kruskal-Wallis for every column, with effect sizes
 * and p-values adjusted by Benjamini-Hochberg across the columns (each test family apart).
 * <pre>{@code
 * SeparationTests.Report r = SeparationTests.of(rfmRaw, model.trainingLabels());
 * r.ranked().get(0).feature();                 // the feature that separates the segments most (eta^2)
 * }</pre>
 *
 * <p>Segments are the labels; rows labelled -1 are left out. A feature that is constant over the labelled rows
 * cannot separate anything: it is reported with F = H = 0, p = 1 and {@link FeatureTest#constant()} true,
 * instead of the undefined statistic. Fewer than two segments, labels of the wrong length or below -1, or no
 * within-segment degrees of freedom throw {@link IllegalArgumentException}. Thread-safe.
 *
 * <p>With customer-scale samples nearly every p-value is tiny: rank and read features by effect size
 * (\( \eta^2 \), \( \varepsilon^2 \)), which says how much of the variation the segments explain.
 *
 * @since 0.1
 */
public final class SeparationTests {
    private SeparationTests() {
    }

    /**
     * The tests of one feature.
     *
     * @param feature the column name
     * @param anova the one-way ANOVA
     * @param kruskalWallis the Kruskal-Wallis test
     * @param anovaAdjustedP the ANOVA p-value adjusted by Benjamini-Hochberg across the features
     * @param kruskalAdjustedP the Kruskal-Wallis p-value adjusted likewise
     * @param constant whether the feature is constant over the labelled rows
     */
    public record FeatureTest(String feature, OneWayAnova.Result anova, KruskalWallis.Result kruskalWallis,
                              double anovaAdjustedP, double kruskalAdjustedP, boolean constant) {
    }

    /**
     * Tests every column of {@code data} across the segments.
     *
     * @param data the rows, in raw units. Not modified.
     * @param labels the segment of each row, {@code >= 0}, or -1 to leave it out. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public static Report of(Dataset data, int[] labels) {
        Checks.notNull("data", data);
        Labels.checkLength(labels, data);
        DistanceRange.check(data, "the separation tests");
        Labels.Encoded enc = Labels.encodeClusters(labels);
        if (enc.k < 2) {
            throw new IllegalArgumentException("Separation tests need at least 2 segments but the labels hold "
                    + enc.k + (enc.assigned == 0 ? " (every row is noise)" : ""));
        }
        if (enc.assigned <= enc.k) {
            throw new IllegalArgumentException("Separation tests need more rows (" + enc.assigned + ") than segments ("
                    + enc.k + ")");
        }
        int d = data.cols();
        OneWayAnova.Result[] anova = new OneWayAnova.Result[d];
        KruskalWallis.Result[] kw = new KruskalWallis.Result[d];
        boolean[] constant = new boolean[d];
        double[] pa = new double[d];
        double[] pk = new double[d];
        int dfb = enc.k - 1;
        int dfw = enc.assigned - enc.k;
        for (int j = 0; j < d; j++) {
            Groups g = Groups.ofLabels(data.column(j), labels);
            double first = g.values[0];
            boolean isConstant = true;
            for (int i = 1; i < g.values.length && isConstant; i++) {
                isConstant = g.values[i] == first;
            }
            constant[j] = isConstant;
            if (isConstant) {
                anova[j] = new OneWayAnova.Result(0, 1, dfb, dfw, 0, 0, 0, 0, 0);
                kw[j] = KruskalWallis.constant(g);
            } else {
                anova[j] = OneWayAnova.test(g);
                kw[j] = KruskalWallis.test(g);
            }
            pa[j] = anova[j].pValue();
            pk[j] = kw[j].pValue();
        }
        double[] aa = BenjaminiHochberg.adjust(pa);
        double[] ak = BenjaminiHochberg.adjust(pk);
        List<FeatureTest> out = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            out.add(new FeatureTest(data.columnNames().get(j), anova[j], kw[j], aa[j], ak[j], constant[j]));
        }
        return new Report(out, enc.k, enc.assigned);
    }

    /** The tests of every feature. Immutable. */
    public static final class Report {
        private final List<FeatureTest> features;
        private final int segments;
        private final int rows;

        Report(List<FeatureTest> features, int segments, int rows) {
            this.features = List.copyOf(features);
            this.segments = segments;
            this.rows = rows;
        }

        /** The tests, in column order. */
        public List<FeatureTest> features() {
            return features;
        }

        /** The tests by decreasing ANOVA \( \eta^2 \) (ties by column order). */
        public List<FeatureTest> ranked() {
            List<FeatureTest> out = new ArrayList<>(features);
            out.sort(Comparator.comparingDouble((FeatureTest f) -> -f.anova().etaSquared()));
            return List.copyOf(out);
        }

        /** The number of segments tested. */
        public int segments() {
            return segments;
        }

        /** The number of labelled rows. */
        public int rows() {
            return rows;
        }

        /** A readable table. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-16s %12s %10s %7s %12s %10s %7s%n",
                    "feature", "ANOVA F", "p (BH)", "eta^2", "KW H", "p (BH)", "eps^2"));
            List<FeatureTest> r = ranked();
            for (int i = 0; i < r.size(); i++) {
                FeatureTest f = r.get(i);
                sb.append(String.format(Locale.ROOT, "  %-16s %12.2f %10.3g %7.3f %12.2f %10.3g %7.3f%s%n",
                        f.feature(), f.anova().f(), f.anovaAdjustedP(), f.anova().etaSquared(), f.kruskalWallis().h(),
                        f.kruskalAdjustedP(), f.kruskalWallis().epsilonSquared(), f.constant() ? "  (constant)" : ""));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return "SeparationTests.Report[" + features.size() + " features, " + segments + " segments, " + rows
                    + " rows, most separating: " + (features.isEmpty() ? "-" : ranked().get(0).feature()) + "]";
        }
    }
}
