/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

/**
 * What a point-in-time feature computation returns: one row per customer, and the rows it used and left
 * out.
 *
 * @param table the features, one row per customer with at least one used row, customers in ascending id
 *     order
 * @param report which rows were used and why the others were not
 * @since 0.1
 */
public record FeatureTable(CustomerTable table, AsOfReport report) {
}
