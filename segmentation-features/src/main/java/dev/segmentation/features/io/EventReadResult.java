/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import dev.segmentation.features.Events;

/**
 * What {@link EventCsvReader#read} returns.
 *
 * @param events the events kept
 * @param report counts of rows read, kept, skipped and dropped, errors per column and kind, and examples
 * @since 0.1
 */
public record EventReadResult(Events events, ReadReport report) {
}
