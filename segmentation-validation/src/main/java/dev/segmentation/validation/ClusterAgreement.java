/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation;

import dev.segmentation.core.internal.Checks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Agreement between two labellings of the same rows: the adjusted Rand index and normalised mutual
 * information, which do not depend on how either labelling numbers its clusters.
 * <pre>{@code
 * double ari = ClusterAgreement.adjustedRandIndex(segmentsLastMonth, segmentsNow);
 * double nmi = ClusterAgreement.normalizedMutualInformation(segmentsLastMonth, segmentsNow);
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
 * <h2>Labels</h2>
 * Any int values; every distinct value is a cluster, -1 (noise) included, as in scikit-learn. To leave noise
 * out, drop those rows from both labellings first. Labellings of different lengths throw
 * {@link IllegalArgumentException}.
 *
 * <p>Thread-safe. References: L. Hubert, P. Arabie, "Comparing partitions", Journal of Classification 2
 * (1985) 193-218, doi:10.1007/BF01908075; N. X. Vinh, J. Epps, J. Bailey, "Information theoretic measures
 * for clusterings comparison", JMLR 11 (2010) 2837-2854.
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
        ContingencyTable t = ContingencyTable.of(a, b);
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
        double sum = 0;
        double comp = 0;
        for (int c = 0; c < t.nonZeroCells(); c++) {
            double nij = t.cellCount(c);
            double pij = nij / n;
            double outer = (double) (t.rowTotal(t.cellRow(c)) * t.colTotal(t.cellCol(c)));
            double logOuter = -Math.log(outer) + logN + logN;
            double term = pij * (Math.log(nij) - logN) + pij * logOuter;
            if (Math.abs(term) < EPS) {
                term = 0;
            }
            double s = sum + term;
            comp += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
            sum = s;
        }
        return Math.max(0.0, sum + comp);
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
        double ha = entropy(t, true);
        double hb = entropy(t, false);
        double norm;
        switch (normalization) {
            case GEOMETRIC:
                norm = Math.sqrt(ha * hb);
                break;
            case MIN:
                norm = Math.min(ha, hb);
                break;
            case MAX:
                norm = Math.max(ha, hb);
                break;
            default:
                norm = (ha + hb) / 2;
                break;
        }
        return mi / norm;
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
        double sum = 0;
        double comp = 0;
        for (int i = 0; i < m; i++) {
            double p = rows ? t.rowTotal(i) : t.colTotal(i);
            double term = (p / n) * (Math.log(p) - logN);
            double s = sum + term;
            comp += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
            sum = s;
        }
        return -(sum + comp);
    }

    /** The correctly rounded value of {@code num / den} (to well below one ulp). */
    static double ratio(BigInteger num, BigInteger den) {
        return new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
    }
}
