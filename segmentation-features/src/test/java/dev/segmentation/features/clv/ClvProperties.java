/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Invariants of the transaction models over random parameters and customers, extremes included. */
class ClvProperties {

    @Property(tries = 300, seed = "20261202")
    void probabilitiesAndExpectationsAreWellFormed(@ForAll @DoubleRange(min = 0.05, max = 5) double r,
                                                   @ForAll @DoubleRange(min = 0.5, max = 100) double alpha,
                                                   @ForAll @DoubleRange(min = 0.05, max = 5) double third,
                                                   @ForAll @DoubleRange(min = 0.5, max = 100) double fourth,
                                                   @ForAll @IntRange(min = 0, max = 500) int x,
                                                   @ForAll @DoubleRange(min = 0, max = 1) double recencyShare,
                                                   @ForAll @DoubleRange(min = 0.1, max = 1000) double age) {
        double tx = x == 0 ? 0 : recencyShare * age;
        TransactionModel[] models = {BgNbdModel.of(r, alpha, third, fourth / 10),
            ParetoNbdModel.of(r, alpha, third, fourth)};
        for (TransactionModel m : models) {
            double alive = m.probabilityAlive(x, tx, age);
            assertTrue(alive > 0 && alive <= 1 || (alive == 0 && x > 0), m + " P(alive) " + alive);
            assertTrue(Double.isFinite(m.logLikelihood(x, tx, age)), m + " LL");
            double previous = 0;
            double[] horizons = {1, 13, 52, 104};
            for (int k = 0; k < horizons.length; k++) {
                double e = m.conditionalExpectedPurchases(horizons[k], x, tx, age);
                assertTrue(Double.isFinite(e) && e >= previous * (1 - 1e-12) - 1e-12,
                        m + " E[Y(" + horizons[k] + ")] = " + e + " after " + previous + " for " + x + ", " + tx
                                + ", " + age);
                previous = e;
            }
            double ex = m.expectedPurchases(52);
            assertTrue(Double.isFinite(ex) && ex >= 0, m + " E[X(52)] " + ex);
        }
    }
}
