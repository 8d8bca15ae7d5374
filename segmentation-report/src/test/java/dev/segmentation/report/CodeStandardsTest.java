package dev.segmentation.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Source rules, as in the other library modules: the report never prints, never uses Java serialization or an
 * unseeded random source, and never names a network resource (it must open offline).
 */
class CodeStandardsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/segmentation/report");

    @Test
    void noConsoleOutputSerializationUnseededRandomnessOrNetwork() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            String text = Files.readString(f);
            for (String forbidden : new String[] {"System.out", "System.err", "printStackTrace", "ObjectOutputStream",
                    "ObjectInputStream", "implements Serializable", "java.util.Random", "new Random(", "Math.random",
                    "ThreadLocalRandom", "<script", "<link", "@import", "java.net.http", "URLConnection"}) {
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
