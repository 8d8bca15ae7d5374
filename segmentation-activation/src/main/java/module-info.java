/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * Activation and measurement: rule-based and hybrid segments, campaign audiences and suppression, deterministic
 * control groups and variants, lift with significance, the pre-campaign planner, and backtests of a
 * segmentation on later outcomes. Rule sets and hybrid segmenters are saved as model files (codecs provided as
 * services). {@code dev.segmentation.activation.internal} is not exported.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.segmentation.activation {
    requires transitive dev.segmentation.core;
    requires transitive dev.segmentation.features;
    requires transitive dev.segmentation.validation;
    // Commons Math 3.6.1 declares no module name; this is the name Java derives from its jar file.
    requires commons.math3;
    requires org.slf4j;

    exports dev.segmentation.activation.backtest;
    exports dev.segmentation.activation.campaign;
    exports dev.segmentation.activation.experiment;
    exports dev.segmentation.activation.hybrid;
    exports dev.segmentation.activation.lift;
    exports dev.segmentation.activation.rules;

    provides dev.segmentation.core.io.ModelCodec with
            dev.segmentation.activation.rules.BoundRuleSetCodec,
            dev.segmentation.activation.hybrid.HybridSegmenterCodec;
}
