/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast parsing paths agree with the exact ones on every input, valid or not. */
class ParserProperties {
    private static final ZoneId[] ZONES = {ZoneOffset.UTC, ZoneId.of("Europe/London"), ZoneId.of("America/New_York"),
        ZoneOffset.ofHoursMinutes(5, 30), ZoneId.of("Australia/Lord_Howe")};

    @Property(tries = 3000)
    void fastAndExactTimestampPathsAgree(@ForAll("timestamps") String text, @ForAll("patterns") String pattern,
            @ForAll("zoneIndex") int zone) {
        TimestampParser fast = new TimestampParser(pattern, ZONES[zone]);
        TimestampParser exact = new TimestampParser(pattern, ZONES[zone]).exactOnly();
        assertTrue(fast.hasFastPath(), pattern);
        assertEquals(exact.parse(text), fast.parse(text), () -> "'" + text + "' with '" + pattern + "'");
    }

    @Provide
    Arbitrary<String> patterns() {
        return Arbitraries.of("yyyy-MM-dd HH:mm:ss", "yyyyMMdd", "uuuu-MM-dd", "dd/MM/yyyy HH:mm", "yyyy-MM-dd HH:mm");
    }

    @Provide
    Arbitrary<Integer> zoneIndex() {
        return Arbitraries.integers().between(0, ZONES.length - 1);
    }

    /** Timestamps near valid: random fields in and out of range, in several layouts, sometimes corrupted. */
    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<Integer> year = Arbitraries.oneOf(Arbitraries.integers().between(1990, 2030),
                Arbitraries.integers().between(0, 99999));
        Arbitrary<Integer> month = Arbitraries.integers().between(0, 13);
        Arbitrary<Integer> day = Arbitraries.integers().between(0, 32);
        Arbitrary<Integer> hour = Arbitraries.integers().between(0, 25);
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, 61);
        Arbitrary<Integer> layout = Arbitraries.integers().between(0, 4);
        Arbitrary<String> base = Combinators.combine(year, month, day, hour, minute, minute, layout)
                .as((y, mo, d, h, mi, s, l) -> {
                    switch (l) {
                        case 0:
                            return String.format("%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
                        case 1:
                            return String.format("%04d%02d%02d", y, mo, d);
                        case 2:
                            return String.format("%04d-%02d-%02d", y, mo, d);
                        case 3:
                            return String.format("%02d/%02d/%04d %02d:%02d", d, mo, y, h, mi);
                        default:
                            return String.format("%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
                    }
                });
        Arbitrary<Integer> corruptAt = Arbitraries.integers().between(-20, 19);
        Arbitrary<Character> junk = Arbitraries.of('x', ' ', '-', '9', '+', ':', '/');
        return Combinators.combine(base, corruptAt, junk).as((b, at, c) -> {
            if (at < 0 || at >= b.length()) {
                return b;
            }
            return b.substring(0, at) + c + b.substring(at + 1);
        });
    }

    @Property(tries = 3000)
    void decimalParserAgreesWithTheJdkBitForBit(@ForAll("decimals") String text) {
        char[] buf = ("##" + text + "#").toCharArray();
        double v = DecimalParser.parse(buf, 2, text.length());
        String trimmed = text.strip();
        double expected;
        try {
            expected = trimmed.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?") ? Double.parseDouble(trimmed)
                    : Double.NaN;
        } catch (NumberFormatException e) {
            expected = Double.NaN;
        }
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(v), () -> "'" + text + "'");
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> plain = Combinators.combine(
                Arbitraries.of("", "-", "+"),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20),
                Arbitraries.of("", "."),
                Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(25),
                Arbitraries.of("", "", "", "e5", "E-3", "e+300", "e400", "e", "x", " ", "d"))
                .as((s, a, p, b, e) -> s + a + p + b + e);
        Arbitrary<String> money = Arbitraries.doubles().between(-1e6, 1e6).ofScale(2)
                .map(d -> new BigDecimal(Double.toString(d)).toPlainString());
        Arbitrary<String> any = Arbitraries.doubles().map(Object::toString);
        return Arbitraries.oneOf(plain, money, any, Arbitraries.of("NaN", "Infinity", "0x1p3", "1_000", " 12 ", "."));
    }
}
