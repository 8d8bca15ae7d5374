/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns between two steps of a pipeline: names, and for each column whether it holds category codes
 * and, if so, its vocabulary. Immutable.
 *
 * <p>Invariants: {@code names}, {@code categorical} and {@code vocabulary} have one entry per column; a
 * categorical column's values are indices into its vocabulary (or -1 for a category outside it, or NaN when
 * missing), and its vocabulary is sorted by code point and free of repeats; a numeric column has a null
 * vocabulary. Names are unique.
 */
final class Stage {
    final List<String> names;
    final boolean[] categorical;
    final String[][] vocabulary;

    Stage(List<String> names, boolean[] categorical, String[][] vocabulary) {
        this.names = List.copyOf(names);
        this.categorical = categorical;
        this.vocabulary = vocabulary;
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < this.names.size(); j++) {
            if (!seen.add(this.names.get(j))) {
                throw new IllegalArgumentException("Column name '" + this.names.get(j) + "' would appear twice; "
                        + "the columns would be " + this.names);
            }
        }
    }

    /** Numeric columns only. */
    static Stage numeric(List<String> names) {
        return new Stage(names, new boolean[names.size()], new String[names.size()][]);
    }

    int width() {
        return names.size();
    }

    boolean anyCategorical() {
        for (int j = 0; j < categorical.length; j++) {
            if (categorical[j]) {
                return true;
            }
        }
        return false;
    }

    /** This stage with the given columns made numeric (after ordinal encoding). */
    Stage numericAt(int[] cols) {
        boolean[] c = categorical.clone();
        String[][] v = vocabulary.clone();
        for (int k = 0; k < cols.length; k++) {
            c[cols[k]] = false;
            v[cols[k]] = null;
        }
        return new Stage(names, c, v);
    }

    /** This stage with numeric columns appended. */
    Stage append(List<String> extra) {
        List<String> n = new ArrayList<>(names);
        n.addAll(extra);
        boolean[] c = java.util.Arrays.copyOf(categorical, n.size());
        String[][] v = java.util.Arrays.copyOf(vocabulary, n.size());
        return new Stage(n, c, v);
    }

    /** The columns at {@code keep}, in that order. */
    Stage select(int[] keep) {
        List<String> n = new ArrayList<>(keep.length);
        boolean[] c = new boolean[keep.length];
        String[][] v = new String[keep.length][];
        for (int k = 0; k < keep.length; k++) {
            n.add(names.get(keep[k]));
            c[k] = categorical[keep[k]];
            v[k] = vocabulary[keep[k]];
        }
        return new Stage(n, c, v);
    }

}
