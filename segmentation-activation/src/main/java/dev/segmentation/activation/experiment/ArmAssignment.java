/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.activation.experiment;

import dev.segmentation.activation.internal.Stats;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The arms of a population in an {@link Experiment}: who is in which arm, within which segment, and how the
 * realised shares compare with the targets.
 *
 * <p>{@link #goodnessOfFit(int)} is Pearson's chi-square test of the realised arm counts of a segment against
 * its target shares, \( X^2 = \sum_a (O_a - n \pi_a)^2 / (n \pi_a) \) over the arms with \( \pi_a > 0 \), with
 * (number of such arms - 1) degrees of freedom ({@code scipy.stats.chisquare}). A small p-value says the
 * assignment is not doing what it was configured to do (a wrong share, a broken id column); with a correct
 * assignment it is uniform on [0, 1].
 *
 * <p>Immutable and thread-safe; accessors return copies.
 *
 * @since 0.1
 */
public final class ArmAssignment {
    private final String experiment;
    private final String[] ids;
    private final int[] segments;
    private final List<String> segmentNames;
    private final int[] arms;
    private final List<String> armNames;
    private final double[][] targets;
    private final long[][] counts;

    ArmAssignment(String experiment, String[] ids, int[] segments, List<String> segmentNames, int[] arms,
                  List<String> armNames, double[][] targets) {
        this.experiment = experiment;
        this.ids = ids;
        this.segments = segments;
        this.segmentNames = segmentNames;
        this.arms = arms;
        this.armNames = armNames;
        this.targets = targets;
        this.counts = new long[segmentNames.size()][armNames.size()];
        for (int i = 0; i < arms.length; i++) {
            counts[segments[i]][arms[i]]++;
        }
    }

    /** The experiment id. */
    public String experimentId() {
        return experiment;
    }

    /** The number of customers. */
    public int size() {
        return ids.length;
    }

    /** The customer ids, in input order; unmodifiable. */
    public List<String> customerIds() {
        return Collections.unmodifiableList(Arrays.asList(ids));
    }

    /** The customer of row {@code i}. */
    public String customerId(int i) {
        return ids[i];
    }

    /** The segment names, by code. */
    public List<String> segmentNames() {
        return segmentNames;
    }

    /** The arm names; arm 0 is the control. */
    public List<String> armNames() {
        return armNames;
    }

    /** The segment code of row {@code i}. */
    public int segment(int i) {
        return segments[i];
    }

    /** The segment codes, in input order (a copy). */
    public int[] segments() {
        return segments.clone();
    }

    /** The arm of row {@code i}. */
    public int arm(int i) {
        return arms[i];
    }

    /** The arms, in input order (a copy). */
    public int[] arms() {
        return arms.clone();
    }

    /** Whether row {@code i} is in the control arm. */
    public boolean isControl(int i) {
        return arms[i] == 0;
    }

    /** The number of customers of a segment in an arm. */
    public long count(int segment, int arm) {
        return counts[segment][arm];
    }

    /** The number of customers of a segment. */
    public long segmentSize(int segment) {
        long n = 0;
        for (long c : counts[segment]) {
            n += c;
        }
        return n;
    }

    /** The target share of an arm in a segment. */
    public double targetShare(int segment, int arm) {
        return targets[segment][arm];
    }

    /**
     * The p-value of Pearson's chi-square test of a segment's realised arm counts against its target shares (see
     * the class documentation); 1 for an empty segment or a segment with one possible arm.
     */
    public double goodnessOfFit(int segment) {
        long n = segmentSize(segment);
        double x2 = 0;
        int df = -1;
        for (int a = 0; a < armNames.size(); a++) {
            double e = n * targets[segment][a];
            if (targets[segment][a] > 0) {
                double d = counts[segment][a] - e;
                x2 += d * d / e;
                df++;
            }
        }
        return n == 0 || df < 1 ? 1.0 : Stats.chiSquareSf(x2, df);
    }

    /**
     * The realised and target shares per segment, with the goodness-of-fit p-value:
     * <pre>
     * segment                   n   control      target   10% off      target  ...  fit p
     * Champions               412     5.1%        5.0%    47.3%       47.5%        0.83
     * </pre>
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-24s %9s", "segment", "n"));
        for (String a : armNames) {
            sb.append(String.format(Locale.ROOT, " %14s %7s", shorten(a, 14), "target"));
        }
        sb.append(String.format(Locale.ROOT, " %8s%n", "fit p"));
        for (int s = 0; s < segmentNames.size(); s++) {
            long n = segmentSize(s);
            sb.append(String.format(Locale.ROOT, "  %-24s %,9d", shorten(segmentNames.get(s), 24), n));
            for (int a = 0; a < armNames.size(); a++) {
                double realised = n == 0 ? 0 : (double) counts[s][a] / n;
                sb.append(String.format(Locale.ROOT, " %,7d %5.1f%% %6.1f%%", counts[s][a], 100 * realised,
                        100 * targets[s][a]));
            }
            sb.append(String.format(Locale.ROOT, " %8.3f%n", goodnessOfFit(s)));
        }
        return sb.toString();
    }

    static String shorten(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "~";
    }

    @Override
    public String toString() {
        return "ArmAssignment[" + experiment + ", " + ids.length + " customers, " + segmentNames.size()
                + " segments, arms " + armNames + "]";
    }
}
