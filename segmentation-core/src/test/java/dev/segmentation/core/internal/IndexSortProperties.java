/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The index sort equals the JDK's stable boxed sort, ties included, on every size around the insertion cut. */
class IndexSortProperties {

    @Property(tries = 300)
    void equalsTheStableBoxedSort(@ForAll @Size(max = 200) List<@IntRange(min = -5, max = 5) Integer> keys) {
        int n = keys.size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = keys.get(i) == 0 ? -0.0 : keys.get(i) / 2.0; // many ties, and -0.0 below 0.0 as Double.compare
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(v[a], v[b]));
        int[] expected = new int[n];
        for (int i = 0; i < n; i++) {
            expected[i] = boxed[i];
        }
        assertArrayEquals(expected, IndexSort.order(v));
    }

    @Property(tries = 200)
    void sortsASubrangeOnly(@ForAll @Size(min = 2, max = 120) List<@IntRange(min = 0, max = 9) Integer> keys,
                            @ForAll @IntRange(min = 0, max = 60) int from) {
        int n = keys.size();
        int lo = Math.min(from, n - 1);
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = n - 1 - i;
        }
        int[] expected = a.clone();
        Integer[] part = new Integer[n - lo];
        for (int i = lo; i < n; i++) {
            part[i - lo] = a[i];
        }
        Arrays.sort(part, (x, y) -> Integer.compare(keys.get(x), keys.get(y)));
        for (int i = lo; i < n; i++) {
            expected[i] = part[i - lo];
        }
        IndexSort.sort(a, lo, n, (x, y) -> Integer.compare(keys.get(x), keys.get(y)));
        assertArrayEquals(expected, a);
    }
}
