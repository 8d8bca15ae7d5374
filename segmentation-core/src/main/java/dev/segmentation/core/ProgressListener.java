/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * Receives progress reports from a fit, on the thread that runs the fit, between iterations.
 *
 * <p>A listener must be quick and must not throw; an exception it throws aborts the fit and reaches the
 * caller of {@code fit}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProgressListener {
    /** Called after each iteration. */
    void onProgress(Progress progress);
}
