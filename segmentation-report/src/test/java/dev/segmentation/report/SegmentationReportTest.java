package dev.segmentation.report;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.scoring.SegmentScorer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page: its sections, cards, lineage, the self-containment rules, and the builder's checks. */
class SegmentationReportTest {
    @Test
    void thePageHoldsEverySectionAndCardAndNothingFromOutside() {
        ReportFixture f = ReportFixture.get();
        SegmentationReport r = f.report();
        String html = r.html();
        assertEquals(List.of("overview", "segments", "sizes", "profiles", "choice-of-k", "map", "relations",
                "stability", "migration", "drift", "composition", "about"), r.sections());
        for (String s : r.sections()) {
            assertTrue(html.contains("data-section=\"" + s + "\""), s);
        }
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                + "style-src &#39;unsafe-inline&#39;\"/>"), "the page forbids every request");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.contains("<link"), "no linked resource");
        assertFalse(Pattern.compile("(src|href)=\"(?!#)").matcher(html).find(), "no link but in-page anchors");
        assertFalse(html.contains("url("), "no CSS resource");
        assertEquals(r.charts().size(), count(html, "<svg xmlns"), "every chart inline");
        for (Chart c : r.charts()) {
            assertTrue(html.contains(c.svg()), c.id());
        }
        for (String name : ReportFixture.NAMES) {
            assertTrue(html.contains("<h3><span class=\"swatch\" aria-hidden=\"true\"></span>" + name + "</h3>"), name);
        }
        assertEquals(ReportFixture.K, count(html, "<article class=\"card\""));
        assertTrue(html.contains("Expected value, next 12 months: </b>4,200 GBP"), "a figure on the card");
        assertTrue(html.contains("Measured lift: </b>+5.2% (p = 0.003)"), "a figure with its note");
        assertEquals(3, count(html, "Expected value, next 12 months"), "no line for the segment without a value");
        assertTrue(html.contains("Rule of thumb: </b>"), "rules of thumb");
        assertTrue(html.contains("Stability: </b>"), "stability on the cards");
        assertTrue(html.contains("No BIC chart"), "the missing BIC is explained");
        assertTrue(html.contains(f.pipeline.fingerprint()), "feature fingerprint in the header");
        assertEquals(html, f.report().html(), "the same inputs give the same page");
    }

    @Test
    void theHeaderCarriesTheModelFilesLineage(@TempDir Path dir) throws Exception {
        ReportFixture f = ReportFixture.get();
        Path file = dir.resolve("model.json");
        ModelIO.write(SegmentScorer.of(f.pipeline, f.model).withSegmentNames(ReportFixture.NAMES), Lineage.builder()
                .dataPeriod(LocalDate.parse("2023-01-01"), LocalDate.parse("2023-12-31")).source("synthetic.csv")
                .build(), file);
        String html = SegmentationReport.builder().segments(f.profiles, ReportFixture.NAMES).model(f.model)
                .modelFile(file).build().html();
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
        assertTrue(html.contains("SHA-256 " + sha), "the file's digest");
        assertTrue(html.contains("type &#39;segment-scorer&#39;, format version " + ModelIO.FORMAT_VERSION), html);
        assertTrue(html.contains("training data 2023-01-01 to 2023-12-31"), "the data period");
        assertTrue(html.contains("source synthetic.csv"));
        assertTrue(html.contains("K-means, k = 4 (k-means++ initialisation, best of 3 restarts, seed 1"), "the model");
        Matcher m = Pattern.compile("written by library ([^ ]+)").matcher(html);
        assertTrue(m.find() && m.group(1).equals(ModelIO.libraryVersion()), "the library version");
    }

    @Test
    void aMinimalReportHasTheSegmentsAndTheirCharts(@TempDir Path dir) throws Exception {
        ReportFixture f = ReportFixture.get();
        SegmentationReport r = SegmentationReport.builder().segments(f.profiles, ReportFixture.NAMES).build();
        assertEquals(List.of("overview", "segments", "sizes", "profiles", "about"), r.sections());
        assertEquals(List.of("sizes", "profile-heatmap", "box-recency-days", "box-frequency", "box-monetary"),
                r.charts().stream().map(Chart::id).toList());
        List<Path> files = r.writeCharts(dir.resolve("charts"));
        assertEquals(5, files.size());
        assertTrue(Files.readString(files.get(0)).startsWith("<?xml"));
        assertEquals("sizes", r.chart("sizes").id());
        assertThrows(IllegalArgumentException.class, () -> r.chart("k-bic"));
        Path page = dir.resolve("r.html");
        r.write(page);
        assertEquals(r.html(), Files.readString(page));
    }

    @Test
    void theBuilderRejectsMissingAndInconsistentInput() {
        ReportFixture f = ReportFixture.get();
        assertThrows(IllegalStateException.class, () -> SegmentationReport.builder().build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentationReport.builder().segments(f.profiles, List.of("a", "b")));
        assertTrue(e.getMessage().contains("2 names") && e.getMessage().contains("4 segments"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder().segments(f.profiles,
                List.of("a", "a", "b", "c")));
        assertThrows(IllegalStateException.class, () -> SegmentationReport.builder().projection(f.projection)
                .projection(f.projection));
        assertThrows(IllegalStateException.class, () -> SegmentationReport.builder().segments(f.profiles,
                ReportFixture.NAMES).migration(f.migration).build());
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder()
                .segments(f.profiles, ReportFixture.NAMES)
                .figure(SegmentFigure.percent("churn", new double[] {0.1, 0.2})).build());
        assertTrue(e.getMessage().contains("churn"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder()
                .segments(f.profiles, ReportFixture.NAMES).model(f.sweep.model(3)).build());
        assertTrue(e.getMessage().contains("k = 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder()
                .segments(f.profiles, ReportFixture.NAMES).describe(FeatureDescription.of("tenure", "tenure", ""))
                .build());
        assertTrue(e.getMessage().contains("tenure"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> SegmentationReport.builder()
                .describe(FeatureDescription.plain("monetary"), FeatureDescription.plain("monetary")));
        assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder().kSweep(f.sweep, 0));
        assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder().title(" "));
        assertThrows(IllegalArgumentException.class, () -> SegmentationReport.builder().dendrogramLeaves(1));
    }

    @Test
    void theProjectionUsesComponentsOfAllRowsAndASeededSample() {
        ReportFixture f = ReportFixture.get();
        Projection all = Projection.pca(f.x, f.labels, f.model.clusterCenters(), 10_000, 1);
        assertEquals(f.x.rows(), all.points(), "every row when the sample is larger");
        double mx = Arrays.stream(all.x()).sum() / all.points();
        double my = Arrays.stream(all.y()).sum() / all.points();
        assertEquals(0, mx, 1e-12, "principal component scores of all rows are centred");
        assertEquals(0, my, 1e-12);
        double[] ev = all.explainedVarianceRatio();
        assertTrue(ev[0] >= ev[1] && ev[0] + ev[1] <= 1 + 1e-12);
        Projection p = Projection.pca(f.x, f.labels, f.model.clusterCenters(), 120, 9);
        assertArrayEquals(p.x(), Projection.pca(f.x, f.labels, f.model.clusterCenters(), 120, 9).x(), "seeded");
        int[] rows = Projection.sample(f.x.rows(), 120, 9);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(all.x()[rows[i]], p.x()[i], 1e-12, "a sampled point keeps its coordinates");
            assertEquals(f.labels[rows[i]], p.labels()[i]);
        }
        assertEquals(ReportFixture.K, p.centres());
        assertThrows(IllegalArgumentException.class, () -> Projection.pca(f.x, new int[3], null, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> Projection.pca(f.x, f.labels, null, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Projection.pca(Dataset.of(new double[][] {{1}, {2}}),
                new int[2], null, 10, 1));
    }

    @Property(tries = 200)
    void aSampleIsDistinctSortedAndDependsOnlyOnTheSeed(@ForAll @IntRange(min = 1, max = 500) int n,
                                                        @ForAll @IntRange(min = 1, max = 600) int m,
                                                        @ForAll long seed) {
        int[] s = Projection.sample(n, m, seed);
        assertEquals(Math.min(n, m), s.length);
        for (int i = 0; i < s.length; i++) {
            assertTrue(s[i] >= 0 && s[i] < n && (i == 0 || s[i] > s[i - 1]));
        }
        assertArrayEquals(s, Projection.sample(n, m, seed));
    }

    @Test
    void categoryLabelsWrapAtASpaceAndShortenWhenTheyMust() {
        assertArrayEquals(new String[] {"Champions"}, Canvas.wrap("Champions", 100));
        assertArrayEquals(new String[] {"Potential", "Loyalists"}, Canvas.wrap("Potential Loyalists", 70));
        assertArrayEquals(new String[] {"Supercali\u2026"}, Canvas.wrap("Supercalifragilistic", 70));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
