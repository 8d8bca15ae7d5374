package dev.segmentation.core.io;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.dbscan.DbscanModel;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import dev.segmentation.core.scoring.SegmentScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelIOTest {
    private static final List<String> RFM = List.of("recency", "frequency", "monetary");

    static KMeansModel model() {
        double[][] rows = {{1, 2, 3}, {1.5, 2.5, 3.5}, {10, 11, 12}, {10.5, 11.5, 12.5}, {-5, 0.1, 1e-3}};
        return KMeans.builder().k(3).seed(99).build().fit(Dataset.of(rows, RFM));
    }

    static SegmentScorer scorer() {
        AffineTransform t = new AffineTransform(List.of("r", "f", "m"), RFM, new double[] {0.5, 2, 1e-3},
                new double[] {-1, 0, 0.25});
        return SegmentScorer.of(t, model()).withSegmentNames(List.of("Champions", "At risk", "New"));
    }

    @Test
    void kmeansModelRoundTripsBitForBitWithLineage(@TempDir Path dir) throws IOException {
        KMeansModel m = model();
        Path file = dir.resolve("sub/model.json");
        ModelIO.write(m, Lineage.builder().dataPeriod(LocalDate.parse("2010-12-01"), LocalDate.parse("2011-12-09"))
                .source("test rows").build(), file);
        SavedModel saved = ModelIO.read(file);
        assertEquals(m, saved.model(KMeansModel.class));
        assertEquals("kmeans", saved.modelType());
        assertEquals(ModelIO.FORMAT_VERSION, saved.formatVersion());
        Lineage l = saved.lineage();
        assertEquals(5, l.rows().getAsLong());
        assertEquals(99, l.seed().getAsLong());
        assertEquals(RFM, l.features());
        assertEquals(LocalDate.parse("2010-12-01"), l.dataFrom().orElseThrow());
        assertEquals("test rows", l.source().orElseThrow());
        assertEquals(ModelIO.libraryVersion(), l.libraryVersion().orElseThrow());
        assertTrue(l.createdAt().isPresent());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelIO.read(file, NearestCentroidScorer.class));
        assertTrue(e.getMessage().contains("'kmeans'"), e.getMessage());
    }

    @Test
    void segmentScorerRoundTripsAndScoresRawRowsTheSame(@TempDir Path dir) throws IOException {
        SegmentScorer s = scorer();
        Path file = dir.resolve("scorer.json");
        ModelIO.write(s, file);
        SegmentScorer back = ModelIO.read(file, SegmentScorer.class);
        assertEquals(s.segmentNames(), back.segmentNames());
        assertEquals(s.inputNames(), back.inputNames());
        assertEquals(s.model(), back.model(), "the K-means model itself travels in the file");
        double[][] raw = {{2, 1, 3000}, {22, 5.5, 12000}, {0, 0, 0}, {7, 3, 100}};
        for (double[] r : raw) {
            assertEquals(s.assign(r), back.assign(r));
            assertEquals(s.confidence(r), back.confidence(r));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> back.assign(new double[] {-1, 0, 0}));
        assertTrue(e.getMessage().contains("'r'"), e.getMessage());
        // The file keeps the lineage of the scorer and of each part: rows and seed of the model, the inputs.
        SavedModel saved = ModelIO.read(file);
        assertEquals(5, saved.lineage().rows().getAsLong());
        assertEquals(99, saved.lineage().seed().getAsLong());
        assertEquals(List.of("r", "f", "m"), saved.lineage().features());
        assertEquals(List.of("model.transform", "model.model"),
                saved.parts().stream().map(SavedModel.Part::path).toList());
        assertEquals("kmeans", saved.parts().get(1).modelType());
        assertEquals(RFM, saved.parts().get(1).lineage().features());
        assertEquals(99, saved.parts().get(1).lineage().seed().getAsLong());
        NearestCentroidScorer plain = NearestCentroidScorer.of(model());
        ModelIO.write(plain, file);
        assertEquals(plain.centroids(), ModelIO.read(file, NearestCentroidScorer.class).centroids());
    }

    /** Files written by earlier versions must keep loading; see golden/README.txt. */
    @Test
    void goldenFilesKeepLoading() throws IOException {
        SavedModel km = ModelIO.fromJson(resource("/golden/kmeans-v1.json"));
        KMeansModel m = km.model(KMeansModel.class);
        assertArrayEquals(new double[][] {{1.25, 2.25, 3.25}, {10.25, 11.25, 12.25}, {-5.0, 0.1, 0.001}},
                m.clusterCenters().toArray());
        assertArrayEquals(new int[] {0, 0, 1, 1, 2}, m.trainingLabels());
        assertEquals(0.75, m.inertia());
        assertEquals(LocalDate.parse("2011-12-09"), km.lineage().dataTo().orElseThrow());
        assertEquals("0.1.0-SNAPSHOT", km.lineage().libraryVersion().orElseThrow());
        SegmentScorer s = ModelIO.fromJson(resource("/golden/segment-scorer-v1.json")).model(SegmentScorer.class);
        assertEquals(List.of("Champions", "At risk", "New"), s.segmentNames());
        assertEquals(List.of("r", "f", "m"), s.inputNames());
        assertEquals(1, s.assign(new double[] {22, 5.5, 12000}));
        assertEquals(0, s.assign(new double[] {2, 1, 3000}));
    }

    @Test
    void truncatedOrNonJsonFilesFailClearly(@TempDir Path dir) throws IOException {
        String json = ModelIO.toJson(model(), Lineage.builder().build());
        for (int cut : new int[] {0, 1, json.length() / 3, json.length() / 2, json.length() - 3}) {
            Path f = dir.resolve("cut" + cut + ".json");
            Files.writeString(f, json.substring(0, cut));
            ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.read(f));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("empty"), e.getMessage());
        }
        assertMessage("not a model file", "{\"a\": 1}");
        assertMessage("not a model file", "[1, 2]");
        assertMessage("truncated", json + "{}");
        assertMessage("truncated", json.replaceFirst("\"inertia\" : [^,]+", "\"inertia\" : NaN"));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> ModelIO.read(dir.resolve("missing.json")));
    }

    @Test
    void tamperedFilesFailTheChecksum() {
        String json = ModelIO.toJson(model(), Lineage.builder().build());
        String tampered = json.replaceFirst("\"seed\" : 99", "\"seed\" : 98");
        assertTrue(!tampered.equals(json));
        assertMessage("Checksum mismatch", tampered);
        assertMessage("Checksum mismatch", json.replaceFirst("\"k\" : 3", "\"k\" : 3.0"));
        assertMessage("no checksum", json.replaceFirst(",\\s*\"checksum\"[\\s\\S]*}\\s*}\\s*$", "\n}"));
        // re-indenting keeps the file valid: the checksum is over content, not text
        assertEquals(model(), parse(json.replace("\n", "\n  ")).model());
    }

    @Test
    void futureVersionsAndUnknownTypesFailClearly() {
        String json = ModelIO.toJson(model(), Lineage.builder().build());
        assertMessage("format version 2 by a newer library", json.replace("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
        assertMessage("Unknown model type 'gaussian-mixture-v9'", replaceField(json, "modelType", "gaussian-mixture-v9"));
        assertMessage("layout version 7", replaceField(json, "modelTypeVersion", 7L));
        assertEquals(model(), parse(replaceField(json, "format", "dev.segmentation.model")).model());
    }

    @Test
    void emptyArraysOfEveryKindKeepTheChecksumValid() throws ModelFormatException {
        // Every empty array is written as [] and parsed back as the same empty value, so the checksum computed at
        // write time matches the parsed content (an empty matrix once did not).
        Section empties = Section.builder().put("doubles", new double[0]).put("ints", new int[0])
                .put("strings", List.of()).putMatrix("matrix", new double[0], 0, 3)
                .putSections("sections", List.of()).build();
        Section body = Section.builder().put("format", ModelIO.FORMAT).put("formatVersion", 1L)
                .put("modelType", "no-such-type").put("modelTypeVersion", 1L)
                .put("lineage", Section.builder().put("features", List.of()).build()).put("model", empties).build();
        assertMessage("Unknown model type 'no-such-type'", ModelIO.toJsonWithValidChecksum(body));
        Section parsed = parseSection(ModelIO.toJsonWithValidChecksum(body)).getSection("model");
        assertEquals(0, parsed.getMatrix("matrix", 0, 3).length);
        assertEquals(0, parsed.matrixRows("matrix"));
        // and a real model with an empty matrix: DBSCAN that finds no core row
        DbscanModel allNoise = Dbscan.builder().eps(1e-9).minPts(2).build().fit(Dataset.of(new double[][] {{0}, {1}},
                List.of("x")));
        assertEquals(allNoise, ModelIO.fromJson(ModelIO.toJson(allNoise, Lineage.builder().build())).model());
    }

    @Test
    void invalidParametersWithAValidChecksumAreStillRejected() {
        String json = ModelIO.toJson(model(), Lineage.builder().build());
        assertMessage("Missing parameter 'model.centroids'",
                withModel(json, m -> copyWithout(m, "centroids")));
        assertMessage("'model.centroids[1]' has 2 values but 3",
                withModel(json, m -> copyWithout(m, "centroids")
                        .putRaw("centroids", new double[][] {{1, 2, 3}, {1, 2}, {1, 2, 3}})));
        assertMessage("'model.labels[0]' = 7 is not in [0, 3)",
                withModel(json, m -> copyWithout(m, "labels").put("labels", new int[] {7, 0, 0, 1, 2})));
        assertMessage("'model.centroids' must be an array of arrays of numbers but is the string",
                withModel(json, m -> copyWithout(m, "centroids").put("centroids", "NaN")));
        assertMessage("'model.clusterWeights[0]' must be >= 0",
                withModel(json, m -> copyWithout(m, "clusterWeights").put("clusterWeights", new double[] {-7, 1, 0})));
        assertMessage("'model.algorithm' = \"ELKAN\" is not one of",
                withModel(json, m -> copyWithout(m, "algorithm").put("algorithm", "ELKAN")));
        // JSON cannot hold NaN: a NaN literal is a parse error, an overflowing one is not finite
        String firstCentroid = "\"centroids\" : \\[ \\[ [^,]+";
        assertMessage("not a complete, valid JSON document", json.replaceFirst(firstCentroid, "\"centroids\" : [ [ NaN"));
        assertMessage("'model.centroids[0][0]' is not a finite double",
                json.replaceFirst(firstCentroid, "\"centroids\" : [ [ -1e999"));
        assertMessage("'model.inertia' = Infinity is not a finite double",
                json.replaceFirst("\"inertia\" : [^,]+", "\"inertia\" : 1e999"));
        assertMessage("must be an array of arrays of numbers", withModel(json, m -> copyWithout(m, "centroids")
                .putRaw("centroids", new Section.StringList(List.of("NaN", "NaN", "NaN")))));
    }

    private static Section.Builder copyWithout(Section s, String name) {
        Section.Builder b = Section.builder();
        for (String n : s.names()) {
            if (!n.equals(name)) {
                b.putRaw(n, s.raw(n));
            }
        }
        return b;
    }

    private interface Edit {
        Section.Builder apply(Section model) throws ModelFormatException;
    }

    private static String withModel(String json, Edit edit) {
        try {
            Section doc = parseSection(json);
            Section.Builder body = Section.builder();
            for (String n : doc.names()) {
                if (n.equals("model")) {
                    body.put("model", edit.apply(doc.getSection("model")).build());
                } else if (!n.equals("checksum")) {
                    body.putRaw(n, doc.raw(n));
                }
            }
            return ModelIO.toJsonWithValidChecksum(body.build());
        } catch (ModelFormatException e) {
            throw new AssertionError(e);
        }
    }

    /** The document with one top-level field replaced, re-signed with a valid checksum. */
    private static String replaceField(String json, String name, Object value) {
        Section doc = parseSection(json);
        Section.Builder body = Section.builder();
        for (String n : doc.names()) {
            if (!n.equals("checksum")) {
                body.putRaw(n, n.equals(name) ? value : doc.raw(n));
            }
        }
        return ModelIO.toJsonWithValidChecksum(body.build());
    }

    private static Section parseSection(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            java.lang.reflect.Method m = ModelIO.class.getDeclaredMethod("toSection",
                    com.fasterxml.jackson.databind.JsonNode.class, String.class);
            m.setAccessible(true);
            return (Section) m.invoke(null, node, "");
        } catch (ReflectiveOperationException | IOException e) {
            throw new AssertionError(e);
        }
    }

    private static SavedModel parse(String json) {
        try {
            return ModelIO.fromJson(json);
        } catch (ModelFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertMessage(String expected, String json) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelIO.fromJson(json));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ModelIOTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes the golden files of the current layouts that do not exist yet; run by hand when a layout version is
     * introduced. Existing files are never overwritten: they are what earlier versions wrote.
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        writeIfAbsent(dir.resolve("kmeans-v1.json"), ModelIO.toJson(model(), Lineage.builder()
                .dataPeriod(LocalDate.parse("2010-12-01"), LocalDate.parse("2011-12-09")).source("golden test rows")
                .build()));
        writeIfAbsent(dir.resolve("segment-scorer-v2.json"), ModelIO.toJson(scorer(), Lineage.builder().build()));
    }

    private static void writeIfAbsent(Path file, String json) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, json);
        }
    }
}
