/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.List;

/**
 * \( y = \ln(1 + x) \) ({@link Math#log1p}), accurate for small \( x \); domain \( -1 \lt x \lt \infty \).
 * Nothing is learnt from the data. Model file: no parameter.
 */
final class Log1pStep extends ElementwiseStep {
    static final StepType TYPE = StepType.of("log1p", StepType.Columns.NUMERIC,
            (st, at, idx, in) -> new Log1pStep(idx), StepType.Trait.FIRST_RELEASE);

    Log1pStep(int[] columns) {
        super(TYPE, columns, Formula.LOG1P, null, null);
    }

    /** The step on the named columns; it needs no data. */
    static StepSpec spec(List<String> columns) {
        return new StepSpec(TYPE, columns, false, (st, cols, x, n, s) -> new Log1pStep(cols));
    }

    @Override
    String outOfDomain(int k, double v, double y, String where) {
        return "log1p needs a finite value > -1 but " + where + " has " + v;
    }
}
