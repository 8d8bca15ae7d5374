/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.TestData;
import dev.segmentation.features.TransactionFilter;
import dev.segmentation.features.io.TransactionCsvReader;
import dev.segmentation.features.rfm.BtydSummary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLV models on the real Online Retail data (skipped when the data are absent). */
class OnlineRetailClvTest {

    static BtydCustomers onlineRetail() throws IOException {
        Path file = TestData.require("online_retail.csv.gz");
        TransactionCsvReader reader = TransactionCsvReader.builder()
                .customerId("CustomerID").normalizeDecimalCustomerIds()
                .orderId("InvoiceNo")
                .timestamp("InvoiceDate", "yyyy-MM-dd HH:mm:ss")
                .quantityTimesUnitPrice("Quantity", "UnitPrice")
                .keep("StockCode")
                .build();
        TransactionFilter cleaning = TransactionFilter.builder()
                .dropMissingCustomer()
                .dropOrderIdPrefix("C", "cancelled invoice (InvoiceNo starts with C)")
                .dropNonPositiveQuantity()
                .dropNonPositiveUnitPrice()
                .dropIf("StockCode", code -> !code.matches("^\\d{5}.*"), "non-product stock code")
                .build();
        FeatureTable table = BtydSummary.calibrationEnd(LocalDate.parse("2011-12-09")).inWeeks()
                .compute(cleaning.apply(reader.read(file).transactions()).transactions());
        return BtydCustomers.from(table.table());
    }

    /**
     * The fit that once failed with an ArithmeticException (the series at z = 1 - 3.5e-9 while s and beta drifted
     * upwards) now converges with and without the penalty; every customer's P(alive) and conditional expectation
     * are finite and in range at the fitted parameters.
     */
    @Test
    void paretoNbdFitsOnlineRetailWithAndWithoutPenalty() throws IOException {
        BtydCustomers c = onlineRetail();
        for (double penalizer : new double[] {0.001, 0}) {
            ParetoNbdModel m = ParetoNbd.with(FitOptions.DEFAULT.withPenalizer(penalizer)).fit(c);
            assertTrue(m.fit().orElseThrow().diagnostics().converged(), m.toString());
            assertTrue(Double.isFinite(m.fit().orElseThrow().logLikelihood()), m.toString());
            double[] alive = m.probabilityAlive(c);
            double[] e = m.conditionalExpectedPurchases(52, c);
            for (int i = 0; i < c.size(); i++) {
                int row = i;
                assertTrue(alive[i] > 0 && alive[i] <= 1, () -> "P(alive) " + alive[row] + " at row " + row);
                assertTrue(e[i] >= 0 && Double.isFinite(e[i]), () -> "E[Y(52)] " + e[row] + " at row " + row);
                assertTrue(e[i] <= 52 * (c.x(i) + 1) / Math.max(c.age(i), 1) * 10 + 100,
                        () -> "E[Y(52)] " + e[row] + " implausible at row " + row);
            }
        }
    }
}
