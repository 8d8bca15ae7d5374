/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import java.time.Instant;

/**
 * One row of the audit log: a customer's segment changed, or their consent changed.
 *
 * @param id the row's position in the log (increasing)
 * @param at when
 * @param customerId the customer
 * @param oldSegment the previous model label, or null (no previous segment, or a policy segment)
 * @param oldSegmentName the previous segment's name, or null when there was none
 * @param newSegment the new model label, or null
 * @param newSegmentName the new segment's name, or null when the customer no longer has one
 * @param modelVersion the model version of the new segment (or of the old one when it was removed), or null
 * @param reason {@code scored}, a fallback code, {@code removed}, {@code consent_revoked} or
 *     {@code consent_restored}
 * @param runId the batch run, or null for consent events
 * @since 0.1
 */
public record AuditEntry(long id, Instant at, String customerId, Integer oldSegment, String oldSegmentName,
                         Integer newSegment, String newSegmentName, String modelVersion, String reason, String runId) {

    /** The reason of a customer absent from the new snapshot. */
    public static final String REMOVED = "removed";
    /** The reason of a consent revocation. */
    public static final String CONSENT_REVOKED = "consent_revoked";
    /** The reason of a consent restoration. */
    public static final String CONSENT_RESTORED = "consent_restored";
}
