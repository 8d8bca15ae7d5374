/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.core.Dataset;
import dev.segmentation.features.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RfmTest {
    static final LocalDate AS_OF = LocalDate.parse("2011-12-10");

    static Transactions tx() {
        return Transactions.builder()
                .add("b", "o1", Instant.parse("2011-12-09T12:50:00Z"), 10.0)   // last purchase the day before
                .add("b", "o1", Instant.parse("2011-12-09T12:50:00Z"), 5.0)    // same order: frequency 1
                .add("b", "o2", Instant.parse("2011-06-01T08:00:00Z"), 2.5)
                .add("a", "o3", Instant.parse("2011-12-09T23:59:59Z"), 1.0)
                .add("a", "o4", Instant.parse("2011-12-10T00:00:00Z"), 100.0)  // at the as-of instant: excluded
                .add("a", "o5", Instant.parse("2012-01-01T00:00:00Z"), 100.0)  // future: excluded
                .add(null, "o6", Instant.parse("2011-11-01T00:00:00Z"), 7.0)   // no customer: excluded
                .add("c", "o7", Instant.parse("2010-12-01T08:26:00Z"), -3.0)   // old, a return
                .add("d", "o8", Instant.parse("2011-12-12T00:00:00Z"), 4.0)    // only future rows: absent
                .build();
    }

    @Test
    void computesRecencyFrequencyMonetaryWithoutLeakage() {
        RfmTable t = Rfm.asOf(AS_OF).compute(tx());
        assertEquals(List.of("a", "b", "c"), t.customerIds());
        assertArrayEquals(new int[] {1, 1, 374}, t.recencyDays());
        assertArrayEquals(new int[] {1, 2, 1}, t.frequency());
        assertArrayEquals(new double[] {1.0, 17.5, -3.0}, t.monetary());
        assertEquals(5, t.rowsUsed());
        assertEquals(1, t.excludedMissingCustomer());
        assertEquals(3, t.excludedAtOrAfterAsOf());
        assertEquals(0, t.excludedBeforeWindow());
        assertEquals(Optional.empty(), t.window());
        assertEquals(-1, t.indexOf("d"));
        assertEquals(1, t.indexOf("b"));
    }

    @Test
    void windowExcludesOlderRowsAndCountsThemSeparately() {
        RfmTable t = Rfm.asOf(AS_OF).window(Period.ofMonths(6)).compute(tx());
        // window [2011-06-10, 2011-12-10): b's June 1 order and c's 2010 row fall out
        assertEquals(List.of("a", "b"), t.customerIds());
        assertArrayEquals(new int[] {1, 1}, t.frequency());
        assertArrayEquals(new double[] {1.0, 15.0}, t.monetary());
        assertEquals(2, t.excludedBeforeWindow());
        assertEquals(3, t.excludedAtOrAfterAsOf());
        assertEquals(1, t.excludedMissingCustomer());
        assertEquals(Optional.of(Period.ofMonths(6)), t.window());
        RfmTable edge = Rfm.asOf(AS_OF).window(Period.ofDays(1)).compute(tx());
        assertEquals(List.of("a", "b"), edge.customerIds());
    }

    @Test
    void calendarDaysAreDaysInTheTransactionsZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Transactions t = Transactions.builder().zone(tokyo)
                // 2011-12-09 23:00 UTC is 2011-12-10 08:00 in Tokyo: on the as-of day, so excluded
                .add("a", "o1", Instant.parse("2011-12-09T23:00:00Z"), 1.0)
                // 2011-12-09 10:00 UTC is 19:00 in Tokyo on the 9th: recency 1
                .add("a", "o2", Instant.parse("2011-12-09T10:00:00Z"), 2.0)
                .build();
        RfmTable r = Rfm.asOf(AS_OF).compute(t);
        assertEquals(1, r.excludedAtOrAfterAsOf());
        assertEquals(1, r.recencyDays(0));
        assertEquals(tokyo, r.zone());
    }

    @Test
    void distinctOrdersAreCountedPerCustomerEvenWhenAnOrderIdIsShared() {
        Transactions t = Transactions.builder()
                .add("a", "x", Instant.parse("2011-01-01T00:00:00Z"), 1)
                .add("b", "x", Instant.parse("2011-01-01T00:00:00Z"), 1)
                .add("a", "y", Instant.parse("2011-01-02T00:00:00Z"), 1)
                .add("a", "x", Instant.parse("2011-01-03T00:00:00Z"), 1)
                .build();
        RfmTable r = Rfm.asOf(AS_OF).compute(t);
        assertArrayEquals(new int[] {2, 1}, r.frequency());
    }

    @Test
    void monetaryIsCompensatedSum() {
        Transactions.Builder b = Transactions.builder();
        b.add("a", "o0", Instant.EPOCH, 1e16);
        for (int i = 0; i < 1000; i++) {
            b.add("a", "o" + (i + 1), Instant.EPOCH, 1.0);
        }
        b.add("a", "z", Instant.EPOCH, -1e16);
        assertEquals(1000.0, Rfm.asOf(AS_OF).compute(b.build()).monetary(0));
    }

    @Test
    void toDatasetHasTheDocumentedColumns() {
        Dataset d = Rfm.asOf(AS_OF).compute(tx()).toDataset();
        assertEquals(List.of("recency_days", "frequency", "monetary"), d.columnNames());
        assertArrayEquals(new double[] {1, 2, 17.5}, d.row(1));
        assertEquals(0, Rfm.asOf(LocalDate.parse("2000-01-01")).compute(tx()).toDataset().rows());
    }

    @Test
    void badConfigurationIsRejected() {
        assertThrows(NullPointerException.class, () -> Rfm.asOf(null));
        assertThrows(IllegalArgumentException.class, () -> Rfm.asOf(AS_OF).window(Period.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Rfm.asOf(AS_OF).window(Period.ofMonths(-1)));
        assertEquals(Rfm.asOf(AS_OF).window(Period.ofDays(3)), Rfm.asOf(AS_OF).window(Period.ofDays(3)));
    }
}
