package dev.segmentation.report;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.hierarchical.Dendrogram;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every chart: well-formed, accessible, self-contained SVG with the expected marks; bad input rejected. */
class ChartsTest {
    private static final String SVG = "http://www.w3.org/2000/svg";

    @TestFactory
    List<DynamicTest> everyChartIsWellFormedAccessibleAndSelfContained() {
        ReportFixture f = ReportFixture.get();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Chart c : f.allCharts()) {
            assertTrue(ids.add(c.id()), "duplicate chart id " + c.id());
            tests.add(DynamicTest.dynamicTest(c.id(), () -> check(f, c)));
        }
        return tests;
    }

    private static void check(ReportFixture f, Chart c) throws Exception {
        Document doc = parse(c.svgDocument());
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG, root.getNamespaceURI());
        assertEquals("img", root.getAttribute("role"));
        assertEquals(c.id() + "-title " + c.id() + "-desc", root.getAttribute("aria-labelledby"));
        assertEquals(c.id(), root.getAttribute("data-chart"));
        assertEquals(Integer.toString(c.marks()), root.getAttribute("data-marks"));
        assertEquals(c.title(), text(doc, c.id() + "-title"));
        assertEquals(c.description(), text(doc, c.id() + "-desc"));
        assertTrue(c.description().length() > 40 && c.description().matches(".*\\d.*"),
                "the text alternative should state findings: " + c.description());
        List<Element> marks = new ArrayList<>();
        collect(root, marks);
        assertEquals(c.marks(), marks.size(), "marks of " + c.id());
        assertEquals(ExpectedMarks.of(f, c.id()), c.marks(), "marks of " + c.id() + " against its input");
        for (Element m : marks) {
            NodeList t = m.getElementsByTagNameNS(SVG, "title");
            assertTrue(t.getLength() == 1 && !t.item(0).getTextContent().isBlank(), "every mark has a tooltip");
        }
        assertNoExternalReference(root);
        assertFalse(c.svg().contains("NaN") || c.svg().contains("Infinity"), "no NaN drawn in " + c.id());
        assertFalse(c.dataRows().isEmpty(), "a data table");
        assertTrue(c.table().contains(c.dataHeader().get(0)));
    }

    private static void collect(Node n, List<Element> marks) {
        if (n instanceof Element && ((Element) n).getAttribute("class").equals("mark")) {
            marks.add((Element) n);
        }
        for (Node ch = n.getFirstChild(); ch != null; ch = ch.getNextSibling()) {
            collect(ch, marks);
        }
    }

    /** No attribute refers to anything outside the file: no href, src or url(), no URL but the namespace. */
    static void assertNoExternalReference(Node n) {
        NamedNodeMap a = n.getAttributes();
        if (a != null) {
            for (int i = 0; i < a.getLength(); i++) {
                Node attr = a.item(i);
                String name = attr.getNodeName();
                String v = attr.getNodeValue();
                assertFalse(name.endsWith("href") || name.equals("src"), "reference attribute " + name + "=" + v);
                assertFalse(v.contains("url("), "url() in " + name);
                assertTrue(!v.contains("://") || (name.equals("xmlns") && v.equals(SVG)), name + "=" + v);
            }
        }
        for (Node ch = n.getFirstChild(); ch != null; ch = ch.getNextSibling()) {
            assertNoExternalReference(ch);
        }
    }

    private static String text(Document doc, String id) {
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no element " + id);
    }

    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return dbf.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    @Test
    void chartsAreDeterministicAndWriteStandaloneFiles() throws Exception {
        ReportFixture f = ReportFixture.get();
        List<Chart> a = f.allCharts();
        List<Chart> b = f.allCharts();
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).svg(), b.get(i).svg(), a.get(i).id());
        }
        Path file = Files.createTempFile("elbow", ".svg");
        try {
            a.get(0).write(file);
            String s = Files.readString(file);
            assertTrue(s.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "), s.substring(0, 60));
            parse(s);
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void theKneeTheChosenKAndErrorBarsAreDrawn() {
        ReportFixture f = ReportFixture.get();
        Chart inertia = Charts.inertia(f.sweep, ReportFixture.K);
        int knee = f.sweep.recommendation(dev.segmentation.validation.KSweep.Criterion.KNEE).orElseThrow();
        assertTrue(inertia.svg().contains("knee: k = " + knee), "knee marked");
        assertTrue(inertia.svg().contains("class=\"chosen\""), "k in use ringed");
        Chart gap = Charts.gap(f.sweep.gap().orElseThrow(), ReportFixture.K);
        assertEquals(f.sweep.ks().length, count(gap.svg(), "class=\"errorbar\""), "one error bar per k");
        assertEquals(0, count(Charts.silhouette(f.sweep, 4).svg(), "class=\"errorbar\""),
                "an exact silhouette has no error bars");
    }

    @Test
    void aLargeDendrogramIsTruncatedToItsTopMerges() {
        ReportFixture f = ReportFixture.get();
        Dendrogram d = f.hierarchy.dendrogram();
        Chart c = Charts.dendrogram(d, 8);
        assertEquals(7, c.marks());
        assertTrue(c.svg().contains("the last 7 of " + (d.leaves() - 1) + " merges"), "truncation stated");
        Chart small = Charts.dendrogram(f.smallTree, 100);
        assertEquals(4, small.marks(), "a small tree is drawn whole");
        assertTrue(small.svg().contains("leaf 4"), "leaves numbered when unnamed");
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        ReportFixture f = ReportFixture.get();
        SegmentStyle three = SegmentStyle.of(List.of("a", "b", "c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.sizes(f.profiles, three, ReportFixture.FEATURES));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.bic(f.sweep, 4));
        assertTrue(e.getMessage().contains("no BIC"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Charts.boxPlot(f.profiles, f.style,
                FeatureDescription.of("tenure", "tenure", "days")));
        assertTrue(e.getMessage().contains("tenure"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Charts.dendrogram(f.smallTree, 1));
        assertThrows(IllegalArgumentException.class, () -> Charts.migrationHeatmap(f.migration, f.style, " ", "b"));
        assertThrows(IllegalArgumentException.class, () -> Charts.profileHeatmap(f.profiles, f.style,
                List.of(FeatureDescription.of("tenure", "tenure", ""))));
        assertThrows(IllegalArgumentException.class, () -> Charts.migrationFlow(f.migration,
                SegmentStyle.of(List.of("one")), "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> Charts.segmentTree(
                dev.segmentation.core.Centroids.of(new double[][] {{0, 0}}, List.of("a", "b")),
                SegmentStyle.of(List.of("x"))));
    }

    @Test
    void stylesKeepColoursByNameAndRejectBadInput() {
        SegmentStyle s = SegmentStyle.of(List.of("Champions", "Loyal", "Lost"));
        SegmentStyle other = s.matching(List.of("Lost", "New", "Champions", "Other"));
        assertEquals(s.colour(2), other.colour(0));
        assertEquals(s.colour(0), other.colour(2));
        Set<String> colours = new HashSet<>(List.of(s.colour(0), s.colour(1), s.colour(2)));
        assertFalse(colours.contains(other.colour(1)) || colours.contains(other.colour(3)), "new names, new colours");
        assertTrue(!other.colour(1).equals(other.colour(3)));
        assertEquals("noise", s.name(-1));
        assertThrows(IllegalArgumentException.class, () -> s.name(3));
        assertThrows(IllegalArgumentException.class, () -> SegmentStyle.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> SegmentStyle.of(List.of("a", " ")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentStyle.of(List.of("a"), List.of("red")));
        assertTrue(e.getMessage().contains("red"), e.getMessage());
        assertEquals("segment 1", SegmentStyle.numbered(2).name(1));
    }

    @Test
    void compositionsAndFiguresValidateTheirInput() {
        ReportFixture f = ReportFixture.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SegmentComposition.of(2, List.of("Jan", "Feb"), List.of(new int[] {0, 1}, new int[] {1, 2})));
        assertTrue(e.getMessage().contains("Feb") && e.getMessage().contains("customer 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentComposition.of(2, List.of("Jan"), List.of()));
        e = assertThrows(IllegalArgumentException.class, () -> SegmentComposition.score(f.scorer,
                java.util.Map.of("Jan", Dataset.of(new double[][] {{1, 2}}, List.of("a", "b")))));
        assertTrue(e.getMessage().contains("Jan"), e.getMessage());
        SegmentComposition c = SegmentComposition.of(2, List.of("Jan"), List.of(new int[] {0, 1, 1, -1}));
        assertEquals(4, c.total(0));
        assertEquals(1, c.noise(0));
        assertTrue(c.table(SegmentStyle.numbered(2)).contains("2 (50.0%)"));
        assertThrows(IllegalArgumentException.class, () -> SegmentFigure.amount("v", new double[] {1,
                Double.POSITIVE_INFINITY}, "GBP"));
        assertThrows(IllegalArgumentException.class, () -> SegmentFigure.percent(" ", new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> SegmentFigure.change("lift", new double[] {1, 2})
                .withNotes(List.of("only one")));
        SegmentFigure lift = SegmentFigure.change("lift", new double[] {0.052, Double.NaN})
                .withNotes(List.of("p = 0.01", ""));
        assertEquals("+5.2% (p = 0.01)", lift.formatted(0));
        assertEquals("", lift.formatted(1));
        assertEquals("1,234 GBP", SegmentFigure.amount("v", new double[] {1234.4}, "GBP").formatted(0));
        assertThrows(IllegalArgumentException.class, () -> FeatureDescription.of("a", " ", ""));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
