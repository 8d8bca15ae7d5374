/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link LiveScorer} asks about a known customer: consent, and the last stored membership (served when
 * the scorer fails). The assignment store implements it.
 *
 * <p>Implementations are thread-safe. A source that cannot answer throws (an unchecked exception naming the
 * cause): the scorer then serves no segment for that customer rather than guess at consent.
 *
 * @since 0.1
 */
public interface MembershipSource {

    /** Whether the customer revoked consent. */
    boolean isSuppressed(String customerId);

    /** Of the given customers, those who revoked consent. */
    Set<String> suppressedAmong(Collection<String> customerIds);

    /** The customer's membership if it is stored, unexpired at the source's clock, and consented. */
    Optional<Membership> currentMembership(String customerId);
}
