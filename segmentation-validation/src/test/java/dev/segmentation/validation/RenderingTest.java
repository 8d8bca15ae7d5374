package dev.segmentation.validation;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.validation.stability.BootstrapStability;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every result type renders itself the same way: {@code table()} and a {@code toString()} of its own. */
class RenderingTest {
    /** Result types whose name does not end in Result, Report, Model or Explanation. */
    private static final Set<String> OTHER_RESULTS = Set.of("ContingencyTable", "SegmentProfiles", "SumOfSquares",
            "stability.Migration", "drift.DriftReport");

    @Test
    void everyResultTypeHasATableAndItsOwnToString() throws IOException, ClassNotFoundException {
        Path root = Path.of("target/classes/dev/segmentation/validation");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String rel = root.relativize(f).toString().replace('/', '.').replace(".class", "");
                if (rel.startsWith("internal.") || rel.endsWith("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName("dev.segmentation.validation." + rel);
                String simple = rel.contains("$") ? rel.substring(rel.lastIndexOf('$') + 1) : rel;
                boolean result = simple.endsWith("Result") || simple.endsWith("Report") || simple.equals("Model")
                        || simple.equals("Explanation") || OTHER_RESULTS.contains(rel);
                if (!result || !Modifier.isPublic(c.getModifiers()) || c.isInterface() || c.isEnum()) {
                    continue;
                }
                checked++;
                try {
                    Method t = c.getMethod("table");
                    if (t.getReturnType() != String.class) {
                        missing.add(rel + ".table() does not return a String");
                    }
                } catch (NoSuchMethodException e) {
                    missing.add(rel + " has no table()");
                }
                try {
                    c.getDeclaredMethod("toString");
                } catch (NoSuchMethodException e) {
                    missing.add(rel + " does not override toString()");
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(checked >= 20, "result types found: " + checked);
    }

    /** The profile table of the main job: means by value share with an all-customers row, then the medians. */
    @Test
    void segmentProfilesRenderTheMainJobsTable() {
        Fixtures.RfmFixture f = Fixtures.rfm();
        int k = 5;
        List<String> names = List.of("Lost", "Loyal", "Champions", "Potential Loyalists", "Hibernating");
        SegmentProfiles p = SegmentProfiles.of(f.raw(), f.segments(), k, "monetary");
        String table = p.table(names);
        List<String> lines = table.lines().toList();
        assertTrue(lines.get(0).matches("\\s+id\\s+name\\s+size\\s+share\\s+recency_days\\s+frequency\\s+monetary\\s+"
                + "monetary share"), lines.get(0));
        // rows by decreasing revenue share, then all customers
        double last = Double.POSITIVE_INFINITY;
        for (int r = 1; r <= k; r++) {
            String line = lines.get(r);
            double share = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1, line.length() - 1));
            assertTrue(share <= last, line);
            last = share;
        }
        assertTrue(lines.get(k + 1).contains("all customers") && lines.get(k + 1).contains("100.0%"), lines.get(k + 1));
        assertTrue(lines.get(k + 1).contains(String.format(java.util.Locale.ROOT, "%,d", f.raw().rows())));
        assertEquals("", lines.get(k + 2));
        assertTrue(lines.get(k + 3).contains("medians [q1, q3]"));
        SegmentProfiles.Profile top = p.profiles().stream().max((a, b) -> Double.compare(a.valueShare(),
                b.valueShare())).orElseThrow();
        String row = lines.get(k + 5);
        assertTrue(row.startsWith("  " + names.get(top.label())), row);
        assertTrue(row.contains(top.topFeatures(2).get(0).toString()), row);
        assertEquals(2 * k + 5, lines.size());
        // every line ends with the platform's line separator, and without names the label stands alone
        assertTrue(table.endsWith(System.lineSeparator()));
        assertTrue(p.table().lines().findFirst().orElseThrow().matches("\\s+id\\s+size\\s+share.*"));
        assertThrows(IllegalArgumentException.class, () -> p.table(List.of("a", "b")));
        assertTrue(p.toString().contains("5 segments") && p.toString().contains("monetary"), p.toString());
    }

    @Test
    void bootstrapStabilityRendersTheMainJobsTable() {
        int[] labels = new int[400];
        Dataset x = SilhouetteTest.blobs(400, 2, 3, 9, labels);
        KMeans km = KMeans.builder().k(3).nInit(2).seed(1).singleThreaded().build();
        KMeansModel m = km.fit(x);
        BootstrapStability.Result r = BootstrapStability.bootstrap(5, 3).assess(km, x, m.trainingLabels(),
                FitControl.none());
        List<String> names = List.of("Low", "Mid", "High");
        List<String> lines = r.table(names).lines().toList();
        assertTrue(lines.get(0).startsWith("Bootstrap stability, 5 replicates of 400 rows: mean ARI"), lines.get(0));
        assertTrue(lines.get(1).matches("\\s+segment\\s+Jaccard\\s+recovered\\s+dissolved"), lines.get(1));
        for (int c = 0; c < 3; c++) {
            String row = lines.get(2 + c);
            assertTrue(row.startsWith("  " + names.get(c)), row);
            assertTrue(row.contains(String.format(java.util.Locale.ROOT, "%.3f", r.meanJaccard(c))), row);
            assertTrue(row.endsWith(r.dissolved(c) + "/5"), row);
        }
        assertTrue(lines.get(5).startsWith("(Jaccard above 0.75"), lines.get(5));
        assertTrue(r.table().contains("  0 "), r.table());
        assertThrows(IllegalArgumentException.class, () -> r.table(List.of("only one")));
    }
}
