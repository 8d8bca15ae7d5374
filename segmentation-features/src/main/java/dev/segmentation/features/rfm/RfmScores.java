/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.rfm;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.internal.Ntiles;

/**
 * RFM quintile scores: recency, frequency and monetary value each scored 1 (worst) to 5 (best) by their
 * quintile among the customers of a fitted {@link RfmTable}, and the combined code
 * \( 100 R + 10 F + M \) (111 to 555), as in Hughes' RFM cell method.
 *
 * <h2>The tie rule</h2>
 * For \( n \) training values and \( g \) groups (5 for quintiles), a value \( x \) scores
 * \[ s(x) = \min\left(g,\; 1 + \left\lfloor \frac{g \cdot \#\{ i : v_i \lt x \}}{n} \right\rfloor \right) \]
 * where \( v_i \) are the training values; for recency the values are negated, so that more recent (fewer
 * days) scores higher. For a training value this is its minimum rank ({@code rank(method="min")} in pandas)
 * placed in equal fifths. Hence <b>equal values always share a score</b> and no customer is split from an
 * identical one at random; when a value is very common (one order is the most frequent frequency), the
 * groups are uneven rather than arbitrary. The rule is fitted once and reused: new customers are scored
 * against the training values (through four cut points per measure), so a score means the same as at
 * training time.
 *
 * <pre>{@code
 * RfmScores scores = RfmScores.fit(rfm);               // quintiles of these customers
 * CustomerTable s = scores.score(rfm);                 // recency_score, frequency_score, monetary_score, rfm_score
 * int r = scores.recencyScore(12);                     // a new customer, 12 days since the last order
 * }</pre>
 *
 * <p>Reference: A. M. Hughes, <i>Strategic Database Marketing</i>, Probus (1994).
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RfmScores {
    /** Column names of {@link #score(RfmTable)}. */
    public static final String RECENCY_SCORE = "recency_score";
    /** Frequency score column. */
    public static final String FREQUENCY_SCORE = "frequency_score";
    /** Monetary score column. */
    public static final String MONETARY_SCORE = "monetary_score";
    /** Combined code column, \( 100R + 10F + M \) for quintiles. */
    public static final String RFM_SCORE = "rfm_score";

    private final int groups;
    private final double[] recencyCuts;
    private final double[] frequencyCuts;
    private final double[] monetaryCuts;

    private RfmScores(int groups, double[] recencyCuts, double[] frequencyCuts, double[] monetaryCuts) {
        this.groups = groups;
        this.recencyCuts = recencyCuts;
        this.frequencyCuts = frequencyCuts;
        this.monetaryCuts = monetaryCuts;
    }

    /**
     * Quintile scores fitted on the customers of {@code rfm}.
     *
     * @throws IllegalArgumentException if the table is empty
     */
    public static RfmScores fit(RfmTable rfm) {
        return fit(rfm, 5);
    }

    /**
     * Scores in {@code 1..groups} fitted on the customers of {@code rfm}.
     *
     * @throws IllegalArgumentException if the table is empty or {@code groups} is not in 2..9
     */
    public static RfmScores fit(RfmTable rfm, int groups) {
        Checks.notNull("rfm", rfm);
        if (groups < 2 || groups > 9) {
            throw new IllegalArgumentException("groups must be in 2..9 but was " + groups);
        }
        int n = rfm.size();
        if (n == 0) {
            throw new IllegalArgumentException("Cannot fit RFM scores on an empty table");
        }
        double[] r = new double[n];
        double[] f = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = -rfm.recencyDays(i);
            f[i] = rfm.frequency(i);
            m[i] = rfm.monetary(i);
        }
        return new RfmScores(groups, Ntiles.cuts(r, n, groups), Ntiles.cuts(f, n, groups), Ntiles.cuts(m, n, groups));
    }

    /** The number of groups (5 for quintiles). */
    public int groups() {
        return groups;
    }

    /** The recency score of a number of days since the last purchase (fewer days score higher). */
    public int recencyScore(double recencyDays) {
        return Ntiles.score(-check("recencyDays", recencyDays), recencyCuts);
    }

    /** The frequency score of a number of orders. */
    public int frequencyScore(double frequency) {
        return Ntiles.score(check("frequency", frequency), frequencyCuts);
    }

    /** The monetary score of an amount. */
    public int monetaryScore(double monetary) {
        return Ntiles.score(check("monetary", monetary), monetaryCuts);
    }

    private static double check(String name, double v) {
        if (v != v) {
            throw new IllegalArgumentException(name + " must not be NaN");
        }
        return v;
    }

    /**
     * The scores of every customer of {@code rfm}: columns {@value #RECENCY_SCORE}, {@value #FREQUENCY_SCORE},
     * {@value #MONETARY_SCORE} and {@value #RFM_SCORE} (the digits R, F, M).
     */
    public CustomerTable score(RfmTable rfm) {
        Checks.notNull("rfm", rfm);
        int n = rfm.size();
        double[] r = new double[n];
        double[] f = new double[n];
        double[] m = new double[n];
        double[] code = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = recencyScore(rfm.recencyDays(i));
            f[i] = frequencyScore(rfm.frequency(i));
            m[i] = monetaryScore(rfm.monetary(i));
            code[i] = 100 * r[i] + 10 * f[i] + m[i];
        }
        return CustomerTable.builder(rfm.customerIds()).numeric(RECENCY_SCORE, r).numeric(FREQUENCY_SCORE, f)
                .numeric(MONETARY_SCORE, m).numeric(RFM_SCORE, code).build();
    }

    @Override
    public String toString() {
        return "RfmScores[groups=" + groups + ", recency cuts (days) " + negated(recencyCuts) + ", frequency cuts "
                + java.util.Arrays.toString(frequencyCuts) + ", monetary cuts " + java.util.Arrays.toString(monetaryCuts)
                + "]";
    }

    private static String negated(double[] cuts) {
        double[] out = new double[cuts.length];
        for (int k = 0; k < cuts.length; k++) {
            out[k] = -cuts[k];
        }
        return java.util.Arrays.toString(out);
    }
}
