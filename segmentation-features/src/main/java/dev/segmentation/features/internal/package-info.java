/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Parsing kernels and shared secrets of the features module. <b>Not API</b>: these classes are public only
 * so that the module's own packages can share them, and may change in any release.
 */
package dev.segmentation.features.internal;
