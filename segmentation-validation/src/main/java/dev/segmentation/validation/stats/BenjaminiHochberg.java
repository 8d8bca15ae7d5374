/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.validation.stats;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.validation.internal.Ranks;

/**
 * The Benjamini-Hochberg step-up procedure: p-values adjusted so that rejecting every hypothesis whose
 * adjusted value is at most q controls the false discovery rate at q (for independent or positively dependent
 * tests). Use it when many features are tested across the same segments.
 *
 * <p>With the m p-values sorted, \( p_{(1)} \le \dots \le p_{(m)} \),
 * \[ \tilde p_{(i)} = \min\left(1, \min_{j \ge i} \frac{m}{j} p_{(j)}\right) , \]
 * returned in the input order (R's {@code p.adjust(p, "BH")}, statsmodels' {@code fdr_bh}). Ties keep their
 * input order, which does not change the adjusted values.
 *
 * <p>Bad input: a p-value outside [0, 1] or NaN throws {@link IllegalArgumentException}; an empty array gives
 * an empty result. Thread-safe.
 *
 * <p>Reference: Y. Benjamini, Y. Hochberg, "Controlling the false discovery rate: a practical and powerful
 * approach to multiple testing", JRSS B 57 (1995) 289-300, doi:10.1111/j.2517-6161.1995.tb02031.x.
 *
 * @since 0.1
 */
public final class BenjaminiHochberg {
    private BenjaminiHochberg() {
    }

    /**
     * The adjusted p-values.
     *
     * @param pValues p-values in [0, 1]. Not modified.
     * @return the adjusted values, in the input order
     * @throws IllegalArgumentException if a value is NaN or outside [0, 1]
     */
    public static double[] adjust(double[] pValues) {
        Checks.notNull("pValues", pValues);
        int m = pValues.length;
        for (int i = 0; i < m; i++) {
            Checks.unitInterval("pValues[" + i + "]", pValues[i]);
        }
        int[] order = Ranks.order(pValues);
        double[] out = new double[m];
        double running = 1.0;
        for (int r = m - 1; r >= 0; r--) {
            int i = order[r];
            double v = Math.min(1.0, pValues[i] * m / (r + 1));
            running = Math.min(running, v);
            out[i] = running;
        }
        return out;
    }

    /**
     * Which hypotheses are rejected at false discovery rate q.
     *
     * @throws IllegalArgumentException if q is not in (0, 1) or a p-value is invalid
     */
    public static boolean[] reject(double[] pValues, double q) {
        if (!(q > 0 && q < 1)) {
            throw new IllegalArgumentException("q must be in (0, 1) but was " + q);
        }
        double[] adj = adjust(pValues);
        boolean[] out = new boolean[adj.length];
        for (int i = 0; i < adj.length; i++) {
            out[i] = adj[i] <= q;
        }
        return out;
    }
}
