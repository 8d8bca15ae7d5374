/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.clv;

import java.util.Arrays;

/**
 * Thrown when a CLV model's maximum-likelihood fit stops before its gradient tolerance is met (iteration
 * limit, or a line search that cannot make progress); it carries the optimiser's state and the last
 * parameters, so that a caller can decide to refit with other settings. A non-converged fit is never returned
 * as a model.
 *
 * @since 0.1
 */
public final class NotConvergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FitDiagnostics diagnostics;
    private final double[] lastParameters;

    NotConvergedException(String model, FitDiagnostics diagnostics, double[] lastParameters) {
        super("The " + model + " fit did not converge: " + diagnostics.iterations() + " iterations, "
                + diagnostics.evaluations() + " evaluations, gradient norm " + diagnostics.gradientNorm()
                + ", objective " + diagnostics.objective() + ", last parameters " + Arrays.toString(lastParameters));
        this.diagnostics = diagnostics;
        this.lastParameters = lastParameters.clone();
    }

    /** The optimiser's state when it stopped. */
    public FitDiagnostics diagnostics() {
        return diagnostics;
    }

    /** The model parameters (not their logarithms) at the last point. */
    public double[] lastParameters() {
        return lastParameters.clone();
    }
}
