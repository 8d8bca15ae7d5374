/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.internal;

import java.util.Arrays;

/**
 * Scores in {@code 1..g} (quintiles for g = 5) with a documented tie rule. Not API.
 *
 * <p>For training keys \( v_1, \dots, v_n \) (the values, or their negatives when lower is better), the
 * score of a key \( x \) is
 * \[ s(x) = 1 + \left\lfloor \frac{g \, c(x)}{n} \right\rfloor, \qquad c(x) = \#\{ i : v_i \lt x \}, \]
 * capped at \( g \). For a training value \( c \) is its minimum rank minus one ({@code rank(method="min")}
 * in pandas), so <b>equal values always get the same score</b>, and groups are as equal in size as the ties
 * allow; a large tie (many customers with one order) stays in one group rather than being split at random.
 *
 * <p>The fitted form is \( g - 1 \) cut points \( u_s = v_{(m_s)} \), the \( m_s \)-th smallest key with
 * \( m_s = \lceil (s - 1) n / g \rceil \) for \( s = 2..g \); then \( s(x) = 1 + \#\{ s : x > u_s \} \),
 * which equals the rule above for every \( x \), seen in training or not.
 *
 * <p>Thread-safe (stateless).
 */
public final class Ntiles {
    private Ntiles() {
    }

    /**
     * The cut points of {@code n} keys.
     *
     * @param keys the keys; the first {@code n} are used. Not modified.
     */
    public static double[] cuts(double[] keys, int n, int groups) {
        double[] sorted = Arrays.copyOf(keys, n);
        Arrays.sort(sorted);
        double[] cuts = new double[groups - 1];
        for (int s = 2; s <= groups; s++) {
            long m = ((long) (s - 1) * n + groups - 1) / groups;
            cuts[s - 2] = sorted[(int) m - 1];
        }
        return cuts;
    }

    /** The score of a key given the cut points. */
    public static int score(double key, double[] cuts) {
        int s = 1;
        for (int c = 0; c < cuts.length; c++) {
            if (key > cuts[c]) {
                s++;
            }
        }
        return s;
    }
}
