/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CustomerMatchAndPeriodTest {

    @Test
    void customersInBothListsAreMatchedInTheFirstListsOrder() {
        CustomerMatch m = CustomerMatch.of(List.of("a", "b", "c", "d"), List.of("d", "x", "b"));
        assertEquals(2, m.size());
        assertEquals(1, m.first(0));
        assertEquals(2, m.second(0));
        assertEquals(3, m.first(1));
        assertEquals(0, m.second(1));
        assertArrayEquals(new int[] {11, 13}, m.fromFirst(new int[] {10, 11, 12, 13}));
        assertArrayEquals(new int[] {22, 20}, m.fromSecond(new int[] {20, 21, 22}));
        assertThrows(IllegalArgumentException.class, () -> m.fromFirst(new int[] {1, 2}));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> CustomerMatch.of(List.of("a"), List.of("b", "c", "b")));
        assertTrue(dup.getMessage().contains("'b' twice, at 0 and 2"), dup.getMessage());
        assertEquals(0, CustomerMatch.of(List.of("a"), List.of()).size());
    }

    @Test
    void theDataPeriodIsInTheTransactionsZone() {
        ZoneId london = ZoneId.of("Europe/London");
        Transactions t = Transactions.builder().zone(london)
                .add("a", "1", Instant.parse("2011-06-30T23:30:00Z"), 1)      // 1 July in London (BST)
                .add("b", "2", Instant.parse("2010-12-01T08:26:00Z"), 2)
                .add("a", "3", Instant.parse("2011-03-01T00:00:00Z"), 3)
                .build();
        assertEquals(LocalDate.parse("2010-12-01"), t.firstDay());
        assertEquals(LocalDate.parse("2011-07-01"), t.lastDay());
        assertThrows(IllegalStateException.class, () -> Transactions.builder().build().firstDay());
    }
}
