/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.drift;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Labels;
import dev.segmentation.validation.internal.PsiEdges;
import dev.segmentation.validation.internal.Ranks;
import dev.segmentation.validation.internal.TextTable;

import java.util.Arrays;
import java.util.Locale;

/**
 * The population stability index (PSI): how far the distribution of a variable in a current sample has moved
 * from a reference sample, over bins fixed by the reference.
 * <pre>{@code
 * PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().of(trainingMonetary, thisMonthMonetary);
 * r.value(); r.band();                // e.g. 0.13, MODERATE
 * PopulationStabilityIndex.defaults().ofLabels(trainingSegments, thisMonthSegments);   // the segment mix
 * PopulationStabilityIndex.defaults().withEdges(100, 500, 2_000).of(trainingMonetary, thisMonthMonetary);
 * PopulationStabilityIndex.defaults().ofShares(new double[] {0.5, 0.3, 0.2}, new double[] {0.4, 0.3, 0.3});
 * }</pre>
 *
 * <h2>Definition</h2>
 * With \( r_b \) and \( c_b \) the shares of the reference and current samples in bin b,
 * \[ PSI = \sum_b (c_b - r_b) \ln \frac{c_b}{r_b} , \]
 * a symmetrised Kullback-Leibler divergence (Jeffreys' J): 0 for identical shares, larger as they move. The
 * usual reading (Siddiqi 2006): below 0.1 stable, 0.1 to 0.25 a moderate shift worth a look, 0.25 and above a
 * significant shift ({@link Band}).
 *
 * <h2>Bins of a numeric variable</h2>
 * The reference sample \( x_{(1)} \le \dots \le x_{(n)} \) fixes B - 1 cut points \( q_i \), one for each
 * probability \( p_i = i / B \), \( i = 1, \dots, B - 1 \), by the {@link EdgeRule}:
 * <ul>
 *   <li>{@link EdgeRule#LINEAR} (the default): NumPy's default quantile, {@code np.quantile(reference,
 *       np.arange(1, B) / B)} (linear interpolation between order statistics, Hyndman and Fan's type 7, also R's
 *       default): with \( h = (n - 1) p_i \), \( q_i = x_{(\lfloor h \rfloor + 1)} + (h - \lfloor h \rfloor)
 *       (x_{(\lfloor h \rfloor + 2)} - x_{(\lfloor h \rfloor + 1)}) \), so a Python user who bins with
 *       {@code np.quantile} and {@code pd.cut(x, [-inf, *edges, inf])} gets the same edges and the same PSI;</li>
 *   <li>{@link EdgeRule#LOWER_EMPIRICAL}: the lower empirical quantile \( q_i = x_{(\lceil i n / B \rceil)} \),
 *       the smallest value with at least a share \( p_i \) of the sample at or below it (type 1, computed in
 *       exact integer arithmetic; NumPy's {@code method="inverted_cdf"} computes \( n p_i \) in floating point
 *       and can take the next order statistic where \( i n / B \) is an integer);</li>
 *   <li>cut points given by the caller ({@link #withEdges}), for bins agreed in advance or shared across
 *       reports.</li>
 * </ul>
 * Repeated cut points are kept once (NumPy's {@code np.unique}). The bins are
 * \( (-\infty, q_1], (q_1, q_2], \dots, (q_m, +\infty) \): <b>closed on the right</b> ({@code pd.cut}'s default
 * {@code right=True}), and open-ended, so every current value, even outside the reference range, falls in a bin.
 * <ul>
 *   <li><b>Fewer distinct values than bins</b> (a count, a flag, a capped score): cut points repeat, so there
 *       are fewer bins, down to one bin per distinct value; {@link Result#bins()} says how many, and
 *       {@link Result#binsMerged()} is true. A constant reference gives two bins: at or below its value, and
 *       above it.</li>
 *   <li><b>The zero-proportion floor</b>: a share of 0 on either side would make the index infinite, so every
 *       zero share is replaced by \( \varepsilon \) (default \( 10^{-4} \), one hundredth of a percent; see
 *       {@link #withEpsilon}) before the sum; non-zero shares are used as they are and nothing is renormalised.
 *       An empty current bin against a reference bin of 10% contributes
 *       \( 0.1 \ln(0.1/10^{-4}) \approx 0.69 \).</li>
 * </ul>
 *
 * <h2>Categorical variables and given shares</h2>
 * {@link #ofLabels} uses one bin per distinct value found in either sample (segments, with -1 for noise), and
 * {@link #ofShares} takes the bin shares as they are (a report's proportions); both apply the same floor.
 *
 * <p>Bad input: an empty sample, NaN or infinite values, cut points that are not finite and strictly
 * increasing, shares that are negative or do not sum to 1: {@link IllegalArgumentException}. Immutable and
 * thread-safe.
 *
 * <p>References: N. Siddiqi, Credit Risk Scorecards (Wiley, 2006), ch. 8; B. Yurdakul, "Statistical
 * properties of population stability index", PhD thesis, Western Michigan University (2018); R. J. Hyndman,
 * Y. Fan, "Sample quantiles in statistical packages", The American Statistician 50(4) (1996) 361-365,
 * doi:10.1080/00031305.1996.10473566.
 *
 * @since 0.1
 */
public final class PopulationStabilityIndex {
    /** The default number of bins. */
    public static final int DEFAULT_BINS = 10;
    /** The default share that replaces an empty bin's 0. */
    public static final double DEFAULT_EPSILON = 1e-4;
    /** The lower edge of the moderate band. */
    public static final double MODERATE = 0.1;
    /** The lower edge of the significant band. */
    public static final double SIGNIFICANT = 0.25;

    /** How far the sum of given shares may be from 1. */
    static final double SHARE_SUM_TOLERANCE = 1e-6;

    private static final PopulationStabilityIndex DEFAULTS = new PopulationStabilityIndex(DEFAULT_BINS,
            DEFAULT_EPSILON, EdgeRule.LINEAR, null);

    /** How the reference sample fixes the cut points of a numeric variable (see the class comment). */
    public enum EdgeRule {
        /** NumPy's default quantile: linear interpolation between order statistics (type 7). */
        LINEAR,
        /** The lower empirical quantile \( x_{(\lceil i n / B \rceil)} \) (type 1). */
        LOWER_EMPIRICAL
    }

    /** The usual reading of a PSI value. */
    public enum Band {
        /** PSI below 0.1. */
        STABLE,
        /** PSI in [0.1, 0.25). */
        MODERATE,
        /** PSI of 0.25 or more. */
        SIGNIFICANT
    }

    private final int bins;
    private final double epsilon;
    private final EdgeRule rule;
    private final double[] fixedEdges;

    private PopulationStabilityIndex(int bins, double epsilon, EdgeRule rule, double[] fixedEdges) {
        this.bins = bins;
        this.epsilon = epsilon;
        this.rule = rule;
        this.fixedEdges = fixedEdges;
    }

    /** Ten bins at NumPy's linear quantiles, epsilon \( 10^{-4} \). */
    public static PopulationStabilityIndex defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another number of bins.
     *
     * @throws IllegalArgumentException if {@code bins < 2}
     * @throws IllegalStateException if this instance uses fixed cut points
     */
    public PopulationStabilityIndex withBins(int newBins) {
        Checks.atLeast("bins", newBins, 2);
        requireQuantileEdges("withBins");
        return new PopulationStabilityIndex(newBins, epsilon, rule, null);
    }

    /**
     * A copy with another rule for the cut points.
     *
     * @throws IllegalStateException if this instance uses fixed cut points
     */
    public PopulationStabilityIndex withEdgeRule(EdgeRule newRule) {
        Checks.notNull("rule", newRule);
        requireQuantileEdges("withEdgeRule");
        return new PopulationStabilityIndex(bins, epsilon, newRule, null);
    }

    /**
     * A copy whose numeric bins are fixed by the given cut points instead of the reference's quantiles: bins
     * \( (-\infty, e_1], (e_1, e_2], \dots, (e_m, +\infty) \).
     *
     * @param edges at least one finite cut point, strictly increasing. Not modified.
     * @throws IllegalArgumentException if there is none, or one is NaN, infinite or not above the one before
     */
    public PopulationStabilityIndex withEdges(double... edges) {
        Checks.notNull("edges", edges);
        if (edges.length == 0) {
            throw new IllegalArgumentException("At least one cut point is needed (two bins)");
        }
        Labels.checkFinite("edges", edges);
        double[] e = edges.clone();
        for (int i = 0; i < e.length; i++) {
            if (i > 0 && !(e[i] > e[i - 1])) {
                throw new IllegalArgumentException("The cut points must increase strictly but edges[" + i + "] = "
                        + e[i] + " follows edges[" + (i - 1) + "] = " + e[i - 1]);
            }
            e[i] = e[i] == 0 ? 0.0 : e[i];
        }
        return new PopulationStabilityIndex(e.length + 1, epsilon, rule, e);
    }

    /**
     * A copy with another replacement share for empty bins.
     *
     * @throws IllegalArgumentException unless {@code 0 < epsilon < 0.01}
     */
    public PopulationStabilityIndex withEpsilon(double newEpsilon) {
        if (!(newEpsilon > 0 && newEpsilon < 0.01)) {
            throw new IllegalArgumentException("epsilon must be in (0, 0.01) but was " + newEpsilon);
        }
        return new PopulationStabilityIndex(bins, newEpsilon, rule, fixedEdges);
    }

    private void requireQuantileEdges(String option) {
        if (fixedEdges != null) {
            throw new IllegalStateException(option + " does not apply: this PSI uses the fixed cut points "
                    + Arrays.toString(fixedEdges) + "; start from defaults() for quantile bins");
        }
    }

    /** The requested number of bins (the fixed cut points plus one, when they are given). */
    public int bins() {
        return bins;
    }

    /** The rule for cut points taken from the reference (not used with fixed cut points). */
    public EdgeRule edgeRule() {
        return rule;
    }

    /** Whether the cut points are fixed ({@link #withEdges}) rather than taken from the reference. */
    public boolean hasFixedEdges() {
        return fixedEdges != null;
    }

    /** The replacement share for empty bins. */
    public double epsilon() {
        return epsilon;
    }

    /** The band of a PSI value. */
    public static Band band(double psi) {
        if (psi >= SIGNIFICANT) {
            return Band.SIGNIFICANT;
        }
        return psi >= MODERATE ? Band.MODERATE : Band.STABLE;
    }

    /**
     * The cut points for a reference sample: the fixed ones, or those the edge rule takes from it (see the class
     * comment).
     *
     * @param reference a non-empty sample. Not modified.
     * @throws IllegalArgumentException if the sample is empty or holds NaN or infinity
     */
    public double[] edges(double[] reference) {
        check("reference", reference);
        if (fixedEdges != null) {
            return fixedEdges.clone();
        }
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        return edgesOfSorted(sorted);
    }

    private double[] edgesOfSorted(double[] sorted) {
        return PsiEdges.cuts(rule == EdgeRule.LINEAR, bins, sorted.length, r -> sorted[(int) r]);
    }

    /**
     * The PSI of a numeric variable.
     *
     * @param reference the reference sample, which fixes the bins (unless the cut points are fixed). Not modified.
     * @param current the current sample. Not modified.
     * @throws IllegalArgumentException if a sample is empty or holds NaN or infinity
     */
    public Result of(double[] reference, double[] current) {
        check("current", current);
        double[] edges = edges(reference);
        int nb = edges.length + 1;
        long[] rc = new long[nb];
        long[] cc = new long[nb];
        for (int i = 0; i < reference.length; i++) {
            rc[PsiEdges.bin(edges, reference[i])]++;
        }
        for (int i = 0; i < current.length; i++) {
            cc[PsiEdges.bin(edges, current[i])]++;
        }
        return result(edges, null, rc, cc, shares(rc, reference.length), shares(cc, current.length));
    }

    /**
     * The PSI of bin shares given as they are, for example a report's proportions: bin b holds
     * {@code referenceShares[b]} of the reference and {@code currentShares[b]} of the current population.
     *
     * @param referenceShares the reference share of each bin: non-negative, summing to 1 (within
     *     \( 10^{-6} \)). Not modified.
     * @param currentShares the current share of each bin, likewise. Not modified.
     * @throws IllegalArgumentException if the lengths differ or are 0, a share is negative, NaN or infinite, or
     *     a side does not sum to 1
     */
    public Result ofShares(double[] referenceShares, double[] currentShares) {
        checkShares("referenceShares", referenceShares);
        checkShares("currentShares", currentShares);
        if (referenceShares.length != currentShares.length) {
            throw new IllegalArgumentException(referenceShares.length + " reference shares but "
                    + currentShares.length + " current shares: one of each per bin");
        }
        return result(null, null, null, null, referenceShares.clone(), currentShares.clone());
    }

    private static void checkShares(String name, double[] shares) {
        Labels.checkFinite(name, shares);
        if (shares.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        double sum = 0;
        for (int b = 0; b < shares.length; b++) {
            if (shares[b] < 0) {
                throw new IllegalArgumentException(name + "[" + b + "] = " + shares[b] + " is negative");
            }
            sum += shares[b];
        }
        if (!(Math.abs(sum - 1) <= SHARE_SUM_TOLERANCE)) {
            throw new IllegalArgumentException(name + " sum to " + sum + ", not 1 (tolerance " + SHARE_SUM_TOLERANCE
                    + "); divide rounded proportions by their sum");
        }
    }

    private static double[] shares(long[] counts, int total) {
        double[] out = new double[counts.length];
        for (int b = 0; b < counts.length; b++) {
            out[b] = (double) counts[b] / total;
        }
        return out;
    }

    /**
     * The PSI of a categorical variable such as the segment: one bin per distinct value in either sample.
     *
     * @param reference the reference labels (any int values, -1 included). Not modified.
     * @param current the current labels. Not modified.
     * @throws IllegalArgumentException if a sample is empty
     */
    public Result ofLabels(int[] reference, int[] current) {
        Checks.notNull("reference", reference);
        Checks.notNull("current", current);
        if (reference.length == 0 || current.length == 0) {
            throw new IllegalArgumentException("The " + (reference.length == 0 ? "reference" : "current")
                    + " sample is empty");
        }
        int[] both = Arrays.copyOf(reference, reference.length + current.length);
        System.arraycopy(current, 0, both, reference.length, current.length);
        Labels.Encoded enc = Labels.encodeAll(both);
        long[] rc = new long[enc.k];
        long[] cc = new long[enc.k];
        for (int i = 0; i < both.length; i++) {
            if (i < reference.length) {
                rc[enc.codes[i]]++;
            } else {
                cc[enc.codes[i]]++;
            }
        }
        return result(null, enc.values, rc, cc, shares(rc, reference.length), shares(cc, current.length));
    }

    private Result result(double[] edges, int[] categories, long[] rc, long[] cc, double[] rs, double[] cs) {
        int nb = rs.length;
        double[] contrib = new double[nb];
        double total = 0;
        for (int b = 0; b < nb; b++) {
            double r = rs[b] == 0 ? epsilon : rs[b];
            double c = cs[b] == 0 ? epsilon : cs[b];
            contrib[b] = (c - r) * Math.log(c / r);
            total += contrib[b];
        }
        boolean merged = edges != null && fixedEdges == null && edges.length + 1 < bins;
        return new Result(total, edges, categories, rc, cc, rs, cs, contrib, edges == null ? nb : bins, merged,
                epsilon);
    }

    private static void check(String name, double[] sample) {
        Labels.checkFinite(name, sample);
        if (sample.length == 0) {
            throw new IllegalArgumentException("The " + name + " sample is empty");
        }
    }

    @Override
    public String toString() {
        return "PopulationStabilityIndex[" + (fixedEdges != null ? "edges=" + Arrays.toString(fixedEdges)
                : "bins=" + bins + ", rule=" + rule) + ", epsilon=" + epsilon + "]";
    }

    /** The index with its bins. Immutable; arrays are copied out. */
    public static final class Result {
        private final double value;
        private final double[] edges;
        private final int[] categories;
        private final long[] referenceCounts;
        private final long[] currentCounts;
        private final double[] referenceShares;
        private final double[] currentShares;
        private final double[] contributions;
        private final int requestedBins;
        private final boolean merged;
        private final double epsilon;

        Result(double value, double[] edges, int[] categories, long[] referenceCounts, long[] currentCounts,
               double[] referenceShares, double[] currentShares, double[] contributions, int requestedBins,
               boolean merged, double epsilon) {
            this.value = value;
            this.edges = edges;
            this.categories = categories;
            this.referenceCounts = referenceCounts;
            this.currentCounts = currentCounts;
            this.referenceShares = referenceShares;
            this.currentShares = currentShares;
            this.contributions = contributions;
            this.requestedBins = requestedBins;
            this.merged = merged;
            this.epsilon = epsilon;
        }

        /** The PSI. */
        public double value() {
            return value;
        }

        /** Its band. */
        public Band band() {
            return PopulationStabilityIndex.band(value);
        }

        /** The number of bins used (categories for labels, shares for given shares). */
        public int bins() {
            return referenceShares.length;
        }

        /** The number of bins asked for (numeric variables). */
        public int requestedBins() {
            return requestedBins;
        }

        /** Whether repeated cut points left fewer bins than asked for. */
        public boolean binsMerged() {
            return merged;
        }

        /** Whether this is the PSI of labels (one bin per category). */
        public boolean isCategorical() {
            return categories != null;
        }

        /** Whether this is the PSI of given shares ({@link PopulationStabilityIndex#ofShares}), without counts. */
        public boolean isFromShares() {
            return referenceCounts == null;
        }

        /**
         * The cut points: bin b is {@code (edges[b-1], edges[b]]}, open-ended at both ends.
         *
         * @throws IllegalStateException for labels and for given shares
         */
        public double[] edges() {
            if (edges == null) {
                throw new IllegalStateException(categories != null ? "A categorical PSI has categories, not cut points"
                        : "A PSI of given shares has no cut points");
            }
            return edges.clone();
        }

        /**
         * The category of each bin.
         *
         * @throws IllegalStateException for a numeric variable and for given shares
         */
        public int[] categories() {
            if (categories == null) {
                throw new IllegalStateException(edges != null ? "A numeric PSI has cut points, not categories"
                        : "A PSI of given shares has no categories");
            }
            return categories.clone();
        }

        /**
         * Reference rows per bin.
         *
         * @throws IllegalStateException for given shares
         */
        public long[] referenceCounts() {
            return counts(referenceCounts);
        }

        /**
         * Current rows per bin.
         *
         * @throws IllegalStateException for given shares
         */
        public long[] currentCounts() {
            return counts(currentCounts);
        }

        private static long[] counts(long[] c) {
            if (c == null) {
                throw new IllegalStateException("A PSI of given shares has no counts");
            }
            return c.clone();
        }

        /** The reference share of each bin (before the epsilon replacement). */
        public double[] referenceShares() {
            return referenceShares.clone();
        }

        /** The current share of each bin (before the epsilon replacement). */
        public double[] currentShares() {
            return currentShares.clone();
        }

        /** Each bin's term of the sum. */
        public double[] contributions() {
            return contributions.clone();
        }

        /** The replacement share used for empty bins. */
        public double epsilon() {
            return epsilon;
        }

        /** The index and its band, then per bin its range or category, both shares and its term of the sum. */
        public String table() {
            StringBuilder sb = new StringBuilder(TextTable.line("PSI %.4f (%s), %d bins%s; empty shares count as %s",
                    value, band(), bins(), merged ? " (merged from " + requestedBins + ")" : "", epsilon));
            TextTable t = TextTable.of("bin", "reference %", "current %", "term");
            for (int b = 0; b < bins(); b++) {
                t.row(binName(b), TextTable.fmt("%.2f", 100 * referenceShares[b]),
                        TextTable.fmt("%.2f", 100 * currentShares[b]), TextTable.fmt("%.5f", contributions[b]));
            }
            return sb.append(t.render()).toString();
        }

        private String binName(int b) {
            if (categories != null) {
                return Integer.toString(categories[b]);
            }
            if (edges == null) {
                return "bin " + b;
            }
            String lo = b == 0 ? "(-inf" : "(" + TextTable.fmt("%.6g", edges[b - 1]);
            String hi = b == edges.length ? "+inf)" : TextTable.fmt("%.6g", edges[b]) + "]";
            return lo + ", " + hi;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "PSI[%.4f %s, %d bins%s]", value, band(), bins(),
                    merged ? " (merged from " + requestedBins + ")" : "");
        }
    }
}
