/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Reading transactions ({@link dev.segmentation.features.io.TransactionCsvReader}), behavioural events
 * ({@link dev.segmentation.features.io.EventCsvReader}) and customer attribute tables
 * ({@link dev.segmentation.features.io.CustomerTableCsvReader}) from CSV and whitespace-separated text with
 * FastCSV, with a row-level error report, row policies and customer identity.
 */
package dev.segmentation.features.io;
