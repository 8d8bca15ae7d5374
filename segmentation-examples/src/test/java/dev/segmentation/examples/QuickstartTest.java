/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's quickstart is the {@link Quickstart} example's code, and prints what the README says. */
class QuickstartTest {

    @Test
    void theReadmeBlockIsTheRunnableExampleAndPrintsWhatTheReadmeShows() throws Exception {
        ReadmeQuickstart readme = ReadmeQuickstart.read();
        assertTrue(readme.body().stream().filter(l -> !l.isBlank()).count() <= 12, "the quickstart should stay short");
        List<String> fromReadme = new ArrayList<>(readme.imports());
        fromReadme.addAll(readme.body());
        assertEquals(normalised(fromReadme), normalised(markedLines()),
                "the README quickstart must be the code between the quickstart markers of Quickstart.java");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertEquals(readme.output(), printed.toString(StandardCharsets.UTF_8).strip());
    }

    private static List<String> markedLines() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/main/java/dev/segmentation/examples/Quickstart.java"));
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.strip().equals("// quickstart:start")) {
                inside = true;
            } else if (line.strip().equals("// quickstart:end")) {
                inside = false;
            } else if (inside) {
                out.add(line);
            }
        }
        return out;
    }

    private static List<String> normalised(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            if (!l.isBlank()) {
                out.add(l.strip());
            }
        }
        return out;
    }
}
