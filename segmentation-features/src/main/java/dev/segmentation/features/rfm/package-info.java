/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Point-in-time recency, frequency and monetary value per customer: {@link dev.segmentation.features.rfm.Rfm}
 * (one window), {@link dev.segmentation.features.rfm.RfmWindows} (several windows),
 * {@link dev.segmentation.features.rfm.RfmScores} (quintile scores with a documented tie rule) and
 * {@link dev.segmentation.features.rfm.BtydSummary} (the frequency / recency / T / monetary value summary of
 * buy-till-you-die models).
 */
package dev.segmentation.features.rfm;
