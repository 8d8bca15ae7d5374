/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataFilesTest {
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([^`]+)` \\| ([\\d,]+) \\| ([\\d,]+)[^|]*\\| `([0-9a-f]{64})` \\|$");

    /** The files and checksums listed in data/README.md. */
    private static Map<String, String> listed(Path readme) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(readme)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.put(m.group(1), m.group(4));
            }
        }
        return out;
    }

    private static Path repositoryData() {
        for (DataFiles.Location l : DataFiles.locations()) {
            if (l.origin().equals("the repository's data folder")) {
                return l.folder();
            }
        }
        throw new AssertionError("No repository data folder among " + DataFiles.locations());
    }

    @Test
    void everyShippedFileHasTheChecksumAndSizeTheReadmeStates() throws Exception {
        Path data = repositoryData();
        Map<String, String> listed = listed(data.resolve("README.md"));
        assertEquals(8, listed.size(), "files listed in data/README.md: " + listed.keySet());
        for (Map.Entry<String, String> e : listed.entrySet()) {
            Path file = data.resolve(e.getKey());
            assertTrue(Files.isRegularFile(file), "listed but missing: " + file);
            assertEquals(e.getValue(), sha256(file, false), "SHA-256 of " + e.getKey());
        }
        try (var files = Files.list(data)) {
            List<String> present = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("README.md"))
                    .sorted().toList();
            assertEquals(listed.keySet().stream().sorted().toList(), present, "every file in data/ is listed");
        }
    }

    @Test
    void theUncompressedOnlineRetailCsvHasTheStatedChecksumAndRowCount() throws Exception {
        Path gz = repositoryData().resolve("online_retail.csv.gz");
        assertEquals("c35975c40d0e1e105090fbb11188a409393055f873841bd012915475fc84e69f", sha256(gz, true));
        long lines = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        assertEquals(541_909 + 1, lines, "data rows + header");
    }

    @Test
    void theRepositoryFolderComesAfterAnExplicitFolderAndEachPlaceIsListedOnce() throws IOException {
        Path explicit = Files.createTempDirectory("data-dir");
        String before = System.getProperty(DataFiles.PROPERTY);
        try {
            System.setProperty(DataFiles.PROPERTY, explicit.toString());
            List<DataFiles.Location> places = DataFiles.locations();
            assertEquals(explicit.toAbsolutePath().normalize(), places.get(0).folder());
            assertEquals(repositoryData(), places.get(1).folder());
            assertEquals(places.size(), places.stream().map(DataFiles.Location::folder).distinct().count());
            // A file only in the explicit folder is found there; a shipped file falls through to data/.
            Files.writeString(explicit.resolve("only-here.csv"), "a\n1\n");
            assertEquals(explicit.resolve("only-here.csv").toAbsolutePath().normalize(),
                    DataFiles.require("only-here.csv").toAbsolutePath().normalize());
            assertEquals(repositoryData().resolve("wholesale_customers.csv"), DataFiles.require("wholesale_customers.csv"));
        } finally {
            if (before == null) {
                System.clearProperty(DataFiles.PROPERTY);
            } else {
                System.setProperty(DataFiles.PROPERTY, before);
            }
        }
    }

    @Test
    void aMissingFileNamesEveryPlaceOnceAndWhatToDo() {
        String name = "no-such-file-" + System.nanoTime() + ".csv";
        assertFalse(DataFiles.find(name).isPresent());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataFiles.require(name));
        String m = e.getMessage();
        for (DataFiles.Location l : DataFiles.locations()) {
            String place = l.folder().resolve(name).toString();
            assertEquals(m.indexOf(place), m.lastIndexOf(place), "listed once: " + place);
            assertTrue(m.contains(place), m);
        }
        assertTrue(m.contains("-D" + DataFiles.PROPERTY) && m.contains(DataFiles.ENVIRONMENT), m);
        assertTrue(m.contains("data/README.md"), m);
        assertThrows(IllegalArgumentException.class, () -> DataFiles.find(" "));
    }

    private static String sha256(Path file, boolean gunzip) throws IOException, NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new DigestInputStream(gunzip ? new GZIPInputStream(raw, 1 << 16) : raw, md)) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digest only
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
