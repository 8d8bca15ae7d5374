/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random pipelines in front of random models: the scorer (built in memory, and read back from its file) labels
 * raw rows exactly as the model's own {@code predict} labels the pipeline's output, and gives the mixture's
 * {@code predictProba} exactly.
 */
class ScorerPipelineProperties {
    private static final List<String> COLUMNS = List.of("recency_days", "frequency", "monetary");

    @Property(tries = 80)
    void scorerEqualsPipelineThenModel(@ForAll long seed, @ForAll @IntRange(min = 0, max = 15) int steps,
                                       @ForAll @IntRange(min = 0, max = 6) int modelKind,
                                       @ForAll @IntRange(min = 40, max = 200) int n) throws Exception {
        Dataset raw = customers(n, seed);
        FeaturePipeline.Builder b = FeaturePipeline.builder();
        if ((steps & 1) != 0) {
            b.log1p("frequency", "monetary");
        }
        if ((steps & 2) != 0) {
            b.winsorizeQuantiles(1, 99, "monetary");
        }
        switch (steps >> 2) {
            case 0:
                b.standardize();
                break;
            case 1:
                b.minMax();
                break;
            case 2:
                b.robustScale();
                break;
            default:
                b.quantileNormal(50, "recency_days").standardize("frequency", "monetary");
                break;
        }
        FittedPipeline pipeline = b.build().fit(raw);
        Dataset x = pipeline.transform(raw);
        ClusterModel model = model(modelKind, x, seed);
        SegmentScorer scorer = SegmentScorer.of(pipeline, model);
        SegmentScorer back = ModelIO.fromJson(ModelIO.toJson(scorer, Lineage.builder().build()))
                .model(SegmentScorer.class);
        int[] expected = model.predict(x);
        assertArrayEquals(expected, scorer.assign(raw));
        assertArrayEquals(expected, back.assign(raw));
        double[] row = new double[3];
        for (int i = 0; i < raw.rows(); i++) {
            raw.copyRow(i, row, 0);
            assertEquals(expected[i], back.assign(row), "row " + i);
        }
        if (model instanceof GaussianMixtureModel) {
            double[][] p = ((GaussianMixtureModel) model).predictProba(x);
            double[][] q = back.probabilities(raw);
            for (int i = 0; i < p.length; i++) {
                assertArrayEquals(p[i], q[i], "row " + i);
            }
        }
    }

    private static ClusterModel model(int kind, Dataset x, long seed) {
        switch (kind) {
            case 0:
                return KMeans.builder().k(3).seed(seed).build().fit(x);
            case 1:
                return MiniBatchKMeans.builder().k(3).batchSize(32).seed(seed).build().fit(x);
            case 2:
                return GaussianMixture.builder().k(2).seed(seed).build().fit(x);
            case 3:
                return GaussianMixture.builder().k(3).covarianceType(CovarianceType.DIAG).seed(seed).build().fit(x);
            case 4:
                return Dbscan.builder().eps(0.5).minPts(4).build().fit(x);
            case 5:
                return AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(3).build().fit(x);
            default:
                return AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(4).build().fit(x);
        }
    }

    /** RFM-like customers: recency in days, a count of orders, a skewed revenue. */
    private static Dataset customers(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {r.nextInt(0, 365), 1 + r.nextInt(0, 30), Math.exp(3 + 2 * r.nextDouble())};
        }
        return Dataset.of(rows, COLUMNS);
    }
}
