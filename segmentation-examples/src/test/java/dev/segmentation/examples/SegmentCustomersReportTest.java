package dev.segmentation.examples;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.data.DataFiles;
import dev.segmentation.report.browser.Chromium;
import dev.segmentation.report.browser.PixelStats;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report of the main job on the real Online Retail data: the job prints its path; it holds every section,
 * stays under 2 MB, and renders in headless Chromium in under 2 s with no console error, no request but its own
 * and every chart drawn. With {@code -Dreport.screenshot=<file.png>} the test also saves the top of the page
 * there (the README's screenshot is made this way, from this real run):
 * <pre>
 * mvn -B -pl segmentation-examples -am verify -Dtest=SegmentCustomersReportTest \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dreport.screenshot=$PWD/docs/report.png
 * </pre>
 */
class SegmentCustomersReportTest {
    static final List<String> SECTIONS = List.of("overview", "segments", "sizes", "profiles", "choice-of-k", "map",
            "relations", "stability", "migration", "drift", "composition", "about");
    static final List<String> CHARTS = List.of("sizes", "profile-heatmap", "box-recency-days", "box-frequency",
            "box-monetary", "k-inertia", "k-silhouette", "k-gap", "projection", "segment-tree", "bootstrap-jaccard",
            "migration-heatmap", "migration-flow", "drift-psi", "drift-segment-mix", "composition");

    @Test
    void theMainJobWritesAReportWithEverySectionThatRendersInUnderTwoSeconds(@TempDir Path out) throws Exception {
        if (DataFiles.find("online_retail.csv.gz").isEmpty()) {
            String message = "Skipped: " + DataFiles.notFoundMessage("online_retail.csv.gz");
            System.err.println(message);
            Assumptions.abort(message);
        }
        String console = run("--out", out.toString());
        Path report = out.resolve("online_retail-report.html");
        assertTrue(console.contains(report.toString()), "the job prints the report's path:\n" + console);
        long bytes = Files.size(report);
        assertTrue(bytes < 2_000_000, "the report has " + bytes + " bytes");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        for (String s : SECTIONS) {
            assertTrue(html.contains("data-section=\"" + s + "\""), "section " + s);
        }
        for (String name : List.of("Champions", "Potential Loyalists", "Need Attention", "About to Sleep", "Lost")) {
            assertTrue(html.contains("<h3><span class=\"swatch\" aria-hidden=\"true\"></span>" + name + "</h3>"),
                    "a card for " + name);
        }
        try (Chromium browser = Chromium.launch()) {
            Chromium.Page page = browser.open(report.toUri(), 1280, 900);
            assertEquals(List.of(), page.errors(), "console errors");
            assertEquals(List.of(report.toUri().toString()), page.requests(), "no request but the page itself");
            assertTrue(page.loadMillis() < 2000, "rendered in " + page.loadMillis() + " ms");
            List<String> sections = new ArrayList<>();
            page.evaluate("[...document.querySelectorAll('[data-section]')].map(e => e.dataset.section)")
                    .forEach(n -> sections.add(n.asText()));
            assertEquals(SECTIONS, sections);
            JsonNode charts = page.evaluate("[...document.querySelectorAll('svg[data-chart]')].map(s => "
                    + "[s.dataset.chart, +s.dataset.marks, s.querySelectorAll('.mark').length, "
                    + "s.getBoundingClientRect().width])");
            List<String> ids = new ArrayList<>();
            charts.forEach(c -> ids.add(c.get(0).asText()));
            assertEquals(CHARTS, ids, "every chart of the main job, in order");
            for (JsonNode c : charts) {
                assertTrue(c.get(1).asInt() > 0 && c.get(1).asInt() == c.get(2).asInt(), "marks of " + c);
                if (c.get(0).asText().equals("projection")) {
                    assertEquals(2_500 + 5, c.get(2).asInt(), "the seeded sample and the five centres");
                }
                assertTrue(c.get(3).asDouble() > 100, "chart laid out: " + c);
            }
            double height = page.evaluate("document.documentElement.scrollHeight").asDouble();
            PixelStats all = PixelStats.of(page.screenshot(0, 0, 1280, height));
            assertTrue(all.looksRendered(), "screenshot " + all);
            String shot = System.getProperty("report.screenshot");
            if (shot != null && !shot.isBlank()) {
                Files.write(Path.of(shot), page.screenshot(0, 0, 1280, Math.min(height, 1900)));
            }
        }
    }

    /** Runs the main job with its console output captured (tests print nothing). */
    static String run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SegmentCustomers.main(args);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
