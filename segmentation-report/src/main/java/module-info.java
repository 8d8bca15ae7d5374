/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * The segmentation report: a self-contained HTML page and standalone SVG charts drawn from the library's own
 * result objects. {@code dev.segmentation.report.internal} is not exported.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.segmentation.report {
    requires transitive dev.segmentation.core;
    requires transitive dev.segmentation.features;
    requires transitive dev.segmentation.validation;
    requires org.slf4j;

    exports dev.segmentation.report;
}
