package dev.segmentation.report;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The SVG of every chart type on the fixed inputs of {@link ReportFixture}, byte for byte against the golden
 * files in {@code src/test/resources/golden/}. A deliberate change to a chart is accepted by regenerating them:
 * <pre>
 * mvn -pl segmentation-report -am test -Dtest=ChartGoldenTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgolden.update=true
 * </pre>
 * and reviewing the diff (the files open in any browser).
 */
class ChartGoldenTest {
    private static final Path SOURCE = Path.of("src/test/resources/golden");

    @TestFactory
    List<DynamicTest> everyChartTypeMatchesItsGoldenFile() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Chart c : ReportFixture.get().allCharts()) {
            tests.add(DynamicTest.dynamicTest(c.id(), () -> compare(c)));
        }
        return tests;
    }

    private static void compare(Chart chart) throws IOException {
        String name = chart.id() + ".svg";
        String actual = chart.svgDocument();
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(SOURCE);
            Files.writeString(SOURCE.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        try (InputStream in = ChartGoldenTest.class.getResourceAsStream("/golden/" + name)) {
            assertNotNull(in, "No golden file " + name + "; run with -Dgolden.update=true to create it");
            String expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expected, actual, name + " differs from its golden file; if the change is intended, "
                    + "regenerate with -Dgolden.update=true and review the diff");
        }
    }
}
