package dev.segmentation.report.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Number formatting, scales, markup, palette and tables. */
class InternalTest {
    @Test
    void numbersAreFormattedForPeople() {
        assertEquals("4,334", Format.count(4334));
        assertEquals("541,909", Format.count(541_909));
        assertEquals("8.2%", Format.percent(0.0823));
        assertEquals("100.0%", Format.percent(1));
        assertEquals("<0.1%", Format.percent(0.0003));
        assertEquals("0.0%", Format.percent(-0.00001));
        assertEquals("\u2013", Format.percent(Double.NaN));
        assertEquals("+34.8%", Format.change(0.348));
        assertEquals("-15.8%", Format.change(-0.158));
        assertEquals("+0.0%", Format.change(-0.00001));
        assertEquals("new", Format.change(Double.POSITIVE_INFINITY));
        assertEquals("13,179", Format.number(13178.88));
        assertEquals("217", Format.number(216.5));
        assertEquals("19.4", Format.number(19.43));
        assertEquals("1.58", Format.number(1.58));
        assertEquals("1.5", Format.number(1.5));
        assertEquals("15", Format.number(15.0));
        assertEquals("0.0667", Format.number(0.06671));
        assertEquals("0", Format.number(-0.0));
        assertEquals("-2.5", Format.number(-2.5));
        assertEquals("4.00e-04", Format.number(0.0004));
        assertEquals("\u2013", Format.number(Double.NaN));
        assertEquals("+2.08", Format.signed(2.0812));
        assertEquals("0.00", Format.signed(-0.001));
        assertEquals("< 0.001", Format.pValue(4.4e-13));
        assertEquals("0.012", Format.pValue(0.0123));
        assertEquals("2,500", Format.tick(2500, 500));
        assertEquals("0.05", Format.tick(0.05, 0.05));
        assertEquals("0.25", Format.tick(0.25, 0.05));
        assertEquals("1.5M", Format.tick(1.5e6, 5e5));
        assertEquals("0.5M", Format.tick(5e5, 5e5));
        assertEquals("0", Format.tick(0, 5e5));
        assertEquals("3B", Format.tick(3e9, 1e9));
        assertEquals("1,234.50", Format.fixed(1234.5, 2));
    }

    @Test
    void scalesMapAndTickNicely() {
        Scale s = Scale.nice(0, 6467, 300, 0, 6);
        assertEquals(0, s.domainMin());
        assertEquals(7000, s.domainMax(), "1-2-5 steps rounded to the nearest: 1,000 here");
        assertArrayEquals(new double[] {0, 1000, 2000, 3000, 4000, 5000, 6000, 7000}, s.ticks(6));
        assertEquals(300, s.map(0), 1e-12);
        assertEquals(0, s.map(7000), 1e-12);
        assertEquals("7,000", s.label(7000, 6));
        Scale log = Scale.niceLog(3.75, 20_000, 0, 100);
        assertEquals(1, log.domainMin());
        assertEquals(100_000, log.domainMax(), 1e-9);
        assertArrayEquals(new double[] {1, 10, 100, 1000, 10_000, 100_000}, log.ticks(6), 1e-9);
        assertArrayEquals(new double[] {10, 20, 50, 100, 200, 500, 1000}, Scale.log(10, 1000, 0, 1).ticks(6), 1e-9);
        assertEquals(50, Scale.log(10, 1000, 0, 100).map(100), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Scale.log(0, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Scale.linear(Double.NaN, 1, 0, 1));
        Scale flat = Scale.nice(5, 5, 0, 1, 5);
        assertTrue(flat.domainMin() < 5 && flat.domainMax() > 5 && flat.ticks(5).length >= 2,
                "a zero-width domain is widened");
    }

    @Property(tries = 300)
    void ticksAreNiceIncreasingAndInsideTheDomain(@ForAll @DoubleRange(min = -1e6, max = 1e6) double a,
                                                   @ForAll @DoubleRange(min = 0.01, max = 1e6) double width,
                                                   @ForAll @IntRange(min = 2, max = 10) int count) {
        Scale s = Scale.nice(a, a + width, 0, 100, count);
        double step = s.tickStep(count);
        assertTrue(s.domainMin() <= a + step * 1e-6 && s.domainMax() >= a + width - step * 1e-6,
                "the nice domain covers the data (to rounding)");
        double[] t = s.ticks(count);
        assertTrue(t.length >= 2 && t.length <= 2 * count + 3, "about the requested count: " + t.length);
        double mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-12));
        assertTrue(List.of(1.0, 2.0, 5.0, 10.0).stream().anyMatch(m -> Math.abs(m - mantissa) < 1e-9),
                "a 1-2-5 step: " + step);
        for (int i = 0; i < t.length; i++) {
            assertTrue(t[i] >= s.domainMin() - step * 1e-6 && t[i] <= s.domainMax() + step * 1e-6);
            if (i > 0) {
                assertEquals(step, t[i] - t[i - 1], step * 1e-6);
            }
        }
    }

    @Test
    void markupEscapesAndPrintsCoordinatesExactly() {
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;", Markup.escape("a & b <c> \"d\" 'e'"));
        assertEquals("12.3", Markup.num(12.34));
        assertEquals("12", Markup.num(11.96));
        assertEquals("0", Markup.num(-0.04));
        assertEquals("-0.5", Markup.num(-0.46));
        assertEquals("1000000", Markup.num(1e6));
        assertThrows(IllegalArgumentException.class, () -> Markup.num(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new Markup().open("g", "class"));
        String m = new Markup().open("g", "a", "1", "b", null).element("text", "x < y", "c", "\"").close("g")
                .toString();
        assertEquals("<g a=\"1\"><text c=\"&quot;\">x &lt; y</text></g>", m);
    }

    @Test
    void paletteColoursAreDistinctAndTextStaysReadable() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < Palette.categoricalSize(); i++) {
            assertTrue(Palette.categorical(i).matches("#[0-9A-F]{6}"));
            assertTrue(seen.add(Palette.categorical(i)), "distinct colours");
        }
        assertEquals("#0072B2", Palette.categorical(0));
        assertEquals("#F7F7F7", Palette.diverging(0));
        assertEquals("#2166AC", Palette.diverging(-3));
        assertEquals("#B2182B", Palette.diverging(1));
        assertEquals("#F7FBFF", Palette.sequential(0));
        assertEquals("#08306B", Palette.sequential(1));
        assertEquals("#FFFFFF", Palette.textOn("#08306B"));
        assertEquals(Palette.INK, Palette.textOn("#F7FBFF"));
    }

    @Test
    void tablesAlignNumbersAndRejectRaggedRows() {
        DataTable t = DataTable.of("segment", "customers", "share").row("Champions", "357", "8.2%")
                .row("Lost", "1,134", "26.2%").build();
        String text = t.text();
        assertTrue(text.contains("Champions        357   8.2%"), text);
        assertTrue(text.contains("Lost           1,134  26.2%"), text);
        Markup m = new Markup();
        t.html(m, "cap", "What it holds");
        assertTrue(m.toString().startsWith("<p class=\"caption\" id=\"cap\">What it holds</p><table class=\"data\" "
                + "aria-describedby=\"cap\">"), m.toString());
        assertTrue(m.toString().contains("<td class=\"num\">1,134</td>"));
        assertThrows(IllegalArgumentException.class, () -> DataTable.of("a", "b").row("only one"));
    }
}
