/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * Validation of a segmentation: quality indices and the choice of k, agreement, stability, drift, statistical
 * tests, profiles and names, the bias audit and explanations. {@code dev.segmentation.validation.internal} is not
 * exported.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.segmentation.validation {
    requires transitive dev.segmentation.core;
    // Commons Math 3.6.1 declares no module name; this is the name Java derives from its jar file.
    requires commons.math3;
    requires org.slf4j;

    exports dev.segmentation.validation;
    exports dev.segmentation.validation.audit;
    exports dev.segmentation.validation.drift;
    exports dev.segmentation.validation.explain;
    exports dev.segmentation.validation.stability;
    exports dev.segmentation.validation.stats;
}
