/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static dev.segmentation.features.clv.ClvFixtures.assertRelative;
import static dev.segmentation.features.clv.ClvFixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GammaGammaTest {

    @Test
    void functionsMatchMpmath() {
        for (NamedCsvRecord r : ClvFixtures.functions("gammagamma")) {
            GammaGammaModel m = GammaGammaModel.of(d(r, "p1"), d(r, "p2"), d(r, "p3"));
            double x = d(r, "x");
            double spend = d(r, "tx");
            double actual = r.getField("function").equals("ll") ? m.logLikelihood(x, spend)
                    : m.conditionalExpectedAverageSpend(x, spend);
            assertRelative(d(r, "value"), actual, 1e-9, r.getFields().toString());
        }
    }

    @Test
    void publishedCdnowFitOnRepeatBuyers() throws IOException {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        GammaGammaModel m = GammaGamma.withDefaults().fit(c);
        // Fader & Hardie's Gamma-Gamma note / lifetimes: p = 6.25, q = 3.74, gamma = 15.44 on the 946 repeat buyers
        assertEquals(946, m.fit().orElseThrow().customers());
        assertEquals(2357 - 946, m.excludedWithoutRepeats());
        assertEquals(0, m.excludedZeroSpend());
        assertEquals(6.25, m.p(), 5e-3);
        assertEquals(3.74, m.q(), 5e-3);
        assertEquals(15.44, m.gamma(), 1e-2);
        NamedCsvRecord scipy = ClvFixtures.cdnow("gammagamma", "scipy");
        assertTrue(m.fit().orElseThrow().logLikelihood() >= d(scipy, "loglik") - 1e-7);
        double[] p = m.parameters();
        for (int j = 0; j < 3; j++) {
            assertRelative(d(scipy, "p" + (j + 1)), p[j], 1e-4, "parameter " + j);
        }
        // a customer without repeats gets the population mean
        assertEquals(m.meanSpend(), m.conditionalExpectedAverageSpend(0, 0), 1e-12);
    }

    @Test
    void zeroSpendRepeatBuyersAreExcludedAndCounted() throws IOException {
        BtydCustomers base = ClvFixtures.cdnowSummary();
        double[] spend = new double[base.size()];
        int zeroed = 0;
        for (int i = 0; i < spend.length; i++) {
            spend[i] = base.spend(i);
            if (base.x(i) > 0 && zeroed < 5) {
                spend[i] = 0;
                zeroed++;
            }
        }
        BtydCustomers c = BtydCustomers.of(null, base.x(), base.tx(), base.age(), spend);
        GammaGammaModel m = GammaGamma.withDefaults().fit(c);
        assertEquals(5, m.excludedZeroSpend());
        assertEquals(941, m.fit().orElseThrow().customers());
        assertEquals(2357 - 941, m.fit().orElseThrow().excluded());
    }

    @Test
    void noUsableRepeatBuyerIsRefused() {
        BtydCustomers c = BtydCustomers.of(null, new double[] {0, 2, 0}, new double[] {0, 3, 0},
                new double[] {5, 6, 7}, new double[] {0, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GammaGamma.withDefaults().fit(c));
        assertTrue(e.getMessage().contains("2 without repeat purchases, 1 with zero repeat spend"), e.getMessage());
        BtydCustomers noSpend = BtydCustomers.of(new double[] {1}, new double[] {1}, new double[] {2});
        assertThrows(IllegalArgumentException.class, () -> GammaGamma.withDefaults().fit(noSpend));
    }

    @Test
    void expectationNeedsQAboveOne() {
        GammaGammaModel m = GammaGammaModel.of(2, 0.9, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> m.conditionalExpectedAverageSpend(2, 10));
        assertTrue(e.getMessage().contains("q = 0.9"), e.getMessage());
    }
}
