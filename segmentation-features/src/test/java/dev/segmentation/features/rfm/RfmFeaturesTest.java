/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windowed RFM, the window-longer-than-data policy, quintile scores and the buy-till-you-die summary. */
class RfmFeaturesTest {
    static Instant at(String isoDay, int hour) {
        return LocalDate.parse(isoDay).atTime(hour, 0).toInstant(java.time.ZoneOffset.UTC);
    }

    /** Customer a buys early and late, b only late, c only in the future; data start on 2023-12-20. */
    static Transactions tx() {
        return Transactions.builder()
                .add("a", "0", at("2023-12-20", 9), 1000)
                .add("a", "1", at("2024-01-10", 9), 10)
                .add("a", "2", at("2024-03-20", 9), 5)
                .add("a", "2", at("2024-03-20", 9), 2)
                .add("b", "3", at("2024-03-25", 18), 7)
                .add("c", "4", at("2024-04-02", 8), 100)
                .add(null, "5", at("2024-03-01", 8), 1)
                .build();
    }

    @Test
    void windowsGiveOneColumnPairEach() {
        LocalDate asOf = LocalDate.parse("2024-04-01");
        FeatureTable f = RfmWindows.asOf(asOf).windows(Period.ofDays(30), Period.ofMonths(3)).compute(tx());
        CustomerTable t = f.table();
        assertEquals(List.of("recency_days", "frequency_30d", "monetary_30d", "frequency_3m", "monetary_3m"),
                t.columnNames());
        assertEquals(List.of("a", "b"), t.customerIds());
        assertArrayEquals(new double[] {12, 7}, t.numeric("recency_days"));
        assertArrayEquals(new double[] {1, 1}, t.numeric("frequency_30d"));
        assertArrayEquals(new double[] {7, 7}, t.numeric("monetary_30d"));
        assertArrayEquals(new double[] {2, 1}, t.numeric("frequency_3m"));
        assertArrayEquals(new double[] {17, 7}, t.numeric("monetary_3m"));
        assertEquals(1, f.report().excludedMissingCustomer());
        assertEquals(1, f.report().excludedAtOrAfterAsOf(), "no leakage: c's purchase is after the as-of date");
        assertEquals(1, f.report().excludedBeforeWindow(), "a's first purchase is before the longest window");
        assertEquals(List.of(), f.report().truncatedWindows());
        assertThrows(IllegalArgumentException.class, () -> RfmWindows.asOf(asOf).windows(Period.ofDays(30),
                Period.ofDays(30)));
        assertThrows(IllegalArgumentException.class, () -> RfmWindows.asOf(asOf).windows());
        assertThrows(IllegalStateException.class, () -> RfmWindows.asOf(asOf).compute(tx()));
    }

    @Test
    void aWindowLongerThanTheDataIsFlaggedOrRefused() {
        LocalDate asOf = LocalDate.parse("2024-04-01");
        RfmTable ok = Rfm.asOf(asOf).window(Period.ofMonths(2)).compute(tx());
        assertFalse(ok.windowTruncated());
        RfmTable longer = Rfm.asOf(asOf).window(Period.ofDays(365)).compute(tx());
        assertTrue(longer.windowTruncated());
        assertEquals(LocalDate.parse("2023-12-20"), longer.firstTransactionDay().orElseThrow());
        assertTrue(longer.toString().contains("window truncated"), longer.toString());
        assertEquals(List.of("365d"), longer.report().truncatedWindows());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rfm.asOf(asOf).window(Period.ofDays(365)).requireFullWindow().compute(tx()));
        assertTrue(e.getMessage().contains("2023-04-02") && e.getMessage().contains("2023-12-20"), e.getMessage());
        FeatureTable w = RfmWindows.asOf(asOf).windows(Period.ofDays(30), Period.ofYears(1)).compute(tx());
        assertEquals(List.of("1y"), w.report().truncatedWindows());
        assertThrows(IllegalArgumentException.class, () -> RfmWindows.asOf(asOf)
                .windows(Period.ofDays(30), Period.ofYears(1)).requireFullWindows().compute(tx()));
        assertThrows(IllegalStateException.class, () -> Rfm.asOf(asOf).requireFullWindow());
    }

    @Test
    void quintileScoresShareScoresOnTies() {
        Transactions.Builder b = Transactions.builder();
        // ten customers: recency 1..10 days, frequency 1,1,1,1,1,2,2,3,4,5, monetary 10..100
        int[] freq = {1, 1, 1, 1, 1, 2, 2, 3, 4, 5};
        for (int c = 0; c < 10; c++) {
            for (int o = 0; o < freq[c]; o++) {
                double amount = o == 0 ? 10 * (c + 1) : 0;
                b.add("c" + c, "c" + c + "-" + o, at("2024-03-31", 12).minusSeconds(86_400L * c), amount);
            }
        }
        RfmTable rfm = Rfm.asOf(LocalDate.parse("2024-04-01")).compute(b.build());
        RfmScores s = RfmScores.fit(rfm);
        CustomerTable t = s.score(rfm);
        assertArrayEquals(new double[] {5, 5, 4, 4, 3, 3, 2, 2, 1, 1}, t.numeric("recency_score"));
        // five customers with one order tie at rank 1 -> score 1; two at 2 orders (rank 6) -> 1 + floor(25/10) = 3
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 3, 3, 4, 5, 5}, t.numeric("frequency_score"));
        assertArrayEquals(new double[] {1, 1, 2, 2, 3, 3, 4, 4, 5, 5}, t.numeric("monetary_score"));
        assertEquals(511, t.numeric("rfm_score", 0));
        assertEquals(5, s.recencyScore(0), "a new customer is scored against the training values");
        assertEquals(1, s.recencyScore(1000));
        assertEquals(5, s.monetaryScore(1e9));
        assertThrows(IllegalArgumentException.class, () -> s.monetaryScore(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RfmScores.fit(rfm, 1));
    }

    @Test
    void btydSummaryMergesSameDayPurchasesAndExcludesTheHoldout() {
        ZoneId lisbon = ZoneId.of("Europe/Lisbon");
        Transactions t = Transactions.builder().zone(lisbon)
                .add("a", "1", at("2024-01-01", 10), 10)
                .add("a", "2", at("2024-01-01", 15), 5)       // same day: one occasion of 15
                .add("a", "3", at("2024-01-08", 10), 20)
                .add("a", "4", at("2024-01-08", 23), 4)        // 23:00 UTC is still the 8th in Lisbon in January
                .add("a", "5", at("2024-01-15", 10), 30)
                .add("b", "6", at("2024-01-03", 10), 7)
                .add("b", "7", at("2024-02-10", 10), 99)       // holdout
                .build();
        FeatureTable f = BtydSummary.calibrationEnd(LocalDate.parse("2024-01-31")).compute(t);
        CustomerTable s = f.table();
        assertEquals(List.of("frequency", "recency", "T", "monetary_value"), s.columnNames());
        assertArrayEquals(new double[] {2, 0}, s.numeric("frequency"));
        assertArrayEquals(new double[] {14, 0}, s.numeric("recency"));
        assertArrayEquals(new double[] {30, 28}, s.numeric("T"));
        assertArrayEquals(new double[] {(24 + 30) / 2.0, 0}, s.numeric("monetary_value"));
        assertEquals(1, f.report().excludedAtOrAfterAsOf());
        assertEquals(LocalDate.parse("2024-02-01"), f.report().asOf());
        FeatureTable w = BtydSummary.calibrationEnd(LocalDate.parse("2024-01-31")).inWeeks().roundTo(2).compute(t);
        assertArrayEquals(new double[] {2.0, 0}, w.table().numeric("recency"));
        assertArrayEquals(new double[] {4.29, 4.0}, w.table().numeric("T"));
        assertThrows(IllegalStateException.class, () -> BtydSummary.calibrationEnd(LocalDate.EPOCH).inWeeks()
                .inWeeks());
        assertThrows(IllegalArgumentException.class, () -> BtydSummary.calibrationEnd(LocalDate.EPOCH).roundTo(11));
    }
}
