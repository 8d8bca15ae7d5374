/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimestampParserTest {
    static long epoch(String instant) {
        return Instant.parse(instant).getEpochSecond();
    }

    @Test
    void fastPathIsChosenOnlyForFixedWidthNumericPatterns() {
        assertTrue(new TimestampParser("yyyy-MM-dd HH:mm:ss", ZoneOffset.UTC).hasFastPath());
        assertTrue(new TimestampParser("yyyyMMdd", ZoneOffset.UTC).hasFastPath());
        assertFalse(new TimestampParser("M/d/yy H:mm", ZoneOffset.UTC).hasFastPath());
        assertFalse(new TimestampParser("yyyy-MM-dd'T'HH:mm:ssXXX", ZoneOffset.UTC).hasFastPath());
        assertFalse(new TimestampParser("yyyy-MM-dd HH", ZoneOffset.UTC).hasFastPath());
    }

    @Test
    void parsesBothPathsAlike() {
        for (boolean exactOnly : new boolean[] {false, true}) {
            TimestampParser p = new TimestampParser("yyyy-MM-dd HH:mm:ss", ZoneOffset.UTC);
            TimestampParser d = new TimestampParser("yyyyMMdd", ZoneOffset.UTC);
            if (exactOnly) {
                p.exactOnly();
                d.exactOnly();
            }
            assertEquals(epoch("2010-12-01T08:26:00Z"), p.parse("2010-12-01 08:26:00"));
            assertEquals(epoch("2011-12-09T12:50:59Z"), p.parse("2011-12-09 12:50:59"));
            assertEquals(epoch("1997-01-01T00:00:00Z"), d.parse("19970101"));
            assertEquals(epoch("2012-02-29T00:00:00Z"), d.parse("20120229"));
            assertEquals(TimestampParser.ERROR, d.parse("20110229"));
            assertEquals(TimestampParser.ERROR, p.parse("2011-04-31 10:00:00"));
            assertEquals(TimestampParser.ERROR, p.parse("2011-04-30 24:00:00"));
            assertEquals(TimestampParser.ERROR, p.parse("2011-04-30 10:00"));
            assertEquals(TimestampParser.ERROR, p.parse("2011-04-30T10:00:00"));
            assertEquals(TimestampParser.ERROR, d.parse("0000101"));
        }
    }

    @Test
    void daylightSavingGapAndOverlapFollowZonedDateTime() {
        ZoneId london = ZoneId.of("Europe/London");
        TimestampParser p = new TimestampParser("yyyy-MM-dd HH:mm:ss", london);
        // 2011-03-27 01:30 does not exist in London: moved forward to 02:30 BST = 01:30Z
        assertEquals(epoch("2011-03-27T01:30:00Z"), p.parse("2011-03-27 01:30:00"));
        // 2011-10-30 01:30 happens twice: the earlier offset (BST) is used
        assertEquals(epoch("2011-10-30T00:30:00Z"), p.parse("2011-10-30 01:30:00"));
        assertEquals(epoch("2011-10-30T12:00:00Z"), p.parse("2011-10-30 12:00:00"));
        assertEquals(epoch("2011-10-31T00:00:00Z"), p.parse("2011-10-31 00:00:00"));
        assertEquals(epoch("2011-07-01T09:00:00Z"), p.parse("2011-07-01 10:00:00"));
    }

    @Test
    void patternWithOffsetUsesTheTextsInstant() {
        TimestampParser p = new TimestampParser("yyyy-MM-dd'T'HH:mm:ssXXX", ZoneId.of("Europe/London"));
        assertEquals(epoch("2011-07-01T08:00:00Z"), p.parse("2011-07-01T10:00:00+02:00"));
    }

    @Test
    void parsesFromASliceOfABuffer() {
        char[] buf = "xx20110101yy".toCharArray();
        assertEquals(epoch("2011-01-01T00:00:00Z"), new TimestampParser("yyyyMMdd", ZoneOffset.UTC).parse(buf, 2, 8));
        assertEquals(epoch("2011-01-01T00:00:00Z"),
                new TimestampParser("yyyyMMdd", ZoneOffset.UTC).exactOnly().parse(buf, 2, 8));
    }
}
