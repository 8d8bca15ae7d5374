/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AssignmentWriterTest {
    static final List<String> NAMES = List.of("Champions", "At risk, high value", "New \"promising\"");

    /** Ids with a comma, a non-ASCII letter; a customer without a segment; confidences to round. */
    static SegmentAssignments sample() {
        return SegmentAssignments.of(List.of("17850", "c,2", "Zoë", "n-1"), new int[] {0, 2, 1, -1},
                NAMES, new double[] {0.93, 0.1234565, 12.5, Double.NaN}, "retail-2011-12-10");
    }

    static String write(AssignmentWriter w, SegmentAssignments a) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(a, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasTheDocumentedLayout() throws IOException {
        // 0.1234565 is 0.12345649999999999... in binary: half-even at 6 places gives 0.123456
        assertEquals("customer_id,segment,segment_name,confidence,model_version\r\n"
                + "17850,0,Champions,0.93,retail-2011-12-10\r\n"
                + "\"c,2\",2,\"New \"\"promising\"\"\",0.123456,retail-2011-12-10\r\n"
                + "Zoë,1,\"At risk, high value\",12.5,retail-2011-12-10\r\n"
                + "n-1,-1,,,retail-2011-12-10\r\n", write(AssignmentWriter.csv(), sample()));
        assertEquals("customer_id;segment;segment_name;confidence;model_version\r\n"
                + "17850;0;Champions;0.93;retail-2011-12-10\r\n",
                write(AssignmentWriter.csv().withDelimiter(';'), SegmentAssignments.of(List.of("17850"),
                        new int[] {0}, NAMES, new double[] {0.93}, "retail-2011-12-10")));
    }

    @Test
    void jsonLinesHaveTheDocumentedLayout() throws IOException {
        String text = write(AssignmentWriter.jsonLines(), sample());
        assertEquals("{\"customer_id\":\"17850\",\"segment\":0,\"segment_name\":\"Champions\",\"confidence\":0.93,"
                + "\"model_version\":\"retail-2011-12-10\"}\n"
                + "{\"customer_id\":\"c,2\",\"segment\":2,\"segment_name\":\"New \\\"promising\\\"\",\"confidence\":"
                + "0.123456,\"model_version\":\"retail-2011-12-10\"}\n"
                + "{\"customer_id\":\"Zoë\",\"segment\":1,\"segment_name\":\"At risk, high value\",\"confidence\":12.5,"
                + "\"model_version\":\"retail-2011-12-10\"}\n"
                + "{\"customer_id\":\"n-1\",\"segment\":-1,\"segment_name\":null,\"confidence\":null,"
                + "\"model_version\":\"retail-2011-12-10\"}\n", text);
        ObjectMapper mapper = new ObjectMapper();
        String[] lines = text.split("\n");
        JsonNode third = mapper.readTree(lines[2]);
        assertEquals("Zoë", third.get("customer_id").asText());
        assertEquals(12.5, third.get("confidence").asDouble());
        assertTrue(mapper.readTree(lines[3]).get("segment_name").isNull());
    }

    @Test
    void csvReadsBackWithTheValuesWritten() throws IOException {
        SegmentAssignments a = sample();
        List<NamedCsvRecord> rows = new ArrayList<>();
        try (CsvReader<NamedCsvRecord> r = CsvReader.builder().ofNamedCsvRecord(write(AssignmentWriter.csv(), a))) {
            r.forEach(rows::add);
        }
        assertEquals(AssignmentWriter.COLUMNS, rows.get(0).getHeader());
        for (int i = 0; i < a.size(); i++) {
            NamedCsvRecord row = rows.get(i);
            assertEquals(a.customerId(i), row.getField("customer_id"));
            assertEquals(a.segment(i), Integer.parseInt(row.getField("segment")));
            assertEquals(a.segmentName(i) == null ? "" : a.segmentName(i), row.getField("segment_name"));
        }
        assertEquals("0", AssignmentWriter.csv().decimal(-0.0));
        assertEquals("100000000000000000000", AssignmentWriter.csv().decimal(1e20));
        assertEquals("-3", AssignmentWriter.csv().withConfidenceDecimals(0).decimal(-2.5000001));
        assertEquals("0.000001", AssignmentWriter.csv().decimal(1e-6));
    }

    @Test
    void aFileIsReplacedAtomicallyAndKeepsItsPermissions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("segments.csv");
        AssignmentWriter.csv().write(sample(), file);
        byte[] first = Files.readAllBytes(file);
        AssignmentWriter.csv().write(sample(), file);
        assertArrayEquals(first, Files.readAllBytes(file), "deterministic");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.createFile(dir.resolve("plain"));
        Path fresh = dir.resolve("fresh.jsonl");
        AssignmentWriter.jsonLines().write(sample(), fresh);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh),
                "a new file gets the default permissions of the process");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(file, shared);
        AssignmentWriter.csv().write(sample(), file);
        assertEquals(shared, Files.getPosixFilePermissions(file), "a replaced file keeps its permissions");
    }

    @Test
    void aFailedWriteLeavesNothing(@TempDir Path dir) throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThrows(IOException.class, () -> AssignmentWriter.csv().write(sample(),
                blocker.resolve("segments.csv")));
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(blocker), s.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void badAssignmentsAreRejectedWithTheIndexAndTheValue() {
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(
                List.of("a", "b"), new int[] {0, 3}, NAMES, null, "v1"));
        assertTrue(range.getMessage().contains("'b' (index 1) is 3, outside [-1, 3)"), range.getMessage());
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(
                List.of("a", "a"), new int[] {0, 0}, NAMES, null, "v1"));
        assertTrue(dup.getMessage().contains("indices 0 and 1"), dup.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(
                List.of("a"), new int[] {0}, NAMES, new double[] {Double.POSITIVE_INFINITY}, "v1"));
        assertTrue(inf.getMessage().contains("Infinity"), inf.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(List.of("a"), new int[] {0, 1},
                NAMES, null, "v1"));
        assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(List.of("a"), new int[] {0},
                NAMES, new double[2], "v1"));
        assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(List.of(" "), new int[] {0},
                NAMES, null, "v1"));
        assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(List.of("a"), new int[] {0},
                List.of(""), null, "v1"));
        assertThrows(IllegalArgumentException.class, () -> SegmentAssignments.of(List.of("a"), new int[] {0},
                NAMES, null, " "));
        assertThrows(IllegalArgumentException.class, () -> AssignmentWriter.csv().withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> AssignmentWriter.csv().withDelimiter('.'));
        assertThrows(IllegalStateException.class, () -> AssignmentWriter.jsonLines().withDelimiter(';'));
        assertThrows(IllegalArgumentException.class, () -> AssignmentWriter.csv().withConfidenceDecimals(18));
    }

    @Test
    void assignmentsAreCopiedInAndOut() {
        int[] segments = {0, 1};
        double[] confidence = {0.5, 0.25};
        SegmentAssignments a = SegmentAssignments.of(List.of("a", "b"), segments, NAMES, confidence, "v1");
        segments[0] = 2;
        confidence[0] = 9;
        a.segments()[1] = 2;
        assertEquals(0, a.segment(0));
        assertEquals(1, a.segment(1));
        assertEquals(0.5, a.confidence(0));
        assertTrue(Double.isNaN(SegmentAssignments.of(List.of("a"), new int[] {0}, NAMES, null, "v1")
                .confidence(0)));
        assertEquals("Champions", a.segmentName(0));
        assertEquals(NAMES, a.segmentNames());
    }
}
