package dev.segmentation.validation.drift;

import dev.segmentation.core.Dataset;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriftMonitorTest {
    private static final List<String> AB = List.of("a", "b");

    /** Rows of N(shift, 1) in column a and N(0, 1) in b; segment 0 if a < cut, 1 if a < cut + 1, else 2. */
    static Dataset sample(int n, double shift, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {shift + r.nextGaussian(), r.nextGaussian()};
        }
        return Dataset.of(rows, AB);
    }

    static int[] segments(Dataset x) {
        int[] out = new int[x.rows()];
        for (int i = 0; i < out.length; i++) {
            double a = x.get(i, 0);
            out[i] = a < 0 ? 0 : a < 1 ? 1 : 2;
        }
        return out;
    }

    @Test
    void noDriftNoAlerts() {
        Dataset ref = sample(4000, 0, 1);
        Dataset cur = sample(4000, 0, 2);
        DriftReport r = DriftMonitor.defaults().compare(ref, segments(ref), cur, segments(cur));
        assertFalse(r.hasAlerts(), r.table());
        assertEquals(List.of("a", "b"), r.featureNames());
        assertEquals(3, r.segments().size());
        assertTrue(r.segmentMix().isPresent());
        assertTrue(r.feature("a").psi().value() < 0.1);
        assertTrue(r.table().contains("no alerts"));
    }

    @Test
    void aShiftedFeatureFiresPsiKsSizeMixAndCentroidAlerts() {
        Dataset ref = sample(4000, 0, 1);
        Dataset cur = sample(3000, 0.6, 2);
        DriftReport r = DriftMonitor.builder().centroidShiftThreshold(0.1).build()
                .compare(ref, segments(ref), cur, segments(cur));
        DriftReport.FeatureDrift a = r.feature("a");
        assertEquals(PopulationStabilityIndex.Band.SIGNIFICANT, a.psi().band(), r.table());
        assertTrue(a.ks().statistic() > 0.2 && a.ksAdjustedPValue() < 1e-10);
        assertEquals(0.6, a.currentMean() - a.referenceMean(), 0.1);
        assertEquals(PopulationStabilityIndex.Band.STABLE, r.feature("b").psi().band());
        List<DriftReport.Alert> alerts = r.alerts();
        assertTrue(has(alerts, DriftReport.Kind.FEATURE_PSI, "a", DriftReport.Severity.ALERT), r.table());
        assertTrue(has(alerts, DriftReport.Kind.FEATURE_DISTRIBUTION, "a", DriftReport.Severity.WARNING));
        assertFalse(has(alerts, DriftReport.Kind.FEATURE_PSI, "b", DriftReport.Severity.ALERT));
        assertTrue(has(alerts, DriftReport.Kind.SEGMENT_MIX, "segment mix", DriftReport.Severity.ALERT));
        // segment 0 shrinks (50% -> 27%), segment 2 grows (16% -> 34%)
        assertTrue(has(alerts, DriftReport.Kind.SEGMENT_SIZE, "segment 0", DriftReport.Severity.ALERT));
        assertTrue(has(alerts, DriftReport.Kind.SEGMENT_SIZE, "segment 2", DriftReport.Severity.ALERT));
        DriftReport.SegmentDrift s2 = r.segments().get(2);
        assertEquals(2, s2.label());
        assertTrue(s2.relativeChange() > 0.5);
        assertEquals(s2.currentShare() / s2.referenceShare() - 1, s2.relativeChange(), 1e-15);
        assertTrue(s2.centroidShift() > 0.1);
        assertTrue(has(alerts, DriftReport.Kind.CENTROID_SHIFT, "segment 2", DriftReport.Severity.ALERT));
        // alerts come first, then warnings
        assertEquals(DriftReport.Severity.ALERT, alerts.get(0).severity());
        assertEquals(DriftReport.Severity.WARNING, alerts.get(alerts.size() - 1).severity());
        assertFalse(r.alertsOfSeverity(DriftReport.Severity.WARNING).isEmpty());
        assertTrue(r.table().contains("ALERT"));
    }

    private static boolean has(List<DriftReport.Alert> alerts, DriftReport.Kind kind, String subject,
                               DriftReport.Severity severity) {
        return alerts.stream().anyMatch(a -> a.kind() == kind && a.subject().equals(subject)
                && a.severity() == severity);
    }

    @Test
    void sizeShiftThresholdIsRelative() {
        // segment 0 holds 50% then 56%: +12% relative, below the default 15%; at 10% it fires
        Dataset x = Dataset.of(new double[][] {{0, 0}}, AB).selectRows(new int[100]);
        int[] ref = new int[100];
        int[] cur = new int[100];
        for (int i = 0; i < 100; i++) {
            ref[i] = i < 50 ? 0 : 1;
            cur[i] = i < 56 ? 0 : 1;
        }
        DriftReport quiet = DriftMonitor.defaults().compare(x, ref, x, cur);
        assertFalse(quiet.alerts().stream().anyMatch(a -> a.kind() == DriftReport.Kind.SEGMENT_SIZE));
        DriftReport loud = DriftMonitor.builder().sizeShiftThreshold(0.10).build().compare(x, ref, x, cur);
        assertTrue(loud.alerts().stream().anyMatch(a -> a.subject().equals("segment 0")
                && a.kind() == DriftReport.Kind.SEGMENT_SIZE));
    }

    @Test
    void appearingAndVanishingSegmentsFire() {
        Dataset x = sample(30, 0, 3);
        int[] ref = new int[30];
        int[] cur = new int[30];
        for (int i = 0; i < 30; i++) {
            ref[i] = i % 2;
            cur[i] = i % 3 == 0 ? 2 : 1;
        }
        DriftReport r = DriftMonitor.defaults().compare(x, ref, x, cur);
        assertTrue(r.alerts().stream().anyMatch(a -> a.message().contains("segment 0 vanished")), r.table());
        assertTrue(r.alerts().stream().anyMatch(a -> a.message().contains("segment 2 appeared")));
        assertTrue(Double.isNaN(r.segments().get(0).centroidShift()));
        assertEquals(Double.POSITIVE_INFINITY, r.segments().get(2).relativeChange());
    }

    @Test
    void badInputIsRejected() {
        Dataset a = sample(10, 0, 1);
        Dataset b = Dataset.of(new double[][] {{1, 2}}, List.of("a", "c"));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.defaults().compare(a, b));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.defaults().compare(a, new int[10], a, null));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.defaults().compare(a, new int[9], a,
                new int[10]));
        int[] bad = new int[10];
        bad[3] = -5;
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.defaults().compare(a, bad, a, new int[10]));
        Dataset empty = Dataset.ofRowMajor(new double[0], 0, AB);
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.defaults().compare(a, empty));
        assertThrows(IllegalStateException.class, () -> DriftMonitor.builder().psiBins(5).psiBins(6));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.builder().ksAlpha(1));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.builder().sizeShiftThreshold(-0.1));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.builder().centroidShiftThreshold(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.builder().psiEpsilon(0.5));
        assertThrows(IllegalArgumentException.class, () -> DriftMonitor.builder().ksMinStatistic(2));
        // features only
        DriftReport r = DriftMonitor.builder().psiBins(5).psiEpsilon(1e-3).ksAlpha(0.05).ksMinStatistic(0.2).build()
                .compare(a, sample(10, 0, 2));
        assertTrue(r.segments().isEmpty() && r.segmentMix().isEmpty());
        assertEquals(5, r.feature("a").psi().requestedBins());
        assertThrows(IllegalArgumentException.class, () -> r.feature("zzz"));
    }
}
