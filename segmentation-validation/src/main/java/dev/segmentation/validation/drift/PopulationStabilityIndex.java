/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.drift;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Labels;

import java.util.Arrays;
import java.util.Locale;

/**
 * The population stability index (PSI): how far the distribution of a variable in a current sample has moved
 * from a reference sample, over bins fixed by the reference.
 * <pre>{@code
 * PopulationStabilityIndex.Result r = PopulationStabilityIndex.defaults().of(trainingMonetary, thisMonthMonetary);
 * r.value(); r.band();                // e.g. 0.13, MODERATE
 * PopulationStabilityIndex.defaults().ofLabels(trainingSegments, thisMonthSegments);   // the segment mix
 * }</pre>
 *
 * <h2>Definition</h2>
 * With \( r_b \) and \( c_b \) the shares of the reference and current samples in bin b,
 * \[ PSI = \sum_b (c_b - r_b) \ln \frac{c_b}{r_b} , \]
 * a symmetrised Kullback-Leibler divergence (Jeffreys' J): 0 for identical shares, larger as they move. The
 * usual reading (Siddiqi 2006): below 0.1 stable, 0.1 to 0.25 a moderate shift worth a look, 0.25 and above a
 * significant shift ({@link Band}).
 *
 * <h2>Bin rule (numeric variables)</h2>
 * The reference sample \( x_{(1)} \le \dots \le x_{(n)} \) fixes B - 1 cut points at its lower empirical
 * quantiles, \( q_i = x_{(\lceil i n / B \rceil)} \) for \( i = 1, \dots, B - 1 \) (the smallest value with at
 * least a share i/B of the sample at or below it); repeated cut points are kept once. The bins are
 * \( (-\infty, q_1], (q_1, q_2], \dots, (q_m, +\infty) \): closed on the right, and open-ended, so every
 * current value, even outside the reference range, falls in a bin. Without ties every bin holds 1/B of the
 * reference (to rounding of n/B).
 * <ul>
 *   <li><b>Fewer distinct values than bins</b> (a count, a flag, a capped score): cut points repeat, so there
 *       are fewer bins, down to one bin per distinct value; {@link Result#bins()} says how many, and
 *       {@link Result#binsMerged()} is true. A constant reference gives two bins: at or below its value, and
 *       above it.</li>
 *   <li><b>Empty bins</b>: a share of 0 on either side would make the index infinite, so every zero share is
 *       replaced by \( \varepsilon \) (default \( 10^{-4} \), one hundredth of a percent; see
 *       {@link #withEpsilon}) before the sum; non-zero shares are used as they are and nothing is
 *       renormalised. An empty current bin against a reference bin of 10% contributes
 *       \( 0.1 \ln(0.1/10^{-4}) \approx 0.69 \).</li>
 * </ul>
 *
 * <h2>Categorical variables</h2>
 * {@link #ofLabels} uses one bin per distinct value found in either sample (segments, with -1 for noise), with
 * the same epsilon for categories absent on one side.
 *
 * <p>Bad input: an empty sample, NaN or infinite values throw {@link IllegalArgumentException}. Immutable and
 * thread-safe.
 *
 * <p>References: N. Siddiqi, Credit Risk Scorecards (Wiley, 2006), ch. 8; B. Yurdakul, "Statistical
 * properties of population stability index", PhD thesis, Western Michigan University (2018).
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

    private static final PopulationStabilityIndex DEFAULTS = new PopulationStabilityIndex(DEFAULT_BINS,
            DEFAULT_EPSILON);

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

    private PopulationStabilityIndex(int bins, double epsilon) {
        this.bins = bins;
        this.epsilon = epsilon;
    }

    /** Ten bins and epsilon \( 10^{-4} \). */
    public static PopulationStabilityIndex defaults() {
        return DEFAULTS;
    }

    /**
     * A copy with another number of bins.
     *
     * @throws IllegalArgumentException if {@code bins < 2}
     */
    public PopulationStabilityIndex withBins(int newBins) {
        Checks.atLeast("bins", newBins, 2);
        return new PopulationStabilityIndex(newBins, epsilon);
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
        return new PopulationStabilityIndex(bins, newEpsilon);
    }

    /** The requested number of bins. */
    public int bins() {
        return bins;
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
     * The cut points the bin rule takes from a reference sample (see the class comment).
     *
     * @param reference a non-empty sample. Not modified.
     */
    public double[] edges(double[] reference) {
        check("reference", reference);
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        return edgesOfSorted(sorted);
    }

    private double[] edgesOfSorted(double[] sorted) {
        int n = sorted.length;
        double[] cuts = new double[bins - 1];
        int m = 0;
        for (int i = 1; i < bins; i++) {
            long pos = ((long) i * n + bins - 1) / bins; // ceil(i n / B), 1-based
            double q = sorted[(int) Math.max(1, pos) - 1];
            if (m == 0 || q != cuts[m - 1]) {
                cuts[m++] = q == 0 ? 0.0 : q; // -0.0 and 0.0 are one cut
            }
        }
        return Arrays.copyOf(cuts, m);
    }

    /**
     * The PSI of a numeric variable.
     *
     * @param reference the reference sample, which fixes the bins. Not modified.
     * @param current the current sample. Not modified.
     * @throws IllegalArgumentException if a sample is empty or holds NaN or infinity
     */
    public Result of(double[] reference, double[] current) {
        check("reference", reference);
        check("current", current);
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = edgesOfSorted(sorted);
        int nb = edges.length + 1;
        long[] rc = new long[nb];
        long[] cc = new long[nb];
        for (int i = 0; i < reference.length; i++) {
            rc[bin(edges, reference[i])]++;
        }
        for (int i = 0; i < current.length; i++) {
            cc[bin(edges, current[i])]++;
        }
        return result(edges, null, rc, cc, reference.length, current.length);
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
        return result(null, enc.values, rc, cc, reference.length, current.length);
    }

    /** The bin of v: the number of cut points strictly below it (bins are closed on the right). */
    static int bin(double[] edges, double v) {
        int lo = 0;
        int hi = edges.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Result result(double[] edges, int[] categories, long[] rc, long[] cc, int nr, int nc) {
        int nb = rc.length;
        double[] rs = new double[nb];
        double[] cs = new double[nb];
        double[] contrib = new double[nb];
        double total = 0;
        for (int b = 0; b < nb; b++) {
            rs[b] = (double) rc[b] / nr;
            cs[b] = (double) cc[b] / nc;
            double r = rc[b] == 0 ? epsilon : rs[b];
            double c = cc[b] == 0 ? epsilon : cs[b];
            contrib[b] = (c - r) * Math.log(c / r);
            total += contrib[b];
        }
        boolean merged = edges != null && edges.length + 1 < bins;
        return new Result(total, edges, categories, rc, cc, rs, cs, contrib, bins, merged, epsilon);
    }

    private static void check(String name, double[] sample) {
        Labels.checkFinite(name, sample);
        if (sample.length == 0) {
            throw new IllegalArgumentException("The " + name + " sample is empty");
        }
    }

    @Override
    public String toString() {
        return "PopulationStabilityIndex[bins=" + bins + ", epsilon=" + epsilon + "]";
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

        /** The number of bins used (categories for labels). */
        public int bins() {
            return referenceCounts.length;
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

        /**
         * The cut points: bin b is {@code (edges[b-1], edges[b]]}, open-ended at both ends.
         *
         * @throws IllegalStateException for labels
         */
        public double[] edges() {
            if (edges == null) {
                throw new IllegalStateException("A categorical PSI has categories, not cut points");
            }
            return edges.clone();
        }

        /**
         * The category of each bin.
         *
         * @throws IllegalStateException for a numeric variable
         */
        public int[] categories() {
            if (categories == null) {
                throw new IllegalStateException("A numeric PSI has cut points, not categories");
            }
            return categories.clone();
        }

        /** Reference rows per bin. */
        public long[] referenceCounts() {
            return referenceCounts.clone();
        }

        /** Current rows per bin. */
        public long[] currentCounts() {
            return currentCounts.clone();
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

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "PSI[%.4f %s, %d bins%s]", value, band(), bins(),
                    merged ? " (merged from " + requestedBins + ")" : "");
        }
    }
}
