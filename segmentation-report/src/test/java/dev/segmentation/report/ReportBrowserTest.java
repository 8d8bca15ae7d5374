package dev.segmentation.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.report.browser.Chromium;
import dev.segmentation.report.browser.PixelStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report in a real browser: headless Chromium opens it from a {@code file://} URL. It must load without
 * a console error or any request but its own, show every section and every chart with the marks its input
 * calls for, each mark laid out with a size, and paint a screenshot that is not blank. Two control pages
 * prove the checks can fail. Skipped, with a message, where Chromium is not installed.
 */
class ReportBrowserTest {
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Chromium.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theReportRendersOfflineWithEveryChartAndItsMarks(@TempDir Path dir) throws Exception {
        ReportFixture f = ReportFixture.get();
        SegmentationReport report = f.report();
        Path file = dir.resolve("report.html");
        report.write(file);
        Chromium.Page page = browser.open(file.toUri(), 1280, 900);

        assertEquals(List.of(), page.errors(), "console errors");
        assertEquals(List.of(file.toUri().toString()), page.requests(), "the page itself is the only request");
        assertEquals(0, page.evaluate("performance.getEntriesByType('resource').length").asInt(), "no resource");
        assertEquals(0, page.evaluate("document.scripts.length").asInt(), "no script");

        List<String> sections = new ArrayList<>();
        page.evaluate("[...document.querySelectorAll('[data-section]')].map(e => e.dataset.section)")
                .forEach(n -> sections.add(n.asText()));
        assertEquals(report.sections(), sections);
        assertEquals(List.of("overview", "segments", "sizes", "profiles", "choice-of-k", "map", "relations",
                "stability", "migration", "drift", "composition", "about"), sections);

        JsonNode marks = page.evaluate("Object.fromEntries([...document.querySelectorAll('svg[data-chart]')]"
                + ".map(s => [s.dataset.chart, s.querySelectorAll('.mark').length]))");
        assertEquals(report.charts().size(), marks.size(), "every chart is in the page: " + marks);
        for (Chart c : report.charts()) {
            assertEquals(c.marks(), marks.path(c.id()).asInt(-1), "marks of " + c.id() + " in the page");
            assertEquals(ExpectedMarks.of(f, c.id()), c.marks(), "marks of " + c.id() + " against its input");
        }
        assertEquals(0, page.evaluate("[...document.querySelectorAll('svg[data-chart] .mark')]"
                + ".filter(m => { const b = m.getBBox(); return !(b.width > 0 || b.height > 0); }).length").asInt(),
                "every mark is laid out with a size");
        assertEquals(0, page.evaluate("[...document.querySelectorAll('svg[data-chart]')]"
                + ".filter(s => s.getBoundingClientRect().width < 100).length").asInt(), "every chart is visible");
        assertEquals(ReportFixture.K, page.evaluate("document.querySelectorAll('article.card').length").asInt());

        double height = page.evaluate("document.documentElement.scrollHeight").asDouble();
        PixelStats shot = PixelStats.of(page.screenshot(0, 0, 1280, Math.min(height, 3000)));
        assertTrue(shot.looksRendered(), "screenshot " + shot);
        assertTrue(page.loadMillis() < 2000, "rendered in " + page.loadMillis() + " ms");
    }

    @Test
    void theChecksCatchABlankPageARequestAndAPolicyViolation(@TempDir Path dir) throws Exception {
        Chromium.Page blank = browser.open(URI.create("about:blank"), 400, 300);
        assertFalse(PixelStats.of(blank.screenshot(0, 0, 400, 300)).looksRendered(), "a blank page is not rendered");

        Path open = dir.resolve("open.html");
        Files.writeString(open, "<!DOCTYPE html><html><body><img src=\"http://192.0.2.1/logo.png\"></body></html>");
        Chromium.Page reaching = browser.open(open.toUri(), 400, 300);
        assertTrue(reaching.requests().contains("http://192.0.2.1/logo.png"), "the request is seen: "
                + reaching.requests());

        Path guarded = dir.resolve("guarded.html");
        Files.writeString(guarded, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
                + "content=\"default-src 'none'; style-src 'unsafe-inline'\"></head><body>"
                + "<img src=\"http://192.0.2.1/logo.png\"></body></html>");
        Chromium.Page refused = browser.open(guarded.toUri(), 400, 300);
        assertFalse(refused.errors().isEmpty(), "the report's policy refuses the image and logs an error");
        assertTrue(refused.requests().contains("http://192.0.2.1/logo.png"), "a refused attempt is still seen");
    }
}
