/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.drift;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Neumaier;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.stats.BenjaminiHochberg;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Compares a reference period with a current one and reports what moved: the PSI and the two-sample KS test of
 * every feature, the PSI of the segment mix, each segment's share and centre, and the alerts that fire.
 * <pre>{@code
 * DriftMonitor monitor = DriftMonitor.builder().sizeShiftThreshold(0.15).build();
 * DriftReport report = monitor.compare(trainingFeatures, trainingSegments, thisMonthFeatures, model.predict(thisMonthFeatures));
 * report.alerts().forEach(a -> log.warn(a.message()));
 * }</pre>
 *
 * <h2>What fires</h2>
 * <ul>
 *   <li>{@link DriftReport.Kind#FEATURE_PSI}: a WARNING in the moderate band (PSI at least 0.1), an ALERT in the
 *       significant band (at least 0.25); bins (NumPy's linear quantiles of the reference by default), edge rule
 *       and epsilon as in {@link PopulationStabilityIndex};</li>
 *   <li>{@link DriftReport.Kind#FEATURE_DISTRIBUTION}: a WARNING when the KS p-value, adjusted by
 *       Benjamini-Hochberg across the features, is below {@code ksAlpha} (default 0.01) and D is at least
 *       {@code ksMinStatistic} (default 0.1), so that trivial differences in large samples stay quiet;</li>
 *   <li>{@link DriftReport.Kind#SEGMENT_MIX}: the PSI of the segment labels (noise, -1, is a category of its
 *       own), WARNING or ALERT by band;</li>
 *   <li>{@link DriftReport.Kind#SEGMENT_SIZE}: an ALERT when a segment's share of clustered rows changes by more
 *       than {@code sizeShiftThreshold} relative to its reference share (default 0.15, i.e. +-15% period over
 *       period), or when a segment appears or vanishes;</li>
 *   <li>{@link DriftReport.Kind#CENTROID_SHIFT}: an ALERT when the mean row of a segment moves by more than
 *       {@code centroidShiftThreshold} (default 0.5) in Euclidean distance. Give the scaled features the model
 *       clusters on, so that the distance is in the model's units (with standardised features, standard
 *       deviations of the training data).</li>
 * </ul>
 *
 * <p>PSI and KS do not change under a strictly increasing transform of a feature, so raw and scaled features
 * give the same values for them (up to rounding ties); only the centroid shift needs the scaled ones.
 *
 * <p>Bad input: different columns in the two periods, labels of the wrong length, a label below -1, or an
 * empty period throw {@link IllegalArgumentException}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class DriftMonitor {
    private final PopulationStabilityIndex psi;
    private final double ksAlpha;
    private final double ksMinStatistic;
    private final double sizeShiftThreshold;
    private final double centroidShiftThreshold;

    private DriftMonitor(PopulationStabilityIndex psi, double ksAlpha, double ksMinStatistic,
                         double sizeShiftThreshold, double centroidShiftThreshold) {
        this.psi = psi;
        this.ksAlpha = ksAlpha;
        this.ksMinStatistic = ksMinStatistic;
        this.sizeShiftThreshold = sizeShiftThreshold;
        this.centroidShiftThreshold = centroidShiftThreshold;
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** A monitor with every default. */
    public static DriftMonitor defaults() {
        return builder().build();
    }

    /**
     * Compares the features of two periods, without segments.
     *
     * @param reference the reference rows. Not modified.
     * @param current the current rows, with the same columns. Not modified.
     */
    public DriftReport compare(Dataset reference, Dataset current) {
        return compare(reference, null, current, null);
    }

    /**
     * Compares two periods and their segments.
     *
     * @param reference the reference rows. Not modified.
     * @param referenceSegments the segment of each reference row ({@code >= 0}, or -1 for noise), or
     *     {@code null} for no segment analysis
     * @param current the current rows, with the same columns. Not modified.
     * @param currentSegments the segment of each current row, or {@code null} (both or neither)
     * @throws IllegalArgumentException see the class comment
     */
    public DriftReport compare(Dataset reference, int[] referenceSegments, Dataset current, int[] currentSegments) {
        Checks.notNull("reference", reference);
        Checks.notNull("current", current);
        if (!reference.columnNames().equals(current.columnNames())) {
            throw new IllegalArgumentException("The periods have different columns: " + reference.columnNames()
                    + " and " + current.columnNames());
        }
        if (reference.rows() == 0 || current.rows() == 0) {
            throw new IllegalArgumentException("The " + (reference.rows() == 0 ? "reference" : "current")
                    + " period has no rows");
        }
        if ((referenceSegments == null) != (currentSegments == null)) {
            throw new IllegalArgumentException("Give segments for both periods or for neither");
        }
        List<String> names = reference.columnNames();
        int d = names.size();
        List<DriftReport.Alert> alerts = new ArrayList<>();
        List<DriftReport.FeatureDrift> features = new ArrayList<>();
        PopulationStabilityIndex.Result[] psis = new PopulationStabilityIndex.Result[d];
        KolmogorovSmirnov.Result[] kss = new KolmogorovSmirnov.Result[d];
        double[] ksP = new double[d];
        double[] refMean = new double[d];
        double[] curMean = new double[d];
        for (int j = 0; j < d; j++) {
            double[] r = reference.column(j);
            double[] c = current.column(j);
            psis[j] = psi.of(r, c);
            kss[j] = KolmogorovSmirnov.test(r, c);
            ksP[j] = kss[j].pValue();
            refMean[j] = Neumaier.sum(r) / r.length;
            curMean[j] = Neumaier.sum(c) / c.length;
        }
        double[] adjusted = BenjaminiHochberg.adjust(ksP);
        for (int j = 0; j < d; j++) {
            String name = names.get(j);
            features.add(new DriftReport.FeatureDrift(name, psis[j], kss[j], adjusted[j], refMean[j], curMean[j]));
            PopulationStabilityIndex.Band band = psis[j].band();
            if (band != PopulationStabilityIndex.Band.STABLE) {
                boolean significant = band == PopulationStabilityIndex.Band.SIGNIFICANT;
                alerts.add(new DriftReport.Alert(significant ? DriftReport.Severity.ALERT
                        : DriftReport.Severity.WARNING, DriftReport.Kind.FEATURE_PSI, name, psis[j].value(),
                        significant ? PopulationStabilityIndex.SIGNIFICANT : PopulationStabilityIndex.MODERATE,
                        String.format(Locale.ROOT, "%s: PSI %.3f (%s shift; mean %.4g -> %.4g)", name,
                                psis[j].value(), significant ? "significant" : "moderate", refMean[j], curMean[j])));
            }
            if (adjusted[j] < ksAlpha && kss[j].statistic() >= ksMinStatistic) {
                alerts.add(new DriftReport.Alert(DriftReport.Severity.WARNING, DriftReport.Kind.FEATURE_DISTRIBUTION,
                        name, kss[j].statistic(), ksMinStatistic, String.format(Locale.ROOT,
                        "%s: distribution differs (KS D = %.3f, adjusted p = %.2g)", name, kss[j].statistic(),
                        adjusted[j])));
            }
        }
        PopulationStabilityIndex.Result mix = null;
        List<DriftReport.SegmentDrift> segments = new ArrayList<>();
        if (referenceSegments != null) {
            Labels.checkLength(referenceSegments, reference);
            Labels.checkLength(currentSegments, current);
            Labels.encodeClusters(referenceSegments); // validates >= -1
            Labels.encodeClusters(currentSegments);
            mix = psi.ofLabels(referenceSegments, currentSegments);
            if (mix.band() != PopulationStabilityIndex.Band.STABLE) {
                boolean significant = mix.band() == PopulationStabilityIndex.Band.SIGNIFICANT;
                alerts.add(new DriftReport.Alert(significant ? DriftReport.Severity.ALERT
                        : DriftReport.Severity.WARNING, DriftReport.Kind.SEGMENT_MIX, "segment mix", mix.value(),
                        significant ? PopulationStabilityIndex.SIGNIFICANT : PopulationStabilityIndex.MODERATE,
                        String.format(Locale.ROOT, "segment mix: PSI %.3f (%s shift)", mix.value(),
                                significant ? "significant" : "moderate")));
            }
            segments = segments(reference, referenceSegments, current, currentSegments, alerts);
        }
        alerts.sort(Comparator.comparing((DriftReport.Alert a) -> a.severity() == DriftReport.Severity.ALERT ? 0 : 1));
        return new DriftReport(names, features, mix, segments, alerts, reference.rows(), current.rows());
    }

    private List<DriftReport.SegmentDrift> segments(Dataset reference, int[] rl, Dataset current, int[] cl,
                                                    List<DriftReport.Alert> alerts) {
        int[] both = new int[rl.length + cl.length];
        System.arraycopy(rl, 0, both, 0, rl.length);
        System.arraycopy(cl, 0, both, rl.length, cl.length);
        Labels.Encoded all = Labels.encodeClusters(both);
        int k = all.k;
        int d = reference.cols();
        Means rm = Means.of(reference, rl, all);
        Means cm = Means.of(current, cl, all);
        List<DriftReport.SegmentDrift> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int label = all.values[c];
            double rs = rm.assigned == 0 ? 0 : (double) rm.count[c] / rm.assigned;
            double cs = cm.assigned == 0 ? 0 : (double) cm.count[c] / cm.assigned;
            double change = rs == 0 ? Double.POSITIVE_INFINITY : cs / rs - 1;
            double[] shift = new double[d];
            double dist;
            if (rm.count[c] > 0 && cm.count[c] > 0) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    shift[j] = cm.mean[c * d + j] - rm.mean[c * d + j];
                    s += shift[j] * shift[j];
                }
                dist = Math.sqrt(s);
            } else {
                java.util.Arrays.fill(shift, Double.NaN);
                dist = Double.NaN;
            }
            out.add(new DriftReport.SegmentDrift(label, rm.count[c], cm.count[c], rs, cs, change, dist, shift));
            String subject = "segment " + label;
            if (rm.count[c] == 0) {
                alerts.add(new DriftReport.Alert(DriftReport.Severity.ALERT, DriftReport.Kind.SEGMENT_SIZE, subject,
                        change, sizeShiftThreshold, String.format(Locale.ROOT,
                        "%s appeared: %,d rows (%.1f%%), none in the reference period", subject, cm.count[c],
                        100 * cs)));
            } else if (cm.count[c] == 0) {
                alerts.add(new DriftReport.Alert(DriftReport.Severity.ALERT, DriftReport.Kind.SEGMENT_SIZE, subject,
                        change, sizeShiftThreshold, String.format(Locale.ROOT,
                        "%s vanished: %,d rows (%.1f%%) in the reference period, none now", subject, rm.count[c],
                        100 * rs)));
            } else if (Math.abs(change) > sizeShiftThreshold) {
                alerts.add(new DriftReport.Alert(DriftReport.Severity.ALERT, DriftReport.Kind.SEGMENT_SIZE, subject,
                        change, sizeShiftThreshold, String.format(Locale.ROOT,
                        "%s share %.1f%% -> %.1f%% (%+.0f%%, threshold +-%.0f%%)", subject, 100 * rs, 100 * cs,
                        100 * change, 100 * sizeShiftThreshold)));
            }
            if (dist > centroidShiftThreshold) {
                alerts.add(new DriftReport.Alert(DriftReport.Severity.ALERT, DriftReport.Kind.CENTROID_SHIFT, subject,
                        dist, centroidShiftThreshold, String.format(Locale.ROOT,
                        "%s centre moved %.3f (threshold %.3f)", subject, dist, centroidShiftThreshold)));
            }
        }
        return out;
    }

    /** Per-segment counts and means over a shared label encoding. */
    private static final class Means {
        final long[] count;
        final double[] mean;
        final long assigned;

        private Means(long[] count, double[] mean, long assigned) {
            this.count = count;
            this.mean = mean;
            this.assigned = assigned;
        }

        static Means of(Dataset data, int[] labels, Labels.Encoded all) {
            int k = all.k;
            int d = data.cols();
            long[] count = new long[k];
            Neumaier[] sums = new Neumaier[k * d];
            for (int i = 0; i < sums.length; i++) {
                sums[i] = new Neumaier();
            }
            long assigned = 0;
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] < 0) {
                    continue;
                }
                int c = all.codeOf(labels[i]);
                count[c]++;
                assigned++;
                for (int j = 0; j < d; j++) {
                    sums[c * d + j].add(data.get(i, j));
                }
            }
            double[] mean = new double[k * d];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    mean[c * d + j] = count[c] == 0 ? Double.NaN : sums[c * d + j].value() / count[c];
                }
            }
            return new Means(count, mean, assigned);
        }
    }

    @Override
    public String toString() {
        return "DriftMonitor[" + psi + ", ksAlpha=" + ksAlpha + ", ksMinStatistic=" + ksMinStatistic
                + ", sizeShiftThreshold=" + sizeShiftThreshold + ", centroidShiftThreshold=" + centroidShiftThreshold
                + "]";
    }

    /**
     * Builds a {@link DriftMonitor}. Every setter validates its argument ({@link IllegalArgumentException}) and
     * may be called once ({@link IllegalStateException}).
     */
    public static final class Builder {
        private Integer bins;
        private Double epsilon;
        private PopulationStabilityIndex.EdgeRule edgeRule;
        private Double ksAlpha;
        private Double ksMin;
        private Double sizeShift;
        private Double centroidShift;

        private Builder() {
        }

        /**
         * PSI bins (default 10).
         *
         * @throws IllegalArgumentException if {@code value < 2}
         */
        public Builder psiBins(int value) {
            Checks.notYetSet("psiBins", bins != null);
            bins = Checks.atLeast("psiBins", value, 2);
            return this;
        }

        /** PSI's rule for the cut points (default {@link PopulationStabilityIndex.EdgeRule#LINEAR}, NumPy's). */
        public Builder psiEdgeRule(PopulationStabilityIndex.EdgeRule value) {
            Checks.notYetSet("psiEdgeRule", edgeRule != null);
            edgeRule = Checks.notNull("psiEdgeRule", value);
            return this;
        }

        /**
         * PSI's replacement share for empty bins (default \( 10^{-4} \)).
         *
         * @throws IllegalArgumentException unless in (0, 0.01)
         */
        public Builder psiEpsilon(double value) {
            Checks.notYetSet("psiEpsilon", epsilon != null);
            PopulationStabilityIndex.defaults().withEpsilon(value);
            epsilon = value;
            return this;
        }

        /**
         * The false-discovery rate below which a KS result counts (default 0.01).
         *
         * @throws IllegalArgumentException unless in (0, 1)
         */
        public Builder ksAlpha(double value) {
            Checks.notYetSet("ksAlpha", ksAlpha != null);
            if (!(value > 0 && value < 1)) {
                throw new IllegalArgumentException("ksAlpha must be in (0, 1) but was " + value);
            }
            ksAlpha = value;
            return this;
        }

        /**
         * The smallest KS statistic D that counts (default 0.1).
         *
         * @throws IllegalArgumentException unless in [0, 1]
         */
        public Builder ksMinStatistic(double value) {
            Checks.notYetSet("ksMinStatistic", ksMin != null);
            ksMin = Checks.unitInterval("ksMinStatistic", value);
            return this;
        }

        /**
         * The relative change of a segment's share that fires an alert (default 0.15).
         *
         * @throws IllegalArgumentException unless finite and positive
         */
        public Builder sizeShiftThreshold(double value) {
            Checks.notYetSet("sizeShiftThreshold", sizeShift != null);
            sizeShift = Checks.positive("sizeShiftThreshold", value);
            return this;
        }

        /**
         * The distance a segment's centre may move before an alert fires (default 0.5, in the data's units).
         *
         * @throws IllegalArgumentException unless finite and positive
         */
        public Builder centroidShiftThreshold(double value) {
            Checks.notYetSet("centroidShiftThreshold", centroidShift != null);
            centroidShift = Checks.positive("centroidShiftThreshold", value);
            return this;
        }

        /** The monitor. */
        public DriftMonitor build() {
            PopulationStabilityIndex p = PopulationStabilityIndex.defaults();
            if (bins != null) {
                p = p.withBins(bins);
            }
            if (epsilon != null) {
                p = p.withEpsilon(epsilon);
            }
            if (edgeRule != null) {
                p = p.withEdgeRule(edgeRule);
            }
            return new DriftMonitor(p, ksAlpha == null ? 0.01 : ksAlpha, ksMin == null ? 0.1 : ksMin,
                    sizeShift == null ? 0.15 : sizeShift, centroidShift == null ? 0.5 : centroidShift);
        }
    }
}
