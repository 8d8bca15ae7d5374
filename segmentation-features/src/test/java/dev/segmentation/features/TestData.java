/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.data.DataFiles;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Locates the real data files and reads the committed fixtures. */
public final class TestData {
    private TestData() {
    }

    /**
     * A real data file, found by {@link DataFiles} (the configured folder, then the repository's {@code data/});
     * when it is in none of them the test is skipped, with the places tried printed on the console.
     */
    public static Path require(String file) {
        Optional<Path> p = DataFiles.find(file);
        if (p.isEmpty()) {
            String message = "Skipped: " + DataFiles.notFoundMessage(file);
            System.err.println(message);
            Assumptions.abort(message);
        }
        return p.get();
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
