/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * One fitted, column-wise, in-place step of a {@link FittedPipeline}. Immutable; {@link #apply} allocates
 * nothing except on the error path.
 */
abstract class Step {
    /** Indices of the columns the step changes, into the pipeline's columns. */
    final int[] columns;

    Step(int[] columns) {
        this.columns = columns;
    }

    /** The type name written to the model file. */
    abstract String type();

    /**
     * Transforms the step's columns of one row in place.
     *
     * @param x the row at {@code x[off ..]}. Modified.
     * @param row the row index for messages, or -1 if unknown
     * @param stepIndex this step's position, for messages
     * @param names the pipeline's column names, for messages
     * @throws IllegalArgumentException if a value is outside the domain or a result is not finite
     */
    abstract void apply(double[] x, int off, int row, int stepIndex, List<String> names);

    /** Writes the fitted parameters for the fingerprint. */
    abstract void fingerprint(DataOutputStream out) throws IOException;

    static String where(int row, int stepIndex, String type, String column) {
        return (row >= 0 ? "row " + row + ", " : "") + "column '" + column + "' (step " + (stepIndex + 1) + ", "
                + type + ")";
    }
}
