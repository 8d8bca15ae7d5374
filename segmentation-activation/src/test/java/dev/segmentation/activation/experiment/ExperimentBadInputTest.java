package dev.segmentation.activation.experiment;

import dev.segmentation.activation.lift.LiftAnalysis;
import dev.segmentation.activation.lift.LiftReport;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentBadInputTest {

    @Test
    void sharesThatDoNotSumToOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.builder("x").arms("control", "A", "B").shares(0.1, 0.5, 0.5));
        assertEquals("the default shares [0.1, 0.5, 0.5] sum to 1.1, not 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.builder("x").arms("control", "A").shares(0.1, 0.9).shares("VIP", 0.2, 0.7));
        assertTrue(e.getMessage().startsWith("the shares of segment 'VIP' [0.2, 0.7] sum to 0.8999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.builder("x").arms("control", "A").shares(0.1, 0.4, 0.5));
        assertEquals("the default shares give 3 values for the 2 arms [control, A]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.builder("x").arms("control", "A").shares(-0.1, 1.1));
        assertEquals("the default shares: the share of arm 'control' must be in [0, 1] but was -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Experiment.builder("x").arms("control", "A").shares(Double.NaN, 1));
        assertThrows(IllegalStateException.class, () -> Experiment.builder("x").shares(0.5, 0.5));
        assertThrows(IllegalStateException.class, () -> Experiment.builder("x").arms("control", "A").build());
        assertThrows(IllegalStateException.class,
                () -> Experiment.builder("x").arms("control", "A").shares(0.5, 0.5).shares(0.5, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Experiment.builder("x").arms("control"));
        assertThrows(IllegalArgumentException.class, () -> Experiment.builder("x").arms("control", "control"));
        assertThrows(IllegalArgumentException.class, () -> Experiment.builder(" "));
    }

    @Test
    void duplicatedCustomerIdsInAnExposureListAreRefused() {
        Experiment e = Experiment.builder("x").arms("control", "A").shares(0.5, 0.5).build();
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> e.assign(List.of("a", "b", "c", "b"), List.of("s", "s", "t", "t")));
        assertEquals("Customer id 'b' appears twice, in rows 1 and 3; a customer can be in only one arm of "
                + "experiment 'x'", dup.getMessage());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add("id" + i);
        }
        ids.add("id17");
        List<String> seg = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            seg.add("s");
        }
        dup = assertThrows(IllegalArgumentException.class, () -> e.assign(ids, seg));
        assertTrue(dup.getMessage().contains("rows 17 and 50000"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.assign(List.of("a"), List.of("s", "t")));
        assertThrows(IllegalArgumentException.class, () -> e.assign(new String[] {"a", null}, new int[2], List.of("s")));
        IllegalArgumentException code = assertThrows(IllegalArgumentException.class,
                () -> e.assign(new String[] {"a", "b"}, new int[] {0, 3}, List.of("s")));
        assertEquals("The segment of row 1 is 3, not in [0, 1)", code.getMessage());
    }

    @Test
    void segmentsWithoutTreatedOrControlCustomersAreReportedNotDivided() {
        Experiment e = Experiment.builder("x").arms("control", "A").shares(0.5, 0.5)
                .shares("all treated", 0.0, 1.0).shares("all control", 1.0, 0.0).build();
        List<String> ids = new ArrayList<>();
        List<String> seg = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            ids.add("c" + i);
            seg.add(i < 100 ? "all treated" : i < 200 ? "all control" : "mixed");
        }
        ArmAssignment arms = e.assign(ids, seg);
        boolean[] converted = new boolean[ids.size()];
        double[] revenue = new double[ids.size()];
        for (int i = 0; i < converted.length; i++) {
            converted[i] = i % 7 == 0;
            revenue[i] = converted[i] ? 20 + i % 13 : 0;
        }
        LiftReport report = LiftAnalysis.builder().bootstrap(500, 3).build().analyse(arms, converted, revenue);
        LiftReport.Row noControl = report.row("all treated", "A");
        assertFalse(noControl.estimable());
        assertEquals("no control customers", noControl.reason());
        IllegalStateException ise = assertThrows(IllegalStateException.class, noControl::difference);
        assertEquals("Segment 'all treated', arm 'A' is not estimable: no control customers", ise.getMessage());
        LiftReport.Row noTreated = report.row("all control", "A");
        assertEquals("no treated customers", noTreated.reason());
        assertTrue(report.row("mixed", "A").estimable());
        assertTrue(report.row("mixed", "A").bootstrapInterval().isPresent());
        assertTrue(Double.isFinite(report.row("mixed", "A").conversionPValueAdjusted()));
        assertEquals(1, report.total("A").segments());
        String table = report.table();
        assertTrue(table.contains("not estimable: no control customers"), table);
        assertTrue(table.contains("not estimable: no treated customers"), table);
        assertThrows(IllegalArgumentException.class, () -> report.total("B"));
        assertThrows(IllegalArgumentException.class, () -> report.row("mixed", "B"));
    }

    @Test
    void revenueWithoutVarianceIsNotEstimableButConversionIs() {
        Experiment e = Experiment.builder("x").arms("control", "A").shares(0.5, 0.5).build();
        List<String> ids = new ArrayList<>();
        List<String> seg = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add("c" + i);
            seg.add("s");
        }
        ArmAssignment arms = e.assign(ids, seg);
        LiftReport r = LiftAnalysis.builder().bootstrap(0, 0).build().analyse(arms, new boolean[200], new double[200]);
        LiftReport.Row row = r.row("s", "A");
        assertTrue(row.estimable());
        assertEquals(0, row.difference());
        assertEquals(1.0, row.conversionPValue());
        assertFalse(row.relativeLift().isPresent());
        assertFalse(row.revenueEstimable());
        assertEquals("revenue has no variance in either arm", row.revenueReason());
        assertThrows(IllegalStateException.class, row::revenuePValue);
    }

    @Test
    void liftInputsAreChecked() {
        Experiment e = Experiment.builder("x").arms("control", "A").shares(0.5, 0.5).build();
        ArmAssignment arms = e.assign(List.of("a", "b", "c"), List.of("s", "s", "s"));
        LiftAnalysis lift = LiftAnalysis.builder().bootstrap(0, 0).build();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> lift.analyse(arms, new boolean[3], new double[] {1, Double.NaN, 2}));
        assertEquals("Non-finite revenue NaN at row 1 (customer 'b')", bad.getMessage());
        assertThrows(IllegalArgumentException.class, () -> lift.analyse(arms, new boolean[2], new double[3]));
        assertThrows(IllegalStateException.class, () -> LiftAnalysis.builder().build());
        assertThrows(IllegalArgumentException.class, () -> LiftAnalysis.builder().bootstrap(10, 1));
        assertThrows(IllegalArgumentException.class, () -> LiftAnalysis.builder().alpha(0.7));
    }

    @Test
    void plannerInputsAreChecked() {
        Planner p = Planner.builder().build();
        assertThrows(IllegalArgumentException.class, () -> p.sizeForConversion(0, 0.01));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sizeForConversion(0.95, 0.1));
        assertTrue(e.getMessage().contains("treated rate 1.05"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.sizeForConversion(0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> p.detectableConversionLift(0.2, 10));
        assertThrows(IllegalArgumentException.class, () -> p.sizeForMean(0, 5));
        assertThrows(IllegalArgumentException.class, () -> Planner.builder().power(0.4));
        assertThrows(IllegalArgumentException.class, () -> Planner.builder().controlShare(1));
        Planner.Size s = p.sizeForConversion(0.2, 0.03);
        assertTrue(s.toString().contains("treated"), s.toString());
        // the detectable lift of the size found has the target power, and is the lift asked for
        assertEquals(0.8, p.conversionPower(0.2, 0.03, s.total()), 0.01);
        assertEquals(0.03, p.detectableConversionLift(0.2, s.total()), 5e-4);
    }
}
