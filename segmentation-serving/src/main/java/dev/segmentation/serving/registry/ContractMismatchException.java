/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import java.util.List;

/**
 * A model version was refused because its inputs or feature fingerprint do not match the service's
 * {@link InputContract}; the message lists every difference.
 *
 * @since 0.1
 */
public final class ContractMismatchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String version;
    private final transient List<String> differences;

    ContractMismatchException(String version, List<String> differences) {
        super("Model version " + version + " does not match what the service sends: " + String.join("; ", differences));
        this.version = version;
        this.differences = List.copyOf(differences);
    }

    /** The refused version. */
    public String version() {
        return version;
    }

    /** The differences, one sentence each. */
    public List<String> differences() {
        return differences;
    }
}
