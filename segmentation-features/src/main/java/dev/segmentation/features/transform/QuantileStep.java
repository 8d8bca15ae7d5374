/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.NormalQuantile;
import dev.segmentation.features.internal.Quantiles;

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
 *
 * <p>Model file: {@code distribution} ({@code "uniform"} or {@code "normal"}), {@code nQuantiles} and the
 * {@code quantiles} matrix, one row per column.
 */
final class QuantileStep extends ElementwiseStep {
    static final StepType TYPE = StepType.of("quantile", StepType.Columns.NUMERIC, QuantileStep::decode,
            StepType.Trait.MAY_HAVE_NO_COLUMN);
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
        super(TYPE, columns, Formula.CUSTOM, null, null);
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

    /** The transform of the named columns (null: every numeric column) with {@code quantiles} quantiles. */
    static StepSpec spec(List<String> columns, int quantiles, boolean normal) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), quantiles, normal));
    }

    @Override
    String outOfDomain(int k, double v, double y, String where) {
        return "quantile transform needs a finite value but " + where + " has " + v;
    }

    /** The transformed value of {@code v} in column {@code k} of the step; NaN unless {@code v} is finite. */
    @Override
    double map(int k, double v) {
        if (v - v != 0) {
            return Double.NaN;
        }
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
    void encodeParameters(StepParameters p) {
        p.choice("distribution", normal, "uniform", "normal");
        p.fileOnly().count("nQuantiles", references.length);
        p.rows("quantiles", quantiles, references.length);
    }

    static QuantileStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
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
