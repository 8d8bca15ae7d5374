/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import dev.segmentation.features.Events;

import java.util.Objects;

/**
 * Zero-copy access to the columns behind {@link Events} for the module's own packages. Not API. Installed by
 * {@code Events}' static initialiser. An event table is held as {@link TransactionColumns} whose order column
 * is the event name and whose amount column is the event's value (0 when there is none). Columns obtained
 * here are read-only.
 */
public final class EventsAccess {
    /** What {@code Events} grants to this package. */
    public interface Accessor {
        /** The raw columns, not copied. */
        TransactionColumns columns(Events events);

        /** Events over the given columns, not copied. */
        Events wrap(TransactionColumns columns, boolean hasValues);
    }

    private static volatile Accessor accessor;

    private EventsAccess() {
    }

    /** Called once by {@code Events}. */
    public static void install(Accessor a) {
        if (accessor != null) {
            throw new IllegalStateException("accessor already installed");
        }
        accessor = Objects.requireNonNull(a);
    }

    /** The raw columns of {@code events}; read-only. */
    public static TransactionColumns columns(Events events) {
        return accessor().columns(events);
    }

    /** Events over {@code columns}, which they take over. */
    public static Events wrap(TransactionColumns columns, boolean hasValues) {
        return accessor().wrap(columns, hasValues);
    }

    private static Accessor accessor() {
        Accessor a = accessor;
        if (a == null) {
            try {
                Class.forName(Events.class.getName(), true, Events.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = accessor;
        }
        return a;
    }
}
