/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Reading customer data from delimited text, and writing segment assignments.
 *
 * <ul>
 *   <li>Readers: {@link dev.segmentation.features.io.TransactionCsvReader} (transactions),
 *       {@link dev.segmentation.features.io.EventCsvReader} (behavioural events) and
 *       {@link dev.segmentation.features.io.CustomerTableCsvReader} (customer attribute tables). They share one
 *       options type ({@link dev.segmentation.features.io.ReadOptions}: layout, delimiter, decimal separator,
 *       charset, header, missing-value markers, multi-line fields, timestamp patterns, zone, error policy), one
 *       builder base ({@link dev.segmentation.features.io.ReaderBuilder},
 *       {@link dev.segmentation.features.io.TimedReaderBuilder}) and one ingestion path: FastCSV parsing, a
 *       decoder that reports bytes not valid in the charset, recovery after a malformed record, row policies
 *       ({@link dev.segmentation.features.io.RowPolicy}) and customer identity.</li>
 *   <li>Reports: every read returns a {@link dev.segmentation.features.io.ReadReport} whose counts account for
 *       every record ({@code rowsRead = rowsKept + rowsSkipped + rowsDropped}) and every line, with the first
 *       bad rows as {@link dev.segmentation.features.io.RowError}s naming the line, the column, the value and the
 *       customer. Under a {@code FAIL} policy each reader throws its own
 *       {@link dev.segmentation.features.io.RecordFormatException} subclass carrying the same.</li>
 *   <li>Writing: {@link dev.segmentation.features.io.AssignmentWriter} writes
 *       {@link dev.segmentation.features.io.SegmentAssignments} as CSV or JSON lines with a fixed column layout
 *       and deterministic bytes.</li>
 * </ul>
 *
 * @since 0.1
 */
package dev.segmentation.features.io;
