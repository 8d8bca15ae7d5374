/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Cut;
import dev.segmentation.core.hierarchical.Dendrogram;
import dev.segmentation.core.hierarchical.HierarchicalModel;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.report.internal.Format;
import dev.segmentation.validation.GapStatistic;
import dev.segmentation.validation.KSweep;
import dev.segmentation.validation.SegmentProfiles;
import dev.segmentation.validation.Silhouette;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.stability.BootstrapStability;
import dev.segmentation.validation.stability.Migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Every chart of the report, one static method each, drawn from the library's result objects as standalone
 * SVG ({@link Chart}). Nothing is refitted: a chart reads the numbers a result already holds (the one
 * exception, {@link #segmentTree}, links the k segment centres, a k-row computation).
 * <pre>{@code
 * Charts.inertia(sweep, 5).write(Path.of("elbow.svg"));
 * SegmentStyle style = SegmentStyle.of(names);
 * Charts.profileHeatmap(profiles, style, List.of(FeatureDescription.of("monetary", "revenue", "GBP")))
 *       .write(Path.of("profiles.svg"));
 * }</pre>
 *
 * <h2>What every chart has</h2>
 * A title, axis titles with units, a legend where colours encode something, a text alternative
 * ({@link Chart#description()}, also the SVG's {@code <desc>}), tooltips on every data mark, the data as a
 * table ({@link Chart#table()}), human-formatted numbers (thousands separators, percentages) and colours that
 * stay distinct for colour-blind readers ({@link SegmentStyle}). The output depends only on the input.
 *
 * <p>Bad input (a style with the wrong number of segments, a sweep without the criterion asked for, a label
 * out of range) throws {@link IllegalArgumentException} naming what is wrong. Thread-safe: no state.
 *
 * @since 0.1
 */
public final class Charts {
    /** The leaves a dendrogram shows by default (SciPy's {@code truncate_mode="lastp"} with this p). */
    public static final int DEFAULT_DENDROGRAM_LEAVES = 30;

    private Charts() {
    }

    /**
     * Inertia against k (the elbow curve), with the Kneedle knee as a dashed line and the k in use ringed.
     *
     * @param chosenK the k in use, or -1 for none
     */
    public static Chart inertia(KSweep.Result<?> sweep, int chosenK) {
        Objects.requireNonNull(sweep, "sweep");
        int[] ks = sweep.ks();
        double[] v = sweep.inertia();
        OptionalInt knee = sweep.recommendation(KSweep.Criterion.KNEE);
        String d = "Line chart of inertia (the within-segment sum of squared distances) for k = " + ks[0] + " to "
                + ks[ks.length - 1] + ": it falls from " + Format.number(v[0]) + " to " + Format.number(v[v.length - 1])
                + ". " + (knee.isPresent() ? "The knee of the curve (Kneedle) is at k = " + knee.getAsInt() + "."
                : "The curve has no knee.") + inUse(chosenK);
        return SweepCharts.overK("k-inertia", "Inertia by number of segments (elbow)",
                "inertia (sum of squares, feature units\u00b2)", "inertia", ks, v, null, knee.orElse(-1), "knee",
                chosenK, d);
    }

    /**
     * The mean silhouette against k, with error bars when it was estimated from a sample, the best k dashed
     * and the k in use ringed.
     *
     * @throws IllegalArgumentException if the sweep ran without a silhouette
     */
    public static Chart silhouette(KSweep.Result<?> sweep, int chosenK) {
        Objects.requireNonNull(sweep, "sweep");
        if (!sweep.hasSilhouette()) {
            throw new IllegalArgumentException("The sweep ran without a silhouette (withoutSilhouette())");
        }
        Silhouette method = sweep.silhouetteMethod().orElseThrow();
        OptionalInt best = sweep.recommendation(KSweep.Criterion.SILHOUETTE);
        double[] v = sweep.silhouette();
        String d = "Line chart of the mean silhouette (from -1 to 1; higher means customers sit closer to their own "
                + "segment than to the next) for each k, " + (method.isExact() ? "computed exactly"
                : "estimated from " + Format.count(method.sampleSize()) + " sampled customers, with error bars of one "
                + "standard error") + "." + (best.isPresent() ? " It is highest at k = " + best.getAsInt() + " ("
                + Format.number(v[best.getAsInt() - sweep.ks()[0]]) + ")." : "") + inUse(chosenK);
        return SweepCharts.overK("k-silhouette", "Mean silhouette by number of segments",
                "mean silhouette (-1 to 1, higher is better)", "silhouette", sweep.ks(), v,
                method.isExact() ? null : sweep.silhouetteStandardErrors(), best.orElse(-1), "highest", chosenK, d);
    }

    /** The gap statistic against k with error bars of one standard error, the one-standard-error k dashed. */
    public static Chart gap(GapStatistic.Result gap, int chosenK) {
        Objects.requireNonNull(gap, "gap");
        OptionalInt pick = gap.recommendedK();
        String d = "Line chart of the gap statistic (Tibshirani, Walther and Hastie 2001: how much tighter the "
                + "segments are than in structureless reference data, " + gap.references() + " reference sets) for "
                + "each k, with error bars of one standard error. " + (pick.isPresent()
                ? "The one-standard-error rule picks k = " + pick.getAsInt() + "." : "No k passes the one-standard-"
                + "error rule in this range.") + inUse(chosenK);
        return SweepCharts.overK("k-gap", "Gap statistic by number of segments",
                "gap (log of within-segment dispersion)", "gap", gap.ks(), gap.gap(), gap.standardErrors(),
                pick.orElse(-1), "1-SE rule", chosenK, d);
    }

    /**
     * The BIC against k (mixture models), lowest dashed.
     *
     * @throws IllegalArgumentException if the sweep has no BIC
     */
    public static Chart bic(KSweep.Result<?> sweep, int chosenK) {
        Objects.requireNonNull(sweep, "sweep");
        double[] v = sweep.bic().orElseThrow(() -> new IllegalArgumentException(
                "The sweep has no BIC: its models have no likelihood (use withBic or likelihood models)"));
        OptionalInt best = sweep.recommendation(KSweep.Criterion.BIC);
        String d = "Line chart of the Bayesian information criterion for each k (lower is better: fit traded against "
                + "the number of parameters)." + (best.isPresent() ? " It is lowest at k = " + best.getAsInt() + "."
                : "") + inUse(chosenK);
        return SweepCharts.overK("k-bic", "BIC by number of segments", "BIC (lower is better)", "BIC", sweep.ks(),
                v, null, best.orElse(-1), "lowest", chosenK, d);
    }

    private static String inUse(int chosenK) {
        return chosenK >= 0 ? " The report uses k = " + chosenK + "." : "";
    }

    /**
     * Each segment's share of customers and of the profiles' value column (revenue), as paired bars, largest
     * value first.
     *
     * @param features labels and units, for the value column's name (may be empty)
     */
    public static Chart sizes(SegmentProfiles profiles, SegmentStyle style, List<FeatureDescription> features) {
        Objects.requireNonNull(profiles, "profiles");
        Objects.requireNonNull(style, "style");
        return SegmentCharts.sizes(profiles, style, valueLabel(profiles, features));
    }

    /** The label of the profiles' value column. */
    static String valueLabel(SegmentProfiles profiles, List<FeatureDescription> features) {
        String v = profiles.valueColumn();
        if (v == null) {
            return "value";
        }
        for (int i = 0; i < features.size(); i++) {
            if (features.get(i).column().equals(v)) {
                return features.get(i).label();
            }
        }
        return FeatureDescription.plain(v).label();
    }

    /**
     * The heatmap of standardised means: segments by features, coloured by the z-score of the segment mean
     * against all customers, with the median as text.
     */
    public static Chart profileHeatmap(SegmentProfiles profiles, SegmentStyle style,
                                       List<FeatureDescription> features) {
        return SegmentCharts.heatmap(Objects.requireNonNull(profiles, "profiles"), Objects.requireNonNull(style,
                "style"), Objects.requireNonNull(features, "features"));
    }

    /**
     * Box plots of one feature, one box per segment (quartiles, median, Tukey whiskers), with the median of all
     * customers; a logarithmic axis when the whiskers span more than three decades.
     *
     * @throws IllegalArgumentException if the profiles have no such column
     */
    public static Chart boxPlot(SegmentProfiles profiles, SegmentStyle style, FeatureDescription feature) {
        return SegmentCharts.boxPlot(Objects.requireNonNull(profiles, "profiles"), Objects.requireNonNull(style,
                "style"), Objects.requireNonNull(feature, "feature"));
    }

    /** The scatter plot of a projection, coloured by segment, with the centres and the feature directions. */
    public static Chart projection(Projection projection, SegmentStyle style, List<FeatureDescription> features) {
        return ProjectionChart.draw(Objects.requireNonNull(projection, "projection"), Objects.requireNonNull(style,
                "style"), Objects.requireNonNull(features, "features"));
    }

    /**
     * A dendrogram, truncated to its top {@code maxLeaves - 1} merges when it has more leaves.
     *
     * @throws IllegalArgumentException if {@code maxLeaves < 2}
     */
    public static Chart dendrogram(Dendrogram dendrogram, int maxLeaves) {
        Objects.requireNonNull(dendrogram, "dendrogram");
        return TreeChart.draw("dendrogram", "Dendrogram", dendrogram, maxLeaves, null, null, Double.NaN, "",
                "merge height (linkage distance)", Format.count(dendrogram.leaves()) + " leaves");
    }

    /**
     * The dendrogram of a hierarchical model, truncated to its top merges, with leaves and links coloured by
     * the segment they fall in and the model's cut as a dashed line.
     *
     * @throws IllegalArgumentException if the style does not have the model's k segments, or
     *     {@code maxLeaves < 2}
     */
    public static Chart dendrogram(HierarchicalModel model, int maxLeaves, SegmentStyle style) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(style, "style");
        if (style.size() != model.k()) {
            throw new IllegalArgumentException("The style names " + style.size() + " segments but the model has "
                    + model.k());
        }
        Dendrogram d = model.dendrogram();
        int n = d.leaves();
        int[] labels = model.trainingLabels();
        int[] leaf = model.leafOfRow();
        List<String> colours = new ArrayList<>(n);
        String[] byLeaf = new String[n];
        for (int i = 0; i < leaf.length; i++) {
            byLeaf[leaf[i]] = style.colour(labels[i]);
        }
        for (int i = 0; i < n; i++) {
            colours.add(byLeaf[i] == null ? style.colour(-1) : byLeaf[i]);
        }
        Cut cut = model.cut();
        double cutHeight = Double.NaN;
        if (cut.kind() == Cut.Kind.HEIGHT) {
            cutHeight = cut.height();
        } else if (model.k() > 1 && d.isMonotonic()) {
            cutHeight = (d.height(n - 1 - model.k()) + d.height(n - model.k())) / 2;
        }
        String leaves = model.isTwoStage() ? "micro-clusters" : "customers";
        return TreeChart.draw("dendrogram", "Dendrogram (" + model.linkage().name().toLowerCase(java.util.Locale.ROOT)
                        + " linkage)", d, maxLeaves, null, colours, cutHeight, "cut: " + model.k() + " segments",
                "merge height (" + model.linkage().name().toLowerCase(java.util.Locale.ROOT) + " linkage distance)",
                Format.count(n) + " " + leaves);
    }

    /**
     * How the segments relate: Ward's linkage of the k segment centres (the one chart that computes something,
     * a k-row linkage), leaves named and coloured by segment. For centroid models, where there is no
     * dendrogram of the customers.
     *
     * @throws IllegalArgumentException if there are fewer than two centres or the style does not have k segments
     */
    public static Chart segmentTree(Centroids centres, SegmentStyle style) {
        Objects.requireNonNull(centres, "centres");
        Objects.requireNonNull(style, "style");
        Checks.atLeast("number of centres", centres.k(), 2);
        if (style.size() != centres.k()) {
            throw new IllegalArgumentException("The style names " + style.size() + " segments but there are "
                    + centres.k() + " centres");
        }
        Dendrogram d = AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(1).build()
                .dendrogram(Dataset.of(centres.toArray(), centres.columnNames()), FitControl.none());
        List<String> colours = new ArrayList<>(centres.k());
        for (int s = 0; s < centres.k(); s++) {
            colours.add(style.colour(s));
        }
        return TreeChart.draw("segment-tree", "How the segments relate (Ward linkage of their centres)", d, centres.k(),
                style.names(), colours, Double.NaN, "", "merge height (Ward distance between centres, feature units)",
                "the " + centres.k() + " segment centres");
    }

    /** Bootstrap (or subsample) stability: the mean Jaccard coefficient per segment, and each refit's. */
    public static Chart bootstrapJaccard(BootstrapStability.Result result, SegmentStyle style) {
        return StabilityCharts.jaccard(Objects.requireNonNull(result, "result"), Objects.requireNonNull(style,
                "style"));
    }

    /**
     * The migration matrix as a heatmap of row shares.
     *
     * @param style names and colours of the labels on both sides (the same model's, or matched labels)
     * @param fromLabel what the rows are, for example "H1"
     * @param toLabel what the columns are
     */
    public static Chart migrationHeatmap(Migration migration, SegmentStyle style, String fromLabel, String toLabel) {
        return StabilityCharts.migrationHeatmap(Objects.requireNonNull(migration, "migration"),
                Objects.requireNonNull(style, "style"), label(fromLabel, "fromLabel"), label(toLabel, "toLabel"));
    }

    /** The migration matrix as a flow (Sankey-style) diagram: bands from the segments before to those after. */
    public static Chart migrationFlow(Migration migration, SegmentStyle style, String fromLabel, String toLabel) {
        return StabilityCharts.migrationFlow(Objects.requireNonNull(migration, "migration"),
                Objects.requireNonNull(style, "style"), label(fromLabel, "fromLabel"), label(toLabel, "toLabel"));
    }

    /** The PSI of every feature (and of the segment mix) against the stable, moderate and significant bands. */
    public static Chart psi(DriftReport report, List<FeatureDescription> features) {
        return DriftCharts.psi(Objects.requireNonNull(report, "report"), Objects.requireNonNull(features,
                "features"));
    }

    /**
     * The segment mix of the two periods of a drift report, with each segment's relative change and its
     * size-shift alert.
     *
     * @throws IllegalArgumentException if the report was made without segment labels
     */
    public static Chart segmentMix(DriftReport report, SegmentStyle style, String referenceLabel,
                                   String currentLabel) {
        return DriftCharts.segmentMix(Objects.requireNonNull(report, "report"), Objects.requireNonNull(style, "style"),
                label(referenceLabel, "referenceLabel"), label(currentLabel, "currentLabel"));
    }

    /** Segment sizes at each snapshot of a composition, stacked. */
    public static Chart composition(SegmentComposition composition, SegmentStyle style) {
        return CompositionChart.draw(Objects.requireNonNull(composition, "composition"),
                Objects.requireNonNull(style, "style"));
    }

    private static String label(String s, String name) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank but was '" + s + "'");
        }
        return s;
    }
}
