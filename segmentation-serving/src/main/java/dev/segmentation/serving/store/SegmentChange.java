/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

/**
 * How one customer's membership differs between two snapshots.
 *
 * @param customerId the customer
 * @param kind added, changed or removed
 * @param oldSegment the previous label, or null
 * @param oldSegmentName the previous segment name, or null (added)
 * @param oldModelVersion the previous model version, or null
 * @param newSegment the new label, or null
 * @param newSegmentName the new segment name, or null (removed)
 * @param newModelVersion the new model version, or null
 * @since 0.1
 */
public record SegmentChange(String customerId, Kind kind, Integer oldSegment, String oldSegmentName,
                            String oldModelVersion, Integer newSegment, String newSegmentName, String newModelVersion) {

    /** The kinds of change. */
    public enum Kind {
        /** In the new snapshot only. */
        ADDED,
        /** In both, under different segment names. */
        CHANGED,
        /** In the old snapshot only. */
        REMOVED;

        /** The lower-case name, as exported. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
