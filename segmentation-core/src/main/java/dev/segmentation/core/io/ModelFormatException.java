/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import java.io.IOException;

/**
 * Thrown when a model file cannot be loaded: it is not JSON, is truncated, fails its checksum, was written
 * by a newer format version, names an unknown model type, or holds parameters that are missing, of the
 * wrong shape or not finite. The message says which and where.
 *
 * @since 0.1
 */
public final class ModelFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what is wrong and where. */
    public ModelFormatException(String message) {
        super(message);
    }

    /** An exception with a message and the underlying parse error. */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
