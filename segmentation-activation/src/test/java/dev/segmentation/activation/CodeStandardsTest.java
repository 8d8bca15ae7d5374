package dev.segmentation.activation;

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
 * Source rules, as in the other modules: the hot paths (the internal package) use indexed loops; library code
 * never prints, never uses Java serialization and never draws from an unseeded or global random source.
 */
class CodeStandardsTest {
    private static final Path MAIN = Path.of("src/main/java/dev/segmentation/activation");
    private static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;()]*:[^;]*\\)");

    @Test
    void hotPathsUseIndexedLoops() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : javaFiles(MAIN.resolve("internal"))) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (FOR_EACH.matcher(lines.get(i)).find()) {
                    bad.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void noConsoleOutputSerializationOrUnseededRandomness() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : javaFiles(MAIN)) {
            String text = Files.readString(f);
            for (String forbidden : new String[] {"System.out", "System.err", "printStackTrace", "ObjectOutputStream",
                    "ObjectInputStream", "implements Serializable", "java.util.Random", "new Random(",
                    "Math.random", "ThreadLocalRandom", "SplittableRandom"}) {
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
