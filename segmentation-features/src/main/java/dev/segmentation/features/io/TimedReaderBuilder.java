/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the readers whose rows have a timestamp ({@link TransactionCsvReader},
 * {@link EventCsvReader}): the timestamp column and its patterns, the zone of local times, and a channel
 * column whose values can have zones of their own. Not meant to be extended outside this package.
 *
 * <h2>Timestamps</h2>
 * A timestamp is parsed with a {@link java.time.format.DateTimeFormatter} pattern in
 * {@link java.time.format.ResolverStyle#STRICT strict} mode (an impossible date such as {@code 2011-02-30} is
 * an error) and placed in the {@link #zone zone}; a date-only pattern such as {@code yyyyMMdd} gives the start
 * of that day. With several patterns each value takes the first that parses it. {@link TransactionCsvReader#ISO_8601}
 * reads ISO-8601 timestamps; one that carries an offset ({@code 2011-12-09T12:50:00+01:00}) keeps its own
 * instant. A timestamp column declared without patterns uses {@link ReadOptions#timestampPatterns()}. Every
 * timestamp is stored as epoch seconds, UTC. Fixed-width numeric patterns such as {@code yyyy-MM-dd HH:mm:ss}
 * and {@code yyyyMMdd} take an allocation-free path that agrees with the formatter on every input.
 *
 * @param <B> the builder's own type
 * @since 0.1
 */
public abstract class TimedReaderBuilder<B extends TimedReaderBuilder<B>> extends ReaderBuilder<B> {
    String timestampColumn;
    private List<String> timestampPatterns;
    String channelColumn;
    final Map<String, ZoneId> channelZones = new LinkedHashMap<>();

    TimedReaderBuilder() {
        super(false);
    }

    /**
     * The timestamp column (required), read with {@link ReadOptions#timestampPatterns()} (by default
     * {@link TransactionCsvReader#ISO_8601}; see {@link ReadOptions#withTimestampPatterns}).
     */
    public B timestamp(String column) {
        Checks.notYetSet("timestamp", timestampColumn != null);
        timestampColumn = name("timestamp column", column);
        return self();
    }

    /**
     * The timestamp column (required) and its patterns, such as {@code yyyy-MM-dd HH:mm:ss} or
     * {@code yyyyMMdd} (a date alone means the start of that day), or {@link TransactionCsvReader#ISO_8601}. With
     * alternatives (for example {@code d/M/yyyy H:mm} and {@code yyyy-MM-dd HH:mm:ss} in a file assembled from
     * two exports) each value takes the first pattern that parses it.
     *
     * @throws IllegalArgumentException if a pattern is invalid
     */
    public B timestamp(String column, String pattern, String... alternatives) {
        Checks.notYetSet("timestamp", timestampColumn != null);
        String c = name("timestamp column", column);
        timestampPatterns = ReadOptions.patterns(pattern, alternatives);
        timestampColumn = c;
        return self();
    }

    /**
     * The zone of local timestamps (default UTC); it also defines calendar days for RFM. Other channels than
     * those given a {@link #channelZone} use it.
     */
    public B zone(ZoneId value) {
        return option("zone", options.withZone(value));
    }

    /**
     * The channel column (kept as a string column), for example {@code web}, {@code store}, {@code app}.
     *
     * @throws IllegalStateException if set twice
     */
    public B channel(String column) {
        Checks.notYetSet("channel", channelColumn != null);
        channelColumn = name("channel", column);
        return self();
    }

    /**
     * The zone of the local timestamps of rows whose channel is {@code channel} (for example store tills in
     * local time and a web shop in UTC); other channels use {@link #zone}. Needs a {@link #channel channel
     * column}.
     *
     * @throws IllegalArgumentException if the channel is empty
     * @throws IllegalStateException if that channel's zone is already set
     */
    public B channelZone(String channel, ZoneId channelZone) {
        Checks.notNull("channel", channel);
        Checks.notNull("channelZone", channelZone);
        if (channel.isEmpty()) {
            throw new IllegalArgumentException("channel must not be empty");
        }
        Checks.notYetSet("channelZone(" + channel + ")", channelZones.containsKey(channel));
        channelZones.put(channel, channelZone);
        return self();
    }

    /** The patterns in force: the column's own, or the options'. */
    final List<String> timestampPatterns() {
        return timestampPatterns != null ? timestampPatterns : options.timestampPatterns();
    }

    /** The checks of {@link ReaderBuilder#check} and of the timestamp and channel options. */
    final void checkTimed(Map<String, String> roles) {
        if (customerColumn == null) {
            throw new IllegalStateException("customerId(column) is required");
        }
        if (timestampColumn == null) {
            throw new IllegalStateException("timestamp(column, pattern) is required");
        }
        if (!channelZones.isEmpty() && channelColumn == null) {
            throw new IllegalStateException("channelZone(...) needs a channel column: call channel(column)");
        }
        check(roles);
    }
}
