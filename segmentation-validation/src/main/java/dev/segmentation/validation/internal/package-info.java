/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Kernels and helpers shared by the validation module's packages: label encoding, compensated sums, ranks,
 * the Hungarian assignment and the blocked silhouette kernel. <b>Not API</b>: these classes are public only
 * so that the module's own packages can share them, and may change in any release.
 */
package dev.segmentation.validation.internal;
