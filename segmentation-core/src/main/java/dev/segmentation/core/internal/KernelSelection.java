/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses, once per JVM, the implementation behind {@link CentroidKernel#nearest}. Not API.
 *
 * <p>The SIMD kernel ({@code VectorCentroidKernel}) is written against the JDK's incubating Vector API, module
 * {@code jdk.incubator.vector}, which a JVM resolves only when it is started with
 * {@code --add-modules jdk.incubator.vector}. Its class is named here only as a string and loaded by
 * reflection after the module has been found in the boot layer, so without the module no class that refers
 * to the Vector API is ever loaded and the scalar kernel is used. The SIMD kernel is also skipped when the
 * preferred vector holds fewer than four doubles (no 256-bit SIMD unit: the Vector API would run its slow
 * Java fallback), or when the system property {@value #PROPERTY} is {@code false}.
 */
final class KernelSelection {
    /** The system property that turns the SIMD kernel off when set to {@code false}. */
    static final String PROPERTY = "dev.segmentation.vector";
    static final String MODULE = "jdk.incubator.vector";
    private static final String VECTOR_CLASS = "dev.segmentation.core.internal.VectorCentroidKernel";
    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    private KernelSelection() {
    }

    /** The SIMD kernel, or {@code null} for the scalar one, following the rules of the class comment. */
    static BlockKernel select() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            LOG.debug("Nearest-centre kernel: scalar ({}=false)", PROPERTY);
            return null;
        }
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            LOG.debug("Nearest-centre kernel: scalar (start the JVM with --add-modules {} for SIMD)", MODULE);
            return null;
        }
        return load(VECTOR_CLASS);
    }

    /** An instance of the named kernel class, or {@code null} if it cannot be loaded or refuses this CPU. */
    static BlockKernel load(String className) {
        try {
            BlockKernel kernel = (BlockKernel) Class.forName(className).getDeclaredConstructor().newInstance();
            LOG.debug("Nearest-centre kernel: {}", kernel);
            return kernel;
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            LOG.debug("Nearest-centre kernel: scalar ({} unavailable: {})", className, e.toString());
            return null;
        }
    }
}
