/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples.custom;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worked example of a third-party algorithm: fitted, scored, saved and loaded; its codec validates. */
class AddYourOwnAlgorithmTest {

    @Test
    void fitsScoresAndRoundTrips(@TempDir Path dir) throws IOException {
        Dataset x = AddYourOwnAlgorithm.syntheticCustomers(1000, 3);
        QuantileSegmentModel m = new QuantileSegmenter("monetary", 4).fit(x);
        assertEquals(4, m.k());
        int[] sizes = new int[4];
        for (int l : m.trainingLabels()) {
            sizes[l]++;
        }
        assertArrayEquals(new int[] {250, 250, 250, 250}, sizes);
        assertArrayEquals(m.trainingLabels(), m.predict(x));
        NearestCentroidScorer scorer = NearestCentroidScorer.of(m);
        assertEquals(4, m.centroids().orElseThrow().k());
        assertTrue(scorer.assign(x.row(0)) >= 0);

        Path file = dir.resolve("tiers.json");
        ModelIO.write(m, file);
        assertEquals(m, ModelIO.read(file).model());
    }

    @Test
    void codecIsRegisteredAndValidates() throws ModelFormatException {
        boolean found = false;
        for (ModelCodec<?> c : ServiceLoader.load(ModelCodec.class)) {
            found |= c instanceof QuantileSegmentModelCodec;
        }
        assertTrue(found, "the example's codec is registered through META-INF/services");
        QuantileSegmentModelCodec codec = new QuantileSegmentModelCodec();
        Section bad = Section.builder().put("columns", List.of("a", "b")).put("column", "c")
                .put("thresholds", new double[] {1}).put("labels", new int[] {0}).putMatrix("means", new double[4], 2, 2)
                .build();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> codec.decode(bad, 1));
        assertTrue(e.getMessage().contains("column"), e.getMessage());
        Section descending = Section.builder().put("columns", List.of("a")).put("column", "a")
                .put("thresholds", new double[] {2, 1}).put("labels", new int[] {0}).putMatrix("means", new double[3], 3, 1)
                .build();
        assertThrows(ModelFormatException.class, () -> codec.decode(descending, 1));
    }

    @Test
    void forgedFilesAreFormatErrorsOrModels() throws Exception {
        QuantileSegmentModel m = new QuantileSegmenter("monetary", 4).fit(AddYourOwnAlgorithm.syntheticCustomers(50, 3));
        dev.segmentation.core.testing.ForgedFiles.assertEveryForgeryIsAFormatErrorOrAModel(
                java.util.Map.of("quantile-segments", m), 20);
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new QuantileSegmenter(" ", 3));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSegmenter("monetary", 1));
        Dataset x = AddYourOwnAlgorithm.syntheticCustomers(3, 1);
        assertThrows(IllegalArgumentException.class, () -> new QuantileSegmenter("monetary", 4).fit(x));
        assertThrows(IllegalArgumentException.class, () -> new QuantileSegmenter("spend", 2).fit(x));
    }

    @Test
    void mainRuns() throws IOException {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            AddYourOwnAlgorithm.main(new String[0]);
        } finally {
            System.setOut(old);
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("read back: identical"));
    }
}
