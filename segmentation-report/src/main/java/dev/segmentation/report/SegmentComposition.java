/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.report;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.report.internal.DataTable;
import dev.segmentation.report.internal.Format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The number of customers in each segment at a series of snapshot dates, all scored by one model: how the
 * customer base moves between segments over time when the segmentation itself stays fixed.
 * <pre>{@code
 * Map<String, Dataset> months = new LinkedHashMap<>();
 * for (LocalDate d = LocalDate.parse("2011-01-01"); d.isBefore(asOf); d = d.plusMonths(1)) {
 *     months.put(d.toString(), Rfm.asOf(d).compute(transactions).toDataset());   // what was known on d
 * }
 * SegmentComposition c = SegmentComposition.score(scorer, months);
 * }</pre>
 * Each snapshot holds the raw features of the customers known at its date (for example RFM as of that day);
 * {@link #score} assigns them with the scorer, so every period is read with the same centres and names.
 * Immutable; arrays are copied out.
 *
 * @since 0.1
 */
public final class SegmentComposition {
    private final List<String> periods;
    private final long[][] counts;
    private final long[] noise;

    private SegmentComposition(List<String> periods, long[][] counts, long[] noise) {
        this.periods = periods;
        this.counts = counts;
        this.noise = noise;
    }

    /**
     * Scores every snapshot with {@code scorer}.
     *
     * @param snapshots period label to the raw rows of that period, in the order to draw (use an ordered
     *     map); each with the scorer's input columns. Not modified.
     * @throws IllegalArgumentException if there is no snapshot, a label is blank, or a snapshot's columns are
     *     not the scorer's inputs
     */
    public static SegmentComposition score(SegmentScorer scorer, Map<String, Dataset> snapshots) {
        Checks.notNull("scorer", scorer);
        Checks.notNull("snapshots", snapshots);
        List<String> labels = new ArrayList<>(snapshots.size());
        List<int[]> assigned = new ArrayList<>(snapshots.size());
        for (Map.Entry<String, Dataset> e : snapshots.entrySet()) {
            Dataset d = Objects.requireNonNull(e.getValue(), "snapshot " + e.getKey());
            if (!d.columnNames().equals(scorer.inputNames())) {
                throw new IllegalArgumentException("Snapshot '" + e.getKey() + "' has columns " + d.columnNames()
                        + " but the scorer reads " + scorer.inputNames());
            }
            labels.add(e.getKey());
            assigned.add(d.rows() == 0 ? new int[0] : scorer.assign(d));
        }
        return of(scorer.k(), labels, assigned);
    }

    /**
     * From the labels of each period.
     *
     * @param k the number of segments
     * @param periods a non-blank label per period, in order
     * @param labels per period, one label per customer in {@code [0, k)} or -1 (noise). Not modified.
     * @throws IllegalArgumentException if the lists are empty or differ in length, a label is blank or a
     *     segment label is out of range (the message names the period and position)
     */
    public static SegmentComposition of(int k, List<String> periods, List<int[]> labels) {
        Checks.atLeast("k", k, 1);
        Checks.notNull("periods", periods);
        Checks.notNull("labels", labels);
        if (periods.isEmpty() || periods.size() != labels.size()) {
            throw new IllegalArgumentException("Need one labelling per period, at least one, but got "
                    + periods.size() + " periods and " + labels.size() + " labellings");
        }
        long[][] counts = new long[periods.size()][k];
        long[] noise = new long[periods.size()];
        for (int p = 0; p < periods.size(); p++) {
            String name = periods.get(p);
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Period " + p + " has a blank label");
            }
            int[] l = Checks.notNull("labels of " + name, labels.get(p));
            for (int i = 0; i < l.length; i++) {
                if (l[i] == -1) {
                    noise[p]++;
                } else if (l[i] >= 0 && l[i] < k) {
                    counts[p][l[i]]++;
                } else {
                    throw new IllegalArgumentException("Period '" + name + "', customer " + i + " has segment " + l[i]
                            + "; segments are 0.." + (k - 1) + " or -1");
                }
            }
        }
        return new SegmentComposition(List.copyOf(periods), counts, noise);
    }

    /** The period labels, in order. */
    public List<String> periods() {
        return periods;
    }

    /** The number of segments. */
    public int k() {
        return counts[0].length;
    }

    /** The customers of each segment in period {@code p} (by position in {@link #periods()}). */
    public long[] counts(int p) {
        return counts[p].clone();
    }

    /** The customers in no segment (noise) in period {@code p}. */
    public long noise(int p) {
        return noise[p];
    }

    /** All customers of period {@code p}, noise included. */
    public long total(int p) {
        long t = noise[p];
        for (int s = 0; s < counts[p].length; s++) {
            t += counts[p][s];
        }
        return t;
    }

    /** One row per period: the customers per segment and their share, as a plain-text table. */
    public String table(SegmentStyle style) {
        return data(style).text();
    }

    DataTable data(SegmentStyle style) {
        if (style.size() != k()) {
            throw new IllegalArgumentException("The style names " + style.size() + " segments but the composition has "
                    + k());
        }
        String[] header = new String[k() + 2];
        header[0] = "period";
        for (int s = 0; s < k(); s++) {
            header[s + 1] = style.name(s);
        }
        header[k() + 1] = "customers";
        DataTable.Builder b = DataTable.of(header);
        for (int p = 0; p < periods.size(); p++) {
            String[] row = new String[k() + 2];
            row[0] = periods.get(p);
            long t = total(p);
            for (int s = 0; s < k(); s++) {
                row[s + 1] = Format.count(counts[p][s]) + " (" + Format.percent(t == 0 ? 0 : (double) counts[p][s] / t)
                        + ")";
            }
            row[k() + 1] = Format.count(t);
            b.row(row);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "SegmentComposition[" + periods.size() + " periods, k = " + k() + "]";
    }
}
