/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The core's source rules for the Gaussian-mixture package: indexed loops only outside the codec. */
class GmmCodeStandardsTest {
    private static final Path GMM = Path.of("src/main/java/dev/segmentation/core/gmm");
    private static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;()]*:[^;]*\\)");

    @Test
    void hotPathsUseIndexedLoops() throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(GMM)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (f.getFileName().toString().endsWith("Codec.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (FOR_EACH.matcher(lines.get(i)).find()) {
                        bad.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}
