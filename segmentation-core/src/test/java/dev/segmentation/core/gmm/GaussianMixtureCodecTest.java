/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.core.io.Section;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code "gaussian-mixture"} model files: round trips and validation on load. */
class GaussianMixtureCodecTest {
    private static final GaussianMixtureModelCodec CODEC = new GaussianMixtureModelCodec();

    static GaussianMixtureModel model(CovarianceType type) {
        return GaussianMixture.builder().k(3).covarianceType(type).seed(8).build()
                .fit(GaussianMixtureTest.blobs(300, 2, 3, 10, 4));
    }

    @ParameterizedTest
    @EnumSource(CovarianceType.class)
    void roundTripsBitForBit(CovarianceType type, @TempDir Path dir) throws IOException {
        GaussianMixtureModel m = model(type);
        Path file = dir.resolve("gmm.json");
        ModelIO.write(m, Lineage.builder().source("blobs").build(), file);
        SavedModel saved = ModelIO.read(file);
        assertEquals("gaussian-mixture", saved.modelType());
        GaussianMixtureModel back = saved.model(GaussianMixtureModel.class);
        assertEquals(m, back);
        assertArrayEquals(m.precisionsCholesky(), back.precisionsCholesky());
        Dataset rows = GaussianMixtureTest.blobs(50, 2, 3, 10, 77);
        assertArrayEquals(m.scoreSamples(rows), back.scoreSamples(rows));
        assertEquals(300, saved.lineage().rows().getAsLong());
        assertEquals(8, saved.lineage().seed().getAsLong());
    }

    @Test
    void modelsFromParametersRoundTripToo() throws ModelFormatException {
        GaussianMixtureModel m = GaussianMixtureModel.of(CovarianceType.FULL, new double[] {0.25, 0.75},
                new double[][] {{0, 1}, {2, 3}}, new double[] {1, 0.5, 0.5, 2, 3, -1, -1, 1}, List.of("a", "b"));
        GaussianMixtureModel back = ModelIO.fromJson(ModelIO.toJson(m, Lineage.builder().build()))
                .model(GaussianMixtureModel.class);
        assertEquals(m, back);
        assertTrue(Double.isNaN(back.lowerBound()));
    }

    /** The parameters of {@link #model} with some replaced; a value of {@code null} drops the parameter. */
    private static Section section(GaussianMixtureModel m, Map<String, Object> overrides) {
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("columns", m.columnNames());
        v.put("k", (long) m.k());
        v.put("covarianceType", m.covarianceType().name());
        v.put("weights", m.weights());
        v.put("means", m.means().toArray());
        v.put("covariances", m.covariances());
        v.put("fitted", true);
        v.put("labels", m.trainingLabels());
        v.put("lowerBound", m.lowerBound());
        v.put("iterations", (long) m.iterations());
        v.put("converged", m.converged());
        v.put("seed", m.seed());
        v.put("bestRun", (long) m.bestRun());
        v.put("nInit", (long) m.nInit());
        v.put("init", m.init().name());
        v.put("regCovar", m.regCovar());
        v.put("reinitializations", (long) m.reinitializations());
        v.putAll(overrides);
        Section.Builder b = Section.builder();
        for (Map.Entry<String, Object> e : v.entrySet()) {
            Object o = e.getValue();
            String n = e.getKey();
            if (o == null) {
                continue;
            } else if (o instanceof String) {
                b.put(n, (String) o);
            } else if (o instanceof Long) {
                b.put(n, (long) (Long) o);
            } else if (o instanceof Double) {
                b.put(n, (double) (Double) o);
            } else if (o instanceof Boolean) {
                b.put(n, (boolean) (Boolean) o);
            } else if (o instanceof double[]) {
                b.put(n, (double[]) o);
            } else if (o instanceof int[]) {
                b.put(n, (int[]) o);
            } else if (o instanceof double[][]) {
                double[][] rows = (double[][]) o;
                b.putMatrix(n, GmmFixtures.flatten(rows), rows.length, rows[0].length);
            } else {
                @SuppressWarnings("unchecked")
                List<String> strings = (List<String>) o;
                b.put(n, strings);
            }
        }
        return b.build();
    }

    private static void assertRejected(String expected, GaussianMixtureModel m, Object... overrides) {
        Map<String, Object> o = new HashMap<>();
        for (int i = 0; i < overrides.length; i += 2) {
            o.put((String) overrides[i], overrides[i + 1]);
        }
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CODEC.decode(section(m, o), 1));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void everyParameterIsValidatedOnLoad() throws ModelFormatException {
        GaussianMixtureModel m = model(CovarianceType.FULL);
        assertEquals(m, CODEC.decode(section(m, Map.of()), 1));
        assertRejected("Missing parameter 'covariances'", m, "covariances", null);
        assertRejected("'covarianceType' = \"BANDED\" is not one of", m, "covarianceType", "BANDED");
        assertRejected("'covariances' has 8 values but 12 were expected", m, "covariances", new double[8]);
        assertRejected("'weights[1]' must be > 0 but is -0.2", m, "weights", new double[] {0.6, -0.2, 0.6});
        assertRejected("'weights' must sum to 1 but sums to 1.5", m, "weights", new double[] {0.5, 0.5, 0.5});
        assertRejected("'means' has 2 values but 3 were expected", m, "means", new double[][] {{0, 0}, {1, 1}});
        assertRejected("'labels[0]' = 3 is not in [0, 3)", m, "labels", new int[] {3});
        assertRejected("'bestRun' must be in [0, 0] but is 4", m, "bestRun", 4L);
        assertRejected("'regCovar' must be >= 0 but is -1.0", m, "regCovar", -1.0);
        assertRejected("'init' = \"KMEANS_PARALLEL\" is not one of", m, "init", "KMEANS_PARALLEL");
        assertRejected("'iterations' must be in [1, 2147483647] but is 0", m, "iterations", 0L);
        double[] notSymmetric = m.covariances();
        notSymmetric[1] += 0.5;
        assertRejected("component 0 is not symmetric", m, "covariances", notSymmetric);
        double[] notPositive = m.covariances();
        for (int i = 4; i < 8; i++) {
            notPositive[i] = 1; // component 1: all ones, singular
        }
        assertRejected("component 1 is not positive definite", m, "covariances", notPositive);
        double[] negativeVariance = model(CovarianceType.DIAG).covariances();
        negativeVariance[3] = -1;
        assertRejected("component 1 is not positive definite", model(CovarianceType.DIAG),
                "covariances", negativeVariance);
    }

    @Test
    void truncatedAndTamperedFilesFailClearly() {
        String json = ModelIO.toJson(model(CovarianceType.SPHERICAL), Lineage.builder().build());
        ModelFormatException truncated = assertThrows(ModelFormatException.class,
                () -> ModelIO.fromJson(json.substring(0, json.length() / 2)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        String tampered = json.replaceFirst("\"seed\" : 8", "\"seed\" : 9");
        ModelFormatException checksum = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(tampered));
        assertTrue(checksum.getMessage().contains("Checksum mismatch"), checksum.getMessage());
    }
}
