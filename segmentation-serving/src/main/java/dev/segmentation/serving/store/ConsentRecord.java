/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import java.time.Instant;

/**
 * A customer's consent revocation.
 *
 * @param customerId the customer
 * @param revokedAt when consent was revoked
 * @param source who or what recorded it (a system name; free text)
 * @param newlyRevoked false when the customer had already revoked consent (nothing changed)
 * @param membershipsRemoved the assignment rows deleted (every snapshot and every staging run)
 * @since 0.1
 */
public record ConsentRecord(String customerId, Instant revokedAt, String source, boolean newlyRevoked,
                            int membershipsRemoved) {
}
