/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

// quickstart:start
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
// quickstart:end

/**
 * The README's quickstart, runnable: six customers, a fitted pipeline, K-means, a model file written and read
 * back, and one raw customer scored. The lines between the {@code quickstart} markers are exactly the README's
 * block ({@code QuickstartTest} checks it, and checks the output the README shows).
 * <pre>
 * mvn -B -q -pl segmentation-examples -am verify -DskipTests -Pexample -Dexample.main=dev.segmentation.examples.Quickstart
 * </pre>
 */
public final class Quickstart {
    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        // quickstart:start
        Dataset customers = Dataset.of(new double[][] {{3, 25, 12000}, {200, 1, 80}, {12, 2, 450}, {35, 9, 2300},
                {300, 1, 25}, {8, 14, 6100}}, List.of("recency_days", "frequency", "monetary"));
        FittedPipeline features = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary")
                .standardize().build().fit(customers);
        KMeansModel model = KMeans.builder().k(2).nInit(10).seed(42).build().fit(features.transform(customers));
        Path file = Files.createTempFile("segments", ".json");
        ModelIO.write(SegmentScorer.of(features, model), file);            // versioned, checksummed JSON
        SegmentScorer scorer = ModelIO.read(file, SegmentScorer.class);     // in the scoring service
        int segment = scorer.assign(new double[] {5, 18, 9000});            // raw values in, no allocation
        System.out.println("segment " + segment + " of " + scorer.k());
        // quickstart:end
        Files.deleteIfExists(file);
    }
}
