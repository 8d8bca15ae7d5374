/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Fairness checks of a segmentation against a protected attribute that was kept out of the clustering
 * features: the segment mix per group, disparate-impact ratios against the four-fifths rule, a chi-square
 * test of independence, and features that act as proxies for the attribute
 * ({@link dev.segmentation.validation.audit.BiasAudit}).
 */
package dev.segmentation.validation.audit;
