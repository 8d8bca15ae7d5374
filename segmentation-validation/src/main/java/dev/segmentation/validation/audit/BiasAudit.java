/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.audit;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.stats.ChiSquareIndependence;
import dev.segmentation.validation.stats.OneWayAnova;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A bias audit of a segmentation against a protected attribute (age band, gender, region of origin, ...)
 * that was deliberately kept out of the clustering features: does the segmentation still sort the groups
 * differently, and which features carry the attribute in by the back door?
 * <pre>{@code
 * BiasAudit.Report r = BiasAudit.builder().build()
 *     .audit(model.trainingLabels(), ageBand, clusteringFeatures, "age_band");
 * r.flaggedSegments();     // segments whose selection rates fail the four-fifths rule
 * r.proxies();             // features strongly associated with the attribute
 * }</pre>
 *
 * <h2>What is measured</h2>
 * With \( n_{sg} \) the customers of group g in segment s and \( n_g \) the size of group g:
 * <ul>
 *   <li><b>mix</b>: the counts \( n_{sg} \), the composition of each segment (\( n_{sg} / n_s \)) and the
 *       selection rate \( r_{sg} = n_{sg} / n_g \), the share of group g that lands in segment s;</li>
 *   <li><b>disparate impact</b> per segment: \( DI_s = \min_g r_{sg} / \max_g r_{sg} \), the selection rate of
 *       the least-selected group over that of the most-selected one. Being put in a segment is treated as the
 *       "selection" (a campaign, an offer, a price); the four-fifths rule (US EEOC Uniform Guidelines, 29 CFR
 *       1607.4(D)) flags \( DI_s \lt 0.8 \) ({@link Builder#fourFifthsThreshold}). Whether a flagged segment is a
 *       problem depends on what the segment is used for;</li>
 *   <li><b>independence</b>: Pearson's chi-square test of segment against group, with Cramer's V
 *       ({@link ChiSquareIndependence});</li>
 *   <li><b>proxies</b>: for each clustering feature, the correlation ratio \( \eta^2 \) of the feature across the
 *       groups (the one-way ANOVA effect size: the share of the feature's variance that the attribute
 *       explains); a feature with \( \eta^2 \) at or above {@link Builder#proxyThreshold} (default 0.1) is
 *       flagged as a proxy.</li>
 * </ul>
 * Groups are listed in {@link String} order; segments by label. Rows labelled -1 (noise) belong to no segment
 * and are left out.
 *
 * <h2>Bad input</h2>
 * A protected attribute with a single group (nothing to compare), a {@code null} group, arrays of different
 * lengths, labels below -1, every row noise, or clustering features that contain the attribute's own column
 * (it must be kept out) throw {@link IllegalArgumentException}.
 *
 * <p>Immutable and thread-safe. References: Equal Employment Opportunity Commission, Uniform Guidelines on
 * Employee Selection Procedures, 29 CFR 1607.4(D) (1978); M. Feldman, S. A. Friedler, J. Moeller, C. Scheidegger,
 * S. Venkatasubramanian, "Certifying and removing disparate impact", KDD 2015, doi:10.1145/2783258.2783311.
 *
 * @since 0.1
 */
public final class BiasAudit {
    private final double fourFifths;
    private final double proxyThreshold;

    private BiasAudit(double fourFifths, double proxyThreshold) {
        this.fourFifths = fourFifths;
        this.proxyThreshold = proxyThreshold;
    }

    /** A builder with the four-fifths threshold 0.8 and the proxy threshold 0.1. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Audits the segment mix of the groups, without proxy analysis.
     *
     * @param segments the segment of each customer, {@code >= 0} or -1. Not modified.
     * @param groups the protected group of each customer, not null. Not modified.
     * @throws IllegalArgumentException see the class comment
     */
    public Report audit(int[] segments, String[] groups) {
        return audit(segments, groups, null, null);
    }

    /**
     * Audits the segment mix and the clustering features.
     *
     * @param segments the segment of each customer. Not modified.
     * @param groups the protected group of each customer. Not modified.
     * @param features the clustering features, one row per customer, or {@code null}. Not modified.
     * @param attributeName the attribute's column name, which the features must not contain (may be
     *     {@code null} when the features are)
     * @throws IllegalArgumentException see the class comment
     */
    public Report audit(int[] segments, String[] groups, Dataset features, String attributeName) {
        Checks.notNull("segments", segments);
        Checks.notNull("groups", groups);
        if (groups.length != segments.length) {
            throw new IllegalArgumentException(groups.length + " groups were given for " + segments.length
                    + " segment labels");
        }
        if (features != null) {
            Labels.checkLength(segments, features);
            Objects.requireNonNull(attributeName, "attributeName");
            if (features.columnNames().contains(attributeName)) {
                throw new IllegalArgumentException("The protected attribute '" + attributeName + "' is one of the "
                        + "clustering features; keep it out of the features and audit it here");
            }
        }
        Labels.Encoded seg = Labels.encodeClusters(segments);
        if (seg.assigned == 0) {
            throw new IllegalArgumentException("Every row is labelled noise (-1): there is no segment to audit");
        }
        TreeSet<String> distinct = new TreeSet<>();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == null) {
                throw new IllegalArgumentException("groups[" + i + "] is null; give missing values a group name "
                        + "of their own (for example \"unknown\")");
            }
            if (segments[i] >= 0) {
                distinct.add(groups[i]);
            }
        }
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("The protected attribute has a single group " + distinct
                    + " among the segmented rows: there is nothing to compare");
        }
        List<String> groupNames = List.copyOf(distinct);
        int gk = groupNames.size();
        int sk = seg.k;
        int[] groupCode = new int[groups.length];
        long[][] counts = new long[sk][gk];
        for (int i = 0; i < groups.length; i++) {
            int g = groupNames.indexOf(groups[i]);
            groupCode[i] = seg.codes[i] < 0 ? -1 : g;
            if (seg.codes[i] >= 0) {
                counts[seg.codes[i]][g]++;
            }
        }
        ChiSquareIndependence.Result chi = ChiSquareIndependence.test(counts);
        long[] groupSize = new long[gk];
        for (int s = 0; s < sk; s++) {
            for (int g = 0; g < gk; g++) {
                groupSize[g] += counts[s][g];
            }
        }
        List<SegmentImpact> impacts = new ArrayList<>();
        for (int s = 0; s < sk; s++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int loG = 0;
            int hiG = 0;
            for (int g = 0; g < gk; g++) {
                double rate = (double) counts[s][g] / groupSize[g];
                if (rate < lo) {
                    lo = rate;
                    loG = g;
                }
                if (rate > hi) {
                    hi = rate;
                    hiG = g;
                }
            }
            double ratio = hi == 0 ? 1.0 : lo / hi;
            impacts.add(new SegmentImpact(seg.values[s], ratio, groupNames.get(loG), lo, groupNames.get(hiG), hi,
                    ratio < fourFifths));
        }
        List<Proxy> proxies = new ArrayList<>();
        if (features != null) {
            for (int j = 0; j < features.cols(); j++) {
                double[] col = features.column(j);
                double first = Double.NaN;
                boolean constant = true;
                for (int i = 0; i < col.length && constant; i++) {
                    if (groupCode[i] >= 0) {
                        if (Double.isNaN(first)) {
                            first = col[i];
                        } else {
                            constant = col[i] == first;
                        }
                    }
                }
                double eta = 0;
                double p = 1;
                if (!constant) {
                    OneWayAnova.Result a = OneWayAnova.test(col, groupCode);
                    eta = a.etaSquared();
                    p = a.pValue();
                }
                proxies.add(new Proxy(features.columnNames().get(j), eta, p, eta >= proxyThreshold));
            }
        }
        return new Report(groupNames, seg.values.clone(), counts, groupSize, impacts, chi, proxies, fourFifths,
                proxyThreshold);
    }

    /**
     * The disparate impact of one segment.
     *
     * @param segment the segment label
     * @param ratio the lowest selection rate over the highest (1 when no group is selected)
     * @param lowestGroup the group with the lowest rate
     * @param lowestRate its rate
     * @param highestGroup the group with the highest rate
     * @param highestRate its rate
     * @param flagged whether the ratio is below the four-fifths threshold
     */
    public record SegmentImpact(int segment, double ratio, String lowestGroup, double lowestRate, String highestGroup,
                                double highestRate, boolean flagged) {
    }

    /**
     * The association of one clustering feature with the protected attribute.
     *
     * @param feature the column name
     * @param etaSquared the correlation ratio \( \eta^2 \) (0 for a constant feature)
     * @param pValue the one-way ANOVA p-value (1 for a constant feature)
     * @param flagged whether \( \eta^2 \) reaches the proxy threshold
     */
    public record Proxy(String feature, double etaSquared, double pValue, boolean flagged) {
    }

    /** The audit. Immutable; arrays are copied out. */
    public static final class Report {
        private final List<String> groups;
        private final int[] segments;
        private final long[][] counts;
        private final long[] groupSize;
        private final List<SegmentImpact> impacts;
        private final ChiSquareIndependence.Result chi;
        private final List<Proxy> proxies;
        private final double fourFifths;
        private final double proxyThreshold;

        Report(List<String> groups, int[] segments, long[][] counts, long[] groupSize, List<SegmentImpact> impacts,
               ChiSquareIndependence.Result chi, List<Proxy> proxies, double fourFifths, double proxyThreshold) {
            this.groups = groups;
            this.segments = segments;
            this.counts = counts;
            this.groupSize = groupSize;
            this.impacts = List.copyOf(impacts);
            this.chi = chi;
            this.proxies = List.copyOf(proxies);
            this.fourFifths = fourFifths;
            this.proxyThreshold = proxyThreshold;
        }

        /** The groups, in string order. */
        public List<String> groups() {
            return groups;
        }

        /** The segment labels, increasing. */
        public int[] segments() {
            return segments.clone();
        }

        private int s(int segment) {
            int s = Arrays.binarySearch(segments, segment);
            if (s < 0) {
                throw new IllegalArgumentException("No segment " + segment);
            }
            return s;
        }

        private int g(String group) {
            int g = groups.indexOf(group);
            if (g < 0) {
                throw new IllegalArgumentException("No group '" + group + "'; the groups are " + groups);
            }
            return g;
        }

        /** Customers of {@code group} in {@code segment}. */
        public long count(int segment, String group) {
            return counts[s(segment)][g(group)];
        }

        /** The share of {@code group} that lands in {@code segment}. */
        public double selectionRate(int segment, String group) {
            int g = g(group);
            return (double) counts[s(segment)][g] / groupSize[g];
        }

        /** The share of {@code segment}'s customers that belong to {@code group}. */
        public double composition(int segment, String group) {
            int s = s(segment);
            long total = 0;
            for (int g = 0; g < groups.size(); g++) {
                total += counts[s][g];
            }
            return (double) counts[s][g(group)] / total;
        }

        /** The disparate impact of every segment, by label. */
        public List<SegmentImpact> disparateImpact() {
            return impacts;
        }

        /** The segments whose ratio is below the four-fifths threshold. */
        public List<SegmentImpact> flaggedSegments() {
            List<SegmentImpact> out = new ArrayList<>();
            for (int i = 0; i < impacts.size(); i++) {
                if (impacts.get(i).flagged()) {
                    out.add(impacts.get(i));
                }
            }
            return List.copyOf(out);
        }

        /** The chi-square test of segment against group. */
        public ChiSquareIndependence.Result independence() {
            return chi;
        }

        /** The association of each clustering feature with the attribute (empty without features). */
        public List<Proxy> proxies() {
            return proxies;
        }

        /** The features flagged as proxies. */
        public List<Proxy> flaggedProxies() {
            List<Proxy> out = new ArrayList<>();
            for (int i = 0; i < proxies.size(); i++) {
                if (proxies.get(i).flagged()) {
                    out.add(proxies.get(i));
                }
            }
            return List.copyOf(out);
        }

        /** The chi-square test of groups against segments, each segment's disparate impact, and the proxies. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "Bias audit over %d groups: chi2(%d) = %.2f, p = %.3g, Cramer's V = %.3f%n", groups.size(),
                    chi.df(), chi.statistic(), chi.pValue(), chi.cramersV()));
            for (int i = 0; i < impacts.size(); i++) {
                SegmentImpact s = impacts.get(i);
                sb.append(String.format(Locale.ROOT,
                        "  segment %-3d DI %.3f (%s %.1f%% vs %s %.1f%%)%s%n", s.segment(), s.ratio(),
                        s.lowestGroup(), 100 * s.lowestRate(), s.highestGroup(), 100 * s.highestRate(),
                        s.flagged() ? "  below " + fourFifths : ""));
            }
            for (int i = 0; i < proxies.size(); i++) {
                Proxy p = proxies.get(i);
                sb.append(String.format(Locale.ROOT, "  feature %-16s eta^2 %.3f%s%n", p.feature(), p.etaSquared(),
                        p.flagged() ? "  proxy (>= " + proxyThreshold + ")" : ""));
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "BiasAudit.Report[%d groups, %d segments, %d below %.2f, %d proxies]",
                    groups.size(), impacts.size(), flaggedSegments().size(),
                    fourFifths, flaggedProxies().size());
        }
    }

    /**
     * Builds a {@link BiasAudit}. Every setter validates its argument ({@link IllegalArgumentException}) and may
     * be called once ({@link IllegalStateException}).
     */
    public static final class Builder {
        private Double fourFifths;
        private Double proxy;

        private Builder() {
        }

        /**
         * The disparate-impact ratio below which a segment is flagged (default 0.8).
         *
         * @throws IllegalArgumentException unless in (0, 1]
         */
        public Builder fourFifthsThreshold(double value) {
            Checks.notYetSet("fourFifthsThreshold", fourFifths != null);
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("fourFifthsThreshold must be in (0, 1] but was " + value);
            }
            fourFifths = value;
            return this;
        }

        /**
         * The \( \eta^2 \) at or above which a feature is flagged as a proxy (default 0.1).
         *
         * @throws IllegalArgumentException unless in (0, 1]
         */
        public Builder proxyThreshold(double value) {
            Checks.notYetSet("proxyThreshold", proxy != null);
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException("proxyThreshold must be in (0, 1] but was " + value);
            }
            proxy = value;
            return this;
        }

        /** The audit. */
        public BiasAudit build() {
            return new BiasAudit(fourFifths == null ? 0.8 : fourFifths, proxy == null ? 0.1 : proxy);
        }
    }
}
