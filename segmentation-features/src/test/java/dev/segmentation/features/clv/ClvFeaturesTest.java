/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.transform.FeaturePipeline;
import dev.segmentation.features.transform.TransformedTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvFeaturesTest {
    static final ParetoNbdModel PARETO = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669);
    static final GammaGammaModel GG = GammaGammaModel.of(6.25, 3.74, 15.44);

    @Test
    void columnsAreTheModelsOwnFunctionsPerCustomer() throws IOException {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        CustomerLifetimeValue clv = CustomerLifetimeValue.of(PARETO, GG).periods(6);
        ClvFeatures f = ClvFeatures.of(clv).horizons(13, 52.5);
        CustomerTable t = f.table(c);
        assertEquals(List.of("p_alive", "expected_purchases_13", "expected_purchases_52.5", "expected_spend", "clv_6",
                "value_tier", "value_engagement"), t.columnNames());
        assertEquals(c.customerIds(), t.customerIds());
        for (int i = 0; i < c.size(); i++) {
            double x = c.x(i);
            double tx = c.tx(i);
            double age = c.age(i);
            assertEquals(PARETO.probabilityAlive(x, tx, age), t.numeric("p_alive", i));
            assertEquals(PARETO.conditionalExpectedPurchases(13, x, tx, age), t.numeric("expected_purchases_13", i));
            assertEquals(PARETO.conditionalExpectedPurchases(52.5, x, tx, age),
                    t.numeric("expected_purchases_52.5", i));
            assertEquals(GG.conditionalExpectedAverageSpend(x, c.spend(i)), t.numeric("expected_spend", i));
            assertEquals(clv.value(x, tx, age, c.spend(i)), t.numeric("clv_6", i));
            String tier = t.category("value_tier", i);
            assertEquals(tier + (t.numeric("p_alive", i) >= 0.5 ? "/active" : "/at risk"),
                    t.category("value_engagement", i));
        }
        // the default horizon is the CLV horizon, 12 periods of 4.345 weeks
        assertTrue(ClvFeatures.of(PARETO, GG).table(c).hasColumn("expected_purchases_52.14"));
        // the tier one-hot encodes in the pipeline
        TransformedTable x = FeaturePipeline.builder().oneHot("value_tier").build().fit(t.select("clv_6",
                "value_tier")).transform(t.select("clv_6", "value_tier"));
        assertEquals(c.size(), x.customerIds().size());
    }

    @Test
    void tiersFollowTheType7QuantilesWithTiesToTheLowerTier() {
        // six customers; the CLV values are computed by the model, the cut values by hand: with n = 6 the type-7
        // quantile at p is the order statistic at h = 5 p, so Q(0.2) = v(1) and Q(0.8) = v(4) exactly (ties)
        double[] x = {0, 1, 2, 4, 7, 12};
        double[] tx = {0, 10, 20, 30, 35, 38};
        double[] age = {39, 39, 39, 39, 39, 39};
        double[] spend = {0, 20, 30, 25, 40, 50};
        BtydCustomers c = BtydCustomers.of(List.of("a", "b", "c", "d", "e", "f"), x, tx, age, spend);
        ClvFeatures f = ClvFeatures.of(PARETO, GG);
        CustomerTable t = f.table(c);
        double[] v = t.numeric("clv_12");
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new double[] {sorted[1], sorted[4]}, f.cutValues(v));
        for (int i = 0; i < 6; i++) {
            String expected = v[i] <= sorted[1] ? "bottom" : v[i] <= sorted[4] ? "middle" : "top";
            assertEquals(expected, t.category("value_tier", i), "customer " + i);
        }
        long bottom = Arrays.stream(t.categorical("value_tier")).filter("bottom"::equals).count();
        long top = Arrays.stream(t.categorical("value_tier")).filter("top"::equals).count();
        assertEquals(2, bottom);
        assertEquals(1, top);
        // four tiers at 0.25, 0.5, 0.75: h = 1.25, 2.5, 3.75, interpolated
        ClvFeatures q = f.tiers(List.of("q1", "q2", "q3", "q4"), 0.25, 0.5, 0.75);
        double[] cuts = q.cutValues(v);
        assertEquals(sorted[1] + 0.25 * (sorted[2] - sorted[1]), cuts[0], 1e-12 * sorted[5]);
        assertEquals(sorted[2] + 0.5 * (sorted[3] - sorted[2]), cuts[1], 1e-12 * sorted[5]);
        assertEquals(sorted[4] - 0.25 * (sorted[4] - sorted[3]), cuts[2], 1e-12 * sorted[5]);
        CustomerTable t4 = q.table(c);
        for (int i = 0; i < 6; i++) {
            int k = 0;
            while (k < 3 && v[i] > cuts[k]) {
                k++;
            }
            assertEquals("q" + (k + 1), t4.category("value_tier", i));
        }
        // the threshold moves customers between the grid cells
        CustomerTable strict = f.aliveThreshold(0.999).table(c);
        for (int i = 0; i < 6; i++) {
            boolean active = t.numeric("p_alive", i) >= 0.999;
            assertEquals(t.category("value_tier", i) + (active ? "/active" : "/at risk"),
                    strict.category("value_engagement", i));
        }
    }

    @Test
    void appendToJoinsByCustomerIdAndRefusesMismatches() {
        BtydCustomers c = BtydCustomers.of(List.of("a", "b", "c"), new double[] {0, 1, 3},
                new double[] {0, 5, 9}, new double[] {10, 10, 10}, new double[] {0, 12, 20});
        CustomerTable rfm = CustomerTable.builder(List.of("c", "a", "b")).numeric("frequency",
                new double[] {3, 0, 1}).build();
        ClvFeatures f = ClvFeatures.of(PARETO, GG);
        CustomerTable joined = f.appendTo(rfm, c);
        assertEquals(List.of("c", "a", "b"), joined.customerIds());
        assertEquals(f.table(c).numeric("clv_12", 2), joined.numeric("clv_12", 0));

        CustomerTable two = CustomerTable.builder(List.of("a", "b")).numeric("frequency", new double[] {0, 1}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.appendTo(two, c));
        assertTrue(e.getMessage().contains("2 customers") && e.getMessage().contains("3"), e.getMessage());
        CustomerTable other = CustomerTable.builder(List.of("a", "b", "z")).numeric("frequency",
                new double[] {0, 1, 3}).build();
        e = assertThrows(IllegalArgumentException.class, () -> f.appendTo(other, c));
        assertTrue(e.getMessage().contains("Customer c"), e.getMessage());
        CustomerTable taken = CustomerTable.builder(List.of("a", "b", "c")).numeric("p_alive",
                new double[] {0, 1, 3}).build();
        e = assertThrows(IllegalArgumentException.class, () -> f.appendTo(taken, c));
        assertTrue(e.getMessage().contains("p_alive"), e.getMessage());
        BtydCustomers noSpend = BtydCustomers.of(new double[] {0, 1}, new double[] {0, 1}, new double[] {2, 2});
        e = assertThrows(IllegalArgumentException.class, () -> f.table(noSpend));
        assertTrue(e.getMessage().contains("spend"), e.getMessage());
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        ClvFeatures f = ClvFeatures.of(PARETO, GG);
        for (double th : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.aliveThreshold(th));
            assertTrue(e.getMessage().contains(String.valueOf(th)), e.getMessage());
        }
        List<String> three = List.of("low", "mid", "high");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.tiers(three, 0.8, 0.2));
        assertTrue(e.getMessage().contains("strictly increasing") && e.getMessage().contains("0.2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.tiers(three, 0.5, 0.5));
        assertTrue(e.getMessage().contains("strictly increasing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.tiers(three, 0, 0.5));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.tiers(three, 0.5, 1));
        assertTrue(e.getMessage().contains("(0, 1)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.tiers(three, 0.5));
        assertTrue(e.getMessage().contains("3 tier names") && e.getMessage().contains("1 cut"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.tiers(List.of("a", "a"), 0.5));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.tiers(List.of("a", " "), 0.5));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.horizons(new double[0]));
        assertTrue(e.getMessage().contains("horizon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.horizons(13, -1));
        assertTrue(e.getMessage().contains("horizons[1]") && e.getMessage().contains("-1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.horizons(13, 13.0));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f.cutValues(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }
}
