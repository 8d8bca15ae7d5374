/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.NormalQuantile;
import dev.segmentation.features.internal.Quantiles;

import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Maps each value through the empirical distribution function of its training column to a uniform or a
 * standard normal variable, as scikit-learn's {@code QuantileTransformer} (see
 * {@link FeaturePipeline.Builder#quantileUniform(int, String...)}).
 *
 * <p>Fitted: \( m \) reference probabilities \( r_i = i / (m - 1) \) and the matching training percentiles
 * \( q_i = Q(100 r_i) \), made non-decreasing. A value \( x \) maps to
 * \( u = \tfrac12 \big(\mathrm{interp}(x; q, r) - \mathrm{interp}(-x; -q^{\leftarrow}, -r^{\leftarrow})\big) \),
 * the mean of interpolating from below and from above, so that a value repeated in the training data maps
 * to the middle of its probability range. Values at the training extremes map to 0 and 1 (for the normal
 * output, values within \( 10^{-7} \) of them). The normal output is \( \Phi^{-1}(u) \), clipped to
 * \( \Phi^{-1}(10^{-7} - \epsilon) \) and \( \Phi^{-1}(1 - (10^{-7} - \epsilon)) \) (about \( \pm 5.2 \)).
 */
final class QuantileStep extends Step {
    static final String TYPE = "quantile";
    static final double BOUNDS_THRESHOLD = 1e-7;
    static final double CLIP_MIN = NormalQuantile.inverseCdf(BOUNDS_THRESHOLD - Math.ulp(1.0));
    static final double CLIP_MAX = NormalQuantile.inverseCdf(1 - (BOUNDS_THRESHOLD - Math.ulp(1.0)));

    final boolean normal;
    final double[] references;
    /** Per column, the fitted quantiles. */
    final double[][] quantiles;
    private final double[][] negatedQuantiles;
    private final double[] negatedReferences;

    QuantileStep(int[] columns, boolean normal, double[][] quantiles) {
        super(columns);
        this.normal = normal;
        this.quantiles = quantiles;
        int m = quantiles.length == 0 ? 0 : quantiles[0].length;
        this.references = Quantiles.linspace01(m);
        this.negatedReferences = new double[m];
        for (int i = 0; i < m; i++) {
            negatedReferences[i] = -references[m - 1 - i];
        }
        this.negatedQuantiles = new double[quantiles.length][m];
        for (int k = 0; k < quantiles.length; k++) {
            for (int i = 0; i < m; i++) {
                negatedQuantiles[k][i] = -quantiles[k][m - 1 - i];
            }
        }
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
            if (v - v != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE, names.get(cols[k]));
                }
                throw new IllegalArgumentException("quantile transform needs a finite value but "
                        + where(row, stepIndex, TYPE, names.get(cols[k])) + " has " + v);
            }
            x[j] = map(k, v);
        }
    }

    /** The transformed value of {@code v} in column {@code k} of the step. */
    double map(int k, double v) {
        double[] q = quantiles[k];
        int m = q.length;
        double lo = q[0];
        double hi = q[m - 1];
        boolean lower;
        boolean upper;
        if (normal) {
            lower = v - BOUNDS_THRESHOLD < lo;
            upper = v + BOUNDS_THRESHOLD > hi;
        } else {
            lower = v == lo;
            upper = v == hi;
        }
        double u = 0.5 * (Quantiles.interp(v, q, references)
                - Quantiles.interp(-v, negatedQuantiles[k], negatedReferences));
        if (upper) {
            u = 1;
        }
        if (lower) {
            u = 0;
        }
        if (!normal) {
            return u;
        }
        double z = NormalQuantile.inverseCdf(u);
        return z < CLIP_MIN ? CLIP_MIN : (z > CLIP_MAX ? CLIP_MAX : z);
    }

    @Override
    void fingerprint(DataOutputStream out, Stage in) throws IOException {
        out.writeUTF(TYPE);
        writeInts(out, columns);
        out.writeBoolean(normal);
        for (int k = 0; k < quantiles.length; k++) {
            writeDoubles(out, quantiles[k]);
        }
    }

    @Override
    void encode(Section.Builder b, Stage in) {
        int m = references.length;
        double[] flat = new double[columns.length * m];
        for (int k = 0; k < columns.length; k++) {
            System.arraycopy(quantiles[k], 0, flat, k * m, m);
        }
        b.put("distribution", normal ? "normal" : "uniform").put("nQuantiles", m)
                .putMatrix("quantiles", flat, columns.length, m);
    }

    static QuantileStep decode(Section st, String at, int[] idx) throws ModelFormatException {
        String dist = st.getString("distribution");
        if (!dist.equals("normal") && !dist.equals("uniform")) {
            throw new ModelFormatException("Parameter '" + at + ".distribution' must be \"uniform\" or \"normal\" "
                    + "but is \"" + dist + "\"");
        }
        int m = st.getInt("nQuantiles", 1, 1_000_000);
        double[] flat = st.getMatrix("quantiles", idx.length, m);
        double[][] q = new double[idx.length][];
        for (int k = 0; k < idx.length; k++) {
            q[k] = java.util.Arrays.copyOfRange(flat, k * m, (k + 1) * m);
            for (int i = 1; i < m; i++) {
                if (q[k][i] < q[k][i - 1]) {
                    throw new ModelFormatException("Parameter '" + at + ".quantiles[" + k + "]' must be "
                            + "non-decreasing but has " + q[k][i - 1] + " before " + q[k][i]);
                }
            }
        }
        return new QuantileStep(idx, dist.equals("normal"), q);
    }

    /**
     * Fits {@code min(nQuantiles, n)} quantiles per column from all {@code n} rows (no subsampling).
     */
    static QuantileStep fit(int[] cols, double[] x, int n, int d, int nQuantiles, boolean normal) {
        int m = Math.max(1, Math.min(nQuantiles, n));
        double[] refs = Quantiles.linspace01(m);
        double[][] q = new double[cols.length][m];
        for (int k = 0; k < cols.length; k++) {
            double[] v = Quantiles.sortedColumn(x, n, d, cols[k]);
            for (int i = 0; i < m; i++) {
                q[k][i] = Quantiles.percentileSorted(v, v.length, refs[i] * 100);
            }
            for (int i = 1; i < m; i++) {
                if (q[k][i] < q[k][i - 1]) {
                    q[k][i] = q[k][i - 1];
                }
            }
        }
        return new QuantileStep(cols, normal, q);
    }
}
