/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * One fitted step of a {@link FittedPipeline}. Immutable; {@link #apply} allocates nothing except on the error
 * path.
 *
 * <p>A step reads a row of its input {@link Stage}'s width and writes a row of its {@link #output} stage's
 * width. An
 * {@linkplain #inPlace() in-place} step keeps the width and the positions of the columns and changes some
 * of them in place; the others write from one buffer to another.
 */
abstract class Step {
    /** Indices of the columns the step reads, into the step's input columns. */
    final int[] columns;

    Step(int[] columns) {
        this.columns = columns;
    }

    /** The type name written to the model file. */
    abstract String type();

    /** Whether the step transforms a row in place, keeping its width and column positions. */
    boolean inPlace() {
        return true;
    }

    /** The columns after this step, given the columns before it. */
    Stage output(Stage in) {
        return in;
    }

    /**
     * Transforms the step's columns of one row in place (in-place steps only).
     *
     * @param x the row at {@code x[off ..]}. Modified.
     * @param row the row index for messages, or -1 if unknown
     * @param stepIndex this step's position, for messages
     * @param names the step's input column names, for messages
     * @throws IllegalArgumentException if a value is outside the domain or a result is not finite
     */
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        throw new UnsupportedOperationException(type() + " is not an in-place step");
    }

    /**
     * Transforms one row from {@code in} to {@code out} (steps that are not in place). The two arrays are
     * distinct.
     *
     * @param in the input row at {@code in[inOff ..]}. Not modified.
     * @param out receives the output row at {@code out[outOff ..]}. Modified.
     * @throws IllegalArgumentException if a value is outside the domain or a result is not finite
     */
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        throw new UnsupportedOperationException(type() + " is an in-place step");
    }

    /** The columns this step found constant at fit time (scale set to 1 or range to 1), by input index. */
    int[] constantColumns() {
        return new int[0];
    }

    /** Writes the fitted parameters for the fingerprint. */
    abstract void fingerprint(DataOutputStream out, Stage in) throws IOException;

    /** Writes the fitted parameters (after {@code type} and {@code columns}) to the model file. */
    void encode(Section.Builder b, Stage in) {
    }

    static String where(int row, int stepIndex, String type, String column) {
        return (row >= 0 ? row(row) + ", " : "") + "column '" + column + "' (step " + (stepIndex + 1) + ", "
                + type + ")";
    }

    /**
     * How messages name the rows of the data being fitted or transformed on this thread: a customer table names
     * each row's customer and, when it was read from a file, the line the reader would name
     * ({@link dev.segmentation.features.CustomerTable#describeRow}); other data are named by row index. Set
     * only around a fit or a transform of a table ({@link #namingRows}); used only to build messages.
     */
    private static final ThreadLocal<IntFunction<String>> ROW_NAMES = new ThreadLocal<>();

    /** Runs {@code work} with row {@code i} named {@code names.apply(i)} in its messages. */
    static <T> T namingRows(IntFunction<String> names, Supplier<T> work) {
        IntFunction<String> previous = ROW_NAMES.get();
        ROW_NAMES.set(names);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                ROW_NAMES.remove();
            } else {
                ROW_NAMES.set(previous);
            }
        }
    }

    /** Row {@code row} as messages name it. */
    static String row(int row) {
        IntFunction<String> names = ROW_NAMES.get();
        return names == null ? "row " + row : names.apply(row);
    }

    /** The message for a missing value (NaN) that reached a step that cannot take one. */
    static IllegalArgumentException missing(int row, int stepIndex, String type, String column) {
        return new IllegalArgumentException("Missing value (NaN) at " + where(row, stepIndex, type, column)
                + "; impute it in an earlier step (FeaturePipeline.Builder.impute)");
    }

    static void writeInts(DataOutputStream out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int k = 0; k < v.length; k++) {
            out.writeInt(v[k]);
        }
    }

    static void writeDoubles(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (int k = 0; k < v.length; k++) {
            out.writeLong(Double.doubleToLongBits(v[k]));
        }
    }
}
