/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * \( y = \ln(1 + x) \) ({@link Math#log1p}), accurate for small \( x \); domain \( -1 \lt x \lt \infty \).
 * Nothing is learnt from the data.
 */
final class Log1pStep extends Step {
    static final String TYPE = "log1p";

    Log1pStep(int[] columns) {
        super(columns);
    }

    @Override
    String type() {
        return TYPE;
    }

    @Override
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            double v = x[j];
            if (!(v > -1 && v < Double.POSITIVE_INFINITY)) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE, names.get(cols[k]));
                }
                throw new IllegalArgumentException("log1p needs a finite value > -1 but "
                        + where(row, stepIndex, TYPE, names.get(cols[k])) + " has " + v);
            }
            x[j] = Math.log1p(v);
        }
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
    }
}
