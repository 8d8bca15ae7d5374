package dev.segmentation.activation.backtest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestBadInputTest {
    private static final OutcomeWindow WINDOW = OutcomeWindow.starting(LocalDate.parse("2011-09-01"), 30);
    private static final List<String> IDS = List.of("a", "b", "c", "d", "e", "f");

    @Test
    void backtestInputsAreChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backtest.builder().segments(new int[] {0, 2}, List.of("x", "y")));
        assertEquals("labels[1] = 2 is not a segment of [x, y]", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Backtest.builder().segments(new int[] {0}, List.of("x")).build());
        assertThrows(IllegalStateException.class,
                () -> Backtest.builder().segments(new int[] {0}, List.of("x", "y")).value(new double[] {1}, "v").build());
        assertThrows(IllegalArgumentException.class, () -> Backtest.builder().value(new double[] {Double.NaN}, "v"));
        assertThrows(IllegalArgumentException.class, () -> Backtest.builder().baseline("b", new double[] {1})
                .baseline("b", new double[] {2}));
        Outcomes o = Outcomes.of(WINDOW, IDS, new int[] {1, 0, 2, 0, 0, 1}, new double[] {10, 0, 30, 0, 0, 5});
        Backtest wrongLength = Backtest.builder().segments(new int[] {0, 1}, List.of("x", "y"))
                .value(new double[] {1, 2}, "v").build();
        assertThrows(IllegalArgumentException.class, () -> wrongLength.run(o));
        Backtest ok = Backtest.builder().segments(new int[] {1, 0, 1, 0, 1, 0}, List.of("low", "high", "empty"))
                .value(new double[] {1, 2, 3}, "v").baseline("b", new double[] {1, 0, 1, 0, 0, 1}).build();
        BacktestReport r = ok.run(o);
        assertEquals(0, r.segments().get(2).customers());       // an empty segment is listed, not divided by
        assertEquals(2, r.gains().size());
        assertTrue(r.table().contains("high"));
        Outcomes oneBuyer = Outcomes.of(WINDOW, IDS, new int[] {1, 0, 0, 0, 0, 0}, new double[6]);
        e = assertThrows(IllegalArgumentException.class, () -> ok.run(oneBuyer));
        assertTrue(e.getMessage().startsWith("The AUC needs at least two customers with the outcome"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Outcomes.of(WINDOW, IDS, new int[] {-1, 0, 0, 0, 0, 0},
                new double[6]));
    }
}
