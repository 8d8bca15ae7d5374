package dev.segmentation.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Source rules, in the manner of EJML's TestEnforceCodeStandards: hot-path packages use indexed loops (a
 * for-each over an array hides nothing, but over a collection it allocates an iterator), and no library code
 * prints or uses Java serialization.
 */
class CodeStandardsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/segmentation/core");
    private static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;()]*:[^;]*\\)");

    @Test
    void hotPathsUseIndexedLoops() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String pkg : new String[] {"internal", "kmeans", "scoring", "gmm"}) {
            for (Path f : javaFiles(MAIN.resolve(pkg))) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (FOR_EACH.matcher(lines.get(i)).find() && !f.getFileName().toString().endsWith("Codec.java")
                            && !f.getFileName().toString().endsWith("Codecs.java")) {
                        bad.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void noConsoleOutputOrJavaSerialization() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            String text = Files.readString(f);
            for (String forbidden : new String[] {"System.out", "System.err", "printStackTrace", "ObjectOutputStream",
                    "ObjectInputStream", "implements Serializable"}) {
                if (text.contains(forbidden)) {
                    bad.add(f.getFileName() + " uses " + forbidden);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
