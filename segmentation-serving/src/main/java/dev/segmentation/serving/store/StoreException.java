/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

/**
 * The assignment store could not do what was asked: the database is unreachable, a statement failed, or the
 * schema is not one this library can use. The message names the database and the operation; the transaction in
 * progress was rolled back, so the store holds the state it had before the call.
 *
 * @since 0.1
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException(String message) {
        super(message);
    }
}
