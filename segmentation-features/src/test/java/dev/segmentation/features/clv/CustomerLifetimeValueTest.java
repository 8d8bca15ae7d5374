/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static dev.segmentation.features.clv.ClvFixtures.assertRelative;
import static dev.segmentation.features.clv.ClvFixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomerLifetimeValueTest {

    @Test
    void discountedSumMatchesMpmath() {
        List<NamedCsvRecord> rows = ClvFixtures.functions("clv-bgnbd-gg");
        int checked = 0;
        for (int i = 0; i < rows.size(); i += 2) {
            NamedCsvRecord r = rows.get(i);
            NamedCsvRecord g = rows.get(i + 1);
            CustomerLifetimeValue clv = CustomerLifetimeValue.of(
                    BgNbdModel.of(d(r, "p1"), d(r, "p2"), d(r, "p3"), d(r, "p4")),
                    GammaGammaModel.of(d(g, "p1"), d(g, "p2"), d(g, "p3")))
                    .periods(12).unitsPerPeriod(4.345).discountRate(0.01);
            assertRelative(d(r, "value"), clv.value(d(r, "x"), d(r, "tx"), d(r, "T"), d(r, "t")), 1e-9,
                    r.getFields().toString());
            checked++;
        }
        assertEquals(8, checked);
    }

    @Test
    void perCustomerAndPerSegmentOnCdnow() throws IOException {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        BgNbdModel bg = BgNbd.withDefaults().fit(c);
        GammaGammaModel gg = GammaGamma.withDefaults().fit(c);
        CustomerLifetimeValue clv = CustomerLifetimeValue.of(bg, gg);
        ClvValues v = clv.values(c);
        assertEquals(c.size(), v.size());
        int[] labels = new int[c.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = c.x(i) == 0 ? 0 : c.x(i) < 3 ? 1 : 2;
        }
        SegmentClv s = v.bySegment(labels);
        assertEquals(3, s.size());
        double total = 0;
        long customers = 0;
        for (int j = 0; j < s.size(); j++) {
            total += s.total(j);
            customers += s.count(j);
        }
        assertEquals(c.size(), customers);
        assertEquals(v.total(), total, 1e-9 * Math.abs(total));
        // frequent buyers are worth more on average
        assertTrue(s.mean(2) > s.mean(1) && s.mean(1) > s.mean(0), s.table());
        // no discount and one long period: the undiscounted expectation times the expected spend
        CustomerLifetimeValue flat = clv.periods(1).unitsPerPeriod(52).discountRate(0);
        assertEquals(bg.conditionalExpectedPurchases(52, 2, 30.43, 38.86) * gg.conditionalExpectedAverageSpend(2, 35),
                flat.value(2, 30.43, 38.86, 35), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> v.bySegment(new int[3]));
    }

    @Test
    void badHorizonAndRates() {
        CustomerLifetimeValue clv = CustomerLifetimeValue.of(BgNbdModel.of(0.243, 4.414, 0.793, 2.426),
                GammaGammaModel.of(6.25, 3.74, 15.44));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> clv.periods(0)).getMessage().contains("0"));
        assertThrows(IllegalArgumentException.class, () -> clv.periods(-3));
        assertThrows(IllegalArgumentException.class, () -> clv.unitsPerPeriod(0));
        assertThrows(IllegalArgumentException.class, () -> clv.unitsPerPeriod(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> clv.discountRate(-0.1));
        assertThrows(IllegalArgumentException.class, () -> clv.discountRate(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> clv.value(2, 30, 38, -1));
        assertThrows(IllegalArgumentException.class, () -> clv.values(BtydCustomers.of(new double[] {1},
                new double[] {1}, new double[] {2})));
    }
}
