/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvBadInputTest {
    static final BgNbdModel BG = BgNbdModel.of(0.243, 4.414, 0.793, 2.426);
    static final ParetoNbdModel PN = ParetoNbdModel.of(0.553, 10.578, 0.606, 11.669);
    static final GammaGammaModel GG = GammaGammaModel.of(6.25, 3.74, 15.44);

    static void refused(Executable e, String... fragments) {
        String m = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String f : fragments) {
            assertTrue(m.contains(f), "message \"" + m + "\" lacks \"" + f + "\"");
        }
    }

    @Test
    void recencyAfterAge() {
        refused(() -> BtydCustomers.of(List.of("a", "b"), new double[] {1, 2}, new double[] {3, 9}, new double[] {5, 8},
                null), "row 1", "customer b", "9.0", "8.0");
        refused(() -> BG.conditionalExpectedPurchases(39, 2, 40, 38.86), "40.0", "38.86");
        refused(() -> PN.probabilityAlive(2, 40, 38.86), "40.0");
    }

    @Test
    void negativeOrNaNValues() {
        refused(() -> BtydCustomers.of(new double[] {-1}, new double[] {0}, new double[] {5}), "row 0", "-1.0");
        refused(() -> BtydCustomers.of(new double[] {1}, new double[] {Double.NaN}, new double[] {5}), "tx",
                "NaN");
        refused(() -> BtydCustomers.of(new double[] {1}, new double[] {1}, new double[] {Double.POSITIVE_INFINITY}),
                "T (age)", "Infinity");
        refused(() -> BtydCustomers.of(new double[] {1.5}, new double[] {1}, new double[] {5}), "integer", "1.5");
        refused(() -> BG.logLikelihood(Double.NaN, 0, 5), "NaN");
        refused(() -> PN.logLikelihood(3, -1, 5), "-1.0");
        refused(() -> BG.probabilityOfPurchases(39, -1), "-1");
    }

    @Test
    void noRepeatsButRecency() {
        refused(() -> BtydCustomers.of(new double[] {0}, new double[] {2}, new double[] {5}), "x = 0", "2.0");
        refused(() -> BG.probabilityAlive(0, 2, 5), "x = 0");
    }

    @Test
    void emptyOrRaggedPopulation() {
        refused(() -> BtydCustomers.of(new double[0], new double[0], new double[0]), "empty");
        refused(() -> BtydCustomers.of(new double[2], new double[2], new double[3]), "2, 2, 3");
    }

    @Test
    void allCustomersWithoutRepeats() {
        BtydCustomers c = BtydCustomers.of(null, new double[] {0, 0, 0}, new double[3], new double[] {10, 20, 30},
                new double[3]);
        refused(() -> BgNbd.withDefaults().fit(c), "None of the 3 customers", "BG/NBD");
        refused(() -> ParetoNbd.withDefaults().fit(c), "None of the 3 customers", "Pareto/NBD");
        refused(() -> GammaGamma.withDefaults().fit(c), "3 without repeat purchases");
    }

    @Test
    void nonPositiveSpend() {
        refused(() -> BtydCustomers.of(null, new double[] {2}, new double[] {3}, new double[] {5}, new double[] {-4}),
                "spend", "-4.0");
        refused(() -> BtydCustomers.of(null, new double[] {2}, new double[] {3}, new double[] {5},
                new double[] {Double.NaN}), "spend", "NaN");
        refused(() -> GG.logLikelihood(2, 0), "> 0", "0.0");
        refused(() -> GG.conditionalExpectedAverageSpend(2, -1), "-1.0");
    }

    @Test
    void nonPositiveOrInvalidHorizon() {
        refused(() -> BG.conditionalExpectedPurchases(-1, 2, 3, 5), "horizon", "-1.0");
        refused(() -> PN.conditionalExpectedPurchases(Double.NaN, 2, 3, 5), "horizon", "NaN");
        refused(() -> BG.expectedPurchases(Double.POSITIVE_INFINITY), "horizon");
        refused(() -> CustomerLifetimeValue.of(BG, GG).periods(0), "1 period", "0");
        refused(() -> CustomerLifetimeValue.of(PN, GG).unitsPerPeriod(-4.345), "-4.345");
    }

    @Test
    void parametersOutsideTheirDomain() {
        refused(() -> BgNbdModel.of(0, 4.4, 0.8, 2.4), "r", "0.0");
        refused(() -> ParetoNbdModel.of(0.5, 10, Double.NaN, 11), "s", "NaN");
        refused(() -> GammaGammaModel.of(6, 3, -15), "gamma", "-15.0");
        refused(() -> new FitOptions(-0.1, 10, 1e-9), "penalizer");
        refused(() -> new FitOptions(0, 0, 1e-9), "maxIterations");
        refused(() -> new FitOptions(0, 10, 0), "tolerance");
    }
}
