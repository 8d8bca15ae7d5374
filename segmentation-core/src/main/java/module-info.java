/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * The core of the segmentation library: the {@link dev.segmentation.core.Dataset}, the
 * {@link dev.segmentation.core.Clusterer} SPI with its fitted {@link dev.segmentation.core.ClusterModel}s and the
 * {@link dev.segmentation.core.Assigner} seam every inductive model provides, the algorithms (K-means, Gaussian
 * mixtures, hierarchical clustering, DBSCAN), the scorers, and the versioned model-file format.
 *
 * <p>{@code dev.segmentation.core.internal} holds the distance kernels and flat-matrix helpers the sibling
 * library modules share; it is exported to them only and is not API. Model codecs are services: third-party
 * models join the file format by providing a {@link dev.segmentation.core.io.ModelCodec}.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.segmentation.core {
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // EJML 0.44 declares no module name; these are the names Java derives from its jar files.
    requires ejml.core;
    requires ejml.ddense;
    // The SIMD nearest-centre kernel: used only when the JVM resolves the module (--add-modules
    // jdk.incubator.vector), never required.
    requires static jdk.incubator.vector;

    exports dev.segmentation.core;
    exports dev.segmentation.core.dbscan;
    exports dev.segmentation.core.gmm;
    exports dev.segmentation.core.hierarchical;
    exports dev.segmentation.core.io;
    exports dev.segmentation.core.kmeans;
    exports dev.segmentation.core.postprocess;
    exports dev.segmentation.core.scoring;
    exports dev.segmentation.core.internal to
            dev.segmentation.features,
            dev.segmentation.validation,
            dev.segmentation.report,
            dev.segmentation.activation,
            dev.segmentation.serving;

    uses dev.segmentation.core.io.ModelCodec;
    provides dev.segmentation.core.io.ModelCodec with
            dev.segmentation.core.dbscan.DbscanModelCodec,
            dev.segmentation.core.gmm.GaussianMixtureModelCodec,
            dev.segmentation.core.hierarchical.HierarchicalModelCodec,
            dev.segmentation.core.kmeans.KMeansModelCodec,
            dev.segmentation.core.kmeans.MiniBatchKMeansModelCodec,
            dev.segmentation.core.postprocess.MergedCentroidModelCodec,
            dev.segmentation.core.scoring.ScoringCodecs.NearestCentroid,
            dev.segmentation.core.scoring.ScoringCodecs.Segment,
            dev.segmentation.core.scoring.ScoringCodecs.Identity;
}
