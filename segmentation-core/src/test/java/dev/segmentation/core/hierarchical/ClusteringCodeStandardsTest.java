/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hot-path rule of {@code CodeStandardsTest} (indexed loops only) for the hierarchical, DBSCAN and post-processing packages. */
class ClusteringCodeStandardsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/segmentation/core");
    private static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;()]*:[^;]*\\)");

    @Test
    void hotPathsUseIndexedLoops() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String pkg : new String[] {"hierarchical", "dbscan", "postprocess"}) {
            try (Stream<Path> s = Files.walk(MAIN.resolve(pkg))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (FOR_EACH.matcher(lines.get(i)).find()) {
                            bad.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}
