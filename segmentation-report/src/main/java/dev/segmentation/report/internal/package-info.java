/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Internals of the report: markup writing, number formatting, scales, colours and data tables. Not API: may
 * change in any release.
 */
package dev.segmentation.report.internal;
