/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Point-in-time behavioural features from event streams: sessions
 * ({@link dev.segmentation.features.behaviour.Sessions}), exponentially decayed engagement
 * ({@link dev.segmentation.features.behaviour.DecayedEngagement}) and navigation motifs
 * ({@link dev.segmentation.features.behaviour.NavigationMotifs}). Every computation uses only the events
 * before its as-of date and reports the rest in a {@link dev.segmentation.features.AsOfReport}.
 */
package dev.segmentation.features.behaviour;
