/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */

/**
 * Serving and operations: the model registry (versions, an atomic active pointer, rollback, retention), a live
 * scorer with hot swap, champion/challenger and a fallback policy, memberships with a TTL, the assignment store
 * and append-only audit log over JDBC (H2 embedded by default, PostgreSQL tested), consent propagation, CRM sync
 * exports and PMML export. No web server: the HTTP service lives in its own module.
 * {@code dev.segmentation.serving.internal} is not exported.
 *
 * @since 0.1
 */
@SuppressWarnings({"requires-automatic", "module"})
module dev.segmentation.serving {
    requires transitive dev.segmentation.core;
    requires transitive dev.segmentation.features;
    requires transitive java.sql;
    requires java.xml;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires de.siegmar.fastcsv;
    requires com.h2database;
    requires org.slf4j;

    exports dev.segmentation.serving;
    exports dev.segmentation.serving.crm;
    exports dev.segmentation.serving.pmml;
    exports dev.segmentation.serving.registry;
    exports dev.segmentation.serving.store;
}
