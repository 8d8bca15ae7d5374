/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

import java.util.concurrent.CancellationException;

/**
 * Thrown by a fit that stopped because its {@link CancelToken} was cancelled or its thread was
 * interrupted. When the cause was an interrupt, the thread's interrupt flag is set again before this is
 * thrown, so callers further up still see it. No partial model is returned.
 *
 * @since 0.1
 */
public final class FitCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says where the fit stopped and why. */
    public FitCancelledException(String message) {
        super(message);
    }
}
