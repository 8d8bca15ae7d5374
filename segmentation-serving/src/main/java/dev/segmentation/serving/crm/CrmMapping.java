/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.crm;

import dev.segmentation.core.internal.Checks;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How one target system (a CRM, a marketing platform) names our segments: our segment name to the target's
 * code and display name, and the target's column names for the export.
 * <pre>{@code
 * CrmMapping crm = CrmMapping.builder("salesforce")
 *     .segment("Champions", "SEG-01", "VIP")
 *     .segment("Lost", "SEG-09", "Win-back")
 *     .columns("ContactId", "Segment__c", "SegmentName__c")
 *     .build();
 * }</pre>
 * Our side is keyed by segment <em>name</em>, the identity of a segment across model versions (labels are
 * renumbered by every refit). Several of our segments may map to one target code; a move between them is then
 * no change for the target and is not exported. A segment the mapping does not know fails the export with its
 * name, unless {@link Builder#skipUnmapped()} was chosen.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class CrmMapping {
    private final String target;
    private final Map<String, Target> segments;
    private final boolean skipUnmapped;
    private final String customerColumn;
    private final String codeColumn;
    private final String nameColumn;

    private CrmMapping(Builder b) {
        this.target = b.target;
        this.segments = Map.copyOf(b.segments);
        this.skipUnmapped = b.skipUnmapped;
        this.customerColumn = b.customerColumn;
        this.codeColumn = b.codeColumn;
        this.nameColumn = b.nameColumn;
    }

    /**
     * A builder for the target system {@code target}.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static Builder builder(String target) {
        return new Builder(text("target", target));
    }

    /**
     * The target's code and name of a segment.
     *
     * @param code the target system's identifier
     * @param name the target system's display name
     */
    public record Target(String code, String name) {
    }

    /** The target system's name. */
    public String target() {
        return target;
    }

    /** The target of one of our segments, if mapped. */
    public Optional<Target> target(String segmentName) {
        return Optional.ofNullable(segments.get(segmentName));
    }

    /** Whether changes into or out of unmapped segments are skipped rather than refused. */
    public boolean skipsUnmapped() {
        return skipUnmapped;
    }

    /** The column of the customer identifier. */
    public String customerColumn() {
        return customerColumn;
    }

    /** The column of the target's segment code. */
    public String codeColumn() {
        return codeColumn;
    }

    /** The column of the target's segment name. */
    public String nameColumn() {
        return nameColumn;
    }

    /** The columns of an export, in order. */
    public List<String> columns() {
        return List.of("change", customerColumn, codeColumn, nameColumn, "previous_" + codeColumn,
                "previous_" + nameColumn, "model_version");
    }

    private static String text(String what, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("The " + what + " is blank");
        }
        return v;
    }

    /** Builds a {@link CrmMapping}. */
    public static final class Builder {
        private final String target;
        private final Map<String, Target> segments = new LinkedHashMap<>();
        private boolean skipUnmapped;
        private String customerColumn = "customer_id";
        private String codeColumn = "segment_code";
        private String nameColumn = "segment_name";

        private Builder(String target) {
            this.target = target;
        }

        /**
         * Maps our segment {@code ourName} to the target's {@code code} and {@code name}.
         *
         * @throws IllegalArgumentException if a text is blank or the segment is already mapped
         */
        public Builder segment(String ourName, String code, String name) {
            text("segment name", ourName);
            if (segments.containsKey(ourName)) {
                throw new IllegalArgumentException("Segment '" + ourName + "' is mapped twice for " + target);
            }
            segments.put(ourName, new Target(text("code of '" + ourName + "'", code),
                    text("target name of '" + ourName + "'", name)));
            return this;
        }

        /** Skips changes into or out of segments the mapping does not know, instead of refusing the export. */
        public Builder skipUnmapped() {
            skipUnmapped = true;
            return this;
        }

        /**
         * The target's column names for the customer, the segment code and the segment name.
         *
         * @throws IllegalArgumentException if a name is blank or two are equal, or one is a fixed column
         */
        public Builder columns(String customer, String code, String name) {
            Set<String> all = new LinkedHashSet<>(List.of(text("customer column", customer), text("code column", code),
                    text("name column", name)));
            if (all.size() != 3 || all.contains("change") || all.contains("model_version")) {
                throw new IllegalArgumentException("The columns " + all + " must be three distinct names other than "
                        + "'change' and 'model_version'");
            }
            customerColumn = customer;
            codeColumn = code;
            nameColumn = name;
            return this;
        }

        /**
         * The mapping.
         *
         * @throws IllegalStateException if no segment is mapped
         */
        public CrmMapping build() {
            if (segments.isEmpty()) {
                throw new IllegalStateException("The mapping for " + target + " maps no segment");
            }
            Checks.notNull("target", target);
            return new CrmMapping(this);
        }
    }
}
