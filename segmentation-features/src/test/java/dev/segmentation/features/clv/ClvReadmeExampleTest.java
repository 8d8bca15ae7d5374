/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.core.io.ModelIO;
import dev.segmentation.features.TestData;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.TransactionCsvReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The code of the README's lifetime-value section, run as written. */
class ClvReadmeExampleTest {

    @Test
    void readmeExample(@TempDir Path dir) throws IOException {
        Path file = TestData.require("CDNOW_sample.txt");
        // --- from the README
        Transactions t = TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .withoutHeader("master_id", "sample_id", "date", "number_of_cds", "dollar_value")
                .customerId("sample_id").timestamp("date", "yyyyMMdd").amount("dollar_value")
                .build().read(file).transactions();
        CalibrationHoldout split = CalibrationHoldout.split(t, LocalDate.parse("1997-09-30"),
                LocalDate.parse("1998-06-30"));
        BtydCustomers cal = split.calibration();                   // x, t_x, T in weeks; average repeat spend
        BgNbdModel bgNbd = BgNbd.withDefaults().fit(cal);          // NotConvergedException if it does not converge
        GammaGammaModel spend = GammaGamma.withDefaults().fit(cal); // repeat buyers; the others excluded, counted
        double next39 = bgNbd.conditionalExpectedPurchases(39, 2, 30.43, 38.86); // horizon in weeks
        ClvValues clv = CustomerLifetimeValue.of(bgNbd, spend)
                .periods(12).unitsPerPeriod(4.345).discountRate(0.01)  // 12 months of 4.345 weeks, 1% a month
                .values(cal);
        int[] labels = new int[cal.size()];                        // e.g. a segmentation's labels
        SegmentClv bySegment = clv.bySegment(labels);
        CalibrationHoldout.HoldoutErrors errors = split.errors(bgNbd); // MAE, RMSE, totals on the 39-week holdout
        ModelIO.write(bgNbd, dir.resolve("bgnbd.json"));
        // ---
        assertEquals(1.226, next39, 5e-3);
        assertEquals(946, spend.fit().orElseThrow().customers());
        assertEquals(1, bySegment.size());
        assertEquals(1882, errors.totalActual(), 1e-9);
        BgNbdModel back = ModelIO.read(dir.resolve("bgnbd.json"), BgNbdModel.class);
        assertEquals(next39, back.conditionalExpectedPurchases(39, 2, 30.43, 38.86));
    }
}
