/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import dev.segmentation.core.DissimilarityMatrix;

import java.util.Objects;

/**
 * Zero-copy access to a {@link DissimilarityMatrix}'s condensed array for the library's own algorithms, in the
 * manner of {@link DatasetAccess}. Not API. Code that receives the array must treat it as read-only.
 */
public final class DissimilarityAccess {
    /** What {@code DissimilarityMatrix} grants to this package. */
    public interface Accessor {
        /** The condensed array, not copied. */
        double[] condensed(DissimilarityMatrix matrix);

        /** A matrix over {@code condensed}, not copied and not checked: the caller gives up the array. */
        DissimilarityMatrix wrap(double[] condensed, int n);
    }

    private static volatile Accessor accessor;

    private DissimilarityAccess() {
    }

    /** Called once by {@code DissimilarityMatrix}. */
    public static void install(Accessor a) {
        if (accessor != null) {
            throw new IllegalStateException("accessor already installed");
        }
        accessor = Objects.requireNonNull(a);
    }

    /** The condensed array of {@code matrix}; read-only. */
    public static double[] condensed(DissimilarityMatrix matrix) {
        return accessor().condensed(matrix);
    }

    /** A matrix that takes ownership of {@code condensed}, whose values the caller guarantees finite and >= 0. */
    public static DissimilarityMatrix wrap(double[] condensed, int n) {
        return accessor().wrap(condensed, n);
    }

    private static Accessor accessor() {
        Accessor a = accessor;
        if (a == null) {
            try {
                Class.forName(DissimilarityMatrix.class.getName(), true, DissimilarityMatrix.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = accessor;
        }
        return a;
    }
}
