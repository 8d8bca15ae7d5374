/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Centroids;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelCodec;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.Section;

import java.util.List;

/**
 * Codecs of the scorers, registered for {@link java.util.ServiceLoader}. Applications use
 * {@link ModelIO} rather than these classes.
 *
 * @since 0.1
 */
public final class ScoringCodecs {
    private ScoringCodecs() {
    }

    static Section centroids(Centroids c) {
        return Section.builder()
                .put("columns", c.columnNames())
                .put("k", (long) c.k())
                .putMatrix("centroids", c.toRowMajorArray(), c.k(), c.dimension())
                .build();
    }

    static Centroids centroids(Section s) throws ModelFormatException {
        List<String> columns = s.getStrings("columns", -1);
        if (columns.isEmpty()) {
            throw new ModelFormatException("Parameter '" + s.path() + ".columns' is empty");
        }
        int k = s.getInt("k", 1, Integer.MAX_VALUE);
        try {
            return Centroids.ofRowMajor(s.getMatrix("centroids", k, columns.size()), k, columns);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("Invalid centroids in '" + s.path() + "': " + e.getMessage(), e);
        }
    }

    /** Model type {@code "nearest-centroid-scorer"}: {@code columns}, {@code k}, {@code centroids}. */
    public static final class NearestCentroid implements ModelCodec<NearestCentroidScorer> {
        /** For the service loader. */
        public NearestCentroid() {
        }

        @Override
        public String type() {
            return "nearest-centroid-scorer";
        }

        @Override
        public Class<NearestCentroidScorer> modelClass() {
            return NearestCentroidScorer.class;
        }

        @Override
        public Section encode(NearestCentroidScorer model) {
            return centroids(model.centroids());
        }

        @Override
        public NearestCentroidScorer decode(Section s, int version) throws ModelFormatException {
            return NearestCentroidScorer.of(centroids(s));
        }

        @Override
        public Lineage lineageOf(NearestCentroidScorer model) {
            return Lineage.builder().features(model.columnNames()).build();
        }
    }

    /**
     * Model type {@code "segment-scorer"}: {@code transform} (a nested model of its own type),
     * {@code centroids} (as the nearest-centroid scorer) and {@code segmentNames}.
     */
    public static final class Segment implements ModelCodec<SegmentScorer> {
        /** For the service loader. */
        public Segment() {
        }

        @Override
        public String type() {
            return "segment-scorer";
        }

        @Override
        public Class<SegmentScorer> modelClass() {
            return SegmentScorer.class;
        }

        @Override
        public Section encode(SegmentScorer model) {
            return Section.builder()
                    .put("transform", ModelIO.encodeNested(model.transform()))
                    .put("centroids", centroids(model.scorer().centroids()))
                    .put("segmentNames", model.segmentNames())
                    .build();
        }

        @Override
        public SegmentScorer decode(Section s, int version) throws ModelFormatException {
            FeatureTransform transform = ModelIO.decodeNested(s.getSection("transform"), FeatureTransform.class);
            Centroids c = centroids(s.getSection("centroids"));
            try {
                return SegmentScorer.of(transform, NearestCentroidScorer.of(c))
                        .withSegmentNames(s.getStrings("segmentNames", c.k()));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Invalid segment scorer in '" + s.path() + "': " + e.getMessage(), e);
            }
        }

        @Override
        public Lineage lineageOf(SegmentScorer model) {
            return Lineage.builder().features(model.inputNames()).build();
        }
    }
}
