/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features;

import dev.segmentation.core.internal.Checks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The customers present in two tables (two periods, two snapshots), matched by id: for every customer of the
 * first list who is also in the second, the position in each. Matches are in the order of the first list, so
 * the result does not depend on the order of the second.
 * <pre>{@code
 * CustomerMatch both = CustomerMatch.of(h1.customerIds(), h2.customerIds());
 * Migration m = Migration.between(both.fromFirst(labelsH1), both.fromSecond(labelsH2));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class CustomerMatch {
    private final int[] first;
    private final int[] second;
    private final int firstSize;
    private final int secondSize;

    private CustomerMatch(int[] first, int[] second, int firstSize, int secondSize) {
        this.first = first;
        this.second = second;
        this.firstSize = firstSize;
        this.secondSize = secondSize;
    }

    /**
     * The customers of {@code first} also in {@code second}.
     *
     * @param first customer ids, distinct. Not modified.
     * @param second customer ids, distinct. Not modified.
     * @throws IllegalArgumentException if a list holds an id twice (naming it and both positions) or a null id
     */
    public static CustomerMatch of(List<String> first, List<String> second) {
        Checks.notNull("first", first);
        Checks.notNull("second", second);
        indexOf(first, "first");
        Map<String, Integer> where = indexOf(second, "second");
        int[] a = new int[first.size()];
        int[] b = new int[first.size()];
        int m = 0;
        for (int i = 0; i < first.size(); i++) {
            Integer j = where.get(first.get(i));
            if (j != null) {
                a[m] = i;
                b[m] = j;
                m++;
            }
        }
        return new CustomerMatch(Arrays.copyOf(a, m), Arrays.copyOf(b, m), first.size(),
                second.size());
    }

    private static Map<String, Integer> indexOf(List<String> ids, String which) {
        Map<String, Integer> out = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null) {
                throw new IllegalArgumentException("The " + which + " list has a null customer id at position " + i);
            }
            Integer before = out.putIfAbsent(id, i);
            if (before != null) {
                throw new IllegalArgumentException("The " + which + " list has customer '" + id + "' twice, at "
                        + before + " and " + i);
            }
        }
        return out;
    }

    /** The number of customers in both. */
    public int size() {
        return first.length;
    }

    /** The position in the first list of match {@code m}. */
    public int first(int m) {
        return first[m];
    }

    /** The position in the second list of match {@code m}. */
    public int second(int m) {
        return second[m];
    }

    /**
     * The values of the matched customers, from an array indexed like the first list.
     *
     * @param perFirst one value per customer of the first list. Not modified.
     * @throws IllegalArgumentException if the length is not the first list's
     */
    public int[] fromFirst(int[] perFirst) {
        return pick(perFirst, first, firstSize, "first");
    }

    /**
     * The values of the matched customers, from an array indexed like the second list.
     *
     * @param perSecond one value per customer of the second list. Not modified.
     * @throws IllegalArgumentException if the length is not the second list's
     */
    public int[] fromSecond(int[] perSecond) {
        return pick(perSecond, second, secondSize, "second");
    }

    private static int[] pick(int[] values, int[] positions, int expected, String which) {
        Checks.notNull("values", values);
        if (values.length != expected) {
            throw new IllegalArgumentException(values.length + " values were given for the " + expected
                    + " customers of the " + which + " list");
        }
        int[] out = new int[positions.length];
        for (int m = 0; m < out.length; m++) {
            out[m] = values[positions[m]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "CustomerMatch[" + first.length + " of " + firstSize + " and " + secondSize + "]";
    }
}
