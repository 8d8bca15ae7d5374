/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

/**
 * Why an answer is not the active model's own segment for the record. Every expected case has a code, and
 * the service counts each one; none of them is an error to the caller.
 *
 * @since 0.1
 */
public enum FallbackReason {
    /** Not enough history for the features (a cold-start rule matched): a rule's or the default segment. */
    COLD_START,
    /** The record is farther from its nearest segment than the policy's threshold: the default segment. */
    FAR_FROM_SEGMENTS,
    /** A density model (DBSCAN) left the record out of every segment: the default segment. */
    NOISE,
    /** The scorer failed on the record; the customer's stored, unexpired assignment was served. */
    SCORER_FAILURE_LAST_KNOWN,
    /** The scorer failed on the record and no fresh stored assignment exists: the default segment. */
    SCORER_FAILURE_DEFAULT,
    /** The stored membership has expired (TTL): not served as current. */
    MEMBERSHIP_EXPIRED,
    /** The customer revoked consent: no segment is served. */
    CONSENT_REVOKED;

    /** The code written to answers, metrics and the store: the lower-case name. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
