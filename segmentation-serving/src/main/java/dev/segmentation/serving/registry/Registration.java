/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to record with a model version at registration: validation metrics, a description, the training data
 * (for the {@link DistanceProfile}) and, for a scorer that is not yet a file, the lineage to write into it.
 * Immutable.
 *
 * @since 0.1
 */
public final class Registration {
    private final Map<String, Double> metrics;
    private final String description;
    private final Dataset trainingData;
    private final Lineage lineage;

    private Registration(Builder b) {
        this.metrics = Map.copyOf(b.metrics);
        this.description = b.description;
        this.trainingData = b.trainingData;
        this.lineage = b.lineage;
    }

    /** Nothing recorded beyond the model file itself. */
    public static Registration none() {
        return builder().build();
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The validation metrics, by name. */
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The description (empty when none). */
    public String description() {
        return description;
    }

    /** The raw training records, if given. */
    public Optional<Dataset> trainingData() {
        return Optional.ofNullable(trainingData);
    }

    /** The lineage written into a scorer registered as an object. */
    public Lineage lineage() {
        return lineage;
    }

    /** Builds a {@link Registration}. */
    public static final class Builder {
        private final Map<String, Double> metrics = new TreeMap<>();
        private String description = "";
        private Dataset trainingData;
        private Lineage lineage = Lineage.builder().build();

        private Builder() {
        }

        /**
         * A validation metric (silhouette, stability ARI, ...).
         *
         * @throws IllegalArgumentException if the name is blank or repeated, or the value is not finite
         */
        public Builder metric(String name, double value) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("A metric name is blank");
            }
            if (!(value - value == 0)) {
                throw new IllegalArgumentException("Metric '" + name + "' must be finite but was " + value);
            }
            if (metrics.put(name, value) != null) {
                throw new IllegalArgumentException("Metric '" + name + "' is given twice");
            }
            return this;
        }

        /** A description of the version (what changed, who trained it). */
        public Builder description(String text) {
            description = text == null ? "" : text;
            return this;
        }

        /**
         * The raw training records: the registry measures the {@link DistanceProfile} on them.
         *
         * @param raw rows with the scorer's input columns. Not modified.
         */
        public Builder trainingData(Dataset raw) {
            trainingData = raw;
            return this;
        }

        /** The lineage to write into a scorer registered as an object (data period, source). */
        public Builder lineage(Lineage value) {
            lineage = value == null ? Lineage.builder().build() : value;
            return this;
        }

        /** The registration. */
        public Registration build() {
            return new Registration(this);
        }
    }
}
