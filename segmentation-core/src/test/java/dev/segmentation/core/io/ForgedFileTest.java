/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import dev.segmentation.core.ClusterModel;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.dbscan.Dbscan;
import dev.segmentation.core.gmm.CovarianceType;
import dev.segmentation.core.gmm.GaussianMixture;
import dev.segmentation.core.gmm.GaussianMixtureModel;
import dev.segmentation.core.hierarchical.AgglomerativeClustering;
import dev.segmentation.core.hierarchical.Linkage;
import dev.segmentation.core.hierarchical.TwoStageWard;
import dev.segmentation.core.kmeans.KMeans;
import dev.segmentation.core.kmeans.MiniBatchKMeans;
import dev.segmentation.core.postprocess.SmallClusterMerger;
import dev.segmentation.core.scoring.NearestCentroidScorer;
import dev.segmentation.core.scoring.SegmentScorer;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged model files: every parameter of a valid file of every core model type is replaced, one at a time, with
 * hostile values (huge and negative sizes, zero, extreme doubles, empty, shortened and lengthened arrays, other
 * types) and the file is signed again with a valid checksum. Reading must then either give a model or throw a
 * {@link ModelFormatException}; any other exception (an arithmetic overflow in a size computation, an index or
 * allocation error) is a defect.
 */
class ForgedFileTest {
    static Map<String, Object> models() {
        SplittableRandom r = new SplittableRandom(5);
        double[][] rows = new double[60][3];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 3; j++) {
                rows[i][j] = (i % 3) * 5 + r.nextGaussian();
            }
        }
        Dataset x = Dataset.of(rows, List.of("a", "b", "c"));
        Map<String, Object> out = new LinkedHashMap<>();
        ClusterModel km = KMeans.builder().k(3).seed(1).build().fit(x);
        out.put("kmeans", km);
        out.put("minibatch", MiniBatchKMeans.builder().k(3).batchSize(16).seed(1).build().fit(x));
        for (CovarianceType t : CovarianceType.values()) {
            out.put("gmm-" + t, GaussianMixture.builder().k(2).covarianceType(t).seed(1).build().fit(x));
        }
        out.put("gmm-given", GaussianMixtureModel.of(CovarianceType.DIAG, new double[] {0.5, 0.5},
                new double[][] {{0, 0, 0}, {5, 5, 5}}, new double[] {1, 1, 1, 2, 2, 2}, List.of("a", "b", "c")));
        out.put("ward", AgglomerativeClustering.builder().linkage(Linkage.WARD).nClusters(3).build().fit(x));
        out.put("average", AgglomerativeClustering.builder().linkage(Linkage.AVERAGE).nClusters(3).build().fit(x));
        out.put("two-stage", TwoStageWard.builder().microClusters(12).nClusters(3).seed(1).build().fit(x));
        out.put("dbscan", Dbscan.builder().eps(1.5).minPts(4).build().fit(x));
        out.put("merged", SmallClusterMerger.minSize(15).apply(KMeans.builder().k(5).seed(1).build().fit(x)).model());
        out.put("nearest", NearestCentroidScorer.of(km));
        out.put("scorer", SegmentScorer.of(km));
        return out;
    }

    @Test
    void everyForgedParameterIsAModelFormatExceptionOrAValidModel() throws Exception {
        dev.segmentation.core.testing.ForgedFiles.assertEveryForgeryIsAFormatErrorOrAModel(models(), 500);
    }

    @Test
    void aCodecThatLetsARuntimeExceptionEscapeStillGivesAModelFormatException() {
        Section body = Section.builder().put("format", ModelIO.FORMAT).put("formatVersion", 1L)
                .put("modelType", "test-overflowing").put("modelTypeVersion", 1L)
                .put("lineage", Section.builder().put("features", List.of()).build())
                .put("model", Section.builder().put("n", (long) Integer.MAX_VALUE).build()).build();
        ModelFormatException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFormatException.class,
                () -> ModelIO.fromJson(ModelIO.toJsonWithValidChecksum(body)));
        assertTrue(e.getMessage().contains("Invalid 'test-overflowing' parameters in 'model': ArithmeticException"),
                e.getMessage());
    }

    /** A codec that overflows on a forged size, registered in the test resources. */
    public static final class OverflowingCodec implements ModelCodec<OverflowingCodec> {
        /** For the service loader. */
        public OverflowingCodec() {
        }

        @Override
        public String type() {
            return "test-overflowing";
        }

        @Override
        public Class<OverflowingCodec> modelClass() {
            return OverflowingCodec.class;
        }

        @Override
        public Section encode(OverflowingCodec model) {
            return Section.builder().build();
        }

        @Override
        public OverflowingCodec decode(Section s, int version) throws ModelFormatException {
            int n = s.getInt("n", 0, Integer.MAX_VALUE);
            Math.multiplyExact(n, n); // overflows for a forged n: the mistake ModelIO must still report as a format error
            return this;
        }
    }
}
