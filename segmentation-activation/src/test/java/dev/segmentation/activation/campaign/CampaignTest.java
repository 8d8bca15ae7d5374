package dev.segmentation.activation.campaign;

import dev.segmentation.features.CustomerTable;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignTest {
    private static final LocalDate DAY = LocalDate.parse("2011-09-01");
    private static final CustomerTable CUSTOMERS = CustomerTable.builder(List.of("a", "b", "c", "d", "e", "f", "g"))
            .numeric("monetary", new double[] {100, 90000, 300, 50, 700, 20, 400})
            .categorical("country", new String[] {"United Kingdom", "United Kingdom", null, "France", "United Kingdom",
                "United Kingdom", "United Kingdom"})
            .build();

    @Test
    void criteriaApplyInOrderAndCountWhoTheyRemoved() {
        ContactHistory history = ContactHistory.builder()
                .add("e", DAY.minusDays(14))          // inside [day - 14, day): removed
                .add("g", DAY.minusDays(15))          // just outside
                .add("g", DAY)                        // on the day itself: not yet contacted
                .add("a", DAY.minusDays(3))           // already removed by the consent list
                .build();
        Audience audience = Campaign.builder("autumn").on(DAY)
                .include("ships to the UK", "country = \"United Kingdom\"")
                .suppress("no marketing consent", Set.of("a", "d", "zz-not-a-customer"))
                .exclude("wholesale", "monetary > 50000")
                .notContactedWithin(14, history)
                .build().select(CUSTOMERS);
        assertEquals(List.of("f", "g"), audience.customerIds());
        assertArrayEquals(new int[] {5, 6}, audience.selectedRows());
        List<Audience.Step> s = audience.steps();
        assertEquals(new Audience.Step("ships to the UK", Campaign.Kind.INCLUDE, "keep country = \"United Kingdom\"",
                2, 1, 2, 5), s.get(0));
        assertEquals(1, s.get(1).removed());           // d was already out, for its country
        assertEquals(2, s.get(1).removedAlone());
        assertEquals(1, s.get(2).removed());
        assertEquals(1, s.get(3).removed());
        assertEquals(2, s.get(3).remaining());
        long total = 0;
        for (Audience.Step step : s) {
            total += step.removed();
        }
        assertEquals(audience.populationSize() - audience.size(), total);
        assertEquals(Optional.of("ships to the UK"), audience.removedBy(2));
        assertEquals(Optional.of("contacted in the last 14 days"), audience.removedBy(4));
        assertFalse(audience.removedBy(6).isPresent());
        String table = audience.table();
        assertTrue(table.contains("(1 unknown)"), table);
        assertTrue(table.contains("audience"), table);
    }

    @Test
    void badCampaignsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Campaign.builder("x").include("rich", "spend > 10").build().select(CUSTOMERS));
        assertTrue(e.getMessage().startsWith("Campaign 'x', criterion 'rich': Rule 'rich': unknown feature 'spend'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Campaign.builder("x").include("rich", "monetary >"));
        assertTrue(e.getMessage().startsWith("Criterion 'rich': Expected a number"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Campaign.builder("x").build());
        assertThrows(IllegalStateException.class,
                () -> Campaign.builder("x").notContactedWithin(7, ContactHistory.builder().build()));
        assertThrows(IllegalArgumentException.class,
                () -> Campaign.builder("x").include("a", "true").exclude("a", "false"));
        assertThrows(IllegalArgumentException.class,
                () -> Campaign.builder("x").suppress("list", java.util.Arrays.asList("a", null)));
        assertThrows(IllegalArgumentException.class, () -> Campaign.builder("x").on(DAY)
                .notContactedWithin(0, ContactHistory.builder().build()));
        assertThrows(IllegalArgumentException.class, () -> ContactHistory.builder().add(" ", DAY));
    }
}
