/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Reading transactions from CSV and whitespace-separated text with FastCSV, with a row-level error report:
 * {@link dev.segmentation.features.io.TransactionCsvReader}.
 */
package dev.segmentation.features.io;
