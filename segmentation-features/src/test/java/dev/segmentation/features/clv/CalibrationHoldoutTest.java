/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import dev.segmentation.features.TestData;
import dev.segmentation.features.Transactions;
import dev.segmentation.features.io.TransactionCsvReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationHoldoutTest {
    static final LocalDate END = LocalDate.parse("1997-09-30");
    static final LocalDate HOLDOUT_END = LocalDate.parse("1998-06-30");

    static Transactions cdnowSample() throws IOException {
        return TransactionCsvReader.builder()
                .layout(TransactionCsvReader.Layout.WHITESPACE)
                .withoutHeader("master_id", "sample_id", "date", "number_of_cds", "dollar_value")
                .customerId("sample_id")
                .timestamp("date", "yyyyMMdd")
                .amount("dollar_value")
                .build()
                .read(TestData.require("CDNOW_sample.txt")).transactions();
    }

    @Test
    void cdnowSampleSplitAndHoldoutChecks() throws IOException {
        CalibrationHoldout ch = CalibrationHoldout.split(cdnowSample(), END, HOLDOUT_END);
        BtydCustomers c = ch.calibration();
        assertEquals(2357, c.size());
        double sumX = 0;
        for (int i = 0; i < c.size(); i++) {
            sumX += c.x(i);
        }
        // data/README.md: 2,457 repeat transactions in calibration and 1,882 repeat purchase days in the holdout
        assertEquals(2457, sumX);
        double[] hold = ch.holdoutCounts();
        assertEquals(1882, java.util.Arrays.stream(hold).sum());
        assertEquals(39, ch.holdoutWeeks(), 1e-12);
        assertEquals(0, ch.holdoutNewCustomers());

        BgNbdModel m = BgNbd.withDefaults().fit(c);
        assertEquals(0.243, m.r(), 5e-4);
        CalibrationHoldout.Tracking t = ch.tracking(m);
        assertEquals(LocalDate.parse("1997-01-01"), t.start());
        assertEquals(78, t.weeks());
        double[] actual = t.actualCumulative();
        double[] expected = t.expectedCumulative();
        assertEquals(2457 + 1882, actual[77]);
        for (int k = 1; k < 78; k++) {
            assertTrue(actual[k] >= actual[k - 1] && expected[k] >= expected[k - 1]);
        }
        // the fitted model tracks the cohort within a few per cent at the end of calibration and of the holdout
        assertEquals(actual[t.calibrationWeeks() - 1], expected[t.calibrationWeeks() - 1],
                0.05 * actual[t.calibrationWeeks() - 1]);
        assertEquals(actual[77], expected[77], 0.1 * actual[77]);

        CalibrationHoldout.FrequencyTable f = ch.byFrequency(m, 7);
        long total = 0;
        for (int g = 0; g < f.groups(); g++) {
            total += f.count(g);
        }
        assertEquals(2357, total);
        assertEquals(2357 - 946, f.count(0));
        assertTrue(f.meanExpected(6) > f.meanExpected(1) && f.meanActual(7) > f.meanActual(0));

        CalibrationHoldout.HoldoutErrors e = ch.errors(m);
        assertEquals(1882, e.totalActual(), 1e-9);
        assertTrue(e.mae() > 0 && e.rmse() >= e.mae(), e.mae() + " " + e.rmse());
        assertEquals(e.totalPredicted(), java.util.Arrays.stream(e.predicted()).sum(), 1e-9);
        assertEquals((e.totalPredicted() - 1882) / 1882, e.aggregateRelativeError(), 1e-12);
        assertEquals(m.conditionalExpectedPurchases(39, c.x(0), c.tx(0), c.age(0)) - hold[0], e.error(0), 1e-15);
    }

    @Test
    void badSplits() {
        Transactions t = Transactions.builder()
                .add("a", "1", Instant.parse("1997-01-01T10:00:00Z"), 10)
                .add("a", "2", Instant.parse("1997-02-01T10:00:00Z"), 10).build();
        assertThrows(IllegalArgumentException.class, () -> CalibrationHoldout.split(t, END, END));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalibrationHoldout.split(t, LocalDate.parse("1996-12-31"), END));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
