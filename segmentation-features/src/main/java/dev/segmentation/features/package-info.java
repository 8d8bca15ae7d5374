/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Customer features: the transaction table ({@link dev.segmentation.features.Transactions}) and its cleaning
 * rules ({@link dev.segmentation.features.TransactionFilter}). CSV ingestion is in
 * {@link dev.segmentation.features.io}, point-in-time RFM in {@link dev.segmentation.features.rfm}, and the
 * fitted, persisted feature transforms in {@link dev.segmentation.features.transform}.
 *
 * <p>This module knows nothing about clustering: it turns raw records into a
 * {@link dev.segmentation.core.Dataset} and a {@link dev.segmentation.core.FeatureTransform} that a model
 * replays at scoring time.
 */
package dev.segmentation.features;
