/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Customer features: from raw records to a customer-by-feature table, point in time, through a fitted
 * pipeline that a scorer replays.
 *
 * <h2>Sources</h2>
 * <ul>
 *   <li>transaction logs: {@link dev.segmentation.features.Transactions} (customer, order, time, amount or
 *       quantity x price, channel, product, category), with named cleaning rules in
 *       {@link dev.segmentation.features.TransactionFilter};</li>
 *   <li>behavioural event streams: {@link dev.segmentation.features.Events} (customer, time, event name,
 *       value, properties);</li>
 *   <li>customer attribute tables and every computed feature set: {@link dev.segmentation.features.CustomerTable}
 *       (numeric and categorical columns with missing values, protected columns), joined by customer id.</li>
 * </ul>
 * CSV ingestion (FastCSV) with row-level error reports, row policies and per-channel time zones is in
 * {@link dev.segmentation.features.io}; the same types are built from Java objects with their builders.
 * {@link dev.segmentation.features.CustomerIdentity} merges aliases and removes opted-out customers at
 * ingestion.
 *
 * <h2>Features</h2>
 * Point-in-time RFM, windowed RFM, quintile scores and the buy-till-you-die summary are in
 * {@link dev.segmentation.features.rfm}; sessions, decayed engagement and navigation motifs in
 * {@link dev.segmentation.features.behaviour}. Each is computed as of a date from the rows before it and
 * reports what it left out ({@link dev.segmentation.features.AsOfReport}).
 *
 * <h2>Transforms</h2>
 * {@link dev.segmentation.features.transform} holds the fitted, persisted pipeline (imputation, scaling,
 * winsorizing, encoding, PCA, composite scores) that turns the table into the clustering input and is
 * replayed, allocation-free, for one customer at scoring time.
 *
 * <p>This module knows nothing about clustering: it produces a {@link dev.segmentation.core.Dataset} and a
 * {@link dev.segmentation.core.FeatureTransform}.
 */
package dev.segmentation.features;
