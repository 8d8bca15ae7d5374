/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import java.util.List;

/**
 * The fitted principal components of a PCA step (see {@link FeaturePipeline.Builder#pca(int, String...)}):
 * the input columns and their means, the unit-length components, the explained variance of each component
 * \( \lambda_t = s_t^2 / (n - 1) \) and its share of the total, and the loadings
 * \( L_{tj} = v_{tj} \sqrt{\lambda_t} \) (for standardized inputs, the correlation of input \( j \) with
 * component \( t \)).
 *
 * <p>Immutable; array accessors return copies.
 *
 * @since 0.1
 */
public final class PcaSummary {
    private final List<String> inputColumns;
    private final PcaStep step;

    PcaSummary(List<String> inputColumns, PcaStep step) {
        this.inputColumns = List.copyOf(inputColumns);
        this.step = step;
    }

    /** The columns the components are built from, in order. */
    public List<String> inputColumns() {
        return inputColumns;
    }

    /** The number of components kept. */
    public int components() {
        return step.k;
    }

    /** The training means of the input columns. */
    public double[] mean() {
        return step.mean.clone();
    }

    /** The components as rows: {@code components()} rows of {@code inputColumns().size()} unit-length weights. */
    public double[][] componentMatrix() {
        int m = inputColumns.size();
        double[][] out = new double[step.k][m];
        for (int t = 0; t < step.k; t++) {
            System.arraycopy(step.components, t * m, out[t], 0, m);
        }
        return out;
    }

    /** The loadings \( v_{tj} \sqrt{\lambda_t} \), one row per component. */
    public double[][] loadings() {
        double[][] out = componentMatrix();
        for (int t = 0; t < out.length; t++) {
            double s = Math.sqrt(step.explainedVariance[t]);
            for (int j = 0; j < out[t].length; j++) {
                out[t][j] *= s;
            }
        }
        return out;
    }

    /** The explained variance of each kept component. */
    public double[] explainedVariance() {
        return step.explainedVariance.clone();
    }

    /** Each kept component's share of the total variance of the inputs. */
    public double[] explainedVarianceRatio() {
        return step.explainedVarianceRatio.clone();
    }

    /** The singular values of the centred training matrix for the kept components. */
    public double[] singularValues() {
        return step.singularValues.clone();
    }

    /** Whether the scores are whitened (divided by \( \sqrt{\lambda_t} \)). */
    public boolean whitened() {
        return step.whiten;
    }

    @Override
    public String toString() {
        return "PcaSummary[" + step.k + " components of " + inputColumns + ", explained variance ratio "
                + java.util.Arrays.toString(step.explainedVarianceRatio) + "]";
    }
}
