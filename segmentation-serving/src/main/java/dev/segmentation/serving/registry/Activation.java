/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import java.time.Instant;

/**
 * One change of the active version, as kept in the registry's history.
 *
 * @param version the version made active
 * @param previous the version active before, or null for the first activation
 * @param kind an activation or a roll-back
 * @param at when
 * @param note who or what asked for it (free text, never a customer identifier)
 * @since 0.1
 */
public record Activation(String version, String previous, Kind kind, Instant at, String note) {

    /** The kinds of change. */
    public enum Kind {
        /** A version was activated. */
        ACTIVATE,
        /** The registry went back to an earlier version. */
        ROLLBACK
    }
}
