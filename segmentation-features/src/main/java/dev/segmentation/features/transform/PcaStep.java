/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Principal component analysis by the singular value decomposition of the centred training matrix (EJML),
 * as scikit-learn's {@code PCA} with {@code svd_solver="full"}; see
 * {@link FeaturePipeline.Builder#pca(int, String...)}. Replaces its input columns by the scores
 * {@code pc1 .. pck}, appended after the columns it does not use. Model file: {@code whiten}, {@code samples},
 * {@code mean}, the {@code components} matrix, {@code explainedVariance}, and the diagnostics
 * {@code explainedVarianceRatio} and {@code singularValues}; the training {@code samples} and the diagnostics
 * do not change the output and do not enter the fingerprint.
 */
final class PcaStep extends Step {
    static final StepType TYPE = StepType.of("pca", StepType.Columns.NUMERIC, PcaStep::decode);
    static final String PREFIX = "pc";

    final double[] mean;
    /** Row-major {@code k x m}: component t's loading on input column j at {@code t * m + j}. */
    final double[] components;
    final double[] explainedVariance;
    final double[] explainedVarianceRatio;
    final double[] singularValues;
    final boolean whiten;
    final long samples;
    final int k;
    private final int[] keep;

    PcaStep(int[] columns, double[] mean, double[] components, double[] explainedVariance,
            double[] explainedVarianceRatio, double[] singularValues, boolean whiten, long samples, int inWidth) {
        super(TYPE, columns, false);
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.explainedVarianceRatio = explainedVarianceRatio;
        this.singularValues = singularValues;
        this.whiten = whiten;
        this.samples = samples;
        this.k = explainedVariance.length;
        this.keep = complement(columns, inWidth);
    }

    /**
     * PCA of the named numeric columns (null: every numeric column), fitted in column order, with
     * {@code components} components, or (0) the fewest that explain more than {@code varianceTarget}.
     */
    static StepSpec spec(List<String> columns, int components, double varianceTarget, boolean whiten) {
        return new StepSpec(TYPE, columns, (st, cols, x, n, s) -> fit(cols, x, n, st.width(), components,
                varianceTarget, whiten, s)) {
            @Override
            int[] resolve(Stage st, int s, List<String> prot) {
                int[] sorted = super.resolve(st, s, prot).clone();
                Arrays.sort(sorted);
                if (sorted.length == 0) {
                    throw new IllegalArgumentException("Step " + (s + 1) + " (pca) has no numeric column to use");
                }
                return sorted;
            }
        };
    }

    @Override
    Stage output(Stage in) {
        List<String> pcs = new ArrayList<>(k);
        for (int t = 0; t < k; t++) {
            pcs.add(PREFIX + (t + 1));
        }
        return in.select(keep).append(pcs);
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int[] kp = keep;
        copyColumns(kp, in, inOff, out, outOff);
        int[] cols = columns;
        int m = cols.length;
        for (int c = 0; c < m; c++) {
            double v = in[inOff + cols[c]];
            if (v - v != 0) {
                if (v != v) {
                    throw missing(row, stepIndex, TYPE.name, names.get(cols[c]));
                }
                throw new IllegalArgumentException("PCA needs finite values but "
                        + where(row, stepIndex, TYPE.name, names.get(cols[c])) + " has " + v);
            }
        }
        int o = outOff + kp.length;
        for (int t = 0; t < k; t++) {
            double s = 0;
            int base = t * m;
            for (int c = 0; c < m; c++) {
                s += (in[inOff + cols[c]] - mean[c]) * components[base + c];
            }
            if (whiten) {
                s /= Math.sqrt(explainedVariance[t]);
            }
            out[o + t] = s;
        }
    }

    @Override
    void encodeParameters(StepParameters p) {
        p.flag("whiten", whiten);
        p.fileOnly().count("samples", samples);
        p.numbers("mean", mean).matrix("components", components, k, columns.length)
                .numbers("explainedVariance", explainedVariance);
        p.fileOnly().numbers("explainedVarianceRatio", explainedVarianceRatio)
                .numbers("singularValues", singularValues);
    }

    static PcaStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        int m = idx.length;
        for (int c = 1; c < m; c++) {
            if (idx[c] <= idx[c - 1]) {
                throw new ModelFormatException("Parameter '" + at + ".columns' must be in column order");
            }
        }
        boolean whiten = st.getBoolean("whiten");
        long samples = st.getLong("samples");
        if (samples < 2) {
            throw new ModelFormatException("Parameter '" + at + ".samples' must be >= 2 but is " + samples);
        }
        double[] mean = st.getDoubles("mean", m);
        int k = st.matrixRows("components");
        if (k < 1 || k > m) {
            throw new ModelFormatException("Parameter '" + at + ".components' has " + k + " rows but must have 1 to "
                    + m);
        }
        double[] comp = st.getMatrix("components", k, m);
        double[] ev = st.getDoubles("explainedVariance", k);
        double[] ratio = st.getDoubles("explainedVarianceRatio", k);
        double[] sv = st.getDoubles("singularValues", k);
        for (int t = 0; t < k; t++) {
            if (!(ev[t] >= 0) || (whiten && !(ev[t] > 0))) {
                throw new ModelFormatException("Parameter '" + at + ".explainedVariance[" + t + "]' must be "
                        + (whiten ? "> 0 (whiten)" : ">= 0") + " but is " + ev[t]);
            }
            if (t > 0 && ev[t] > ev[t - 1]) {
                throw new ModelFormatException("Parameter '" + at + ".explainedVariance' must be non-increasing");
            }
        }
        return new PcaStep(idx, mean, comp, ev, ratio, sv, whiten, samples, in.width());
    }

    /**
     * Fits on the step's columns of {@code x}.
     *
     * @param components the number of components, or 0 to choose by {@code varianceTarget}
     * @param varianceTarget in (0, 1): the smallest k whose cumulative explained-variance ratio exceeds it
     *     (scikit-learn's {@code searchsorted(..., side="right") + 1})
     */
    static PcaStep fit(int[] cols, double[] x, int n, int d, int components, double varianceTarget, boolean whiten,
            int stepIndex) {
        int m = cols.length;
        if (n < 2) {
            throw new IllegalArgumentException("PCA (step " + (stepIndex + 1) + ") needs at least 2 rows but has " + n);
        }
        int r = Math.min(n, m);
        if (components > r) {
            throw new IllegalArgumentException("PCA (step " + (stepIndex + 1) + ") asks for " + components
                    + " components but " + n + " rows of " + m + " columns have at most " + r);
        }
        double[] mean = new double[m];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                mean[c] += x[i * d + cols[c]];
            }
        }
        for (int c = 0; c < m; c++) {
            mean[c] /= n;
        }
        DMatrixRMaj a = new DMatrixRMaj(n, m);
        double[] ad = a.data;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < m; c++) {
                ad[i * m + c] = x[i * d + cols[c]] - mean[c];
            }
        }
        DMatrixRMaj centred = a.copy();
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, m, false, true, true);
        if (!svd.decompose(a)) {
            throw new IllegalStateException("The SVD of the centred data did not converge (PCA, step "
                    + (stepIndex + 1) + ")");
        }
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, true);     // rows are right singular vectors
        SingularOps_DDRM.descendingOrder(null, false, w, v, true);
        int all = Math.min(w.numRows, w.numCols);
        double[] ev = new double[all];
        double total = 0;
        for (int t = 0; t < all; t++) {
            double s = w.get(t, t);
            ev[t] = s * s / (n - 1);
            total += ev[t];
        }
        int k = components;
        if (k == 0) {
            double cum = 0;
            k = 0;
            for (int t = 0; t < all; t++) {
                cum += ev[t] / total;
                if (cum <= varianceTarget) {
                    k = t + 1;
                }
            }
            k = Math.min(k + 1, all);
        }
        double[] comp = new double[k * m];
        double[] evk = new double[k];
        double[] ratio = new double[k];
        double[] sv = new double[k];
        double[] cd = centred.data;
        for (int t = 0; t < k; t++) {
            for (int c = 0; c < m; c++) {
                comp[t * m + c] = v.get(t, c);
            }
            // sign as scikit-learn's svd_flip(u_based_decision=True): the score of largest magnitude is positive
            double best = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < m; c++) {
                    s += cd[i * m + c] * comp[t * m + c];
                }
                if (Math.abs(s) > Math.abs(best)) {
                    best = s;
                }
            }
            if (best < 0) {
                for (int c = 0; c < m; c++) {
                    comp[t * m + c] = -comp[t * m + c];
                }
            }
            evk[t] = ev[t];
            ratio[t] = total > 0 ? ev[t] / total : 0;
            sv[t] = w.get(t, t);
            if (whiten && !(ev[t] > 0)) {
                throw new IllegalArgumentException("PCA (step " + (stepIndex + 1) + ") cannot whiten component "
                        + (t + 1) + ": its explained variance is 0");
            }
        }
        return new PcaStep(cols, mean, comp, evk, ratio, sv, whiten, n, d);
    }
}
