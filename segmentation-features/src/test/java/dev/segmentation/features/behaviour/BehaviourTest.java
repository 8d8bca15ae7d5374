/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.behaviour;

import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Events;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BehaviourTest {
    static final LocalDate AS_OF = LocalDate.parse("2024-06-02");
    static final Instant T0 = Instant.parse("2024-06-02T00:00:00Z");

    static Instant before(long seconds) {
        return T0.minusSeconds(seconds);
    }

    /**
     * u1: view, cart 10 min later, pay exactly 30 min after that (same session), then view 31 min later (new
     * session). u2: one view. u3: only after the as-of date. One event without customer.
     */
    static Events events() {
        return Events.builder()
                .add("u1", before(86_400), "view")
                .add("u1", before(86_400 - 600), "cart")
                .add("u1", before(86_400 - 600 - 1800), "pay")
                .add("u1", before(86_400 - 600 - 1800 - 1860), "view")
                .add("u2", before(3600), "view")
                .add("u3", T0.plusSeconds(5), "view")
                .add(null, before(100), "view")
                .build();
    }

    @Test
    void sessionsSplitOnPausesLongerThanTheGap() {
        FeatureTable f = Sessions.asOf(AS_OF).compute(events());
        CustomerTable t = f.table();
        assertEquals(List.of("u1", "u2"), t.customerIds());
        assertArrayEquals(new double[] {2, 1}, t.numeric(Sessions.COUNT));
        assertArrayEquals(new double[] {(2400 + 0) / 2.0, 0}, t.numeric(Sessions.DURATION_MEAN));
        assertArrayEquals(new double[] {1200, 0}, t.numeric(Sessions.DURATION_MEDIAN));
        assertArrayEquals(new double[] {2, 1}, t.numeric(Sessions.EVENTS_PER_SESSION));
        assertArrayEquals(new double[] {(86_400 - 600 - 1800 - 1860) / 86_400.0, 1 / 24.0},
                t.numeric(Sessions.DAYS_SINCE_LAST));
        assertEquals(5, f.report().rowsUsed());
        assertEquals(1, f.report().excludedMissingCustomer());
        assertEquals(1, f.report().excludedAtOrAfterAsOf());
        // a shorter gap splits more
        assertArrayEquals(new double[] {4, 1}, Sessions.asOf(AS_OF).inactivityGap(Duration.ofMinutes(5))
                .compute(events()).table().numeric(Sessions.COUNT));
        // a one-hour look-back keeps only u2
        FeatureTable recent = Sessions.asOf(AS_OF).lookback(Period.ofDays(1)).compute(events());
        assertEquals(List.of("u1", "u2"), recent.table().customerIds());
        assertEquals(0, recent.report().excludedBeforeWindow(), "exactly one day back is inside the window");
        assertThrows(IllegalArgumentException.class, () -> Sessions.asOf(AS_OF).inactivityGap(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Sessions.asOf(AS_OF).inactivityGap(Duration.ofMillis(1500)));
        assertThrows(IllegalArgumentException.class, () -> Sessions.asOf(AS_OF).lookback(Period.ZERO));
    }

    @Test
    void eventOrderDoesNotMatter() {
        Events e = events();
        int[] order = {6, 5, 4, 3, 2, 1, 0};
        assertEquals(Sessions.asOf(AS_OF).compute(e).table(), Sessions.asOf(AS_OF).compute(e.select(order)).table());
    }

    @Test
    void engagementHalvesEveryHalfLife() {
        Events e = Events.builder()
                .add("a", before(7 * 86_400), "view")
                .add("a", before(1), "purchase")
                .add("a", T0, "purchase")                     // at the as-of instant: the future, excluded
                .add("b", before(14 * 86_400), "view")
                .build();
        FeatureTable f = DecayedEngagement.asOf(AS_OF).halfLife(Duration.ofDays(7)).weight("purchase", 4)
                .compute(e);
        assertArrayEquals(new double[] {0.5 + 4 * Math.pow(2, -1.0 / (7 * 86_400)), 0.25},
                f.table().numeric(DecayedEngagement.COLUMN), 1e-15);
        assertEquals(1, f.report().excludedAtOrAfterAsOf());
        Transactions t = Transactions.builder().add("a", "1", before(86_400), 100).build();
        assertArrayEquals(new double[] {50}, DecayedEngagement.asOf(AS_OF).halfLife(Duration.ofDays(1))
                .compute(t).table().numeric("engagement"), 1e-12);
        assertArrayEquals(new double[] {0.5}, DecayedEngagement.asOf(AS_OF).halfLife(Duration.ofDays(1))
                .countingRows().column("visits").compute(t).table().numeric("visits"), 1e-15);
        assertThrows(IllegalStateException.class, () -> DecayedEngagement.asOf(AS_OF).compute(e));
        assertThrows(IllegalArgumentException.class, () -> DecayedEngagement.asOf(AS_OF).halfLife(Duration.ZERO));
    }

    @Test
    void motifsAreRankedBigramsWithinSessions() {
        NavigationMotifs.Fitted m = NavigationMotifs.asOf(AS_OF).top(2).fit(events());
        // u1's bigrams: view>cart, cart>pay (the view after the 31-minute pause starts a new session)
        assertEquals(List.of(new NavigationMotifs.Motif("cart", "pay"), new NavigationMotifs.Motif("view", "cart")),
                m.motifs(), "equal counts are ordered by name");
        CustomerTable t = m.compute(events()).table();
        assertEquals(List.of("motif:cart>pay", "motif:view>cart"), t.columnNames());
        assertArrayEquals(new double[] {0.5, 0}, t.numeric("motif:cart>pay"));
        assertArrayEquals(new double[] {0.5, 0}, t.numeric("motif:view>cart"));
        Events later = Events.builder().add("z", before(20), "view").add("z", before(10), "cart")
                .add("z", before(5), "cart").build();
        CustomerTable z = m.compute(later).table();
        assertArrayEquals(new double[] {0.5}, z.numeric("motif:view>cart"));
        assertArrayEquals(new double[] {0}, z.numeric("motif:cart>pay"));
        assertThrows(IllegalArgumentException.class, () -> NavigationMotifs.asOf(AS_OF).top(0));
    }
}
