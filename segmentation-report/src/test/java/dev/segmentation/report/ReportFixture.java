package dev.segmentation.report;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Dendrogram;
import dev.segmentation.core.hierarchical.HierarchicalModel;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.internal.Rng;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.validation.GapStatistic;
import dev.segmentation.validation.KSweep;
import dev.segmentation.validation.SegmentProfiles;
import dev.segmentation.validation.drift.DriftMonitor;
import dev.segmentation.validation.drift.DriftReport;
import dev.segmentation.validation.explain.SurrogateTree;
import dev.segmentation.validation.stability.BootstrapStability;
import dev.segmentation.validation.stability.Migration;
import dev.segmentation.validation.stability.TimeSliceStability;
import dev.segmentation.validation.stats.SeparationTests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fixed inputs for the chart and report tests: a synthetic RFM-like table of 240 customers in four groups
 * (drawn from the library's seeded generator, so the same on every JVM), and every result the report draws,
 * computed from it with fixed seeds. Built once per test JVM.
 */
final class ReportFixture {
    static final List<String> COLUMNS = List.of("recency_days", "frequency", "monetary");
    static final List<String> NAMES = List.of("Champions", "Loyal", "At Risk", "Lost");
    static final List<FeatureDescription> FEATURES = List.of(
            FeatureDescription.of("recency_days", "days since last order", ""),
            FeatureDescription.of("frequency", "orders", ""),
            FeatureDescription.of("monetary", "revenue", "GBP"));
    static final int K = 4;
    private static ReportFixture instance;

    final Dataset raw;
    final Dataset raw2;
    final FittedPipeline pipeline;
    final Dataset x;
    final Dataset x2;
    final KSweep.Result<KMeansModel> sweep;
    final KSweep.Result<GaussianMixtureModel> mixtureSweep;
    final KMeansModel model;
    final int[] labels;
    final int[] labels2;
    final SegmentStyle style;
    final SegmentProfiles profiles;
    final SeparationTests.Report separation;
    final SurrogateTree.Model rules;
    final BootstrapStability.Result stability;
    final Projection projection;
    final HierarchicalModel hierarchy;
    final Dendrogram smallTree;
    final DriftReport drift;
    final Migration migration;
    final TimeSliceStability.Result slices;
    final SegmentComposition composition;
    final SegmentScorer scorer;

    private ReportFixture() {
        raw = customers(240, 11, 0);
        raw2 = customers(200, 12, 1);
        pipeline = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build()
                .fit(raw);
        x = pipeline.transform(raw);
        x2 = pipeline.transform(raw2);
        sweep = KSweep.of(k -> KMeans.builder().k(k).nInit(3).seed(1).build()).range(2, 7)
                .withGap(GapStatistic.of(3, 5)).run(x);
        mixtureSweep = KSweep.of(k -> GaussianMixture.builder().k(k).seed(1).build()).range(1, 5)
                .withBic(GaussianMixtureModel::bic).run(x);
        model = sweep.model(K);
        labels = model.trainingLabels();
        labels2 = model.predict(x2);
        style = SegmentStyle.of(NAMES);
        profiles = SegmentProfiles.of(raw, labels, K, "monetary");
        separation = SeparationTests.of(raw, labels);
        rules = SurrogateTree.builder().maxDepth(2).build().fit(raw, labels);
        stability = BootstrapStability.bootstrap(6, 3).assess(KMeans.builder().k(K).nInit(3).seed(1).build(), x,
                labels, FitControl.none());
        projection = Projection.pca(x, labels, model.clusterCenters(), 120, 9);
        hierarchy = AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(K).build().fit(x);
        smallTree = Dendrogram.of(new double[][] {{0, 1, 0.5, 2}, {2, 3, 0.8, 2}, {5, 6, 1.5, 4}, {4, 7, 3.0, 5}});
        drift = DriftMonitor.builder().sizeShiftThreshold(0.15).build().compare(x, labels, x2, labels2);
        int both = 150;
        migration = Migration.between(Arrays.copyOf(labels, both), Arrays.copyOf(labels2, both));
        slices = TimeSliceStability.compare(model, x, KMeans.builder().k(K).nInit(3).seed(1).build().fit(x2), x2);
        scorer = SegmentScorer.of(pipeline, model).withSegmentNames(NAMES);
        Map<String, Dataset> snapshots = new LinkedHashMap<>();
        for (int m = 1; m <= 6; m++) {
            int[] rows = new int[40 * m];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            snapshots.put("month " + m, raw.selectRows(rows));
        }
        composition = SegmentComposition.score(scorer, snapshots);
    }

    static synchronized ReportFixture get() {
        if (instance == null) {
            instance = new ReportFixture();
        }
        return instance;
    }

    /**
     * Customers in four groups (recent big spenders, regulars, lapsing, lost), the second period with fewer
     * lost customers and higher spend.
     */
    static Dataset customers(int n, long seed, int period) {
        Rng rng = new Rng(seed);
        double[][] centre = {{8, 18, 5000}, {25, 6, 1500}, {90, 3, 700}, {220, 1.2, 250}};
        double[] mix = period == 0 ? new double[] {0.15, 0.3, 0.25, 0.3} : new double[] {0.2, 0.35, 0.25, 0.2};
        double[][] rows = new double[n][3];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int g = 0;
            double acc = mix[0];
            while (u > acc && g < 3) {
                g++;
                acc += mix[g];
            }
            for (int j = 0; j < 3; j++) {
                double lift = period == 1 && j == 2 ? 1.2 : 1;
                rows[i][j] = Math.max(1, Math.round(centre[g][j] * lift * Math.exp(0.45 * normal(rng))));
            }
        }
        return Dataset.of(rows, COLUMNS);
    }

    private static double normal(Rng rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** Every chart type, drawn from the fixture, in report order. */
    List<Chart> allCharts() {
        List<Chart> c = new ArrayList<>();
        c.add(Charts.sizes(profiles, style, FEATURES));
        c.add(Charts.profileHeatmap(profiles, style, FEATURES));
        for (FeatureDescription f : FEATURES) {
            c.add(Charts.boxPlot(profiles, style, f));
        }
        c.add(Charts.inertia(sweep, K));
        c.add(Charts.silhouette(sweep, K));
        c.add(Charts.gap(sweep.gap().orElseThrow(), K));
        c.add(Charts.bic(mixtureSweep, 3));
        c.add(Charts.projection(projection, style, FEATURES));
        c.add(Charts.segmentTree(model.clusterCenters(), style));
        c.add(Charts.dendrogram(hierarchy, 12, style));
        c.add(Charts.bootstrapJaccard(stability, style));
        c.add(Charts.migrationHeatmap(migration, style, "January", "June"));
        c.add(Charts.migrationFlow(migration, style, "January", "June"));
        c.add(Charts.psi(drift, FEATURES));
        c.add(Charts.segmentMix(drift, style, "January", "June"));
        c.add(Charts.composition(composition, style));
        return c;
    }

    /** The full report of the fixture, with two extra per-segment figures. */
    SegmentationReport report() {
        return SegmentationReport.builder().title("Test segments").dataset("synthetic.csv", "generated for the tests")
                .asOf(java.time.LocalDate.parse("2024-01-01")).features(pipeline).model(model)
                .segments(profiles, NAMES).describe(FEATURES.toArray(new FeatureDescription[0]))
                .separation(separation).rules(rules).kSweep(sweep, K).stability(stability).projection(projection)
                .drift(drift, NAMES, "January", "June").migration(migration).timeSlices(slices)
                .composition(composition)
                .figure(SegmentFigure.amount("expected value, next 12 months",
                        new double[] {4200, 1300, 480, Double.NaN}, "GBP"))
                .figure(SegmentFigure.change("measured lift", new double[] {0.052, 0.11, -0.01, 0.0})
                        .withNotes(List.of("p = 0.003", "p = 0.04", "p = 0.71", "not targeted")))
                .build();
    }
}
