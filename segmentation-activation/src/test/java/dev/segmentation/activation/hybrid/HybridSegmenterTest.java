package dev.segmentation.activation.hybrid;

import dev.segmentation.activation.rules.BoundRuleSet;
import dev.segmentation.activation.rules.RuleFinding;
import dev.segmentation.activation.rules.RuleSchema;
import dev.segmentation.activation.rules.RuleSet;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.KMeansModel;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.FittedPipeline;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HybridSegmenterTest {
    private static final List<String> RFM = List.of("recency_days", "frequency", "monetary");
    private static SegmentScorer scorer;
    private static CustomerTable customers;
    private static RuleSchema schema;

    @BeforeAll
    static void fit() {
        Random rnd = new Random(7);
        int n = 600;
        double[][] rows = new double[n][];
        List<String> ids = new ArrayList<>();
        double[] tenure = new double[n];
        String[] country = new String[n];
        for (int i = 0; i < n; i++) {
            int g = i % 3;
            rows[i] = new double[] {g == 0 ? 5 + rnd.nextInt(20) : g == 1 ? 100 + rnd.nextInt(100) : 30 + rnd.nextInt(30),
                1 + rnd.nextInt(g == 0 ? 30 : 4), g == 0 ? 3000 + rnd.nextInt(20000) : 50 + rnd.nextInt(500)};
            ids.add("c" + i);
            tenure[i] = 10 + rnd.nextInt(700);
            country[i] = i % 5 == 0 ? "France" : "United Kingdom";
        }
        Dataset raw = Dataset.of(rows, RFM);
        FittedPipeline features = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize()
                .build().fit(raw);
        KMeansModel model = KMeans.builder().k(3).nInit(5).seed(42).build().fit(features.transform(raw));
        scorer = SegmentScorer.of(features, model).withSegmentNames(List.of("A", "B", "C"));
        customers = CustomerTable.of(raw, ids).leftJoin(CustomerTable.builder(ids).numeric("tenure_days", tenure)
                .categorical("country", country).build());
        schema = RuleSchema.of(customers);
    }

    private static HybridSegmenter.Builder builder() {
        return HybridSegmenter.builder(schema)
                .rules(RuleSet.parse("VIP: monetary >= 15000\nNew: tenure_days <= 30"))
                .clusters(scorer);
    }

    @Test
    void rulesTakePrecedenceAndClustersTakeTheRest() {
        HybridSegmenter h = builder().merge("B and C", 1, 2).build();
        assertEquals(List.of("VIP", "New", "A", "B and C"), h.segmentNames());
        int[] labels = h.assign(customers);
        double[] records = schema.records(customers);
        int d = schema.size();
        double[] raw = new double[3];
        for (int i = 0; i < labels.length; i++) {
            double monetary = customers.numeric("monetary", i);
            double tenure = customers.numeric("tenure_days", i);
            int expected;
            if (monetary >= 15000) {
                expected = 0;
            } else if (tenure <= 30) {
                expected = 1;
            } else {
                for (int j = 0; j < 3; j++) {
                    raw[j] = customers.numeric(RFM.get(j), i);
                }
                int c = scorer.assign(raw);
                expected = c == 0 ? 2 : 3;
            }
            assertEquals(expected, labels[i], "customer " + i);
            assertEquals(expected, h.assign(java.util.Arrays.copyOfRange(records, i * d, (i + 1) * d)));
        }
        String table = h.table(labels);
        assertTrue(table.contains("rule: monetary >= 15000"), table);
        assertTrue(table.contains("clusters 1 + 2"), table);
        assertEquals(List.of(), h.findings());
    }

    @Test
    void everyForgedParameterIsAFormatErrorOrASegmenter() throws Exception {
        HybridSegmenter h = builder().split(0, "country = \"United Kingdom\"", "A home", "A abroad")
                .rename(2, "Cee").fallback("Unscored").build();
        dev.segmentation.core.testing.ForgedFiles.assertEveryForgeryIsAFormatErrorOrAModel(
                java.util.Map.of("hybrid", h), 100);
    }

    @Test
    void splitsAndRenamesAreRecordedAndRoundTrip(@TempDir Path dir) throws IOException {
        HybridSegmenter h = builder().split(0, "country = \"United Kingdom\"", "A home", "A abroad")
                .rename(2, "Cee").fallback("Unscored").build();
        assertEquals(List.of("VIP", "New", "A home", "A abroad", "B", "Cee", "Unscored"), h.segmentNames());
        assertEquals(HybridSegmenter.Source.SPLIT_TRUE, h.segment(2).source());
        assertEquals("cluster 0 where country = \"United Kingdom\"", h.segment(2).describe());
        int[] labels = h.assign(customers);
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 2 || labels[i] == 3) {
                assertEquals(customers.category("country", i).equals("United Kingdom") ? 2 : 3, labels[i]);
            }
        }
        Path file = dir.resolve("hybrid.json");
        ModelIO.write(h, file);
        HybridSegmenter back = ModelIO.read(file, HybridSegmenter.class);
        assertEquals(h.segments(), back.segments());
        assertArrayEquals(labels, back.assign(customers));
        String json = Files.readString(file);
        assertTrue(json.contains("\"when\" : \"country = \\\"United Kingdom\\\"\""), json);
        assertTrue(json.contains("\"type\" : \"segment-scorer\""), json);

        // a missing cluster input goes to the fallback; without one it is an error naming the input
        double[] r = schema.newRecord();
        r[schema.indexOf("tenure_days")] = 400;
        r[schema.indexOf("monetary")] = 100;
        assertEquals(6, h.assign(r));
        HybridSegmenter strict = builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> strict.assign(r));
        assertTrue(e.getMessage().contains("the cluster model's input 'recency_days' is missing"), e.getMessage());
    }

    @Test
    void badSpecificationsAreRefusedWhenBuilt() {
        RuleSchema noFrequency = RuleSchema.builder().numeric("recency_days", "monetary").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HybridSegmenter.builder(noFrequency).clusters(scorer).build());
        assertEquals("The cluster model needs input 'frequency', which the schema does not have; the schema has "
                + "[recency_days, monetary]", e.getMessage());
        RuleSchema categorical = RuleSchema.builder().numeric("recency_days", "monetary")
                .categorical("frequency", List.of("low", "high")).build();
        assertThrows(IllegalArgumentException.class, () -> HybridSegmenter.builder(categorical).clusters(scorer).build());
        e = assertThrows(IllegalArgumentException.class, () -> builder().merge("x", 1, 3).build());
        assertEquals("merge('x') names cluster 3, but the model has clusters 0..2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder().merge("x", 0, 1).merge("y", 1, 2).build());
        assertEquals("Cluster 1 is merged twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> builder().merge("x", 0, 1).split(1, "monetary > 1", "p", "q").build());
        assertEquals("Cluster 1 is both merged and split", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> builder().rename(0, "VIP").build());
        assertTrue(e.getMessage().startsWith("Two output segments are named 'VIP'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder().merge("x", 1));
        assertThrows(IllegalArgumentException.class, () -> builder().split(0, "monetary > 1", "p", "p"));
        assertThrows(IllegalStateException.class, () -> HybridSegmenter.builder(schema).build());
        assertThrows(IllegalArgumentException.class,
                () -> HybridSegmenter.builder(schema).rules(RuleSet.parse("a: monetary > 1\nrest: otherwise")));
        e = assertThrows(IllegalArgumentException.class,
                () -> builder().split(1, "contry = \"France\"", "p", "q").build());
        assertTrue(e.getMessage().startsWith("The split of cluster 1: Rule 'p': unknown feature 'contry' (did you mean 'country'?)"), e.getMessage());
        HybridSegmenter h = builder().split(1, "monetary > 10 and monetary < 5", "p", "q").build();
        assertEquals(1, h.findings().size());
        assertEquals(RuleFinding.Kind.NEVER_MATCHES, h.findings().get(0).kind());
        assertTrue(h.findings().get(0).message().startsWith("The split of cluster 1: "), h.findings().get(0).message());
    }

    @Test
    void aDamagedFileIsRefusedWithTheParameter() {
        HybridSegmenterCodec codec = new HybridSegmenterCodec();
        dev.segmentation.core.io.Section good = codec.encode(builder().merge("BC", 1, 2).build());
        assertEquals(builder().merge("BC", 1, 2).build().segments(), assertDoesNotThrowDecode(codec, good).segments());
        dev.segmentation.core.io.Section.Builder bad = dev.segmentation.core.io.Section.builder();
        for (String name : good.names()) {
            if (!name.equals("merges")) {
                copy(good, name, bad);
            }
        }
        bad.putSections("merges", List.of(dev.segmentation.core.io.Section.builder().put("name", "BC")
                .put("clusters", new int[] {1, 9}).build()));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> codec.decode(bad.build(), 1));
        assertTrue(e.getMessage().contains("names cluster 9"), e.getMessage());
    }

    private static HybridSegmenter assertDoesNotThrowDecode(HybridSegmenterCodec codec,
                                                            dev.segmentation.core.io.Section s) {
        try {
            return codec.decode(s, 1);
        } catch (ModelFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static void copy(dev.segmentation.core.io.Section from, String name,
                             dev.segmentation.core.io.Section.Builder to) {
        try {
            switch (name) {
                case "schema":
                case "rules":
                case "merges":
                case "splits":
                case "renames":
                    to.putSections(name, from.getSections(name));
                    break;
                case "clusters":
                    to.put(name, from.getSection(name));
                    break;
                default:
                    to.put(name, from.getString(name));
            }
        } catch (ModelFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void scoringOneRecordAllocatesNothing() {
        HybridSegmenter h = builder().split(0, "country in (\"France\", \"United Kingdom\") and tenure_days > 100", "A EU", "A").build();
        BoundRuleSet rules = RuleSet.parse("VIP: monetary >= 15000\nNew: tenure_days <= 30\n"
                + "Lapsed: recency_days > 180 and not country = \"France\"").bind(schema);
        double[] records = schema.records(customers);
        int d = schema.size();
        double[][] rows = new double[50][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(records, i * d, (i + 1) * d);
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int warm = 0; warm < 200_000; warm++) {
            sink += h.assign(rows[warm % rows.length]) + rules.match(rows[warm % rows.length]);
        }
        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += h.assign(rows[i % rows.length]) + rules.match(rows[i % rows.length]);
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(sink > 0);
        // the allocation counter itself may report a few hundred bytes; 100,000 calls that allocated would be MBs
        assertTrue(allocated < 4_096, allocated + " bytes allocated by 100,000 assignments");
    }
}
