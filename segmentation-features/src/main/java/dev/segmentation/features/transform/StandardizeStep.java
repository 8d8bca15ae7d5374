/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.Section;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * \( z = (x - \mu) / s \) with the fitted mean \( \mu \) and scale \( s \) of each column (see
 * {@link FeaturePipeline.Builder#standardize(String...)} for how they are fitted).
 */
final class StandardizeStep extends Step {
    static final String TYPE = "standardize";

    final double[] mean;
    final double[] scale;
    /** Whether each column was constant at fit time (scale 1). */
    final boolean[] constant;

    StandardizeStep(int[] columns, double[] mean, double[] scale, boolean[] constant) {
        super(columns);
        this.mean = mean;
        this.scale = scale;
        this.constant = constant;
    }

    @Override
    String type() {
        return TYPE;
    }

    @Override
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        double[] mu = mean;
        double[] s = scale;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            double z = (x[j] - mu[k]) / s[k];
            if (z - z != 0) {
                if (x[j] != x[j]) {
                    throw missing(row, stepIndex, TYPE, names.get(cols[k]));
                }
                throw new IllegalArgumentException("standardize gives a non-finite result " + z + " for "
                        + where(row, stepIndex, TYPE, names.get(cols[k])) + " = " + x[j] + " (mean " + mu[k]
                        + ", scale " + s[k] + ")");
            }
            x[j] = z;
        }
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        out.writeInt(columns.length);
        for (int k = 0; k < columns.length; k++) {
            out.writeInt(columns[k]);
            out.writeLong(Double.doubleToLongBits(mean[k]));
            out.writeLong(Double.doubleToLongBits(scale[k]));
        }
    }

    @Override
    int[] constantColumns() {
        int m = 0;
        for (int k = 0; k < constant.length; k++) {
            if (constant[k]) {
                m++;
            }
        }
        int[] out = new int[m];
        for (int k = 0, p = 0; k < constant.length; k++) {
            if (constant[k]) {
                out[p++] = columns[k];
            }
        }
        return out;
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        List<String> constantNames = new ArrayList<>();
        for (int k = 0; k < columns.length; k++) {
            if (constant[k]) {
                constantNames.add(in.names.get(columns[k]));
            }
        }
        b.put("mean", mean).put("scale", scale).put("constantColumns", constantNames);
    }

    /**
     * Fits mean and scale over rows of {@code x} (row-major, {@code d} columns), sklearn-compatible.
     *
     * <p>Invariants: two passes, the mean \( \bar{x} = \frac{1}{n} \sum x_i \), then the corrected two-pass
     * variance \( \sigma^2 = \frac{1}{n} \left( \sum (x_i - \bar{x})^2 - \frac{1}{n} \big(\sum (x_i -
     * \bar{x})\big)^2 \right) \), whose correction term removes most of the rounding error of \( \bar{x} \)
     * (Chan, Golub and LeVeque 1983). A column is constant when \( \sigma^2 \le n \epsilon \sigma^2 + (n
     * \bar{x} \epsilon)^2 \) (scikit-learn's {@code _is_constant_feature}); its scale is 1, and if all its
     * values are equal the mean is set to that value so that the output is exactly 0.
     */
    static StandardizeStep fit(int[] cols, double[] x, int n, int d, List<String> names, int stepIndex) {
        int m = cols.length;
        double[] sum = new double[m];
        double[] min = new double[m];
        double[] max = new double[m];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int k = 0; k < m; k++) {
                double v = x[base + cols[k]];
                sum[k] += v;
                if (v < min[k]) {
                    min[k] = v;
                }
                if (v > max[k]) {
                    max[k] = v;
                }
            }
        }
        double[] mean = new double[m];
        for (int k = 0; k < m; k++) {
            mean[k] = sum[k] / n;
        }
        double[] ss = new double[m];
        double[] correction = new double[m];
        for (int i = 0; i < n; i++) {
            int base = i * d;
            for (int k = 0; k < m; k++) {
                double dev = x[base + cols[k]] - mean[k];
                ss[k] += dev * dev;
                correction[k] += dev;
            }
        }
        double eps = Math.ulp(1.0);
        double[] scale = new double[m];
        boolean[] constant = new boolean[m];
        for (int k = 0; k < m; k++) {
            double var = (ss[k] - correction[k] * correction[k] / n) / n;
            if (!(var < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("The variance of " + where(-1, stepIndex, TYPE,
                        names.get(cols[k])) + " overflows (" + var + "); rescale the data first");
            }
            double bound = n * eps * var + (n * mean[k] * eps) * (n * mean[k] * eps);
            if (min[k] == max[k]) {
                mean[k] = min[k];
                constant[k] = true;
            } else {
                constant[k] = var <= bound;
            }
            scale[k] = constant[k] ? 1.0 : Math.sqrt(var);
        }
        return new StandardizeStep(cols, mean, scale, constant);
    }
}
