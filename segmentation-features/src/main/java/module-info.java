/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * Customer features: CSV ingestion with row-error reports, point-in-time RFM and behavioural features, and the
 * fitted feature pipeline that a scorer replays per customer (saved with the model as a
 * {@link dev.segmentation.core.io.ModelCodec} service). {@code dev.segmentation.features.internal} is
 * exported only to the sibling library modules that use it.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.segmentation.features {
    requires transitive dev.segmentation.core;
    requires de.siegmar.fastcsv;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;
    requires commons.math3;
    requires ejml.core;
    requires ejml.ddense;

    exports dev.segmentation.features;
    exports dev.segmentation.features.behaviour;
    exports dev.segmentation.features.clv;
    exports dev.segmentation.features.io;
    exports dev.segmentation.features.rfm;
    exports dev.segmentation.features.transform;
    exports dev.segmentation.features.internal to dev.segmentation.activation;

    provides dev.segmentation.core.io.ModelCodec with
            dev.segmentation.features.transform.FeaturePipelineCodec,
            dev.segmentation.features.clv.ClvCodecs.BgNbd,
            dev.segmentation.features.clv.ClvCodecs.ParetoNbd,
            dev.segmentation.features.clv.ClvCodecs.GammaGamma;
}
