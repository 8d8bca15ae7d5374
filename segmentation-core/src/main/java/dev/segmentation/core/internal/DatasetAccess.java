/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import dev.segmentation.core.Dataset;

import java.util.List;
import java.util.Objects;

/**
 * Zero-copy access to a {@link Dataset}'s backing array for the library's own algorithms. Not API.
 *
 * <p>The "shared secret" is installed by {@code Dataset}'s static initialiser. Code that receives the
 * array must treat it as read-only: a {@code Dataset} is immutable and may be shared between threads.
 */
public final class DatasetAccess {
    /** What {@code Dataset} grants to this package. */
    public interface Accessor {
        /** The backing row-major array, not copied. */
        double[] data(Dataset dataset);

        /** A dataset over {@code data}, not copied; the caller gives up the array and the values are checked. */
        Dataset wrap(double[] data, int rows, int cols, List<String> names);
    }

    private static volatile Accessor accessor;

    private DatasetAccess() {
    }

    /** Called once by {@code Dataset}. */
    public static void install(Accessor a) {
        if (accessor != null) {
            throw new IllegalStateException("accessor already installed");
        }
        accessor = Objects.requireNonNull(a);
    }

    /** The backing row-major array of {@code dataset}; read-only. */
    public static double[] data(Dataset dataset) {
        return accessor().data(dataset);
    }

    /** A dataset that takes ownership of {@code data} (the values are still checked for finiteness). */
    public static Dataset wrap(double[] data, int rows, int cols, List<String> names) {
        return accessor().wrap(data, rows, cols, names);
    }

    private static Accessor accessor() {
        Accessor a = accessor;
        if (a == null) {
            // Force Dataset's static initialiser, which installs the accessor.
            try {
                Class.forName(Dataset.class.getName(), true, Dataset.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = accessor;
        }
        return a;
    }
}
