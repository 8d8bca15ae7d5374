/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import java.nio.CharBuffer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;

/**
 * Parses timestamps to epoch seconds from a slice of a {@code char[]}, with an exact path through
 * {@link DateTimeFormatter} and a fast path for fixed-width numeric patterns. Not API.
 *
 * <h2>Exact path</h2>
 * The pattern is compiled with {@link DateTimeFormatterBuilder#appendPattern}, {@link Locale#ROOT}, the era
 * defaulted to CE (so that {@code yyyy} works) and {@link ResolverStyle#STRICT}, so that an impossible date
 * such as {@code 2011-02-30} is an error rather than silently moved to another day. If the pattern carries a
 * zone or offset and a time, the text's own instant is used. Otherwise the local date and time are placed in
 * the parser's zone with {@link LocalDateTime#atZone} (a time in a daylight-saving gap moves forward; in an
 * overlap the earlier offset is used); a date alone means {@link LocalDate#atStartOfDay(ZoneId) the start of
 * that day}. Fractions of a second are truncated.
 *
 * <h2>Fast path</h2>
 * Used when the pattern is built only from {@code yyyy} or {@code uuuu}, {@code MM}, {@code dd} and
 * optionally {@code HH}, {@code mm} and {@code ss} (each at most once, hours and minutes together), joined by
 * the literals {@code - / : . ,} and space, for example {@code yyyy-MM-dd HH:mm:ss} or {@code yyyyMMdd}. A
 * text is taken by the fast path only when it has exactly the pattern's length, digits where the pattern has
 * letters, the same literals, and fields in range (month 1-12, a day that exists in that month, hour 0-23,
 * minute and second 0-59, year >= 1). Anything else goes to the exact path, which then either parses it
 * (for example a five-digit year) or reports the error, so the two paths cannot disagree. The conversion to
 * epoch seconds caches the last day seen: the epoch day, and whether the zone's offset is constant over the
 * day (no transition inside it), in which case the offset is applied arithmetically; on a transition day the
 * exact {@link LocalDateTime#atZone} is used.
 *
 * <p>Not thread-safe (it caches the last day): one instance per reader.
 */
public final class TimestampParser {
    /** Field kinds of the fast path. */
    private static final byte LITERAL = 0;
    private static final byte YEAR = 1;
    private static final byte MONTH = 2;
    private static final byte DAY = 3;
    private static final byte HOUR = 4;
    private static final byte MINUTE = 5;
    private static final byte SECOND = 6;

    private final String pattern;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final DateTimeFormatter formatter;
    /** Per character of the text: LITERAL or a field kind; null when the pattern has no fast path. */
    private final byte[] layout;
    /** The literal expected at each LITERAL position. */
    private final char[] literals;

    private boolean fastEnabled;
    private int cachedYear = Integer.MIN_VALUE;
    private int cachedMonth;
    private int cachedDay;
    private long cachedDayStartLocal;   // epoch day * 86400
    private long cachedOffset;          // seconds, valid when cachedFixed
    private boolean cachedFixed;
    private boolean cachedValid;

    /**
     * A parser for {@code pattern} in {@code zone}.
     *
     * @throws IllegalArgumentException if the pattern is not a valid {@link DateTimeFormatter} pattern
     */
    public TimestampParser(String pattern, ZoneId zone) {
        this.pattern = pattern;
        this.zone = zone;
        this.rules = zone.getRules();
        this.formatter = compile(pattern);
        byte[] l = new byte[pattern.length()];
        char[] lit = new char[pattern.length()];
        this.layout = fastLayout(pattern, l, lit) ? l : null;
        this.literals = lit;
        this.fastEnabled = layout != null;
    }

    /**
     * The pattern name that selects ISO-8601 parsing: a date ({@code 2011-12-09}), optionally followed by
     * {@code T}, a time with optional fraction ({@code 12:50}, {@code 12:50:00.123}), an optional offset
     * ({@code Z}, {@code +01:00}) and an optional zone region in brackets ({@code [Europe/Paris]}).
     * Timestamps with an offset or region keep their own instant; the others are local times in the
     * parser's zone.
     */
    public static final String ISO_8601 = "ISO-8601";

    /**
     * The strict formatter for a pattern.
     *
     * @throws IllegalArgumentException if the pattern is invalid
     */
    public static DateTimeFormatter compile(String pattern) {
        if (ISO_8601.equals(pattern)) {
            return new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .append(DateTimeFormatter.ISO_LOCAL_DATE)
                    .optionalStart()
                    .appendLiteral('T')
                    .append(DateTimeFormatter.ISO_LOCAL_TIME)
                    .optionalStart().appendOffsetId().optionalEnd()
                    .optionalStart().appendLiteral('[').parseCaseSensitive().appendZoneRegionId().appendLiteral(']')
                    .optionalEnd()
                    .optionalEnd()
                    .toFormatter(Locale.ROOT)
                    .withChronology(java.time.chrono.IsoChronology.INSTANCE)
                    .withResolverStyle(ResolverStyle.STRICT);
        }
        return new DateTimeFormatterBuilder()
                .appendPattern(pattern)
                .parseDefaulting(ChronoField.ERA, 1)
                .toFormatter(Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    /** The pattern. */
    public String pattern() {
        return pattern;
    }

    /** Whether the pattern has a fast path (and it is enabled). */
    public boolean hasFastPath() {
        return fastEnabled;
    }

    /** Turns the fast path off, so that every text takes the exact path (for tests that compare them). */
    public TimestampParser exactOnly() {
        fastEnabled = false;
        return this;
    }

    /** Returned for text that does not match the pattern; a valid result can never be this value. */
    public static final long ERROR = Long.MIN_VALUE;

    /**
     * The epoch second of the text {@code buf[off .. off + len)}, or {@link #ERROR}.
     *
     * @param buf characters. Not modified.
     */
    public long parse(char[] buf, int off, int len) {
        if (fastEnabled && len == layout.length) {
            long v = fast(buf, off);
            if (v != ERROR) {
                return v;
            }
        }
        return exact(CharBuffer.wrap(buf, off, len));
    }

    /** The epoch second of {@code text}, or {@link #ERROR}. */
    public long parse(String text) {
        return parse(text.toCharArray(), 0, text.length());
    }

    private long fast(char[] buf, int off) {
        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        byte[] l = layout;
        for (int i = 0; i < l.length; i++) {
            char c = buf[off + i];
            byte kind = l[i];
            if (kind == LITERAL) {
                if (c != literals[i]) {
                    return ERROR;
                }
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                return ERROR;
            }
            switch (kind) {
                case YEAR:
                    year = year * 10 + d;
                    break;
                case MONTH:
                    month = month * 10 + d;
                    break;
                case DAY:
                    day = day * 10 + d;
                    break;
                case HOUR:
                    hour = hour * 10 + d;
                    break;
                case MINUTE:
                    minute = minute * 10 + d;
                    break;
                default:
                    second = second * 10 + d;
                    break;
            }
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return ERROR;
        }
        if (year != cachedYear || month != cachedMonth || day != cachedDay) {
            cacheDay(year, month, day);
        }
        if (!cachedValid) {
            return ERROR;
        }
        int secondOfDay = hour * 3600 + minute * 60 + second;
        if (cachedFixed) {
            return cachedDayStartLocal + secondOfDay - cachedOffset;
        }
        return LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toEpochSecond();
    }

    private void cacheDay(int year, int month, int day) {
        cachedYear = year;
        cachedMonth = month;
        cachedDay = day;
        cachedValid = false;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > 28
                && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return;
        }
        LocalDate date = LocalDate.of(year, month, day);
        cachedDayStartLocal = date.toEpochDay() * 86_400L;
        if (rules.isFixedOffset()) {
            cachedOffset = rules.getOffset(Instant.EPOCH).getTotalSeconds();
            cachedFixed = true;
        } else {
            // The offset is constant over the day if no transition falls within [start - 1 day, end + 1 day]
            // in UTC: a generous window that covers every offset in use (at most +-18 hours).
            Instant from = Instant.ofEpochSecond(cachedDayStartLocal - 86_400L);
            Instant to = Instant.ofEpochSecond(cachedDayStartLocal + 2 * 86_400L);
            ZoneOffsetTransition next = rules.nextTransition(from);
            cachedFixed = next == null || !next.getInstant().isBefore(to);
            cachedOffset = rules.getOffset(Instant.ofEpochSecond(cachedDayStartLocal)).getTotalSeconds();
        }
        cachedValid = true;
    }

    private long exact(CharSequence text) {
        try {
            TemporalAccessor t = formatter.parse(text);
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return t.getLong(ChronoField.INSTANT_SECONDS);
            }
            LocalDate date = t.query(TemporalQueries.localDate());
            if (date == null) {
                return ERROR;
            }
            LocalTime time = t.query(TemporalQueries.localTime());
            return time == null ? date.atStartOfDay(zone).toEpochSecond()
                    : LocalDateTime.of(date, time).atZone(zone).toEpochSecond();
        } catch (DateTimeException e) {
            return ERROR;
        }
    }

    /**
     * Fills {@code l}/{@code lit} with the fast layout of {@code p}; false if {@code p} has no fast path.
     */
    private static boolean fastLayout(String p, byte[] l, char[] lit) {
        int seen = 0;
        int i = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            int run = 1;
            while (i + run < p.length() && p.charAt(i + run) == c) {
                run++;
            }
            byte kind;
            int width;
            switch (c) {
                case 'y':
                case 'u':
                    kind = YEAR;
                    width = 4;
                    break;
                case 'M':
                    kind = MONTH;
                    width = 2;
                    break;
                case 'd':
                    kind = DAY;
                    width = 2;
                    break;
                case 'H':
                    kind = HOUR;
                    width = 2;
                    break;
                case 'm':
                    kind = MINUTE;
                    width = 2;
                    break;
                case 's':
                    kind = SECOND;
                    width = 2;
                    break;
                case '-':
                case '/':
                case ':':
                case '.':
                case ',':
                case ' ':
                    for (int k = 0; k < run; k++) {
                        l[i + k] = LITERAL;
                        lit[i + k] = c;
                    }
                    i += run;
                    continue;
                default:
                    return false;
            }
            if (run != width || (seen & (1 << kind)) != 0) {
                return false;
            }
            seen |= 1 << kind;
            for (int k = 0; k < run; k++) {
                l[i + k] = kind;
            }
            i += run;
        }
        int date = (1 << YEAR) | (1 << MONTH) | (1 << DAY);
        int hm = (1 << HOUR) | (1 << MINUTE);
        return seen == date || seen == (date | hm) || seen == (date | hm | (1 << SECOND));
    }

}
