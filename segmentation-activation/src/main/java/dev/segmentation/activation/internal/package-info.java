/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Not API: the compiled rule program, the XXH64 hash and the statistics behind the public results. May change in
 * any release.
 */
package dev.segmentation.activation.internal;
