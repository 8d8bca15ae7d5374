/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionsTest {
    static Transactions sample() {
        return Transactions.builder()
                .add("a", "o1", Instant.parse("2011-01-01T10:00:00Z"), 10)
                .add(null, "o2", Instant.parse("2011-01-02T10:00:00Z"), 5)
                .add("b", "o3", Instant.parse("2011-01-03T10:00:00Z"), 7)
                .add("a", "o1", Instant.parse("2011-01-01T10:00:00Z"), 1)
                .build();
    }

    @Test
    void builderEncodesDictionariesInOrderOfFirstAppearance() {
        Transactions t = sample();
        assertEquals(4, t.size());
        assertEquals(List.of("a", "b"), t.customerIds());
        assertArrayEquals(new int[] {0, -1, 1, 0}, t.customerCodes());
        assertEquals(1, t.missingCustomerCount());
        assertEquals(List.of("o1", "o2", "o3"), t.orderIds());
        assertNull(t.customerId(1));
        assertEquals("o1", t.orderId(3));
    }

    @Test
    void accessorsReturnCopiesAndListsAreReadOnly() {
        Transactions t = sample();
        t.amounts()[0] = 99;
        t.customerCodes()[0] = 99;
        t.epochSeconds()[0] = 99;
        assertEquals(10, t.amount(0));
        assertEquals(0, t.customerCode(0));
        assertThrows(UnsupportedOperationException.class, () -> t.customerIds().set(0, "z"));
        assertThrows(UnsupportedOperationException.class, () -> t.orderIds().set(0, "z"));
    }

    @Test
    void selectCompactsDictionaries() {
        Transactions t = sample().select(new int[] {2, 1});
        assertEquals(List.of("b"), t.customerIds());
        assertArrayEquals(new int[] {0, -1}, t.customerCodes());
        assertEquals(List.of("o3", "o2"), t.orderIds());
        assertArrayEquals(new double[] {7, 5}, t.amounts());
        assertThrows(IndexOutOfBoundsException.class, () -> sample().select(new int[] {4}));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Transactions.builder().add("a", "o", Instant.EPOCH, Double.NaN));
        assertThrows(NullPointerException.class, () -> Transactions.builder().add("a", null, Instant.EPOCH, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> sample().amount(4));
        assertThrows(IllegalArgumentException.class, () -> sample().stringValue("Country", 0));
        Transactions.Builder b = Transactions.builder().add("a", "o", Instant.EPOCH, 1);
        assertThrows(IllegalStateException.class, () -> b.zone(ZoneId.of("UTC")));
        assertTrue(sample().toString().contains("2 customers"));
    }
}
