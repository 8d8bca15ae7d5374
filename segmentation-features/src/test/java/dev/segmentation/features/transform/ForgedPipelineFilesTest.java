/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.testing.ForgedFiles;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forged model files of fitted pipelines and of a scorer that carries one (the core's forged-file check, applied
 * to this module's codecs): every parameter replaced by hostile values under a valid checksum gives a pipeline or a
 * {@link dev.segmentation.core.io.ModelFormatException}, never another exception.
 */
class ForgedPipelineFilesTest {

    @Test
    void everyForgedPipelineParameterIsAFormatErrorOrAPipeline() throws Exception {
        Map<String, Object> files = new LinkedHashMap<>();
        FittedPipeline full = PipelineStepsTest.full(UnseenCategory.OTHER).fit(PipelineStepsTest.crm());
        files.put("full", full);
        files.put("scalers", FeaturePipeline.builder().impute(Imputation.mean(), "spend").minMax(0, 1, "spend")
                .robustScale(25, 75, "orders").build().fit(PipelineStepsTest.crm().select("spend", "orders")));
        files.put("encoders", FeaturePipeline.builder().impute(Imputation.mostFrequent(), "region").ordinal("region")
                .impute(Imputation.mean(), "spend").quantileUniform(4, "spend").pca(2, "spend", "orders")
                .build().fit(PipelineStepsTest.crm().select("spend", "orders", "region")));
        Dataset x = full.transform(PipelineStepsTest.crm()).features();
        files.put("scorer", SegmentScorer.of(full, KMeans.builder().k(2).seed(7).build().fit(x)));
        ForgedFiles.assertEveryForgeryIsAFormatErrorOrAModel(files, 300);
    }
}
