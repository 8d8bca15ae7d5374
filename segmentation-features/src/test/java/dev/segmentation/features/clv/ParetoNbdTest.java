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
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParetoNbdTest {

    @Test
    void everyFunctionMatchesMpmathIncludingExtremeCustomers() {
        List<NamedCsvRecord> rows = ClvFixtures.functions("paretonbd");
        for (NamedCsvRecord r : rows) {
            ParetoNbdModel m = ParetoNbdModel.of(d(r, "p1"), d(r, "p2"), d(r, "p3"), d(r, "p4"));
            double x = d(r, "x");
            double tx = d(r, "tx");
            double age = d(r, "T");
            double t = d(r, "t");
            String f = r.getField("function");
            double actual = switch (f) {
                case "ll" -> m.logLikelihood(x, tx, age);
                case "palive" -> m.probabilityAlive(x, tx, age);
                case "cond" -> m.conditionalExpectedPurchases(t, x, tx, age);
                case "expected" -> m.expectedPurchases(t);
                default -> throw new IllegalStateException(f);
            };
            double expected = d(r, "value");
            if (Math.abs(expected) < 1e-14) {
                assertEquals(0, actual, 1e-14, f + " " + r.getFields());
            } else {
                assertRelative(expected, actual, 1e-9, f + " " + r.getFields());
            }
        }
    }

    @Test
    void analyticGradientMatchesFiniteDifferences() throws IOException {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        Compressed k = Compressed.of(c.rawX(), c.rawTx(), c.rawAge(), null);
        // both branches of the likelihood: alpha < beta and alpha > beta
        double[][] points = {{Math.log(0.55), Math.log(10.6), Math.log(0.6), Math.log(11.7)},
            {Math.log(0.8), Math.log(20), Math.log(0.4), Math.log(5)},
            // beta >> alpha: z within 1e-6 of 1, the 1 - z connection formula (the unpenalised Online Retail fit)
            {Math.log(0.8238), Math.log(9.893), Math.log(3.815e-5), Math.log(1.6117e8)},
            // alpha >> beta with s = 1 exactly: an integer c - 1 - b, the interpolated connection formula
            {Math.log(0.7), Math.log(3e7), 0, Math.log(4)}};
        for (double[] th : points) {
            double[] g = new double[4];
            new ParetoNbd.Likelihood(k).valueAndGradient(th, g);
            for (int j = 0; j < 4; j++) {
                double h = 1e-6;
                double[] up = th.clone();
                double[] down = th.clone();
                up[j] += h;
                down[j] -= h;
                double fd = (new ParetoNbd.Likelihood(k).valueAndGradient(up, new double[4])
                        - new ParetoNbd.Likelihood(k).valueAndGradient(down, new double[4])) / (2 * h);
                assertEquals(fd, g[j], 1e-7 * Math.max(1, Math.abs(fd)), "d/dtheta" + j);
            }
        }
    }

    @Test
    void publishedCdnowFit() throws IOException {
        BtydCustomers c = ClvFixtures.cdnowSummary();
        ParetoNbdModel m = ParetoNbd.withDefaults().fit(c);
        // Schmittlein et al. / Fader & Hardie on CDNOW: r = 0.553, alpha = 10.578, s = 0.606, beta = 11.669, LL -9,595.0
        assertEquals(0.553, m.r(), 5e-4);
        assertEquals(10.578, m.alpha(), 5e-3);
        assertEquals(0.606, m.s(), 5e-4);
        assertEquals(11.669, m.beta(), 5e-3);
        assertEquals(-9595.0, m.fit().orElseThrow().logLikelihood(), 0.05);
        NamedCsvRecord scipy = ClvFixtures.cdnow("paretonbd", "scipy");
        assertTrue(m.fit().orElseThrow().logLikelihood() >= d(scipy, "loglik") - 1e-7);
        double[] p = m.parameters();
        for (int j = 0; j < 4; j++) {
            assertRelative(d(scipy, "p" + (j + 1)), p[j], 1e-4, "parameter " + j);
        }
        NamedCsvRecord pub = ClvFixtures.cdnow("paretonbd", "published");
        assertRelative(d(pub, "loglik"), ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669).logLikelihood(c), 1e-11,
                "LL at published parameters");
    }

    @Test
    void extremeCustomersStayFiniteAndOrdered() {
        ParetoNbdModel m = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669);
        for (int x = 0; x <= 5000; x += 250) {
            double tx = x == 0 ? 0 : 4999;
            double e = m.conditionalExpectedPurchases(52, x, tx, 5000);
            double a = m.probabilityAlive(x, tx, 5000);
            assertTrue(Double.isFinite(e) && e >= 0 && a > 0 && a <= 1, x + ": " + e + ", " + a);
            assertTrue(Double.isFinite(m.logLikelihood(x, tx, 5000)));
        }
    }
}
