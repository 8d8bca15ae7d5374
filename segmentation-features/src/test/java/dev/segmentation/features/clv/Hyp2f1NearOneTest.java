/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.features.TestData;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.segmentation.features.clv.ClvFixtures.assertRelative;
import static dev.segmentation.features.clv.ClvFixtures.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * \( {}_2F_1(1, b; c; 1 - w) \) near \( z = 1 \) (w = 1e-3, 1e-6, 1e-9, b up to 2e5, c - 1 - b negative, small,
 * near an integer and large) against mpmath at 50 digits ({@code clv/clv_hyp2f1.csv}, made by
 * {@code make_clv_fixtures.py hyp2f1}), including the two arguments the Online Retail fit once failed on.
 */
class Hyp2f1NearOneTest {

    @Test
    void valueAndDerivativesMatchMpmath() {
        List<NamedCsvRecord> rows = TestData.fixture("/clv/clv_hyp2f1.csv");
        assertTrue(rows.size() >= 100, "fixture rows");
        double[] out = new double[4];
        for (NamedCsvRecord r : rows) {
            double b = d(r, "b");
            double c = d(r, "c");
            double w = d(r, "w");
            double z = 1 - w;
            String what = "2F1(1, " + b + "; " + c + "; 1 - " + w + ")";
            double v = Special.hyp2f1One(b, c, z, w);
            assertRelative(d(r, "value"), v, 1e-9, what);
            Special.hyp2f1OneWithDerivatives(b, c, z, w, out);
            assertEquals(v, out[0], 1e-15 * Math.abs(v), what + " with derivatives");
            // near an integer c - 1 - b the derivatives come from the interpolation, whose rounding grows like
            double delta = c - 1 - b;
            // eps / h^2 (h = 1e-4); for b w above 1/4 the connection formula's series terms grow like (b w)^k / k!
            // before they fall, and the derivatives' sums lose a digit more
            double tol = Math.abs(delta - Math.rint(delta)) < Special.NEAR_INTEGER ? 1e-5 : b * w > 0.25 ? 1e-6 : 1e-7;
            assertRelative(d(r, "db"), out[1], tol, what + " dF/db");
            assertRelative(d(r, "dc"), out[2], tol, what + " dF/dc");
            assertRelative(d(r, "dz"), out[3], tol, what + " dF/dz");
        }
    }

    @Test
    void paretoNbdFunctionsNearZOneMatchMpmath() {
        List<NamedCsvRecord> rows = TestData.fixture("/clv/clv_paretonbd_near1.csv");
        assertEquals(54, rows.size(), "fixture rows");
        for (NamedCsvRecord r : rows) {
            ParetoNbdModel m = ParetoNbdModel.of(d(r, "p1"), d(r, "p2"), d(r, "p3"), d(r, "p4"));
            double x = d(r, "x");
            double tx = d(r, "tx");
            double age = d(r, "T");
            String fn = r.getField("function");
            double actual = switch (fn) {
                case "ll" -> m.logLikelihood(x, tx, age);
                case "palive" -> m.probabilityAlive(x, tx, age);
                case "cond" -> m.conditionalExpectedPurchases(d(r, "t"), x, tx, age);
                default -> throw new IllegalStateException(fn);
            };
            double expected = d(r, "value");
            if (fn.equals("ll")) {
                // a log-likelihood near 0 (ln of a probability near 1) is judged on its absolute error
                assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), fn + " " + r.getFields());
            } else {
                assertRelative(expected, actual, 1e-9, fn + " " + r.getFields());
            }
        }
    }

    @Test
    void logGammaRatioSatisfiesTheRecurrenceAndMatchesSmallArguments() {
        for (double x : new double[] {100, 250.5, 1e4, 2e5}) {
            for (double dd : new double[] {-0.7, 0.24, 3.5, 40}) {
                // ln G(x + d + 1) - ln G(x) = ln G(x + d) - ln G(x) + ln(x + d)
                double expected = Special.logGammaRatio(x, dd) + Math.log(x + dd);
                assertEquals(expected, Special.logGammaRatio(x, dd + 1), 1e-13 * Math.max(1, Math.abs(expected)));
            }
            double sum = 0;
            for (int j = 0; j < 5; j++) {
                sum += Math.log(x + j);
            }
            assertEquals(sum, Special.logGammaRatio(x, 5), 1e-13 * sum);
        }
    }
}
