/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

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
 *
 * <p>A step type keeps everything about it in its own class: its {@link StepType} ({@code TYPE}: name, columns
 * it reads, decoder), the factory of its unfitted {@link StepSpec}, its fit, its transform, and
 * {@link #encodeParameters}, which writes its fitted parameters once for both the model file and the
 * fingerprint (see {@link StepParameters}).
 */
abstract class Step {
    final StepType type;
    /** Indices of the columns the step reads, into the step's input columns. */
    final int[] columns;
    private final boolean inPlace;

    Step(StepType type, int[] columns, boolean inPlace) {
        this.type = type;
        this.columns = columns;
        this.inPlace = inPlace;
    }

    /** The type name written to the model file. */
    final String type() {
        return type.name;
    }

    /** Whether the step transforms a row in place, keeping its width and column positions. */
    final boolean inPlace() {
        return inPlace;
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

    /**
     * Writes the step, {@code type} first, to the model file and to the canonical form that the fingerprint
     * hashes.
     */
    final void encode(StepParameters p) {
        p.text("type", type.name);
        encodeColumnsAndParameters(p);
    }

    /** Writes the step's columns, then its fitted parameters. */
    void encodeColumnsAndParameters(StepParameters p) {
        p.columns("columns", columns);
        encodeParameters(p);
    }

    /** Writes the fitted parameters (after {@code type} and {@code columns}); nothing by default. */
    void encodeParameters(StepParameters p) {
    }

    /** The columns among {@code columns} whose flag is set. */
    static int[] flagged(int[] columns, boolean[] flags) {
        int m = 0;
        for (int k = 0; k < flags.length; k++) {
            if (flags[k]) {
                m++;
            }
        }
        int[] out = new int[m];
        for (int k = 0, p = 0; k < flags.length; k++) {
            if (flags[k]) {
                out[p++] = columns[k];
            }
        }
        return out;
    }

    /** The columns {@code 0 .. width - 1} that are not among {@code columns} (ascending), in order. */
    static int[] complement(int[] columns, int width) {
        int[] keep = new int[width - columns.length];
        for (int j = 0, p = 0, k = 0; j < width; j++) {
            if (k < columns.length && columns[k] == j) {
                k++;
            } else {
                keep[p++] = j;
            }
        }
        return keep;
    }

    /** Copies a whole input row (of {@code names.size()} values) to the output row; returns its width. */
    static int copyRow(double[] in, int inOff, double[] out, int outOff, List<String> names) {
        int w = names.size();
        System.arraycopy(in, inOff, out, outOff, w);
        return w;
    }

    /** Copies the columns {@code keep} of a row, in order, to the start of the output row. */
    static void copyColumns(int[] keep, double[] in, int inOff, double[] out, int outOff) {
        for (int p = 0; p < keep.length; p++) {
            out[outOff + p] = in[inOff + keep[p]];
        }
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
    /**
     * Refuses a fitted spread (a variance, range or standard deviation) of {@code column} that overflowed,
     * which would otherwise scale every value to zero or leave a bound infinite.
     *
     * @throws IllegalArgumentException naming the column, the step and the value
     */
    static void requireFinite(String what, double value, int stepIndex, String type, String column) {
        if (!(Math.abs(value) < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("The " + what + " of " + where(-1, stepIndex, type, column)
                    + " overflows (" + value + "); rescale the data first");
        }
    }

    static IllegalArgumentException missing(int row, int stepIndex, String type, String column) {
        return new IllegalArgumentException("Missing value (NaN) at " + where(row, stepIndex, type, column)
                + "; impute it in an earlier step (FeaturePipeline.Builder.impute)");
    }
}
