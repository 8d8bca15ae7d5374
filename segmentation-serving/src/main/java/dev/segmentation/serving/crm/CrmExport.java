/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.crm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.AtomicFiles;
import dev.segmentation.serving.store.SegmentChange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The difference between two assignment snapshots in one target system's terms, ready to sync: every added,
 * changed and removed customer with the target's segment code and name, as CSV or JSON lines.
 * <pre>{@code
 * CrmExport export = CrmExport.of(store.diff(previousRun, currentRun), mapping);
 * export.writeCsv(Path.of("crm-2011-12-10.csv"));
 * String counts = export.table();                   // counts per kind of change
 * }</pre>
 *
 * <h2>Idempotent</h2>
 * The bytes depend only on the two snapshots and the mapping: rows are ordered by customer id
 * ({@link String#compareTo}), fields in a fixed order, UTF-8 with LF line ends, no time stamp; exporting the same
 * night twice gives the same bytes, so a sync can be retried safely. Changes between two of our segments that
 * map to the same target code are not rows (the target sees no change); {@link #collapsed()} counts them.
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public final class CrmExport {
    private final CrmMapping mapping;
    private final List<Row> rows;
    private final Map<SegmentChange.Kind, Long> counts;
    private final long collapsed;
    private final long skipped;

    private record Row(SegmentChange.Kind kind, String customerId, CrmMapping.Target now, CrmMapping.Target before,
                       String modelVersion) {
    }

    private CrmExport(CrmMapping mapping, List<Row> rows, Map<SegmentChange.Kind, Long> counts, long collapsed,
                      long skipped) {
        this.mapping = mapping;
        this.rows = rows;
        this.counts = counts;
        this.collapsed = collapsed;
        this.skipped = skipped;
    }

    /**
     * The export of {@code changes} through {@code mapping}.
     *
     * @param changes the snapshot differences ({@code AssignmentStore.diff}). Not modified.
     * @throws IllegalArgumentException if a change involves a segment the mapping does not know (unless it skips
     *     them), naming the segment and the target
     */
    public static CrmExport of(List<SegmentChange> changes, CrmMapping mapping) {
        Checks.notNull("changes", changes);
        Checks.notNull("mapping", mapping);
        List<SegmentChange> sorted = new ArrayList<>(changes);
        sorted.sort((a, b) -> a.customerId().compareTo(b.customerId()));
        List<Row> rows = new ArrayList<>();
        Map<SegmentChange.Kind, Long> counts = new EnumMap<>(SegmentChange.Kind.class);
        for (SegmentChange.Kind k : SegmentChange.Kind.values()) {
            counts.put(k, 0L);
        }
        long collapsed = 0;
        long skipped = 0;
        for (SegmentChange c : sorted) {
            CrmMapping.Target now = c.newSegmentName() == null ? null : target(mapping, c.newSegmentName());
            CrmMapping.Target before = c.oldSegmentName() == null ? null : target(mapping, c.oldSegmentName());
            if ((c.newSegmentName() != null && now == null) || (c.oldSegmentName() != null && before == null)) {
                skipped++;
                continue;
            }
            if (c.kind() == SegmentChange.Kind.CHANGED && now.code().equals(before.code())) {
                collapsed++;
                continue;
            }
            rows.add(new Row(c.kind(), c.customerId(), now, before,
                    c.kind() == SegmentChange.Kind.REMOVED ? c.oldModelVersion() : c.newModelVersion()));
            counts.merge(c.kind(), 1L, Long::sum);
        }
        return new CrmExport(mapping, List.copyOf(rows), counts, collapsed, skipped);
    }

    private static CrmMapping.Target target(CrmMapping mapping, String segment) {
        CrmMapping.Target t = mapping.target(segment).orElse(null);
        if (t == null && !mapping.skipsUnmapped()) {
            throw new IllegalArgumentException("Segment '" + segment + "' has no mapping for " + mapping.target()
                    + "; map it (CrmMapping.Builder.segment) or choose skipUnmapped()");
        }
        return t;
    }

    /** The mapping. */
    public CrmMapping mapping() {
        return mapping;
    }

    /** The number of exported rows. */
    public int size() {
        return rows.size();
    }

    /** The exported rows per kind of change. */
    public Map<SegmentChange.Kind, Long> counts() {
        return Map.copyOf(counts);
    }

    /** Changes between two of our segments that the target sees as one code (not exported). */
    public long collapsed() {
        return collapsed;
    }

    /** Changes into or out of unmapped segments, skipped by the mapping's choice. */
    public long skipped() {
        return skipped;
    }

    /** The export as CSV: a header of {@link CrmMapping#columns()}, then one row per change. */
    public byte[] csv() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
             CsvWriter csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(w)) {
            csv.writeRecord(mapping.columns());
            for (Row r : rows) {
                csv.writeRecord(r.kind().code(), r.customerId(), r.now() == null ? "" : r.now().code(),
                        r.now() == null ? "" : r.now().name(), r.before() == null ? "" : r.before().code(),
                        r.before() == null ? "" : r.before().name(), r.modelVersion() == null ? "" : r.modelVersion());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The export as JSON lines: one object per change, keys {@link CrmMapping#columns()}, absent values null. */
    public byte[] jsonLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<String> cols = mapping.columns();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            g.setRootValueSeparator(null);
            for (Row r : rows) {
                g.writeStartObject();
                g.writeStringField(cols.get(0), r.kind().code());
                g.writeStringField(cols.get(1), r.customerId());
                g.writeStringField(cols.get(2), r.now() == null ? null : r.now().code());
                g.writeStringField(cols.get(3), r.now() == null ? null : r.now().name());
                g.writeStringField(cols.get(4), r.before() == null ? null : r.before().code());
                g.writeStringField(cols.get(5), r.before() == null ? null : r.before().name());
                g.writeStringField(cols.get(6), r.modelVersion());
                g.writeEndObject();
                g.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@link #csv()} to a file, atomically. */
    public void writeCsv(Path path) throws IOException {
        AtomicFiles.write(path, csv());
    }

    /** Writes {@link #jsonLines()} to a file, atomically. */
    public void writeJsonLines(Path path) throws IOException {
        AtomicFiles.write(path, jsonLines());
    }

    /** The counts per kind of change as a plain-text table. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "  CRM export for %s%n", mapping.target()));
        for (SegmentChange.Kind k : SegmentChange.Kind.values()) {
            b.append(String.format(Locale.ROOT, "  %-28s %,10d%n", k.code(), counts.get(k)));
        }
        b.append(String.format(Locale.ROOT, "  %-28s %,10d%n", "rows exported", rows.size()));
        b.append(String.format(Locale.ROOT, "  %-28s %,10d%n", "same target code (not sent)", collapsed));
        if (mapping.skipsUnmapped()) {
            b.append(String.format(Locale.ROOT, "  %-28s %,10d%n", "unmapped (skipped)", skipped));
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "CrmExport[" + mapping.target() + ", " + counts + "]";
    }
}
