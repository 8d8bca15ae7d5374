/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.behaviour;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.Events;
import dev.segmentation.features.FeatureTable;
import dev.segmentation.features.internal.CodePoints;
import dev.segmentation.features.internal.EventsAccess;
import dev.segmentation.features.internal.TransactionColumns;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Navigation motifs: the most frequent event-name bigrams (one event followed by the next within a session,
 * for example {@code product_view > add_to_cart}) across the training customers, and for each customer the
 * rate of each motif among the customer's bigrams.
 *
 * <pre>{@code
 * NavigationMotifs.Fitted motifs = NavigationMotifs.asOf(LocalDate.parse("2011-12-10")).top(10).fit(events);
 * FeatureTable m = motifs.compute(events);       // columns "motif:product_view>add_to_cart", ...
 * }</pre>
 *
 * <h2>Definitions</h2>
 * Events are sessionised as in {@link Sessions} (same gap, same as-of rule); within a session, each pair of
 * consecutive events (in time order, equal times in input order) is a bigram \( (a, b) \) of their names.
 * {@link #fit} counts all bigrams of all customers and keeps the \( k \) most frequent, ties broken by the
 * names in code-point order. {@link Fitted#compute} gives, per customer with at least one used event and per
 * motif, \( \text{count of the motif} / \text{count of all the customer's bigrams} \) (0 when the customer has
 * no bigram). Fitting once and computing on new data keeps the feature columns fixed, as a scorer needs.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class NavigationMotifs {
    /** The prefix of the feature columns. */
    public static final String PREFIX = "motif:";

    private final LocalDate asOf;
    private final int top;
    private final Duration gap;

    private NavigationMotifs(LocalDate asOf, int top, Duration gap) {
        this.asOf = asOf;
        this.top = top;
        this.gap = gap;
    }

    /** Motifs as of the start of {@code asOf}, the 10 most frequent, with the default session gap. */
    public static NavigationMotifs asOf(LocalDate asOf) {
        return new NavigationMotifs(Checks.notNull("asOf", asOf), 10, Sessions.DEFAULT_GAP);
    }

    /**
     * Keep the {@code k} most frequent bigrams.
     *
     * @throws IllegalArgumentException if {@code k < 1}
     */
    public NavigationMotifs top(int k) {
        Checks.atLeast("k", k, 1);
        return new NavigationMotifs(asOf, k, gap);
    }

    /**
     * The session inactivity gap (bigrams never span two sessions).
     *
     * @throws IllegalArgumentException if the gap is not a positive whole number of seconds
     */
    public NavigationMotifs inactivityGap(Duration value) {
        Sessions.asOf(asOf).inactivityGap(value);
        return new NavigationMotifs(asOf, top, value);
    }

    /** A bigram of event names. */
    public record Motif(String first, String second) {
        /** The feature column name, {@code motif:<first>><second>}. */
        public String column() {
            return PREFIX + first + ">" + second;
        }
    }

    /**
     * Finds the most frequent bigrams.
     *
     * @param events the training events. Not modified.
     * @return the motifs, at most {@code k} (fewer when there are fewer distinct bigrams)
     */
    public Fitted fit(Events events) {
        Checks.notNull("events", events);
        TransactionColumns c = EventsAccess.columns(events);
        AsOf a = new AsOf(c, asOf, null);
        int e = c.orderIds.length;
        Map<Long, long[]> counts = new HashMap<>();
        long g = gap.getSeconds();
        for (int p = 0; p < a.customers.length; p++) {
            int k = a.customers[p];
            for (int q = a.rows.start[k] + 1; q < a.rows.start[k + 1]; q++) {
                int i0 = a.rows.rows[q - 1];
                int i1 = a.rows.rows[q];
                if (c.epochSecond[i1] - c.epochSecond[i0] > g) {
                    continue;
                }
                long key = (long) c.order[i0] * e + c.order[i1];
                counts.computeIfAbsent(key, x -> new long[1])[0]++;
            }
        }
        List<Map.Entry<Long, long[]>> all = new ArrayList<>(counts.entrySet());
        all.sort((x, y) -> {
            int byCount = Long.compare(y.getValue()[0], x.getValue()[0]);
            if (byCount != 0) {
                return byCount;
            }
            String ax = c.orderIds[(int) (x.getKey() / e)];
            String ay = c.orderIds[(int) (y.getKey() / e)];
            int byFirst = CodePoints.compare(ax, ay);
            if (byFirst != 0) {
                return byFirst;
            }
            return CodePoints.compare(c.orderIds[(int) (x.getKey() % e)], c.orderIds[(int) (y.getKey() % e)]);
        });
        List<Motif> motifs = new ArrayList<>();
        long[] totals = new long[Math.min(top, all.size())];
        for (int m = 0; m < totals.length; m++) {
            long key = all.get(m).getKey();
            motifs.add(new Motif(c.orderIds[(int) (key / e)], c.orderIds[(int) (key % e)]));
            totals[m] = all.get(m).getValue()[0];
        }
        return new Fitted(asOf, gap, motifs, totals);
    }

    @Override
    public String toString() {
        return "NavigationMotifs[asOf=" + asOf + ", top=" + top + ", gap=" + gap + "]";
    }

    /**
     * The fitted motifs: computes the per-customer rates on any events, as of the fitted date.
     *
     * @since 0.1
     */
    public static final class Fitted {
        private final LocalDate asOf;
        private final Duration gap;
        private final List<Motif> motifs;
        private final long[] trainingCounts;

        Fitted(LocalDate asOf, Duration gap, List<Motif> motifs, long[] trainingCounts) {
            this.asOf = asOf;
            this.gap = gap;
            this.motifs = List.copyOf(motifs);
            this.trainingCounts = trainingCounts;
        }

        /** The motifs, most frequent first. */
        public List<Motif> motifs() {
            return motifs;
        }

        /** How often each motif occurred in the training events. */
        public long[] trainingCounts() {
            return trainingCounts.clone();
        }

        /**
         * The rate of each motif among each customer's bigrams.
         *
         * @param events the events. Not modified.
         */
        public FeatureTable compute(Events events) {
            Checks.notNull("events", events);
            TransactionColumns c = EventsAccess.columns(events);
            AsOf a = new AsOf(c, asOf, null);
            int e = c.orderIds.length;
            Map<String, Integer> code = new HashMap<>();
            for (int k = 0; k < e; k++) {
                code.put(c.orderIds[k], k);
            }
            int m = motifs.size();
            // motif index per (first, second) event code pair
            Map<Long, Integer> index = new HashMap<>();
            for (int t = 0; t < m; t++) {
                Integer f = code.get(motifs.get(t).first());
                Integer s = code.get(motifs.get(t).second());
                if (f != null && s != null) {
                    index.put((long) f * e + s, t);
                }
            }
            int n = a.customers.length;
            double[][] rate = new double[m][n];
            long g = gap.getSeconds();
            long[] count = new long[m];
            for (int p = 0; p < n; p++) {
                int k = a.customers[p];
                java.util.Arrays.fill(count, 0);
                long total = 0;
                for (int q = a.rows.start[k] + 1; q < a.rows.start[k + 1]; q++) {
                    int i0 = a.rows.rows[q - 1];
                    int i1 = a.rows.rows[q];
                    if (c.epochSecond[i1] - c.epochSecond[i0] > g) {
                        continue;
                    }
                    total++;
                    Integer t = index.get((long) c.order[i0] * e + c.order[i1]);
                    if (t != null) {
                        count[t]++;
                    }
                }
                for (int t = 0; t < m; t++) {
                    rate[t][p] = total == 0 ? 0 : (double) count[t] / total;
                }
            }
            CustomerTable.Builder b = CustomerTable.builder(a.ids());
            for (int t = 0; t < m; t++) {
                b.numeric(motifs.get(t).column(), rate[t]);
            }
            return new FeatureTable(b.build(), a.report());
        }

        @Override
        public String toString() {
            return "NavigationMotifs.Fitted[asOf=" + asOf + ", motifs=" + motifs + "]";
        }
    }
}
