/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.features.CustomerTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Golden values of saved pipelines: for a representative pipeline of every step type fitted on fixed data, the
 * fingerprint and the encoded model text recorded before the steps were reorganised. A saved model names the
 * feature version that fed it by this fingerprint, so neither may change: fitting the same pipeline again
 * must give the same fingerprint and the same text, and the saved files must still load to the same
 * fingerprint and the same output.
 *
 * <p>The files are {@code fixtures/pipeline/golden/<name>.json}. To add a case (never to change one), run this
 * class with {@code -Dgolden.write=<directory>} and commit the files it writes there.
 */
class PipelineGoldenTest {

    /** The fingerprints, as the unreorganised code computed them. */
    static final Map<String, String> FINGERPRINTS = Map.of(
            "cleaning", "bf36492b892b89583fafa6b500f70cd5d8857960b9ef582cd50569e67c59b069",
            "scalers", "7e0246fa6b1cfafa38bbe07a73c7c71638341e564268bf1d01273ad44476a09c",
            "derived", "8286a389fa33c6eea6341fba7f3502fe021a58984a9b42bd07a6a77c0731784e",
            "pcaWhitened", "4455f2940dec60d534ba5dbf8f930fc3006ba81690dbcff945c80516bb1e42a4",
            "pcaExplaining", "d4527f050338cddab0d2a9eb855447a0f0617d2735438eaa464238bd6fb00f94",
            "encoders", "8572b01ae2542da405ea1148a08c91fa476fa15981c83bfcd3b2ba61436a72e5",
            "everyStep", "cd98d01f72c3560588f3d8adc4ff65a7dd14ab2828a1ef5121ef684d6e4d402f",
            "dataset", "6e62b56bcccf345d67b4bb6fe6288820317a983687d205f435aa201d4baea1f0",
            "constantColumns", "5af28710c0cf87da595ea807049df230ef930394175fe066541a4f45593d49f0");

    /** Twelve customers: numeric columns with missing values, a sparse column, categories, rare ones. */
    static CustomerTable customers() {
        double nan = Double.NaN;
        return CustomerTable.builder(List.of("c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c10",
                "c11", "c12"))
                .numeric("spend", new double[] {12.5, 230, nan, 41, 88, 5100, 17, 0, 640, nan, 95, 310})
                .numeric("orders", new double[] {1, 4, 2, 1, 3, 20, 2, 1, 7, 2, 3, 5})
                .numeric("tenure", new double[] {400, 35, 120, nan, 800, 1500, 60, 15, 365, 90, 700, 210})
                .numeric("recency", new double[] {3, 200, 12, 35, 300, 8, 60, 90, 5, 150, 20, 45})
                .numeric("sparse", new double[] {nan, 1, nan, nan, nan, 2, nan, nan, nan, 3, nan, nan})
                .categorical("region", new String[] {"north", "south", "north", null, "east", "south", "north",
                    "west", "south", "north", "east", null})
                .categorical("channel", new String[] {"web", "store", "web", "web", null, "app", "store", "web", "app",
                    "web", "store", "web"})
                .categorical("gender", new String[] {"f", "m", "f", "m", "x", "f", "m", "f", "f", "m", "x", "m"})
                .build();
    }

    static CustomerTable numeric() {
        return customers().select("spend", "orders", "tenure", "recency");
    }

    /** The pipelines, each with the data it is fitted on. */
    static Map<String, Supplier<FittedPipeline>> cases() {
        Map<String, Supplier<FittedPipeline>> m = new LinkedHashMap<>();
        m.put("cleaning", () -> FeaturePipeline.builder()
                .protect("gender")
                .dropSparseColumns(0.5)
                .impute(Imputation.median().withMissingIndicator(), "spend")
                .impute(Imputation.mean(), "tenure")
                .impute(Imputation.mostFrequent(), "region")
                .impute(Imputation.constant("unknown"), "channel")
                .winsorizeQuantiles(5, 95, "spend")
                .winsorizeIqr(1.5, "orders")
                .winsorizeZScore(2, "tenure")
                .log1p("spend", "orders")
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(2), "region")
                .ordinal(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE), "channel")
                .standardize()
                .build().fit(customers()));
        m.put("scalers", () -> FeaturePipeline.builder()
                .impute(Imputation.constant(0))
                .minMax(-1, 2, "spend")
                .robustScale(10, 90, "orders")
                .quantileUniform(5, "tenure")
                .quantileNormal(7, "recency")
                .minMax()
                .robustScale()
                .standardize("spend", "orders")
                .build().fit(numeric()));
        m.put("derived", () -> FeaturePipeline.builder()
                .impute(Imputation.median())
                .composite(CompositeScore.named("value").component("spend", 0.7).component("orders", 0.3))
                .composite(CompositeScore.named("loyalty").component("tenure", 1).component("recency", -1)
                        .normalisation(CompositeScore.Normalisation.Z_SCORE))
                .ntile(5, false, "recency")
                .ntile(3, true, "orders", "spend")
                .pca(2, "spend", "orders", "tenure")
                .drop("recency")
                .build().fit(numeric()));
        m.put("pcaWhitened", () -> FeaturePipeline.builder()
                .impute(Imputation.mean())
                .standardize()
                .pcaWhitened(2)
                .build().fit(numeric()));
        m.put("pcaExplaining", () -> FeaturePipeline.builder()
                .impute(Imputation.median())
                .robustScale()
                .pcaExplaining(0.8)
                .build().fit(numeric()));
        m.put("encoders", () -> FeaturePipeline.builder()
                .impute(Imputation.mostFrequent())
                .oneHot(CategoryEncoding.defaults(), "region")
                .ordinal(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minFraction(0.2), "channel")
                .build().fit(customers().select("region", "channel")));
        m.put("everyStep", () -> PipelineStepsTest.everyStep().fit(PipelineStepsTest.crm()));
        m.put("dataset", () -> FeaturePipeline.builder()
                .log1p("recency", "orders")
                .standardize()
                .minMax(0, 10, "tenure")
                .build().fit(dataset()));
        m.put("constantColumns", () -> FeaturePipeline.builder()
                .robustScale()
                .minMax(-2, 2)
                .composite(CompositeScore.named("mix").component("constant", 1).component("orders", 2))
                .standardize()
                .quantileUniform(3, "constant")
                .build().fit(dataset()));
        return m;
    }

    static Dataset dataset() {
        return Dataset.of(new double[][] {{3, 25, 12000, 400, 1}, {200, 1, 80, 35, 1}, {12, 2, 450, 120, 1},
            {35, 9, 2300, 800, 1}, {300, 1, 25, 1500, 1}, {8, 14, 6100, 60, 1}},
                List.of("recency", "orders", "spend", "tenure", "constant"));
    }

    static String json(FittedPipeline p) {
        return ModelIO.toJson(p, Lineage.builder().source("golden pipeline").build());
    }

    /** The {@code "model"} member of a model file: the codec's encoding, free of the time of writing. */
    static String modelPart(String json) {
        int from = json.indexOf("\"model\" :");
        int to = json.indexOf("\"checksum\" :");
        return json.substring(from, to);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = PipelineGoldenTest.class.getResourceAsStream("/fixtures/pipeline/golden/" + name
                + ".json")) {
            assertNotNull(in, "no golden file for " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void fingerprintsAndModelTextAreThoseOfTheSavedPipelines() throws IOException {
        String write = System.getProperty("golden.write");
        for (Map.Entry<String, Supplier<FittedPipeline>> c : cases().entrySet()) {
            FittedPipeline p = c.getValue().get();
            if (write != null) {
                Files.createDirectories(Path.of(write));
                Files.writeString(Path.of(write, c.getKey() + ".json"), json(p));
                System.err.println("            \"" + c.getKey() + "\", \"" + p.fingerprint() + "\",");
                continue;
            }
            assertEquals(FINGERPRINTS.get(c.getKey()), p.fingerprint(), c.getKey());
            assertEquals(modelPart(golden(c.getKey())), modelPart(json(p)), c.getKey());
        }
    }

    @Test
    void everyRegisteredStepTypeHasAGoldenCase() {
        Set<String> covered = new TreeSet<>();
        for (Supplier<FittedPipeline> c : cases().values()) {
            covered.addAll(c.get().stepTypes());
        }
        Set<String> registered = new TreeSet<>();
        for (StepType t : FeaturePipelineCodec.STEP_TYPES) {
            registered.add(t.name);
        }
        assertEquals(registered, covered, "a new step type needs a golden case here");
    }

    @Test
    void theSavedFilesLoadToTheSameFingerprintAndOutput() throws IOException {
        for (Map.Entry<String, Supplier<FittedPipeline>> c : cases().entrySet()) {
            FittedPipeline saved = ModelIO.fromJson(golden(c.getKey())).model(FittedPipeline.class);
            assertEquals(FINGERPRINTS.get(c.getKey()), saved.fingerprint(), c.getKey());
            FittedPipeline fresh = c.getValue().get();
            assertEquals(fresh, saved, c.getKey());
            assertEquals(fresh.outputNames(), saved.outputNames(), c.getKey());
            assertEquals(fresh.report(), saved.report(), c.getKey());
            double[] a = transform(c.getKey(), fresh);
            double[] b = transform(c.getKey(), saved);
            assertEquals(a.length, b.length, c.getKey());
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]),
                        c.getKey() + ", value " + i);
            }
            assertEquals(modelPart(golden(c.getKey())), modelPart(json(saved)), c.getKey());
        }
    }

    static double[] transform(String name, FittedPipeline p) {
        switch (name) {
            case "dataset":
            case "constantColumns":
                return p.transform(dataset()).toRowMajorArray();
            case "everyStep":
                return p.transform(PipelineStepsTest.crm()).features().toRowMajorArray();
            case "encoders":
                return p.transform(customers().select("region", "channel")).features().toRowMajorArray();
            case "cleaning":
                return p.transform(customers()).features().toRowMajorArray();
            default:
                return p.transform(numeric()).features().toRowMajorArray();
        }
    }
}
