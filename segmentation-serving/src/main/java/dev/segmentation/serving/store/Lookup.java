/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.serving.Membership;

import java.util.Optional;

/**
 * The answer of a stored-membership lookup.
 *
 * @param state what the store knows of the customer
 * @param membershipOrNull the stored membership ({@link State#CURRENT} and {@link State#EXPIRED} only)
 * @since 0.1
 */
public record Lookup(State state, Membership membershipOrNull) {

    /** What the store knows of a customer. */
    public enum State {
        /** A membership in the current snapshot, not expired: serve it. */
        CURRENT,
        /** A membership in the current snapshot whose TTL has passed: not to be served as current. */
        EXPIRED,
        /** The customer revoked consent: serve no segment. */
        SUPPRESSED,
        /** The current snapshot does not hold the customer. */
        UNKNOWN
    }

    /** The membership, for {@link State#CURRENT} and {@link State#EXPIRED}. */
    public Optional<Membership> membership() {
        return Optional.ofNullable(membershipOrNull);
    }
}
