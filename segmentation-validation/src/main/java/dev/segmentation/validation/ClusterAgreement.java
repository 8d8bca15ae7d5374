/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.Neumaier;
import org.apache.commons.math3.special.Gamma;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Agreement between two labellings of the same rows, none of which depends on how either labelling numbers its
 * clusters: the adjusted Rand index, the Rand index, mutual information (plain, normalised and adjusted for
 * chance), homogeneity, completeness and V-measure, and the Fowlkes-Mallows index.
 * <pre>{@code
 * double ari = ClusterAgreement.adjustedRandIndex(segmentsLastMonth, segmentsNow);
 * double nmi = ClusterAgreement.normalizedMutualInformation(segmentsLastMonth, segmentsNow);
 * double ami = ClusterAgreement.adjustedMutualInformation(segmentsLastMonth, segmentsNow);
 * ContingencyTable t = ContingencyTable.of(knownTypes, segments);     // one table, many indices
 * double v = ClusterAgreement.vMeasure(t, 1.0), fmi = ClusterAgreement.fowlkesMallows(t);
 * }</pre>
 *
 * <h2>Adjusted Rand index</h2>
 * From the pair confusion counts over ordered pairs of distinct rows (scikit-learn's
 * {@code pair_confusion_matrix}): with \( n_{ij} \) the contingency table, \( a_i \), \( b_j \) its margins
 * and \( S = \sum n_{ij}^2 \), \( TP = S - n \), \( FP = \sum_j b_j^2 - S \), \( FN = \sum_i a_i^2 - S \),
 * \( TN = n^2 - FP - FN - S \), and
 * \[ ARI = \frac{2 (TP \cdot TN - FN \cdot FP)}{(TP + FN)(FN + TN) + (TP + FP)(FP + TN)} , \]
 * which equals Hubert and Arabie's \( (\mathrm{index} - \mathrm{expected}) / (\max - \mathrm{expected}) \).
 * The counts are exact {@code long}s and the products exact {@link BigInteger}s, so the index is the
 * correctly rounded value of the exact fraction for any n (no overflow, no cancellation). When FN = FP = 0
 * (identical partitions, including one cluster each or all singletons each) the index is 1, as in
 * scikit-learn.
 *
 * <h2>Normalised mutual information</h2>
 * \[ MI = \sum_{ij} \frac{n_{ij}}{n} \log \frac{n \, n_{ij}}{a_i b_j}, \qquad
 *    H(a) = -\sum_i \frac{a_i}{n} \log \frac{a_i}{n}, \qquad
 *    NMI = \frac{MI}{\operatorname{mean}(H(a), H(b))} \]
 * with the arithmetic mean by default (scikit-learn's {@code average_method="arithmetic"}); geometric,
 * minimum and maximum are available. scikit-learn's conventions are kept: the NMI is 1 when both labellings
 * have a single cluster (or no rows), 0 when the MI is 0, and MI terms smaller in magnitude than the machine
 * epsilon are dropped before the sum, which is clipped at 0. Natural logarithms.
 *
 * <h2>Adjusted mutual information</h2>
 * The mutual information corrected for chance (Vinh, Epps and Bailey 2010), with the expected MI under the
 * hypergeometric model of random labellings with the same cluster sizes,
 * \[ E[MI] = \sum_{i,j} \sum_{n_{ij} = \max(1, a_i + b_j - n)}^{\min(a_i, b_j)} \frac{n_{ij}}{n}
 *    \log \frac{n\, n_{ij}}{a_i b_j} \; \frac{a_i!\, b_j!\, (n - a_i)!\, (n - b_j)!}{n!\, n_{ij}!\,
 *    (a_i - n_{ij})!\, (b_j - n_{ij})!\, (n - a_i - b_j + n_{ij})!} , \qquad
 *    AMI = \frac{MI - E[MI]}{\operatorname{mean}(H(a), H(b)) - E[MI]} , \]
 * with the same four means as the NMI (arithmetic by default). scikit-learn's
 * {@code adjusted_mutual_info_score(a, b, average_method=...)} and its conventions: 1 when both labellings have
 * one cluster (or there are no rows), and a denominator of magnitude below the machine epsilon replaced by
 * \( \pm \varepsilon \) with its sign. When MI and E[MI] agree to rounding (both labellings all singletons,
 * say, which chance reproduces exactly) the index is 0, where scikit-learn's value depends on the rounding of
 * its sums. The hypergeometric probabilities are computed from the mode of each
 * distribution outwards by the ratio of consecutive terms (one log-gamma evaluation per cell pair instead of one
 * per term), and the sum is compensated; about \( \sum_{ij} \min(a_i, b_j) \) steps at most.
 *
 * <h2>Homogeneity, completeness and V-measure</h2>
 * For a reference labelling ("classes", the first argument) and a clustering (the second), Rosenberg and
 * Hirschberg's homogeneity \( h = MI / H(\text{classes}) \) (each cluster holds one class), completeness
 * \( c = MI / H(\text{clusters}) \) (each class lies in one cluster), each 1 when its entropy is 0, and
 * \[ V_\beta = \frac{(1 + \beta)\, h\, c}{\beta h + c} \]
 * (0 when the denominator is 0, which is the limit as \( \beta \to 0 \) when c = 0): the NMI with the
 * arithmetic mean for \( \beta = 1 \), the homogeneity for \( \beta = 0 \) and c &gt; 0; \( \beta &gt; 1 \) weighs
 * completeness more. scikit-learn's {@code homogeneity_completeness_v_measure(classes, clusters, beta=beta)}.
 *
 * <h2>Fowlkes-Mallows and Rand</h2>
 * The Fowlkes-Mallows index, the geometric mean of pair precision and recall,
 * \( FMI = TP / \sqrt{(TP + FP)(TP + FN)} \) (0 when TP = 0; scikit-learn's {@code fowlkes_mallows_score}),
 * and the Rand index, the share of pairs on which the labellings agree, \( (TP + TN)/n^2 \) over ordered pairs
 * (1 for identical labellings and for fewer than two rows; {@code rand_score}).
 *
 * <h2>Labels</h2>
 * Any int values; every distinct value is a cluster, -1 (noise) included, as in scikit-learn. To leave noise
 * out, drop those rows from both labellings first. Labellings of different lengths throw
 * {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. References: L. Hubert, P. Arabie, "Comparing partitions", Journal of Classification 2
 * (1985) 193-218, doi:10.1007/BF01908075; N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures
 * for clusterings comparison: variants, properties, normalization and correction for chance", JMLR 11 (2010)
 * 2837-2854; A. Rosenberg, J. Hirschberg, "V-measure: a conditional entropy-based external cluster evaluation
 * measure", EMNLP-CoNLL (2007) 410-420; E. B. Fowlkes, C. L. Mallows, "A method for comparing two hierarchical
 * clusterings", JASA 78 (1983) 553-569, doi:10.1080/01621459.1983.10478008; W. M. Rand, "Objective criteria for
 * the evaluation of clustering methods", JASA 66 (1971) 846-850, doi:10.1080/01621459.1971.10482356.
 *
 * @since 0.1
 */
public final class ClusterAgreement {
    private static final double EPS = Math.ulp(1.0);

    /** How the NMI normalises the mutual information. */
    public enum Normalization {
        /** \( (H(a) + H(b)) / 2 \): scikit-learn's default. */
        ARITHMETIC,
        /** \( \sqrt{H(a) H(b)} \). */
        GEOMETRIC,
        /** \( \min(H(a), H(b)) \). */
        MIN,
        /** \( \max(H(a), H(b)) \). */
        MAX
    }

    private ClusterAgreement() {
    }

    /** The adjusted Rand index of two labellings; see the class comment. */
    public static double adjustedRandIndex(int[] a, int[] b) {
        return adjustedRandIndex(ContingencyTable.of(a, b));
    }

    /** The adjusted Rand index from a contingency table. */
    public static double adjustedRandIndex(ContingencyTable t) {
        Checks.notNull("table", t);
        long[] pc = pairConfusion(t);
        long tn = pc[0];
        long fp = pc[1];
        long fn = pc[2];
        long tp = pc[3];
        if (fn == 0 && fp == 0) {
            return 1.0;
        }
        BigInteger btp = BigInteger.valueOf(tp);
        BigInteger btn = BigInteger.valueOf(tn);
        BigInteger bfp = BigInteger.valueOf(fp);
        BigInteger bfn = BigInteger.valueOf(fn);
        BigInteger num = btp.multiply(btn).subtract(bfn.multiply(bfp)).shiftLeft(1);
        BigInteger den = btp.add(bfn).multiply(bfn.add(btn)).add(btp.add(bfp).multiply(bfp.add(btn)));
        return ratio(num, den);
    }

    /** The (unadjusted) Rand index: the share of pairs on which the labellings agree. */
    public static double randIndex(int[] a, int[] b) {
        return randIndex(ContingencyTable.of(a, b));
    }

    /** The Rand index from a contingency table. */
    public static double randIndex(ContingencyTable t) {
        Checks.notNull("table", t);
        long[] pc = pairConfusion(t);
        long agree = pc[0] + pc[3];
        long all = pc[0] + pc[1] + pc[2] + pc[3];
        if (all == 0) {
            return 1.0;
        }
        return ratio(BigInteger.valueOf(agree), BigInteger.valueOf(all));
    }

    /**
     * The pair confusion counts over ordered pairs of distinct rows, {@code {TN, FP, FN, TP}} (scikit-learn's
     * {@code pair_confusion_matrix} read row by row). Exact.
     */
    public static long[] pairConfusion(ContingencyTable t) {
        long n = t.total();
        long sumSquares = 0;
        for (int c = 0; c < t.nonZeroCells(); c++) {
            long v = t.cellCount(c);
            sumSquares += v * v;
        }
        long rowSquares = 0;
        for (int r = 0; r < t.rows(); r++) {
            long v = t.rowTotal(r);
            rowSquares += v * v;
        }
        long colSquares = 0;
        for (int c = 0; c < t.cols(); c++) {
            long v = t.colTotal(c);
            colSquares += v * v;
        }
        long tp = sumSquares - n;
        long fp = colSquares - sumSquares;
        long fn = rowSquares - sumSquares;
        long tn = n * n - fp - fn - sumSquares;
        return new long[] {tn, fp, fn, tp};
    }

    /** The Fowlkes-Mallows index of two labellings. */
    public static double fowlkesMallows(int[] a, int[] b) {
        return fowlkesMallows(ContingencyTable.of(a, b));
    }

    /** The Fowlkes-Mallows index from a contingency table: \( \sqrt{TP/(TP + FP)} \sqrt{TP/(TP + FN)} \). */
    public static double fowlkesMallows(ContingencyTable t) {
        Checks.notNull("table", t);
        long[] pc = pairConfusion(t);
        long tp = pc[3];
        if (tp == 0) {
            return 0.0;
        }
        double tk = tp;
        return Math.sqrt(tk / (tp + pc[1])) * Math.sqrt(tk / (tp + pc[2]));
    }

    /** The mutual information of two labellings, in nats. */
    public static double mutualInformation(int[] a, int[] b) {
        return mutualInformation(ContingencyTable.of(a, b));
    }

    /** The mutual information from a contingency table, in nats. */
    public static double mutualInformation(ContingencyTable t) {
        Checks.notNull("table", t);
        if (t.rows() == 1 || t.cols() == 1) {
            return 0.0;
        }
        double n = t.total();
        double logN = Math.log(n);
        Neumaier sum = new Neumaier();
        for (int c = 0; c < t.nonZeroCells(); c++) {
            double nij = t.cellCount(c);
            double pij = nij / n;
            double outer = (double) (t.rowTotal(t.cellRow(c)) * t.colTotal(t.cellCol(c)));
            double logOuter = -Math.log(outer) + logN + logN;
            double term = pij * (Math.log(nij) - logN) + pij * logOuter;
            sum.add(Math.abs(term) < EPS ? 0 : term);
        }
        return Math.max(0.0, sum.value());
    }

    /** The normalised mutual information with the arithmetic mean (scikit-learn's default). */
    public static double normalizedMutualInformation(int[] a, int[] b) {
        return normalizedMutualInformation(a, b, Normalization.ARITHMETIC);
    }

    /** The normalised mutual information with the given normalisation. */
    public static double normalizedMutualInformation(int[] a, int[] b, Normalization normalization) {
        return normalizedMutualInformation(ContingencyTable.of(a, b), normalization);
    }

    /** The normalised mutual information from a contingency table. */
    public static double normalizedMutualInformation(ContingencyTable t, Normalization normalization) {
        Checks.notNull("table", t);
        Checks.notNull("normalization", normalization);
        if (t.rows() == t.cols() && t.rows() <= 1) {
            return 1.0;
        }
        double mi = mutualInformation(t);
        if (mi == 0) {
            return 0.0;
        }
        return mi / mean(entropy(t, true), entropy(t, false), normalization);
    }

    private static double mean(double ha, double hb, Normalization normalization) {
        switch (normalization) {
            case GEOMETRIC:
                return Math.sqrt(ha * hb);
            case MIN:
                return Math.min(ha, hb);
            case MAX:
                return Math.max(ha, hb);
            default:
                return (ha + hb) / 2;
        }
    }

    /** The adjusted mutual information with the arithmetic mean (scikit-learn's default). */
    public static double adjustedMutualInformation(int[] a, int[] b) {
        return adjustedMutualInformation(a, b, Normalization.ARITHMETIC);
    }

    /** The adjusted mutual information with the given normalisation. */
    public static double adjustedMutualInformation(int[] a, int[] b, Normalization normalization) {
        return adjustedMutualInformation(ContingencyTable.of(a, b), normalization);
    }

    /** The adjusted mutual information from a contingency table; see the class comment. */
    public static double adjustedMutualInformation(ContingencyTable t, Normalization normalization) {
        Checks.notNull("table", t);
        Checks.notNull("normalization", normalization);
        if (t.rows() == t.cols() && t.rows() <= 1) {
            return 1.0;
        }
        double mi = mutualInformation(t);
        double emi = expectedMutualInformation(t);
        double denominator = mean(entropy(t, true), entropy(t, false), normalization) - emi;
        denominator = denominator < 0 ? Math.min(denominator, -EPS) : Math.max(denominator, EPS);
        // MI = E[MI] to rounding (a partition that chance reproduces, such as all singletons on both sides): 0,
        // not the rounding noise divided by a denominator that may be as small as epsilon
        double numerator = mi - emi;
        if (Math.abs(numerator) <= 8 * EPS * Math.max(mi, Math.abs(emi))) {
            numerator = 0;
        }
        return numerator / denominator;
    }

    /**
     * The expected mutual information of random labellings with the margins of {@code t}, in nats (Vinh, Epps
     * and Bailey 2010, eq. 24a); 0 when either labelling has a single cluster.
     */
    static double expectedMutualInformation(ContingencyTable t) {
        if (t.rows() <= 1 || t.cols() <= 1) {
            return 0.0;
        }
        long n = t.total();
        double nd = n;
        double logN = Math.log(nd);
        double lgN = Gamma.logGamma(nd + 1);
        Neumaier sum = new Neumaier();
        for (int i = 0; i < t.rows(); i++) {
            long a = t.rowTotal(i);
            for (int j = 0; j < t.cols(); j++) {
                expectedTerms(a, t.colTotal(j), n, logN, lgN, sum);
            }
        }
        return sum.value();
    }

    /**
     * Adds \( \sum_{k} \frac{k}{n} \log\frac{n k}{a b} P(k) \) over the support of the hypergeometric
     * distribution P of the overlap of a cluster of size a with one of size b among n items, walking from its
     * mode outwards with \( P(k+1)/P(k) = (a-k)(b-k)/((k+1)(n-a-b+k+1)) \) until the terms underflow.
     */
    private static void expectedTerms(long a, long b, long n, double logN, double lgN, Neumaier sum) {
        long lo = Math.max(1, a + b - n);
        long hi = Math.min(a, b);
        if (lo > hi) {
            return;
        }
        long mode = Math.min(hi, Math.max(lo, (long) Math.floor((a + 1.0) * (b + 1.0) / (n + 2.0))));
        double logAb = Math.log((double) a) + Math.log((double) b);
        double rest = n - a - b; // n - a - b + k is rest + k
        double logP = Gamma.logGamma(a + 1.0) + Gamma.logGamma(b + 1.0) + Gamma.logGamma(n - a + 1.0)
                + Gamma.logGamma(n - b + 1.0) - lgN - Gamma.logGamma(mode + 1.0) - Gamma.logGamma(a - mode + 1.0)
                - Gamma.logGamma(b - mode + 1.0) - Gamma.logGamma(rest + mode + 1.0);
        double pMode = Math.exp(logP);
        double nd = n;
        double p = pMode;
        for (long k = mode; k <= hi && p > 0; k++) {
            sum.add(k / nd * (logN + Math.log((double) k) - logAb) * p);
            p *= (double) (a - k) * (b - k) / ((k + 1.0) * (rest + k + 1.0));
        }
        p = pMode;
        for (long k = mode - 1; k >= lo; k--) {
            p *= (k + 1.0) * (rest + k + 1.0) / ((double) (a - k) * (b - k));
            if (!(p > 0)) {
                break;
            }
            sum.add(k / nd * (logN + Math.log((double) k) - logAb) * p);
        }
    }

    /** The homogeneity of a clustering against reference classes (1 when the classes' entropy is 0). */
    public static double homogeneity(int[] classes, int[] clusters) {
        return homogeneity(ContingencyTable.of(classes, clusters));
    }

    /** The homogeneity from a table whose rows are the classes and columns the clusters. */
    public static double homogeneity(ContingencyTable t) {
        Checks.notNull("table", t);
        double h = entropy(t, true);
        return h == 0 ? 1.0 : mutualInformation(t) / h;
    }

    /** The completeness of a clustering against reference classes (1 when the clusters' entropy is 0). */
    public static double completeness(int[] classes, int[] clusters) {
        return completeness(ContingencyTable.of(classes, clusters));
    }

    /** The completeness from a table whose rows are the classes and columns the clusters. */
    public static double completeness(ContingencyTable t) {
        Checks.notNull("table", t);
        double h = entropy(t, false);
        return h == 0 ? 1.0 : mutualInformation(t) / h;
    }

    /** The V-measure with \( \beta = 1 \), the harmonic mean of homogeneity and completeness. */
    public static double vMeasure(int[] classes, int[] clusters) {
        return vMeasure(ContingencyTable.of(classes, clusters), 1.0);
    }

    /**
     * The V-measure with weight \( \beta \) on completeness.
     *
     * @throws IllegalArgumentException if {@code beta} is negative, NaN or infinite
     */
    public static double vMeasure(int[] classes, int[] clusters, double beta) {
        return vMeasure(ContingencyTable.of(classes, clusters), beta);
    }

    /** The V-measure from a table whose rows are the classes and columns the clusters. */
    public static double vMeasure(ContingencyTable t, double beta) {
        Checks.notNull("table", t);
        Checks.nonNegative("beta", beta);
        double h = homogeneity(t);
        double c = completeness(t);
        double denominator = beta * h + c;
        return denominator == 0 ? 0.0 : (1 + beta) * h * c / denominator;
    }

    /** The entropy of a labelling, in nats (0 for a single cluster, as scikit-learn). */
    public static double entropy(int[] labels) {
        return entropy(ContingencyTable.of(labels, new int[labels.length]), true);
    }

    private static double entropy(ContingencyTable t, boolean rows) {
        int m = rows ? t.rows() : t.cols();
        if (m <= 1) {
            return 0.0;
        }
        double n = t.total();
        double logN = Math.log(n);
        Neumaier sum = new Neumaier();
        for (int i = 0; i < m; i++) {
            double p = rows ? t.rowTotal(i) : t.colTotal(i);
            sum.add((p / n) * (Math.log(p) - logN));
        }
        return -sum.value();
    }

    /** The correctly rounded value of {@code num / den} (to well below one ulp). */
    static double ratio(BigInteger num, BigInteger den) {
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
    }
}
