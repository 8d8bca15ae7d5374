/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Statistical tests of how well segments separate: one-way ANOVA ({@link
 * dev.segmentation.validation.stats.OneWayAnova}), Kruskal-Wallis ({@link
 * dev.segmentation.validation.stats.KruskalWallis}), the chi-square test of independence with Cramer's V
 * ({@link dev.segmentation.validation.stats.ChiSquareIndependence}), effect sizes, the Benjamini-Hochberg
 * false-discovery-rate adjustment ({@link dev.segmentation.validation.stats.BenjaminiHochberg}), and a
 * per-feature report over a whole segmentation ({@link dev.segmentation.validation.stats.SeparationTests}).
 *
 * <p>Distributions come from Apache Commons Math 3 (regularised incomplete beta and gamma functions); no
 * Commons Math type appears in a public signature. Every test is checked against SciPy 1.10.1, and the ANOVA
 * against the NIST StRD certified values.
 */
package dev.segmentation.validation.stats;
