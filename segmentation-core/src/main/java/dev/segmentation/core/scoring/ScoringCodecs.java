/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.scoring;

import dev.segmentation.core.Assigner;
import dev.segmentation.core.Centroids;
import dev.segmentation.core.ClusterModel;
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
     * Model type {@code "segment-scorer"}, layout version 2: {@code transform} and {@code model} (nested models
     * of their own types, each with its lineage), {@code segmentNames} and {@code noiseName}. Version 1 files
     * (a nearest-centroid scorer: {@code transform}, {@code centroids}, {@code segmentNames}) still load.
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
        public int version() {
            return 2;
        }

        @Override
        public Class<SegmentScorer> modelClass() {
            return SegmentScorer.class;
        }

        @Override
        public Section encode(SegmentScorer scorer) {
            Object model = scorer.model().isPresent() ? scorer.model().get() : scorer.assigner();
            return Section.builder()
                    .put("transform", ModelIO.encodeNested(scorer.transform()))
                    .put("model", ModelIO.encodeNested(model))
                    .put("segmentNames", scorer.segmentNames())
                    .put("noiseName", scorer.noiseName())
                    .build();
        }

        @Override
        public SegmentScorer decode(Section s, int version) throws ModelFormatException {
            FeatureTransform transform = ModelIO.decodeNested(s.getSection("transform"), FeatureTransform.class);
            if (version == 1) {
                Centroids c = centroids(s.getSection("centroids"));
                try {
                    return SegmentScorer.of(transform, NearestCentroidScorer.of(c))
                            .withSegmentNames(s.getStrings("segmentNames", c.k()));
                } catch (IllegalArgumentException e) {
                    throw new ModelFormatException("Invalid segment scorer in '" + s.path() + "': " + e.getMessage(), e);
                }
            }
            Object model = ModelIO.decodeNested(s.getSection("model"), Object.class);
            try {
                SegmentScorer scorer;
                if (model instanceof ClusterModel) {
                    scorer = SegmentScorer.of(transform, (ClusterModel) model);
                } else if (model instanceof Assigner) {
                    scorer = SegmentScorer.of(transform, (Assigner) model);
                } else {
                    throw new ModelFormatException("'" + s.path() + ".model' holds a " + model.getClass().getName()
                            + ", which is neither a ClusterModel nor an Assigner");
                }
                return scorer.withNoiseName(s.getString("noiseName"))
                        .withSegmentNames(s.getStrings("segmentNames", scorer.k()));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Invalid segment scorer in '" + s.path() + "': " + e.getMessage(), e);
            }
        }

        /** The model's rows and seed, and the raw input columns as the features. */
        @Override
        public Lineage lineageOf(SegmentScorer scorer) {
            Lineage model = ModelIO.lineageOf(scorer.model().isPresent() ? scorer.model().get() : scorer.assigner());
            Lineage.Builder b = Lineage.builder().features(scorer.inputNames());
            model.rows().ifPresent(b::rows);
            model.seed().ifPresent(b::seed);
            return b.build();
        }
    }

    /**
     * Model type {@code "identity-transform"} (the transform of {@link SegmentScorer#of(ClusterModel)}):
     * {@code columns}.
     */
    public static final class Identity implements ModelCodec<FeatureTransform> {
        /** For the service loader. */
        public Identity() {
        }

        @Override
        public String type() {
            return "identity-transform";
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<FeatureTransform> modelClass() {
            return (Class<FeatureTransform>) (Class<?>) IdentityTransform.class;
        }

        @Override
        public Section encode(FeatureTransform t) {
            return Section.builder().put("columns", t.inputNames()).build();
        }

        @Override
        public FeatureTransform decode(Section s, int version) throws ModelFormatException {
            List<String> columns = s.getStrings("columns", -1);
            try {
                return new IdentityTransform(columns);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException("Invalid columns in '" + s.path() + "': " + e.getMessage(), e);
            }
        }

        @Override
        public Lineage lineageOf(FeatureTransform t) {
            return Lineage.builder().features(t.inputNames()).build();
        }
    }
}
