/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

/**
 * A request the service refuses: an HTTP status, a stable error code, the field at fault (a JSON path such as
 * {@code features.monetary} or {@code rows[3][1]}, or a header name), and a message for people.
 */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String code;
    final String field;

    ApiException(int status, String code, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    static ApiException badRequest(String field, String message) {
        return new ApiException(400, "bad_request", field, message);
    }
}
