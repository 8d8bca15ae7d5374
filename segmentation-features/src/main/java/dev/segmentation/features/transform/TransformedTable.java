/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.features.CustomerTable;

import java.util.List;

/**
 * What {@link FittedPipeline#transform(CustomerTable)} returns: the clustering features of each customer and,
 * row-aligned, the protected columns for audits.
 *
 * @param customerIds the customers, in row order
 * @param features the transformed features, one row per customer; the clustering input
 * @param audit the protected columns of the same customers (possibly none), never part of {@code features}
 * @since 0.1
 */
public record TransformedTable(List<String> customerIds, Dataset features, CustomerTable audit) {
    /** Copies the id list. */
    public TransformedTable {
        customerIds = List.copyOf(customerIds);
    }
}
