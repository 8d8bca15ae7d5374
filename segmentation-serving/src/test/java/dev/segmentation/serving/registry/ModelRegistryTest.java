/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import dev.segmentation.serving.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelRegistryTest {
    private static final InputContract RFM = InputContract.numeric(TestModels.INPUTS);

    @TempDir
    Path dir;
    private Dataset raw;
    private ModelRegistry registry;

    @BeforeEach
    void setUp() throws Exception {
        raw = TestModels.customers(600, 1);
        registry = ModelRegistry.open(ModelStore.directory(dir), RFM,
                java.time.Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
    }

    @Test
    void registersWithEntryAndDeduplicatesTheSameBytes() throws Exception {
        SegmentScorer s = TestModels.kmeans(raw, 3, 7);
        Path file = dir.resolve("m.json");
        ModelIO.write(s, file);
        ModelVersion v = registry.register(file, Registration.builder().metric("silhouette", 0.41)
                .description("first").trainingData(raw).build());
        assertEquals("1", v.id());
        assertEquals("KMeansModel", v.modelClass());
        assertEquals(3, v.k());
        assertEquals(TestModels.INPUTS, v.inputs());
        assertEquals(RFM.fingerprint(), v.inputFingerprint());
        assertEquals(((FittedPipeline) s.transform()).fingerprint(), v.pipelineFingerprint().orElseThrow());
        assertEquals(0.41, v.metrics().get("silhouette"));
        assertEquals(600L, v.lineage().rows());
        assertTrue(v.distanceProfile().isPresent());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), v.registeredAt());
        // the same bytes again: the same version
        assertEquals("1", registry.register(file, Registration.none()).id());
        assertEquals(1, registry.versions().size());
        // the entry reads back identically
        assertEquals(v, registry.version("1"));
        // and the file is served byte for byte
        assertArrayEquals(Files.readAllBytes(file), ModelStore.directory(dir).modelFile("1"));
    }

    @Test
    void refusesAFileTheLibraryCannotLoad() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"dev.segmentation.model\", \"formatVersion\": 1");
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> registry.register(file, Registration.none()));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Path kmeansOnly = dir.resolve("kmeans.json");
        ModelIO.write(KMeans.builder().k(2).seed(1).build().fit(TestModels.pipeline(raw).transform(raw)), kmeansOnly);
        e = assertThrows(ModelFormatException.class, () -> registry.register(kmeansOnly, Registration.none()));
        assertTrue(e.getMessage().contains("segment-scorer"), e.getMessage());
        assertTrue(registry.versions().isEmpty());
    }

    @Test
    void activatesRollsBackAndKeepsHistory() throws Exception {
        String v1 = registry.register(TestModels.kmeans(raw, 3, 1), Registration.none()).id();
        String v2 = registry.register(TestModels.kmeans(raw, 4, 2), Registration.none()).id();
        String v3 = registry.register(TestModels.kmeans(raw, 2, 3), Registration.none()).id();
        assertTrue(registry.active().isEmpty());
        assertThrows(IllegalStateException.class, () -> registry.rollback("nothing yet"));
        registry.activate(v1, "first");
        assertThrows(IllegalStateException.class, () -> registry.rollback("only one"));
        registry.activate(v2, "second");
        registry.activate(v3, "third");
        assertEquals(v3, registry.active().orElseThrow().id());
        assertEquals(v2, registry.rollback("v3 misbehaves").id());
        assertEquals(v2, registry.active().orElseThrow().id());
        // rolling back again goes to the version active before v2's re-activation, v3
        assertEquals(v3, registry.rollback("again").id());
        assertEquals(v1, registry.rollbackTo(v1, "all the way").id());
        List<Activation> h = registry.history();
        assertEquals(6, h.size());
        assertEquals(Activation.Kind.ROLLBACK, h.get(5).kind());
        assertEquals(v3, h.get(5).previous());
        assertEquals("all the way", h.get(5).note());
        String v4 = registry.register(TestModels.kmeans(raw, 5, 4), Registration.none()).id();
        IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
                () -> registry.rollbackTo(v4, "never active"));
        assertTrue(never.getMessage().contains("never active"), never.getMessage());
        assertThrows(NoSuchFileException.class, () -> registry.activate("99", "missing"));
    }

    @Test
    void activationRefusesAModelThatDoesNotMatchTheContractAndNamesEveryDifference() throws Exception {
        Dataset other = Dataset.ofColumns(List.of("recency_days", "orders", "monetary"), raw.column(0), raw.column(1),
                raw.column(2));
        FittedPipeline p = FeaturePipeline.builder().standardize().build().fit(other);
        SegmentScorer mismatched = SegmentScorer.of(p, KMeans.builder().k(2).seed(1).build().fit(p.transform(other)));
        String id = registry.register(mismatched, Registration.none()).id();
        ContractMismatchException e = assertThrows(ContractMismatchException.class,
                () -> registry.activate(id, "wrong inputs"));
        assertTrue(e.getMessage().contains("[orders], which the service does not send"), e.getMessage());
        assertTrue(e.getMessage().contains("[frequency], which the model does not read"), e.getMessage());
        assertEquals(id, e.version());
        assertTrue(registry.active().isEmpty(), "nothing was activated");

        String good = registry.register(TestModels.kmeans(raw, 3, 1), Registration.none()).id();
        String pin = "0".repeat(64);
        ModelRegistry pinned = ModelRegistry.open(ModelStore.directory(dir), InputContract.builder()
                .numeric("recency_days", "frequency", "monetary").pipelineFingerprint(pin).build());
        e = assertThrows(ContractMismatchException.class, () -> pinned.activate(good, "pinned"));
        assertTrue(e.getMessage().contains("pinned to feature pipeline 000000000000"), e.getMessage());
        ModelRegistry typed = ModelRegistry.open(ModelStore.directory(dir), InputContract.builder()
                .numeric("recency_days", "frequency").categorical("monetary").build());
        e = assertThrows(ContractMismatchException.class, () -> typed.activate(good, "typed"));
        assertTrue(e.getMessage().contains("input 'monetary' is numeric in the model but categorical in the service"),
                e.getMessage());
    }

    @Test
    void refusesToActivateOrLoadAModifiedModelFile() throws Exception {
        String id = registry.register(TestModels.kmeans(raw, 3, 1), Registration.none()).id();
        Path file = dir.resolve("versions").resolve(id).resolve("model.json");
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"libraryVersion\"", " \"libraryVersion\""));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> registry.activate(id, "tampered"));
        assertTrue(e.getMessage().contains("was modified"), e.getMessage());
        assertTrue(registry.active().isEmpty());
    }

    @Test
    void corruptEntriesAndPointersNameTheField() throws Exception {
        String id = registry.register(TestModels.kmeans(raw, 3, 1), Registration.none()).id();
        registry.activate(id, "x");
        Path entry = dir.resolve("versions").resolve(id).resolve("entry.json");
        Files.writeString(entry, Files.readString(entry).replace("\"k\" : 3", "\"k\" : \"three\""));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> registry.version(id));
        assertTrue(e.getMessage().contains(".k' is not an integer"), e.getMessage());
        Path pointer = dir.resolve("active.json");
        Files.write(pointer, "{\"layout\": 9}".getBytes(StandardCharsets.UTF_8));
        e = assertThrows(ModelFormatException.class, () -> registry.active());
        assertTrue(e.getMessage().contains("layout 9") && e.getMessage().contains("newer library"), e.getMessage());
    }

    @Test
    void retentionKeepsTheActiveAndTheRollbackTarget() throws Exception {
        for (int i = 0; i < 6; i++) {
            registry.register(TestModels.kmeans(raw, 2 + (i % 3), i), Registration.none());
        }
        registry.activate("2", "a");
        registry.activate("1", "b");
        List<String> deleted = registry.retain(2);
        assertEquals(List.of("3", "4"), deleted);
        assertEquals(List.of("1", "2", "5", "6"), ModelStore.directory(dir).versions());
        assertEquals("1", registry.active().orElseThrow().id());
        assertEquals("2", registry.rollback("back").id());
        assertThrows(IllegalArgumentException.class, () -> registry.retain(0));
        // a new version after deletions takes the next id, never a deleted one
        assertEquals("7", registry.register(TestModels.kmeans(raw, 3, 99), Registration.none()).id());
    }

    @Test
    void anIncompleteVersionDirectoryIsNotAVersion() throws Exception {
        registry.register(TestModels.kmeans(raw, 3, 1), Registration.none());
        Path half = dir.resolve("versions").resolve(".2.partial");
        Files.createDirectories(half);
        Files.writeString(half.resolve("model.json"), "{}");
        Path noEntry = dir.resolve("versions").resolve("5");
        Files.createDirectories(noEntry);
        Files.writeString(noEntry.resolve("model.json"), "{}");
        assertEquals(List.of("1"), ModelStore.directory(dir).versions());
        assertEquals("2", registry.register(TestModels.kmeans(raw, 4, 2), Registration.none()).id());
        assertFalse(Files.exists(half), "the crashed attempt's directory is cleaned up");
    }

    @Test
    void distanceProfileQuantilesMatchANaiveComputation() throws Exception {
        SegmentScorer s = TestModels.kmeans(raw, 3, 7);
        DistanceProfile p = DistanceProfile.of(s, raw);
        double[] centres = s.model().orElseThrow().centroids().orElseThrow().toRowMajorArray();
        int[] labels = s.assign(raw);
        double[] f = new double[3];
        double[] d = new double[raw.rows()];
        for (int i = 0; i < raw.rows(); i++) {
            s.features(raw.row(i), f);
            double sum = 0;
            for (int j = 0; j < 3; j++) {
                sum += (f[j] - centres[labels[i] * 3 + j]) * (f[j] - centres[labels[i] * 3 + j]);
            }
            d[i] = Math.sqrt(sum);
        }
        java.util.Arrays.sort(d);
        // NumPy's default (linear) quantile: h = (n - 1) p
        double h = (d.length - 1) * 0.99;
        int lo = (int) h;
        assertEquals(d[lo] + (h - lo) * (d[lo + 1] - d[lo]), p.quantile(0.99), 1e-12);
        assertEquals(d[d.length - 1], p.quantile(1.0), 0);
        assertEquals(600, p.rows());
        assertThrows(IllegalArgumentException.class, () -> p.quantile(0.42));
        IllegalArgumentException noCentres = assertThrows(IllegalArgumentException.class,
                () -> DistanceProfile.of(TestModels.dbscan(raw, 0.5, 5), raw));
        assertTrue(noCentres.getMessage().contains("no segment centres"), noCentres.getMessage());
    }
}
