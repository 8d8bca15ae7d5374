/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * A customer's stored segment membership: which segment, from which model version, when it was assigned and
 * until when it may be served as current.
 *
 * @param customerId the customer
 * @param segmentOrNull the model's label, or null for a segment of the fallback policy (a default or cold-start
 *     segment that is not one of the model's)
 * @param segmentName the segment's name, its identity across model versions
 * @param confidenceOrNaN the model's confidence, or NaN when there was none
 * @param reason {@code "scored"} for the model's own segment, else a {@link FallbackReason#code()}
 * @param modelVersion the model version that assigned it
 * @param runId the batch run that wrote it
 * @param assignedAt when it was assigned
 * @param expiresAt from when it is no longer current
 * @since 0.1
 */
public record Membership(String customerId, Integer segmentOrNull, String segmentName, double confidenceOrNaN,
                         String reason, String modelVersion, String runId, Instant assignedAt, Instant expiresAt) {

    /** The reason stored for the model's own segment. */
    public static final String SCORED = "scored";

    /** The model's label, if the segment is one of the model's. */
    public OptionalInt segment() {
        return segmentOrNull == null ? OptionalInt.empty() : OptionalInt.of(segmentOrNull);
    }

    /** Whether the membership is still current at {@code now}. */
    public boolean isCurrentAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
