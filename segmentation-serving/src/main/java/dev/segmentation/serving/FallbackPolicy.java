/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import dev.segmentation.serving.registry.DistanceProfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * What a service answers when the model's own segment is not the right answer, each case with a
 * {@link FallbackReason}:
 * <pre>{@code
 * FallbackPolicy policy = FallbackPolicy.builder()
 *     .defaultSegment("Unclassified")                    // served when nothing better is known
 *     .coldStart("frequency", 2, "New customers")         // fewer than 2 orders: not enough history
 *     .farFromSegments(0.99)                              // beyond the 99th percentile of training distances
 *     .build();
 * }</pre>
 *
 * <h2>Segments of the policy</h2>
 * The default and cold-start segments are given by name. A name that is one of the model's segment names is
 * served as that segment (with its label); any other name is a segment of the service itself, served without
 * a model label. Names are the identity of segments across model versions, so a policy keeps working when a
 * refit permutes the labels.
 *
 * <h2>Order of the checks</h2>
 * Cold-start rules first (in the order given; a missing value counts as not enough history), then the model; a
 * scorer failure serves the customer's stored membership if it is unexpired, else the default; DBSCAN noise and
 * records beyond the distance threshold get the default. Consent is checked before all of them by the
 * {@link LiveScorer}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class FallbackPolicy {
    /** The default segment's name unless another is given. */
    public static final String DEFAULT_SEGMENT = "unassigned";

    private final String defaultSegment;
    private final List<ColdStartRule> coldStart;
    private final double farQuantile;
    private final double farDistance;

    private FallbackPolicy(Builder b) {
        this.defaultSegment = b.defaultSegment;
        this.coldStart = List.copyOf(b.coldStart);
        this.farQuantile = b.farQuantile;
        this.farDistance = b.farDistance;
    }

    /** No cold-start rules, no distance threshold, default segment {@value #DEFAULT_SEGMENT}. */
    public static FallbackPolicy defaults() {
        return builder().build();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default segment's name. */
    public String defaultSegment() {
        return defaultSegment;
    }

    /** The cold-start rules, in the order they are checked. */
    public List<ColdStartRule> coldStartRules() {
        return coldStart;
    }

    /** The distance-profile quantile used as the far threshold, if the policy has one. */
    public OptionalDouble farQuantile() {
        return farQuantile == farQuantile ? OptionalDouble.of(farQuantile) : OptionalDouble.empty();
    }

    /** The absolute far threshold, if the policy has one. */
    public OptionalDouble farDistance() {
        return farDistance == farDistance ? OptionalDouble.of(farDistance) : OptionalDouble.empty();
    }

    @Override
    public String toString() {
        return "FallbackPolicy[default='" + defaultSegment + "', coldStart=" + coldStart
                + (farQuantile == farQuantile ? ", far beyond q" + farQuantile : "")
                + (farDistance == farDistance ? String.format(Locale.ROOT, ", far beyond %.4f", farDistance) : "") + "]";
    }

    /**
     * A cold-start rule: a record whose {@code input} is below {@code minimum}, or missing, has not enough
     * history and gets {@code segmentName}.
     *
     * @param input a raw input column
     * @param minimum the least value that counts as enough history
     * @param segmentName the segment served, or null for the default segment
     */
    public record ColdStartRule(String input, double minimum, String segmentName) {
        @Override
        public String toString() {
            return input + " < " + minimum + " -> " + (segmentName == null ? "(default)" : "'" + segmentName + "'");
        }
    }

    /** Builds a {@link FallbackPolicy}. */
    public static final class Builder {
        private String defaultSegment = DEFAULT_SEGMENT;
        private final List<ColdStartRule> coldStart = new ArrayList<>();
        private double farQuantile = Double.NaN;
        private double farDistance = Double.NaN;

        private Builder() {
        }

        /**
         * The segment served when nothing better is known.
         *
         * @throws IllegalArgumentException if the name is blank
         */
        public Builder defaultSegment(String name) {
            defaultSegment = name(name, "default segment");
            return this;
        }

        /**
         * A cold-start rule that serves the default segment.
         *
         * @throws IllegalArgumentException if the input is blank or the minimum is not finite
         */
        public Builder coldStart(String input, double minimum) {
            return rule(input, minimum, null);
        }

        /**
         * A cold-start rule that serves {@code segmentName}.
         *
         * @throws IllegalArgumentException if the input or the name is blank, or the minimum is not finite
         */
        public Builder coldStart(String input, double minimum, String segmentName) {
            return rule(input, minimum, name(segmentName, "cold-start segment"));
        }

        private Builder rule(String input, double minimum, String segment) {
            name(input, "cold-start input");
            if (!(minimum - minimum == 0)) {
                throw new IllegalArgumentException("The cold-start minimum of '" + input + "' must be finite but was "
                        + minimum);
            }
            coldStart.add(new ColdStartRule(input, minimum, segment));
            return this;
        }

        /**
         * Records farther from their segment's centre than this quantile of the training distances get the
         * default segment; needs versions registered with training data (their {@link DistanceProfile}).
         *
         * @param level one of {@link DistanceProfile#levels()} below 1
         * @throws IllegalArgumentException if it is not one of them
         * @throws IllegalStateException if a distance threshold is already set
         */
        public Builder farFromSegments(double level) {
            checkNoThreshold();
            boolean known = false;
            for (double l : DistanceProfile.levels()) {
                known |= l == level && l < 1;
            }
            if (!known) {
                throw new IllegalArgumentException("The far quantile must be one of the distance profile's levels below 1 "
                        + java.util.Arrays.toString(DistanceProfile.levels()) + " but was " + level);
            }
            farQuantile = level;
            return this;
        }

        /**
         * Records farther than {@code distance} (feature units) from their segment's centre get the default
         * segment.
         *
         * @throws IllegalArgumentException unless the distance is finite and positive
         * @throws IllegalStateException if a distance threshold is already set
         */
        public Builder farFromSegmentsBeyond(double distance) {
            checkNoThreshold();
            if (!(distance > 0 && distance < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("The far distance must be finite and > 0 but was " + distance);
            }
            farDistance = distance;
            return this;
        }

        private void checkNoThreshold() {
            if (farQuantile == farQuantile || farDistance == farDistance) {
                throw new IllegalStateException("A far-from-every-segment threshold is already set");
            }
        }

        private static String name(String s, String what) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("The " + what + " is blank");
            }
            return s;
        }

        /** The policy. */
        public FallbackPolicy build() {
            return new FallbackPolicy(this);
        }
    }
}
