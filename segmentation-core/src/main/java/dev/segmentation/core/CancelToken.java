/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * A flag that asks running fits to stop. Any thread may call {@link #cancel()}; a fit that was given the
 * token throws {@link FitCancelledException} at its next checkpoint (at the latest after one iteration, or
 * one chunk of rows in long passes).
 *
 * <p>Thread-safe. A token cannot be reset: use a new one for the next fit.
 *
 * @since 0.1
 */
public final class CancelToken {
    private volatile boolean cancelled;

    /** A token that has not been cancelled. */
    public CancelToken() {
    }

    /** Asks every fit holding this token to stop. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }
}
