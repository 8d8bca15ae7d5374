/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The project's source rules, in one place for every module (in the manner of EJML's
 * TestEnforceCodeStandards). It runs in the examples module, which sees the whole repository:
 * <ul>
 *   <li>library code never prints, never uses Java serialization (no object streams, and no class or interface
 *       of any module, the Spark module's included, is or extends {@code Serializable}), and never draws unseeded or
 *       {@code java.util} randomness (the library's seeded generator is {@code core.internal.Rng});</li>
 *   <li>hot-path packages use indexed loops (a for-each over a collection allocates an iterator) and, in the
 *       features module's per-row code, no {@code var};</li>
 *   <li>the report loads nothing from the network;</li>
 *   <li>tests never print to standard output (skip messages go to standard error, as the CI log shows them).</li>
 * </ul>
 */
class CodeStandardsTest {
    private static final Path ROOT = Path.of("..");
    /** The published library modules; a module added later is covered once it is listed here. */
    private static final List<String> LIBRARY = List.of("segmentation-core", "segmentation-features",
            "segmentation-validation", "segmentation-report", "segmentation-activation", "segmentation-serving",
            "segmentation-spark");
    private static final Pattern FOR_EACH = Pattern.compile("for\\s*\\([^;()]*\\s:\\s[^;]*\\)");
    private static final Pattern VAR = Pattern.compile("(^|[\\s(])var\\s+\\w+\\s*=");
    private static final List<String> PRINTS_OR_SERIALIZES = List.of("System.out", "System.err", "printStackTrace",
            "ObjectOutputStream", "ObjectInputStream");
    /**
     * A class or interface that is (or extends) {@code Serializable}, plainly or as {@code java.io.Serializable},
     * alone or in a list of interfaces.
     */
    private static final Pattern SERIALIZABLE = Pattern.compile(
            "\\b(implements|extends)\\s+([\\w.<>?,\\s]*[,\\s])?(java\\.io\\.)?Serializable\\b");
    private static final List<String> RANDOMNESS = List.of("java.util.Random", "new Random(", "Math.random",
            "ThreadLocalRandom", "SplittableRandom");
    /** Hot-path directories (or files) per module, below src/main/java/dev/segmentation. */
    private static final Map<String, List<String>> HOT = Map.of(
            "segmentation-core", List.of("core/internal", "core/kmeans", "core/scoring", "core/gmm",
                    "core/hierarchical", "core/dbscan", "core/postprocess"),
            "segmentation-validation", List.of("validation/internal"),
            "segmentation-activation", List.of("activation/internal"),
            "segmentation-features", List.of("features/internal", "features/io/RecordHandler.java",
                    "features/io/SourceReader.java", "features/io/TableColumns.java", "features/rfm",
                    "features/transform", "features/behaviour", "features/TransactionFilter.java",
                    "features/clv/Special.java", "features/clv/BgNbd.java", "features/clv/BgNbdModel.java",
                    "features/clv/ParetoNbd.java", "features/clv/ParetoNbdModel.java", "features/clv/GammaGamma.java",
                    "features/clv/GammaGammaModel.java", "features/clv/CustomerLifetimeValue.java",
                    "features/clv/Compressed.java"));
    /** Codecs read and write files once; they may iterate collections. */
    private static final Pattern HOT_EXEMPT = Pattern.compile(".*(Codec|Codecs|Spec|Builder|Pipeline)\\.java");
    private static final Set<String> NO_VAR = Set.of("segmentation-features");
    private static final List<String> NETWORK = List.of("<script", "<link", "@import", "java.net.http",
            "URLConnection");

    @Test
    void libraryCodeNeverPrintsSerializesOrDrawsUnseededRandomness() throws IOException {
        List<String> bad = new ArrayList<>();
        for (String module : LIBRARY) {
            for (Path f : javaFiles(ROOT.resolve(module).resolve("src/main/java"))) {
                String text = code(Files.readAllLines(f));
                String key = ROOT.relativize(f).toString().replace('\\', '/');
                for (String forbidden : PRINTS_OR_SERIALIZES) {
                    if (text.contains(forbidden)) {
                        bad.add(key + " uses " + forbidden);
                    }
                }
                // Spark's closures, task results and cached blocks carry only primitives, strings, arrays and
                // Spark's or the JDK's objects: no class of the library is Serializable, in any module.
                java.util.regex.Matcher serializable = SERIALIZABLE.matcher(text);
                if (serializable.find()) {
                    bad.add(key + " uses " + serializable.group().replaceAll("\\s+", " "));
                }
                for (String forbidden : RANDOMNESS) {
                    if (text.contains(forbidden)) {
                        bad.add(key + " uses " + forbidden + " (use core.internal.Rng with an explicit seed)");
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void hotPathsUseIndexedLoops() throws IOException {
        List<String> bad = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<String>> e : HOT.entrySet()) {
            Path base = ROOT.resolve(e.getKey()).resolve("src/main/java/dev/segmentation");
            for (String part : e.getValue()) {
                Path p = base.resolve(part);
                assertTrue(Files.exists(p), "hot path " + p + " does not exist: update the list");
                for (Path f : javaFiles(p)) {
                    if (HOT_EXEMPT.matcher(f.getFileName().toString()).matches()) {
                        continue;
                    }
                    checked++;
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i);
                        if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
                            continue;
                        }
                        if (FOR_EACH.matcher(line).find()
                                || NO_VAR.contains(e.getKey()) && VAR.matcher(line).find()) {
                            bad.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + line.trim());
                        }
                    }
                }
            }
        }
        assertTrue(checked > 50, "only " + checked + " hot-path files found");
        assertEquals(List.of(), bad);
    }

    @Test
    void theReportLoadsNothingFromTheNetwork() throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path f : javaFiles(ROOT.resolve("segmentation-report/src/main/java"))) {
            String text = Files.readString(f);
            for (String forbidden : NETWORK) {
                if (text.contains(forbidden)) {
                    bad.add(ROOT.relativize(f) + " uses " + forbidden);
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void testsNeverPrintToStandardOutput() throws IOException {
        Pattern prints = Pattern.compile("System\\.out\\s*(\\.|::)\\s*print|printStackTrace\\(");
        List<String> bad = new ArrayList<>();
        try (Stream<Path> modules = Files.list(ROOT)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/test/java"))).sorted().toList()) {
                for (Path f : javaFiles(module.resolve("src/test/java"))) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).trim();
                        // A line that starts with a string literal is source a test compiles, not a print; a
                        // *Child program runs in a child JVM and answers its parent test over standard output; an
                        // examples package in test sources holds runnable example programs.
                        boolean program = f.getFileName().toString().endsWith("Child.java")
                                || f.toString().replace('\\', '/').contains("/examples/");
                        if (prints.matcher(line).find() && !line.startsWith("\"") && !program) {
                            bad.add(ROOT.relativize(f) + ":" + (i + 1) + ": " + line);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }

    /** The lines that are not comments (javadoc examples may show a print). */
    private static String code(List<String> lines) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (!t.startsWith("*") && !t.startsWith("//") && !t.startsWith("/*")) {
                sb.append(lines.get(i)).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
