package dev.segmentation.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.segmentation.validation.Fixtures.assertRelative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesAndNamesTest {
    /** Means, medians and quartiles against NumPy on the derived Online Retail RFM fixture. */
    @Test
    void profilesMatchNumpyOnTheRfmFixture() {
        Fixtures.RfmFixture rfm = Fixtures.rfm();
        JsonNode expected = Fixtures.json("stats/profiles.json");
        SegmentProfiles p = SegmentProfiles.of(rfm.raw(), rfm.segments(), 5, "monetary");
        for (JsonNode s : expected.get("segments")) {
            SegmentProfiles.Profile pr = p.profile(s.get("segment").asInt());
            assertEquals(s.get("size").asLong(), pr.size());
            for (int j = 0; j < 3; j++) {
                String what = "segment " + pr.label() + " column " + j;
                assertRelative(s.get("mean").get(j).asDouble(), pr.mean(j), 1e-12, what + " mean");
                assertRelative(s.get("median").get(j).asDouble(), pr.median(j), 1e-12, what + " median");
                assertRelative(s.get("q1").get(j).asDouble(), pr.quartile1(j), 1e-12, what + " q1");
                assertRelative(s.get("q3").get(j).asDouble(), pr.quartile3(j), 1e-12, what + " q3");
            }
            assertRelative(s.get("value_share").asDouble(), pr.valueShare(), 1e-12, "value share");
        }
        double[] mu = p.populationMeans();
        double[] sd = p.populationStandardDeviations();
        for (int j = 0; j < 3; j++) {
            assertRelative(expected.get("population_mean").get(j).asDouble(), mu[j], 1e-12, "mean");
            assertRelative(expected.get("population_sd").get(j).asDouble(), sd[j], 1e-12, "sd");
            assertRelative(expected.get("population_median").get(j).asDouble(), p.populationMedians()[j], 1e-12,
                    "median");
        }
        // lift and z-scores follow from those
        SegmentProfiles.Profile s0 = p.profile(0);
        for (int j = 0; j < 3; j++) {
            assertEquals(s0.mean(j) / mu[j], s0.lift(j), 1e-15);
            assertEquals((s0.mean(j) - mu[j]) / sd[j], s0.zScore(j), 1e-15);
        }
        List<SegmentProfiles.FeatureDeviation> top = s0.topFeatures(2);
        assertEquals(2, top.size());
        assertTrue(Math.abs(top.get(0).zScore()) >= Math.abs(top.get(1).zScore()));
        double total = 0;
        for (SegmentProfiles.Profile pr : p.profiles()) {
            total += pr.valueShare();
        }
        assertEquals(1.0, total, 1e-12);
        assertTrue(p.table(null).contains("medians [q1, q3]"));
    }

    /** Tukey's 1.5 IQR whiskers against NumPy on the same fixture (stats/make_whisker_fixture.py). */
    @Test
    void whiskersMatchNumpyOnTheRfmFixture() {
        Fixtures.RfmFixture rfm = Fixtures.rfm();
        SegmentProfiles p = SegmentProfiles.of(rfm.raw(), rfm.segments(), 5, "monetary");
        for (JsonNode s : Fixtures.json("stats/whiskers.json").get("segments")) {
            SegmentProfiles.Profile pr = p.profile(s.get("segment").asInt());
            for (int j = 0; j < 3; j++) {
                String what = "segment " + pr.label() + " column " + j;
                // whiskers are data values: exact
                assertEquals(s.get("lower_whisker").get(j).asDouble(), pr.lowerWhisker(j), what + " lower whisker");
                assertEquals(s.get("upper_whisker").get(j).asDouble(), pr.upperWhisker(j), what + " upper whisker");
                assertTrue(pr.lowerWhisker(j) <= pr.quartile1(j) && pr.upperWhisker(j) >= pr.quartile3(j), what);
            }
        }
    }

    @Test
    void separateValueArraysAndBadInput() {
        Dataset raw = Dataset.of(new double[][] {{1, 10}, {3, 30}, {10, 0}, {20, 60}, {5, 5}}, List.of("r", "m"));
        int[] labels = {0, 0, 1, 1, -1};
        SegmentProfiles p = SegmentProfiles.of(raw, labels, 2, new double[] {1, 1, 2, 6, 100}, "revenue");
        assertEquals(0.2, p.profile(0).valueShare(), 1e-15);
        assertEquals(8.0, p.profile(1).valueSum(), 1e-15);
        assertEquals("revenue", p.valueColumn());
        assertEquals(2.0, p.profile(0).median(0));
        assertEquals(1.5, p.profile(0).quartile1(0));
        // NaN in values
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(raw,
                labels, 2, new double[] {1, Double.NaN, 2, 6, 1}, "revenue"));
        assertTrue(e.getMessage().contains("values at index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(raw, labels, 2, new double[] {1, 2},
                "revenue"));
        assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(raw, labels, 2,
                new double[] {1, -1, 2, 6, 1}, "revenue"));
        // labels of another length, out of range
        assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(raw, new int[] {0, 1}, 2, "m"));
        assertThrows(IllegalArgumentException.class, () -> SegmentProfiles.of(raw, new int[] {0, 0, 2, 1, 1}, 2,
                "m"));
        assertThrows(IllegalArgumentException.class, () -> p.profile(5));
        assertThrows(IllegalArgumentException.class, () -> p.profile(0).topFeatures(-1));
        // a zero population mean gives no lift; a constant column a zero z-score
        Dataset zero = Dataset.of(new double[][] {{-1, 4}, {1, 4}, {2, 4}, {-2, 4}}, List.of("x", "c"));
        SegmentProfiles pz = SegmentProfiles.of(zero, new int[] {0, 0, 1, 1}, 2, null);
        assertTrue(Double.isNaN(pz.profile(0).lift(0)));
        assertEquals(0.0, pz.profile(0).zScore(1));
        assertTrue(Double.isNaN(pz.profile(0).valueShare()));
    }

    @Test
    void theRuleTableIsConfigurable() {
        double[][] seg = {{5, 30, 9000}, {8, 12, 3000}, {10, 1, 40}, {200, 18, 5000}, {300, 1, 30}, {90, 4, 700}};
        double[][] rows = new double[60][];
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++) {
            labels[i] = i % 6;
            rows[i] = seg[i % 6].clone();
            rows[i][2] += i;
        }
        Dataset data = Dataset.of(rows, List.of("r", "f", "m"));
        RfmSegmentNamer namer = RfmSegmentNamer.of("r", "f", "m").withRules(List.of(
                new RfmSegmentNamer.Rule("VIP", 0.9, 0.9), new RfmSegmentNamer.Rule("Regulars", 0.6, 0.5),
                new RfmSegmentNamer.Rule("Win back", 0.2, 0.7), new RfmSegmentNamer.Rule("Dormant", 0.1, 0.1)));
        List<String> names = namer.name(data, labels, 6);
        assertEquals("VIP", names.get(0));
        assertEquals("Win back", names.get(3));
        assertEquals("Dormant", names.get(4));
        assertEquals(6, names.stream().distinct().count(), names.toString());
        assertEquals(2, names.stream().filter(s -> s.endsWith(")")).count(), names.toString());
        List<RfmSegmentNamer.Placement> places = namer.place(data, labels, 6);
        assertEquals(10, places.get(0).size());
        assertTrue(places.get(0).recency() > places.get(4).recency());
        assertTrue(places.get(0).value() > places.get(4).value());
        assertEquals(4, namer.rules().size());
        assertEquals(9, RfmSegmentNamer.standardRules().size());
        assertEquals(RfmSegmentNamer.vocabulary().get(0), RfmSegmentNamer.standardRules().get(0).name());
        // an empty segment keeps its placeholder name
        int[] withEmpty = labels.clone();
        List<String> seven = RfmSegmentNamer.of("r", "f", "m").name(data, withEmpty, 7);
        assertEquals("Empty segment 6", seven.get(6));
        assertTrue(Double.isNaN(RfmSegmentNamer.of("r", "f", "m").place(data, withEmpty, 7).get(6).value()));
        // bad rule tables
        assertThrows(IllegalArgumentException.class, () -> new RfmSegmentNamer.Rule(" ", 0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RfmSegmentNamer.Rule("x", 1.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new RfmSegmentNamer.Rule("x", 0.5, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> namer.withRules(List.of()));
        assertThrows(IllegalArgumentException.class, () -> namer.withRules(List.of(
                new RfmSegmentNamer.Rule("A", 0.1, 0.1), new RfmSegmentNamer.Rule("A", 0.9, 0.9))));
    }
}
