/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerIdentity;
import dev.segmentation.features.Events;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.TransactionColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads behavioural events (web, app, email) from a delimited text file into columnar {@link Events}, mapping
 * columns by name, with the same parsing, error report, row policies and customer identity as
 * {@link TransactionCsvReader} (see there for the rules on layouts, values, timestamps, zones and errors).
 *
 * <pre>{@code
 * EventCsvReader clicks = EventCsvReader.builder()
 *     .customerId("user_id")
 *     .timestamp("ts", TransactionCsvReader.ISO_8601)
 *     .eventName("event")
 *     .properties("page", "device")
 *     .channel("source").channelZone("store-kiosk", ZoneId.of("Europe/Lisbon"))
 *     .onDuplicate(RowPolicy.DROP)
 *     .build();
 * EventReadResult r = clicks.read(Path.of("events.csv.gz"));
 * }</pre>
 *
 * <p>Required: the customer id, the timestamp and the event name (an empty event name is a row error).
 * Optional: a numeric value column (dwell time, order value), property columns kept verbatim, a channel column
 * (a property with the per-channel-zone role).
 *
 * <p>Instances are immutable and thread-safe; each {@code read} uses its own parser state.
 *
 * @since 0.1
 */
public final class EventCsvReader {
    private static final Logger LOG = LoggerFactory.getLogger(EventCsvReader.class);

    private final ReaderSpec spec;

    private EventCsvReader(Builder b) {
        String[] roles = new String[3];
        roles[TransactionColumns.CHANNEL] = b.channelColumn;
        this.spec = new ReaderSpec(b.layout, b.columnNames, b.customerColumn, b.normalizeDecimalIds, b.eventColumn,
                "event name", b.timestampColumn, List.copyOf(b.timestampPatterns), b.zone, b.channelColumn,
                Map.copyOf(b.channelZones), b.valueColumn, null, null, List.copyOf(b.keep), roles, b.policy,
                b.maxErrorExamples, b.charset, b.missingCustomer, null, b.duplicates, b.identity);
    }

    /** A builder; the customer id, timestamp and event name columns are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a file, plain or gzip-compressed.
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws TransactionFormatException as {@link TransactionCsvReader#read(Path)}
     * @throws IOException if the file cannot be read
     */
    public EventReadResult read(Path path) throws IOException {
        Checks.notNull("path", path);
        InputStream in;
        try {
            in = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toAbsolutePath().toString(), null, "event file not found");
        }
        try (InputStream closing = in) {
            return read(closing, path.toString());
        }
    }

    /**
     * Reads a stream, plain or gzip-compressed. The stream is read to the end but not closed.
     *
     * @throws TransactionFormatException as {@link TransactionCsvReader#read(Path)}
     * @throws IOException if the stream cannot be read
     */
    public EventReadResult read(InputStream in, String sourceName) throws IOException {
        Checks.notNull("in", in);
        Checks.notNull("sourceName", sourceName);
        Ingest.Result r = Ingest.read(spec, in, sourceName);
        Events events = EventsAccess.wrap(r.columns(), spec.amountColumn() != null);
        ReadReport report = r.report();
        LOG.info("Read {} events from {}: kept {}, skipped {}, dropped {}", report.rowsRead(), sourceName,
                report.rowsKept(), report.rowsSkipped(), report.rowsDropped());
        if (report.rowsSkipped() > 0) {
            LOG.warn("Skipped {} bad rows in {}: {}", report.rowsSkipped(), sourceName, report.errorCounts());
        }
        return new EventReadResult(events, report);
    }

    @Override
    public String toString() {
        return "EventCsvReader[layout=" + spec.layout() + ", customer=" + spec.customerColumn() + ", event="
                + spec.orderColumn() + ", timestamp=" + spec.timestampColumn() + " " + spec.timestampPatterns() + " "
                + spec.zone() + (spec.amountColumn() == null ? "" : ", value=" + spec.amountColumn()) + ", properties="
                + spec.keep() + "]";
    }

    /**
     * Builds an {@link EventCsvReader}. Each option can be set once; a second call throws
     * {@link IllegalStateException}.
     *
     * @since 0.1
     */
    public static final class Builder {
        private TransactionCsvReader.Layout layout = TransactionCsvReader.Layout.CSV;
        private boolean layoutSet;
        private List<String> columnNames;
        private String customerColumn;
        private boolean normalizeDecimalIds;
        private String eventColumn;
        private String timestampColumn;
        private final List<String> timestampPatterns = new ArrayList<>();
        private ZoneId zone = ZoneOffset.UTC;
        private boolean zoneSet;
        private String channelColumn;
        private final Map<String, ZoneId> channelZones = new LinkedHashMap<>();
        private String valueColumn;
        private final List<String> keep = new ArrayList<>();
        private RowErrorPolicy policy = RowErrorPolicy.FAIL;
        private boolean policySet;
        private int maxErrorExamples = 10;
        private boolean maxSet;
        private Charset charset = StandardCharsets.UTF_8;
        private boolean charsetSet;
        private RowPolicy missingCustomer = RowPolicy.KEEP;
        private boolean missingCustomerSet;
        private RowPolicy duplicates = RowPolicy.KEEP;
        private boolean duplicatesSet;
        private CustomerIdentity identity;

        private Builder() {
        }

        /** The text layout (default CSV). */
        public Builder layout(TransactionCsvReader.Layout value) {
            Checks.notNull("layout", value);
            Checks.notYetSet("layout", layoutSet);
            layout = value;
            layoutSet = true;
            return this;
        }

        /**
         * The file has no header line; these are its column names, in order.
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder withoutHeader(String... names) {
            Checks.notNull("names", names);
            Checks.notYetSet("withoutHeader", columnNames != null);
            if (names.length == 0) {
                throw new IllegalArgumentException("withoutHeader needs at least one column name");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                if (!seen.add(name("names[" + i + "]", names[i]))) {
                    throw new IllegalArgumentException("Column name '" + names[i] + "' is given twice");
                }
            }
            columnNames = List.of(names);
            return this;
        }

        /** The customer id column (required); an empty value is a missing customer. */
        public Builder customerId(String column) {
            Checks.notYetSet("customerId", customerColumn != null);
            customerColumn = name("customerId", column);
            return this;
        }

        /** Ids such as {@code 17850.0} lose their zero decimals. */
        public Builder normalizeDecimalCustomerIds() {
            Checks.notYetSet("normalizeDecimalCustomerIds", normalizeDecimalIds);
            normalizeDecimalIds = true;
            return this;
        }

        /**
         * The timestamp column (required) and its patterns, as {@link TransactionCsvReader.Builder#timestamp}.
         *
         * @throws IllegalArgumentException if a pattern is invalid
         */
        public Builder timestamp(String column, String pattern, String... alternatives) {
            Checks.notYetSet("timestamp", timestampColumn != null);
            String c = name("timestamp column", column);
            timestampPatterns.addAll(TransactionCsvReader.Builder.patterns(pattern, alternatives));
            timestampColumn = c;
            return this;
        }

        /** The zone of local timestamps (default UTC); it also defines calendar days. */
        public Builder zone(ZoneId value) {
            Checks.notNull("zone", value);
            Checks.notYetSet("zone", zoneSet);
            zone = value;
            zoneSet = true;
            return this;
        }

        /** The event name column (required). */
        public Builder eventName(String column) {
            Checks.notYetSet("eventName", eventColumn != null);
            eventColumn = name("eventName", column);
            return this;
        }

        /** A numeric value column (optional; an empty or unparseable value is a row error). */
        public Builder value(String column) {
            Checks.notYetSet("value", valueColumn != null);
            valueColumn = name("value", column);
            return this;
        }

        /** Property columns to keep verbatim. */
        public Builder properties(String... columns) {
            Checks.notNull("columns", columns);
            for (int i = 0; i < columns.length; i++) {
                String c = name("properties[" + i + "]", columns[i]);
                if (keep.contains(c)) {
                    throw new IllegalArgumentException("Column '" + c + "' is kept twice");
                }
                keep.add(c);
            }
            return this;
        }

        /** The channel column (kept as a property). */
        public Builder channel(String column) {
            Checks.notYetSet("channel", channelColumn != null);
            channelColumn = name("channel", column);
            return this;
        }

        /** The zone of local timestamps of one channel, as {@link TransactionCsvReader.Builder#channelZone}. */
        public Builder channelZone(String channel, ZoneId channelZone) {
            Checks.notNull("channel", channel);
            Checks.notNull("channelZone", channelZone);
            if (channel.isEmpty()) {
                throw new IllegalArgumentException("channel must not be empty");
            }
            Checks.notYetSet("channelZone(" + channel + ")", channelZones.containsKey(channel));
            channelZones.put(channel, channelZone);
            return this;
        }

        /** What to do with a bad row (default {@link RowErrorPolicy#FAIL}). */
        public Builder onRowError(RowErrorPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onRowError", policySet);
            policy = value;
            policySet = true;
            return this;
        }

        /**
         * How many row errors the report keeps as examples (default 10).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder maxErrorExamples(int value) {
            Checks.atLeast("maxErrorExamples", value, 0);
            Checks.notYetSet("maxErrorExamples", maxSet);
            maxErrorExamples = value;
            maxSet = true;
            return this;
        }

        /** The text encoding (default UTF-8). */
        public Builder charset(Charset value) {
            Checks.notNull("charset", value);
            Checks.notYetSet("charset", charsetSet);
            charset = value;
            charsetSet = true;
            return this;
        }

        /** What to do with an event without customer id (default {@link RowPolicy#KEEP}). */
        public Builder onMissingCustomer(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onMissingCustomer", missingCustomerSet);
            missingCustomer = value;
            missingCustomerSet = true;
            return this;
        }

        /** What to do with exact duplicate events (default {@link RowPolicy#KEEP}). */
        public Builder onDuplicate(RowPolicy value) {
            Checks.notNull("policy", value);
            Checks.notYetSet("onDuplicate", duplicatesSet);
            duplicates = value;
            duplicatesSet = true;
            return this;
        }

        /** Aliases to merge and customers who opted out, applied to every event read. */
        public Builder identity(CustomerIdentity value) {
            Checks.notNull("identity", value);
            Checks.notYetSet("identity", identity != null);
            identity = value;
            return this;
        }

        private static String name(String what, String value) {
            Checks.notNull(what, value);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        /**
         * The reader.
         *
         * @throws IllegalStateException if the customer id, timestamp or event name is not configured, or
         *     channel zones are given without a channel column
         * @throws IllegalArgumentException if one column is given two roles, or (without a header) a column is
         *     not among the given names
         */
        public EventCsvReader build() {
            if (customerColumn == null) {
                throw new IllegalStateException("customerId(column) is required");
            }
            if (timestampColumn == null) {
                throw new IllegalStateException("timestamp(column, pattern) is required");
            }
            if (eventColumn == null) {
                throw new IllegalStateException("eventName(column) is required");
            }
            if (!channelZones.isEmpty() && channelColumn == null) {
                throw new IllegalStateException("channelZone(...) needs a channel column: call channel(column)");
            }
            List<String> used = new ArrayList<>(List.of(customerColumn, timestampColumn, eventColumn));
            if (valueColumn != null) {
                used.add(valueColumn);
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < used.size(); k++) {
                if (!seen.add(used.get(k)) || keep.contains(used.get(k))) {
                    throw new IllegalArgumentException("Column '" + used.get(k) + "' is given two roles");
                }
            }
            if (channelColumn != null && !keep.contains(channelColumn)) {
                if (seen.contains(channelColumn)) {
                    throw new IllegalArgumentException("Column '" + channelColumn + "' is given two roles");
                }
                keep.add(channelColumn);
            }
            if (columnNames != null) {
                List<String> all = new ArrayList<>(used);
                all.addAll(keep);
                for (int k = 0; k < all.size(); k++) {
                    if (!columnNames.contains(all.get(k))) {
                        throw new IllegalArgumentException("Column '" + all.get(k) + "' is not among the names given "
                                + "to withoutHeader: " + columnNames);
                    }
                }
            }
            return new EventCsvReader(this);
        }
    }
}
