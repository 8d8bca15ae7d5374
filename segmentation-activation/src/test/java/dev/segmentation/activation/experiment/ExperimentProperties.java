package dev.segmentation.activation.experiment;

import dev.segmentation.activation.internal.Stats;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arm of a customer depends on nothing but its id, its segment and the experiment: not on row order or the
 * rest of the population; realised shares stay within binomial bounds; and on a large population the arm counts
 * fit the target shares (chi-square goodness of fit).
 */
class ExperimentProperties {
    private static final Experiment EXPERIMENT = Experiment.builder("autumn-2011").arms("control", "A", "B")
            .shares(0.10, 0.45, 0.45).shares("small", 0.3, 0.7, 0.0).build();

    @Property(tries = 100)
    void theArmOfACustomerDoesNotDependOnRowOrderOrOnOtherCustomers(@ForAll long seed,
                                                                    @ForAll @IntRange(min = 1, max = 400) int n) {
        Random rnd = new Random(seed);
        List<String> ids = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("cust-" + i + "-" + Long.toHexString(rnd.nextLong()));
            segments.add(rnd.nextInt(3) == 0 ? "small" : "big");
        }
        ArmAssignment a = EXPERIMENT.assign(ids, segments);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        int keep = 1 + rnd.nextInt(n);
        List<String> ids2 = new ArrayList<>();
        List<String> seg2 = new ArrayList<>();
        for (int i = 0; i < keep; i++) {
            ids2.add(ids.get(order.get(i)));
            seg2.add(segments.get(order.get(i)));
        }
        ArmAssignment b = EXPERIMENT.assign(ids2, seg2);
        Map<String, Integer> arms = new HashMap<>();
        for (int i = 0; i < n; i++) {
            arms.put(a.customerId(i), a.arm(i));
        }
        for (int i = 0; i < keep; i++) {
            assertEquals(arms.get(b.customerId(i)), b.arm(i), b.customerId(i));
            assertEquals(EXPERIMENT.arm(b.customerId(i), seg2.get(i)), b.arm(i));
        }
        for (int i = 0; i < n; i++) {
            if (segments.get(i).equals("small")) {
                assertTrue(a.arm(i) != 2, "an arm with share 0 is never used");
            }
        }
    }

    @Property(tries = 30)
    void realisedSharesStayWithinBinomialBounds(@ForAll long seed, @ForAll @IntRange(min = 2_000, max = 20_000) int n,
                                                @ForAll @IntRange(min = 1, max = 50) int controlPercent) {
        double c = controlPercent / 100.0;
        Experiment e = Experiment.builder("exp-" + seed).arms("control", "treated").shares(c, 1 - c).build();
        List<String> ids = new ArrayList<>(n);
        List<String> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Long.toString(seed, 36) + ":" + i);
            segments.add("all");
        }
        ArmAssignment a = e.assign(ids, segments);
        double sd = Math.sqrt(c * (1 - c) / n);
        double realised = (double) a.count(0, 0) / n;
        // 5 sd: a false alarm about once in 3.5 million trials
        assertTrue(Math.abs(realised - c) <= 5 * sd, () -> "control share " + realised + " for a target of " + c
                + " with " + n + " customers (sd " + sd + ")");
    }

    @Test
    void armCountsOfALargePopulationFitTheTargets() {
        int n = 300_000;
        String[] ids = new String[n];
        int[] seg = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = Integer.toString(1_000_000 + i);
            seg[i] = i % 3 == 0 ? 1 : 0;
        }
        ArmAssignment a = EXPERIMENT.assign(ids, seg, List.of("big", "small"));
        for (int s = 0; s < 2; s++) {
            double p = a.goodnessOfFit(s);
            assertTrue(p > 1e-4, "segment " + s + ": chi-square p = " + p + "\n" + a.table());
        }
        // the pooled uniform values are uniform: 20 equal bins, chi-square with 19 degrees of freedom
        long[] bins = new long[20];
        for (String id : ids) {
            bins[(int) (EXPERIMENT.unitValue(id) * 20)]++;
        }
        double x2 = 0;
        for (long b : bins) {
            x2 += Math.pow(b - n / 20.0, 2) / (n / 20.0);
        }
        double p = Stats.chiSquareSf(x2, 19);
        assertTrue(p > 1e-4, "uniform values: chi-square " + x2 + ", p = " + p);
    }

    @Test
    void differentExperimentsAreIndependent() {
        Experiment other = Experiment.builder("autumn-2011").salt("rerun").arms("control", "A", "B")
                .shares(0.10, 0.45, 0.45).build();
        int n = 100_000;
        long both = 0;
        for (int i = 0; i < n; i++) {
            String id = "c" + i;
            if (EXPERIMENT.arm(id, "big") == 0 && other.arm(id, "big") == 0) {
                both++;
            }
        }
        // in control in both: 1% expected; 5 binomial sd
        double sd = Math.sqrt(0.01 * 0.99 / n);
        assertEquals(0.01, (double) both / n, 5 * sd);
    }
}
