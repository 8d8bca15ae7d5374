/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Point-in-time recency, frequency and monetary value per customer: {@link dev.segmentation.features.rfm.Rfm}.
 */
package dev.segmentation.features.rfm;
