/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.TransactionColumns;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable, columnar table of behavioural events (page views, app opens, email clicks): who, when, what
 * (the event name), an optional numeric value, and any number of string properties (page, device, campaign).
 * The input of {@link dev.segmentation.features.behaviour.Sessions},
 * {@link dev.segmentation.features.behaviour.DecayedEngagement} and
 * {@link dev.segmentation.features.behaviour.NavigationMotifs}; read from CSV with
 * {@link dev.segmentation.features.io.EventCsvReader} or built with {@link #builder()}.
 *
 * <p>Rows may come in any order; every computation orders them itself. Customer ids, event names and
 * property values are dictionary-encoded as in {@link Transactions}; a row may lack a customer id
 * ({@link #customerCode(int)} {@code = -1}).
 *
 * <p>Instances are immutable and thread-safe; accessors that return arrays return copies.
 *
 * @since 0.1
 */
public final class Events extends CustomerRows {
    static {
        EventsAccess.install(new EventsAccess.Accessor() {
            @Override
            public TransactionColumns columns(Events events) {
                return events.c;
            }

            @Override
            public Events wrap(TransactionColumns columns, boolean hasValues) {
                return new Events(columns, hasValues);
            }
        });
    }

    private final boolean hasValues;
    private final List<String> propertyNames;

    private Events(TransactionColumns c, boolean hasValues) {
        super(c);
        this.hasValues = hasValues;
        this.propertyNames = List.of(c.stringNames);
    }

    /** A builder for events held in memory, in the UTC zone by default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The event name of row {@code i}. */
    public String eventName(int i) {
        return c.orderIds[c.order[index(i)]];
    }

    /** The code of the event name of row {@code i}, an index into {@link #eventNames()}. */
    public int eventCode(int i) {
        return c.order[index(i)];
    }

    /** The distinct event names, by code; unmodifiable. */
    public List<String> eventNames() {
        return Collections.unmodifiableList(Arrays.asList(c.orderIds));
    }

    /** Whether the events carry a numeric value. */
    public boolean hasValues() {
        return hasValues;
    }

    /** The value of row {@code i} (0 when the events have no value column). */
    public double value(int i) {
        return c.amount[index(i)];
    }

    /** The names of the property columns; unmodifiable. */
    public List<String> propertyNames() {
        return propertyNames;
    }

    /**
     * The value of a property at row {@code i}.
     *
     * @throws IllegalArgumentException if there is no such property
     */
    public String property(String name, int i) {
        int k = c.stringColumn(Checks.notNull("name", name));
        if (k < 0) {
            throw new IllegalArgumentException("No property '" + name + "'; the properties are " + propertyNames);
        }
        return c.stringValues[k][c.stringCodes[k][index(i)]];
    }

    /**
     * The events at the given rows, in that order.
     *
     * @param rows row indices. Not modified.
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Events select(int[] rows) {
        Checks.notNull("rows", rows);
        return new Events(c.select(rows), hasValues);
    }

    @Override
    public String toString() {
        return "Events[" + c.size + " rows, " + c.customerIds.length + " customers, " + c.orderIds.length
                + " event names, zone=" + c.zone + (propertyNames.isEmpty() ? "" : ", properties=" + propertyNames)
                + "]";
    }

    /**
     * Builds {@link Events} row by row. Not thread-safe.
     *
     * @since 0.1
     */
    public static final class Builder extends RowTableBuilder<Builder> {
        private boolean values;

        private Builder() {
            super("event", "property");
        }

        /**
         * The property columns, in the order {@link #add} takes their values; set before the first event.
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         * @throws IllegalStateException if set twice or after an event was added
         */
        public Builder properties(String... names) {
            return declareStrings("properties", "Property name", names);
        }

        /**
         * Adds an event without a value.
         *
         * @param customerId the customer, or null when unknown
         * @param time when
         * @param eventName what happened; not blank
         * @param propertyValues one per property (null is stored as an empty string)
         * @throws IllegalArgumentException if the event name is blank or the property count is wrong
         */
        public Builder add(String customerId, Instant time, String eventName, String... propertyValues) {
            return add(customerId, time, eventName, 0, propertyValues);
        }

        /**
         * Adds an event with a value (the table then {@linkplain Events#hasValues() has values}).
         *
         * @throws IllegalArgumentException if the value is not finite, the event name is blank or the property
         *     count is wrong
         */
        public Builder addWithValue(String customerId, Instant time, String eventName, double value,
                String... propertyValues) {
            if (value - value != 0) {
                throw new IllegalArgumentException("Non-finite value " + value + " in event " + size());
            }
            values = true;
            return add(customerId, time, eventName, value, propertyValues);
        }

        private Builder add(String customerId, Instant time, String eventName, double value, String[] props) {
            Checks.notNull("time", time);
            Checks.notNull("eventName", eventName);
            Checks.notNull("propertyValues", props);
            if (eventName.isBlank()) {
                throw new IllegalArgumentException("Blank event name in event " + size());
            }
            addRow(customerId, eventName, time, value, props);
            return this;
        }

        /** The events (possibly none); the builder must not be used afterwards. */
        public Events build() {
            return new Events(finish(), values);
        }
    }
}
