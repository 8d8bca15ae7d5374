/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the shared real data and reads the committed fixtures. */
public final class TestData {
    private TestData() {
    }

    /**
     * The data directory: system property {@code segmentation.data.dir}, else the environment variable
     * {@code SEGMENTATION_DATA_DIR}, else {@code shared/data} under the nearest ancestor of the working
     * directory that has one (which covers the sibling {@code ../shared/data} of a checkout); null if none.
     */
    public static Path dataDir() {
        String prop = System.getProperty("segmentation.data.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("SEGMENTATION_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A data file, or skips the test with a message saying where it was looked for. */
    public static Path require(String file) {
        Path dir = dataDir();
        Path p = dir == null ? null : dir.resolve(file);
        Assumptions.assumeTrue(p != null && Files.isRegularFile(p), () -> "Skipped: real data file " + file
                + " not found (looked in " + dir + "); set -Dsegmentation.data.dir or SEGMENTATION_DATA_DIR to the "
                + "directory holding the shared data");
        return p;
    }

    /** Rows of a committed fixture CSV (lines starting with # are comments). */
    public static List<NamedCsvRecord> fixture(String resource) {
        try (InputStream in = TestData.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            List<NamedCsvRecord> out = new ArrayList<>();
            try (CsvReader<NamedCsvRecord> r = CsvReader.builder().commentStrategy(CommentStrategy.SKIP)
                    .ofNamedCsvRecord(in, StandardCharsets.UTF_8)) {
                r.forEach(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comment lines of a fixture (its provenance). */
    public static List<String> fixtureComments(String resource) {
        try (InputStream in = TestData.class.getResourceAsStream(resource)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#")) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
