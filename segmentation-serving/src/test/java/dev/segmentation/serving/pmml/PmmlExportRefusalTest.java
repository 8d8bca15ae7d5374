/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.pmml;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.serving.TestModels;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the PMML export refuses, and why. (The export itself is checked against JPMML in the service module.) */
class PmmlExportRefusalTest {
    private static final Dataset RAW = TestModels.customers(300, 4);

    @Test
    void refusesMixturesAndDbscanWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PmmlExport.toPmml(TestModels.gmm(RAW, 3, 1)));
        assertTrue(e.getMessage().contains("GaussianMixtureModel") && e.getMessage().contains("posterior probability"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PmmlExport.toPmml(TestModels.dbscan(RAW, 0.5, 5)));
        assertTrue(e.getMessage().contains("DbscanModel") && e.getMessage().contains("noise"), e.getMessage());
    }

    @Test
    void refusesAPipelineStepItCannotExpressNamingTheStep() {
        FittedPipeline p = FeaturePipeline.builder().log1p("monetary").pca(2).build().fit(RAW);
        SegmentScorer s = SegmentScorer.of(p, KMeans.builder().k(2).seed(1).build().fit(p.transform(RAW)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PmmlExport.toPmml(s));
        assertTrue(e.getMessage().contains("step 2 ('pca'"), e.getMessage());
    }

    @Test
    void theExportIsDeterministic() {
        SegmentScorer s = TestModels.kmeans(RAW, 3, 1);
        assertEquals(PmmlExport.toPmml(s), PmmlExport.toPmml(s));
        assertTrue(PmmlExport.toPmml(s).contains("<ClusteringModel"));
    }
}
