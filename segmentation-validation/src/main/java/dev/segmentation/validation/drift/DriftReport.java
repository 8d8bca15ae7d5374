/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What moved between a reference period and a current one, by how much, and which alerts fire: made by
 * {@link DriftMonitor#compare}.
 *
 * <p>Immutable and thread-safe; every list is unmodifiable and every array is copied out.
 *
 * @since 0.1
 */
public final class DriftReport {
    /** How serious a finding is. */
    public enum Severity {
        /** Worth a look: a moderate PSI band, or a distribution difference that the KS test finds. */
        WARNING,
        /** Act on it: a significant PSI band, a segment-size shift or a centroid shift beyond its threshold. */
        ALERT
    }

    /** What a finding is about. */
    public enum Kind {
        /** A feature's PSI is in the moderate or significant band. */
        FEATURE_PSI,
        /** A feature's two-sample KS test rejects equality (after Benjamini-Hochberg) with a large enough D. */
        FEATURE_DISTRIBUTION,
        /** The PSI of the segment mix is in the moderate or significant band. */
        SEGMENT_MIX,
        /** A segment's share changed by more than the relative threshold, appeared or vanished. */
        SEGMENT_SIZE,
        /** A segment's centre (mean of its rows) moved more than the threshold, in the data's units. */
        CENTROID_SHIFT
    }

    /**
     * One fired alert.
     *
     * @param severity warning or alert
     * @param kind what it is about
     * @param subject the feature name or {@code "segment <label>"}
     * @param value the measured value (PSI, D, relative change, distance)
     * @param threshold the threshold it crossed
     * @param message a readable sentence
     */
    public record Alert(Severity severity, Kind kind, String subject, double value, double threshold,
                        String message) {
    }

    /**
     * The drift of one feature.
     *
     * @param feature the column name
     * @param psi the PSI with its bins
     * @param ks the two-sample KS test
     * @param ksAdjustedPValue the KS p-value after Benjamini-Hochberg across all features
     * @param referenceMean the mean in the reference period
     * @param currentMean the mean in the current period
     */
    public record FeatureDrift(String feature, PopulationStabilityIndex.Result psi, KolmogorovSmirnov.Result ks,
                               double ksAdjustedPValue, double referenceMean, double currentMean) {
    }

    /**
     * The drift of one segment.
     *
     * @param label the segment label
     * @param referenceCount rows in the reference period
     * @param currentCount rows in the current period
     * @param referenceShare share of the reference period's clustered rows
     * @param currentShare share of the current period's clustered rows
     * @param relativeChange {@code currentShare / referenceShare - 1}; +Inf for a segment that appeared
     * @param centroidShift the distance between the segment's mean row in the two periods, in the data's units;
     *     NaN when the segment is empty in one of them
     * @param featureShifts the per-feature difference of those means (current minus reference)
     */
    public record SegmentDrift(int label, long referenceCount, long currentCount, double referenceShare,
                               double currentShare, double relativeChange, double centroidShift,
                               double[] featureShifts) {
        /** Defensive copy. */
        public SegmentDrift {
            featureShifts = featureShifts.clone();
        }

        /** A copy of the per-feature shifts. */
        @Override
        public double[] featureShifts() {
            return featureShifts.clone();
        }
    }

    private final List<String> features;
    private final List<FeatureDrift> featureDrift;
    private final PopulationStabilityIndex.Result segmentMix;
    private final List<SegmentDrift> segments;
    private final List<Alert> alerts;
    private final int referenceRows;
    private final int currentRows;

    DriftReport(List<String> features, List<FeatureDrift> featureDrift, PopulationStabilityIndex.Result segmentMix,
                List<SegmentDrift> segments, List<Alert> alerts, int referenceRows, int currentRows) {
        this.features = List.copyOf(features);
        this.featureDrift = List.copyOf(featureDrift);
        this.segmentMix = segmentMix;
        this.segments = List.copyOf(segments);
        this.alerts = List.copyOf(alerts);
        this.referenceRows = referenceRows;
        this.currentRows = currentRows;
    }

    /** The compared features, in column order. */
    public List<String> featureNames() {
        return features;
    }

    /** The drift of each feature, in column order. */
    public List<FeatureDrift> features() {
        return featureDrift;
    }

    /** The drift of one feature. */
    public FeatureDrift feature(String name) {
        int j = features.indexOf(name);
        if (j < 0) {
            throw new IllegalArgumentException("No feature '" + name + "'; the features are " + features);
        }
        return featureDrift.get(j);
    }

    /** The PSI of the segment mix, when segments were given. */
    public Optional<PopulationStabilityIndex.Result> segmentMix() {
        return Optional.ofNullable(segmentMix);
    }

    /** The drift of each segment (noise excluded), by label; empty when no segments were given. */
    public List<SegmentDrift> segments() {
        return segments;
    }

    /** The alerts and warnings that fire, alerts first. */
    public List<Alert> alerts() {
        return alerts;
    }

    /** Only the alerts of severity {@link Severity#ALERT}. */
    public List<Alert> alertsOfSeverity(Severity severity) {
        List<Alert> out = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).severity() == severity) {
                out.add(alerts.get(i));
            }
        }
        return out;
    }

    /** Whether anything fired. */
    public boolean hasAlerts() {
        return !alerts.isEmpty();
    }

    /** Rows in the reference period. */
    public int referenceRows() {
        return referenceRows;
    }

    /** Rows in the current period. */
    public int currentRows() {
        return currentRows;
    }


    /**
     * The report as plain text: one row per feature (PSI, band, KS statistic, adjusted p, means), the segment mix
     * and one row per segment (counts, shares, change, centre shift), then the alerts.
     */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Drift: reference %,d rows, current %,d rows%n", referenceRows,
                currentRows));
        sb.append(String.format(Locale.ROOT, "  %-16s %8s %-11s %7s %10s %14s %14s%n", "feature", "PSI", "band",
                "KS D", "KS p(BH)", "mean ref", "mean cur"));
        for (int j = 0; j < featureDrift.size(); j++) {
            FeatureDrift f = featureDrift.get(j);
            sb.append(String.format(Locale.ROOT, "  %-16s %8.4f %-11s %7.4f %10.3g %14.4f %14.4f%n", f.feature(),
                    f.psi().value(), f.psi().band(), f.ks().statistic(), f.ksAdjustedPValue(), f.referenceMean(),
                    f.currentMean()));
        }
        if (segmentMix != null) {
            sb.append(String.format(Locale.ROOT, "  segment mix PSI %.4f (%s)%n", segmentMix.value(),
                    segmentMix.band()));
            sb.append(String.format(Locale.ROOT, "  %-8s %9s %9s %8s %8s %9s %10s%n", "segment", "ref n", "cur n",
                    "ref %", "cur %", "change", "centre d"));
            for (int s = 0; s < segments.size(); s++) {
                SegmentDrift g = segments.get(s);
                sb.append(String.format(Locale.ROOT, "  %-8d %,9d %,9d %7.1f%% %7.1f%% %+8.1f%% %10.4f%n", g.label(),
                        g.referenceCount(), g.currentCount(), 100 * g.referenceShare(), 100 * g.currentShare(),
                        100 * g.relativeChange(), g.centroidShift()));
            }
        }
        if (alerts.isEmpty()) {
            sb.append("  no alerts").append(System.lineSeparator());
        }
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            sb.append(String.format(Locale.ROOT, "  %-7s %-20s %s%n", a.severity(), a.kind(), a.message()));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "DriftReport[" + features.size() + " features, " + segments.size() + " segments, " + alerts.size()
                + " alerts]";
    }
}
