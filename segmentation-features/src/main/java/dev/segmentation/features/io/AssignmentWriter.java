/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.core.internal.AtomicFiles;
import dev.segmentation.core.internal.Checks;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@link SegmentAssignments} as CSV (with FastCSV) or as JSON lines (with Jackson), for a CRM import, a
 * warehouse table or a scoring service.
 *
 * <pre>{@code
 * AssignmentWriter.csv().write(assignments, Path.of("segments.csv"));
 * AssignmentWriter.jsonLines().write(assignments, Path.of("segments.jsonl"));
 * }</pre>
 *
 * <h2>Layout</h2>
 * One record per customer, in the order of the assignments, with these columns (CSV header, JSON keys):
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>CSV</th><th>JSON</th></tr>
 *   <tr><td>{@code customer_id}</td><td>text</td><td>string</td></tr>
 *   <tr><td>{@code segment}</td><td>integer, {@code -1} for no segment</td><td>number</td></tr>
 *   <tr><td>{@code segment_name}</td><td>text, empty for no segment</td><td>string, or {@code null}</td></tr>
 *   <tr><td>{@code confidence}</td><td>decimal, empty when not known</td><td>number, or {@code null}</td></tr>
 *   <tr><td>{@code model_version}</td><td>text</td><td>string</td></tr>
 * </table>
 * CSV: RFC 4180, UTF-8 without a byte-order mark, a header line, the {@link #withDelimiter delimiter} (default
 * {@code ,}), fields quoted only when they contain the delimiter, a quote or a line break, CRLF line ends.
 * JSON lines: one UTF-8 JSON object per line with the keys in the order above, each line ended by {@code \n}.
 *
 * <h2>Deterministic output</h2>
 * The same assignments give the same bytes on every JVM: the confidence is rounded half-even to
 * {@link #withConfidenceDecimals} decimal places (default 6) from its exact binary value and written without
 * trailing zeros or exponent ({@code 0.93}, {@code 12.5}, {@code 0}), nothing depends on the locale, the clock
 * or the platform's line separator.
 *
 * <h2>Files</h2>
 * {@link #write(SegmentAssignments, Path)} writes like the library's model files: a temporary file beside the target, forced to disk and
 * renames it over the target atomically (then forces the directory), so that a reader of the target sees the
 * old file or the new one, never a part. A new file gets the default permissions of the process (its umask);
 * a replaced file keeps the permissions it had. A failed write removes the temporary file.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class AssignmentWriter {
    /** The column names, in order. */
    public static final List<String> COLUMNS = List.of("customer_id", "segment", "segment_name",
            "confidence", "model_version");

    private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final boolean json;
    private final char delimiter;
    private final int decimals;

    private AssignmentWriter(boolean json, char delimiter, int decimals) {
        this.json = json;
        this.delimiter = delimiter;
        this.decimals = decimals;
    }

    /** A CSV writer: comma-separated, 6 decimals of confidence. */
    public static AssignmentWriter csv() {
        return new AssignmentWriter(false, ',', 6);
    }

    /** A JSON-lines writer: 6 decimals of confidence. */
    public static AssignmentWriter jsonLines() {
        return new AssignmentWriter(true, ',', 6);
    }

    /**
     * With another CSV field separator, such as {@code ;} for a spreadsheet in a decimal-comma locale.
     *
     * @throws IllegalArgumentException if the delimiter is a quote, a line break, a digit, {@code -} or
     *     {@code .}
     * @throws IllegalStateException for a JSON-lines writer
     */
    public AssignmentWriter withDelimiter(char value) {
        if (json) {
            throw new IllegalStateException("JSON lines have no delimiter");
        }
        if (value == '"' || value == '\n' || value == '\r' || value == '-' || value == '.'
                || value >= '0' && value <= '9') {
            throw new IllegalArgumentException("The delimiter cannot be '" + value + "'");
        }
        return new AssignmentWriter(false, value, decimals);
    }

    /**
     * With another number of decimal places for the confidence.
     *
     * @throws IllegalArgumentException unless {@code 0 <= value <= 17}
     */
    public AssignmentWriter withConfidenceDecimals(int value) {
        Checks.atLeast("decimals", value, 0);
        if (value > 17) {
            throw new IllegalArgumentException("decimals must be <= 17 but was " + value);
        }
        return new AssignmentWriter(json, delimiter, value);
    }

    /**
     * Writes the assignments to a file atomically (see the class documentation).
     *
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public void write(SegmentAssignments assignments, Path file) throws IOException {
        Checks.notNull("assignments", assignments);
        Checks.notNull("file", file);
        AtomicFiles.write(file, out -> write(assignments, out));
    }

    /**
     * Writes the assignments to a stream, which is flushed but not closed.
     *
     * @throws IOException if the stream cannot be written
     */
    public void write(SegmentAssignments assignments, OutputStream out) throws IOException {
        Checks.notNull("assignments", assignments);
        Checks.notNull("out", out);
        OutputStream kept = new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
        if (json) {
            writeJson(assignments, kept);
        } else {
            writeCsv(assignments, kept);
        }
    }

    private void writeCsv(SegmentAssignments a, OutputStream out) throws IOException {
        try (CsvWriter csv = CsvWriter.builder().fieldSeparator(delimiter).lineDelimiter(LineDelimiter.CRLF)
                .build(out, StandardCharsets.UTF_8)) {
            csv.writeRecord(COLUMNS);
            String version = a.modelVersion();
            for (int i = 0; i < a.size(); i++) {
                String name = a.segmentName(i);
                double c = a.confidence(i);
                csv.writeRecord(a.customerId(i), Integer.toString(a.segment(i)), name == null ? "" : name,
                        c != c ? "" : decimal(c), version);
            }
        }
    }

    private void writeJson(SegmentAssignments a, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            String version = a.modelVersion();
            for (int i = 0; i < a.size(); i++) {
                g.writeStartObject();
                g.writeStringField(COLUMNS.get(0), a.customerId(i));
                g.writeNumberField(COLUMNS.get(1), a.segment(i));
                String name = a.segmentName(i);
                if (name == null) {
                    g.writeNullField(COLUMNS.get(2));
                } else {
                    g.writeStringField(COLUMNS.get(2), name);
                }
                double c = a.confidence(i);
                g.writeFieldName(COLUMNS.get(3));
                if (c != c) {
                    g.writeNull();
                } else {
                    g.writeNumber(decimal(c));
                }
                g.writeStringField(COLUMNS.get(4), version);
                g.writeEndObject();
                g.writeRaw('\n');
            }
        }
    }

    /** The value rounded half-even to the decimals, plain, without trailing zeros. */
    String decimal(double value) {
        BigDecimal d = new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    @Override
    public String toString() {
        return "AssignmentWriter[" + (json ? "JSON lines" : "CSV, delimiter '" + delimiter + "'") + ", "
                + decimals + " decimals]";
    }
}
