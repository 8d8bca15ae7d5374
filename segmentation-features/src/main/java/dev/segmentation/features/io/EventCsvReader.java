/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.Events;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.TransactionColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads behavioural events (web, app, email) from a delimited text file into columnar {@link Events}, mapping
 * columns by name, with the same ingestion path as {@link TransactionCsvReader}: the same options
 * ({@link ReadOptions}), timestamps and zones ({@link TimedReaderBuilder}), errors, row policies and customer
 * identity.
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

    private EventCsvReader(ReaderSpec spec) {
        this.spec = spec;
    }

    /** A builder; the customer id, timestamp and event name columns are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The options this reader reads with. */
    public ReadOptions options() {
        return spec.options();
    }

    /**
     * Reads a file, plain or gzip-compressed.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws EventFormatException if a configured column is missing from the header, the file is empty or its
     *     header malformed, or a row is bad under a {@link RowPolicy#FAIL FAIL} policy
     * @throws IOException if the file cannot be read
     */
    public EventReadResult read(Path path) throws IOException {
        Checks.notNull("path", path);
        return Ingest.read(spec, path, this::read);
    }

    /**
     * Reads a stream, plain or gzip-compressed. The stream is read to the end but not closed.
     *
     * @throws EventFormatException as {@link #read(Path)}
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
        Ingest.warn(LOG, report);
        return new EventReadResult(events, report);
    }

    @Override
    public String toString() {
        return "EventCsvReader[customer=" + spec.customerColumn() + ", event=" + spec.orderColumn() + ", timestamp="
                + spec.timestampColumn() + " " + spec.timestampPatterns()
                + (spec.amountColumn() == null ? "" : ", value=" + spec.amountColumn()) + ", properties="
                + spec.keep() + ", " + spec.options() + "]";
    }

    /**
     * Builds an {@link EventCsvReader}. Each option can be set once; a second call throws
     * {@link IllegalStateException}. The options shared by every reader are those of {@link ReaderBuilder} and
     * {@link TimedReaderBuilder}.
     *
     * @since 0.1
     */
    public static final class Builder extends TimedReaderBuilder<Builder> {
        private String eventColumn;
        private String valueColumn;
        private final List<String> keep = new ArrayList<>();

        private Builder() {
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

        /**
         * The reader.
         *
         * @throws IllegalStateException if the customer id, timestamp or event name is not configured, or
         *     channel zones are given without a channel column
         * @throws IllegalArgumentException if one column is given two roles, the options contradict each other,
         *     or (without a header) a column is not among the given names
         */
        public EventCsvReader build() {
            Map<String, String> roles = roles();
            if (timestampColumn != null) {
                role(roles, timestampColumn, "timestamp");
            }
            if (eventColumn != null) {
                role(roles, eventColumn, "event name");
            }
            if (valueColumn != null) {
                role(roles, valueColumn, "value");
            }
            List<String> kept = new ArrayList<>(keep);
            for (int k = 0; k < kept.size(); k++) {
                role(roles, kept.get(k), "property");
            }
            if (channelColumn != null && !kept.contains(channelColumn)) {
                role(roles, channelColumn, "channel");
                kept.add(channelColumn);
            }
            checkTimed(roles);
            if (eventColumn == null) {
                throw new IllegalStateException("eventName(column) is required");
            }
            String[] stringRoles = new String[3];
            stringRoles[TransactionColumns.CHANNEL] = channelColumn;
            return new EventCsvReader(new ReaderSpec(RecordFormatException.Source.EVENTS, options, customerColumn,
                    normalizeDecimalIds, eventColumn, "event name", timestampColumn, timestampPatterns(),
                    channelColumn, Map.copyOf(channelZones), valueColumn, null, null, List.copyOf(kept), stringRoles,
                    List.of(), List.of(), List.of(), missingCustomer, null, duplicates, identity));
        }
    }
}
