/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.ConfidenceKind;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A registered model version: what the registry knows of one model file without loading it. Immutable.
 *
 * @param id the version id ({@code "1"}, {@code "2"}, ... in registration order)
 * @param registeredAt when it was registered
 * @param fileSha256 the SHA-256 of the model file's bytes (a corrupted file is refused at load)
 * @param fileBytes the size of the model file
 * @param modelClass the clustering model's class, for example {@code KMeansModel}
 * @param k the number of segments, noise excluded
 * @param segmentNames the segment names by label
 * @param noiseName the name of noise (DBSCAN)
 * @param inputs the raw input columns, in the order the model reads them
 * @param categoricalInputs the inputs that are categorical
 * @param inputFingerprint the feature fingerprint of the inputs ({@link InputContract#fingerprintOf})
 * @param pipelineFingerprintOrNull the fitted feature pipeline's fingerprint, or null when the transform is not a
 *     feature pipeline
 * @param confidenceKind what the confidence of an answer measures
 * @param hasProbabilities whether answers carry membership probabilities (mixtures)
 * @param metrics validation metrics given at registration (silhouette, stability, ...), by name
 * @param description a free text given at registration
 * @param lineage where the model came from, from the model file
 * @param distanceProfileOrNull the training distances to segment centres, when training data were given
 * @since 0.1
 */
public record ModelVersion(String id, Instant registeredAt, String fileSha256, long fileBytes, String modelClass,
                           int k, List<String> segmentNames, String noiseName, List<String> inputs,
                           Set<String> categoricalInputs, String inputFingerprint, String pipelineFingerprintOrNull,
                           ConfidenceKind confidenceKind, boolean hasProbabilities, Map<String, Double> metrics,
                           String description, TrainingLineage lineage, DistanceProfile distanceProfileOrNull) {

    /** Copies the collections. */
    public ModelVersion {
        segmentNames = List.copyOf(segmentNames);
        inputs = List.copyOf(inputs);
        categoricalInputs = Set.copyOf(categoricalInputs);
        metrics = Map.copyOf(metrics);
    }

    /** The fitted pipeline's fingerprint, if the transform is a feature pipeline. */
    public Optional<String> pipelineFingerprint() {
        return Optional.ofNullable(pipelineFingerprintOrNull);
    }

    /** The distance profile, if training data were given at registration. */
    public Optional<DistanceProfile> distanceProfile() {
        return Optional.ofNullable(distanceProfileOrNull);
    }

    /**
     * The lineage recorded in the model file.
     *
     * @param rows training rows, or null
     * @param seed the seed of the fit, or null
     * @param dataFrom first day of the training data, or null
     * @param dataTo last day of the training data, or null
     * @param source the data source, or null
     * @param createdAt when the file was written, or null
     * @param libraryVersion the library version that wrote it, or null
     */
    public record TrainingLineage(Long rows, Long seed, LocalDate dataFrom, LocalDate dataTo, String source,
                                  Instant createdAt, String libraryVersion) {

        /** The training rows, if known. */
        public OptionalLong trainingRows() {
            return rows == null ? OptionalLong.empty() : OptionalLong.of(rows);
        }
    }
}
