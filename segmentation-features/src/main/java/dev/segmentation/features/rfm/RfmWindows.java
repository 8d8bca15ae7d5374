/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.IndexSort;
import dev.segmentation.features.AsOfReport;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.Transactions;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFM over several look-back windows at once (for example 90, 180 and 365 days), as of one date: the
 * short-window columns show momentum that a single window hides.
 *
 * <pre>{@code
 * FeatureTable rfm = RfmWindows.asOf(LocalDate.parse("2011-12-10"))
 *     .windows(Period.ofDays(90), Period.ofDays(180), Period.ofDays(365))
 *     .compute(transactions);
 * // columns: recency_days, frequency_90d, monetary_90d, frequency_180d, monetary_180d, frequency_365d, ...
 * }</pre>
 *
 * <p>Each window \( w \) is computed exactly as {@link Rfm#window(Period)}: rows in
 * \( [\mathrm{asOf} - w, \mathrm{asOf}) \), frequency the distinct orders, monetary the compensated sum.
 * The customers are those with a row in the longest window, in ascending id order; a customer with no row in a
 * shorter window has frequency and monetary 0 there. {@code recency_days} is the recency within the longest
 * window. Column suffixes are the window in days ({@code 90d}), months ({@code 6m}) or years ({@code 1y}),
 * or their combination ({@code 1y6m}).
 *
 * <p>A window that reaches back before the first transaction is flagged in
 * {@link AsOfReport#truncatedWindows()} (and logged), or is an {@link IllegalArgumentException} with
 * {@link #requireFullWindows()}.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RfmWindows {
    private final LocalDate asOf;
    private final List<Period> windows;
    private final boolean requireFull;

    private RfmWindows(LocalDate asOf, List<Period> windows, boolean requireFull) {
        this.asOf = asOf;
        this.windows = windows;
        this.requireFull = requireFull;
    }

    /** Windowed RFM as of the start of {@code asOf} (exclusive); set the windows next. */
    public static RfmWindows asOf(LocalDate asOf) {
        return new RfmWindows(Checks.notNull("asOf", asOf), List.of(), false);
    }

    /**
     * These windows, in the order their columns appear.
     *
     * @throws IllegalArgumentException if none is given, one is not positive, or two have the same label
     * @throws IllegalStateException if the windows were already set
     */
    public RfmWindows windows(Period... windows) {
        Checks.notNull("windows", windows);
        if (!this.windows.isEmpty()) {
            throw new IllegalStateException("windows were already set: " + this.windows);
        }
        if (windows.length == 0) {
            throw new IllegalArgumentException("At least one window is needed");
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < windows.length; k++) {
            Checks.notNull("windows[" + k + "]", windows[k]);
            if (!asOf.minus(windows[k]).isBefore(asOf)) {
                throw new IllegalArgumentException("window " + k + " must be a positive period but was " + windows[k]);
            }
            String label = label(windows[k]);
            if (labels.contains(label)) {
                throw new IllegalArgumentException("Window " + windows[k] + " is given twice");
            }
            labels.add(label);
        }
        return new RfmWindows(asOf, List.of(windows), requireFull);
    }

    /** The same computation, failing when a window reaches back before the first transaction. */
    public RfmWindows requireFullWindows() {
        return new RfmWindows(asOf, windows, true);
    }

    /** The column suffix of a window: {@code 90d}, {@code 6m}, {@code 1y}, {@code 1y6m}. */
    static String label(Period p) {
        StringBuilder sb = new StringBuilder();
        if (p.getYears() != 0) {
            sb.append(p.getYears()).append('y');
        }
        if (p.getMonths() != 0) {
            sb.append(p.getMonths()).append('m');
        }
        if (p.getDays() != 0) {
            sb.append(p.getDays()).append('d');
        }
        return sb.toString();
    }

    /**
     * Computes the features.
     *
     * @param transactions the transactions. Not modified.
     * @throws IllegalStateException if no window was set
     * @throws IllegalArgumentException with {@link #requireFullWindows()}, if a window is longer than the data
     */
    public FeatureTable compute(Transactions transactions) {
        Checks.notNull("transactions", transactions);
        if (windows.isEmpty()) {
            throw new IllegalStateException("Set the windows first: windows(Period...)");
        }
        // the longest window: the earliest start
        int[] order = IndexSort.order(windows.size(),
                (a, b) -> asOf.minus(windows.get(a)).compareTo(asOf.minus(windows.get(b))));
        int longest = order[0];
        RfmTable[] tables = new RfmTable[windows.size()];
        List<String> truncated = new ArrayList<>();
        for (int k = 0; k < tables.length; k++) {
            Rfm rfm = Rfm.asOf(asOf).window(windows.get(k));
            tables[k] = (requireFull ? rfm.requireFullWindow() : rfm).compute(transactions);
            if (tables[k].windowTruncated()) {
                truncated.add(label(windows.get(k)));
            }
        }
        RfmTable base = tables[longest];
        List<String> ids = base.customerIds();
        CustomerTable.Builder b = CustomerTable.builder(ids);
        double[] recency = new double[ids.size()];
        for (int i = 0; i < recency.length; i++) {
            recency[i] = base.recencyDays(i);
        }
        b.numeric(RfmTable.RECENCY, recency);
        for (int k = 0; k < tables.length; k++) {
            double[] f = new double[ids.size()];
            double[] m = new double[ids.size()];
            RfmTable t = tables[k];
            for (int i = 0, j = 0; i < ids.size() && j < t.size(); i++) {
                // both tables are sorted by id and t's customers are a subset of base's
                if (ids.get(i).equals(t.customerIds().get(j))) {
                    f[i] = t.frequency(j);
                    m[i] = t.monetary(j);
                    j++;
                }
            }
            String label = label(windows.get(k));
            b.numeric(RfmTable.FREQUENCY + "_" + label, f).numeric(RfmTable.MONETARY + "_" + label, m);
        }
        AsOfReport report = new AsOfReport(asOf, base.zone(), base.rowsUsed(), base.excludedMissingCustomer(),
                base.excludedAtOrAfterAsOf(), base.excludedBeforeWindow(), base.firstTransactionDay(), truncated);
        return new FeatureTable(b.build(), report);
    }

    /** The as-of date. */
    public LocalDate asOfDate() {
        return asOf;
    }

    /** The windows, in column order. */
    public List<Period> windowList() {
        return windows;
    }

    /** The longest window, if windows are set. */
    public Optional<Period> longestWindow() {
        Period best = null;
        for (int k = 0; k < windows.size(); k++) {
            if (best == null || asOf.minus(windows.get(k)).isBefore(asOf.minus(best))) {
                best = windows.get(k);
            }
        }
        return Optional.ofNullable(best);
    }

    @Override
    public String toString() {
        return "RfmWindows[asOf=" + asOf + ", windows=" + windows + (requireFull ? ", full windows" : "") + "]";
    }
}
