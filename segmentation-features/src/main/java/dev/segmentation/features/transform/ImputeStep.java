/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.core.io.Section;
import dev.segmentation.features.internal.Quantiles;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces missing values (NaN) by a fitted fill value per column (see {@link Imputation}); with indicators,
 * appends one 0/1 column per imputed column that had missing values at fit time. Model file:
 * {@code strategy}, the fill values of the numeric columns ({@code numericFill}) and of the categorical ones
 * ({@code categoryFill}, by name), and the {@code indicatorColumns}.
 */
final class ImputeStep extends Step {
    static final StepType TYPE = StepType.of("impute", StepType.Columns.ANY, ImputeStep::decode,
            StepType.Trait.MAY_HAVE_NO_COLUMN, StepType.Trait.ACCEPTS_MISSING);
    static final String INDICATOR_SUFFIX = "_missing";

    final Imputation.Strategy strategy;
    /** Per step column, the fill value (a category code for categorical columns). */
    final double[] fill;
    /** Input indices of the columns that get an indicator, in step-column order. */
    final int[] indicators;

    ImputeStep(int[] columns, Imputation.Strategy strategy, double[] fill, int[] indicators) {
        super(TYPE, columns, indicators.length == 0);
        this.strategy = strategy;
        this.fill = fill;
        this.indicators = indicators;
    }

    /** Imputation of the named columns, or (null) of every column the strategy can fill. */
    static StepSpec spec(List<String> columns, Imputation how) {
        return new StepSpec(TYPE, columns, how.strategy() != Imputation.Strategy.CONSTANT,
                (st, cols, x, n, s) -> fit(cols, x, n, st.width(), how, st, s)) {
            @Override
            String addedCategory() {
                return how.categoryConstant();
            }

            @Override
            int[] resolve(Stage st, int s, List<String> prot) {
                int[] cols = super.resolve(st, s, prot);
                if (columns != null) {
                    return cols;
                }
                // default selection: the columns the strategy can fill
                Imputation.Strategy strategy = how.strategy();
                boolean numericOnly = strategy == Imputation.Strategy.MEAN || strategy == Imputation.Strategy.MEDIAN
                        || (strategy == Imputation.Strategy.CONSTANT && how.categoryConstant() == null);
                boolean categoricalOnly = strategy == Imputation.Strategy.CONSTANT && how.categoryConstant() != null;
                List<Integer> keep = new ArrayList<>();
                for (int k = 0; k < cols.length; k++) {
                    boolean cat = st.categorical[cols[k]];
                    if (!(numericOnly && cat) && !(categoricalOnly && !cat)) {
                        keep.add(cols[k]);
                    }
                }
                return toArray(keep);
            }

            @Override
            public String toString() {
                return type + "(" + how + ")" + (columns == null ? "(default columns)" : columns.toString());
            }
        };
    }

    @Override
    Stage output(Stage in) {
        if (indicators.length == 0) {
            return in;
        }
        List<String> extra = new ArrayList<>(indicators.length);
        for (int t = 0; t < indicators.length; t++) {
            extra.add(in.names.get(indicators[t]) + INDICATOR_SUFFIX);
        }
        return in.append(extra);
    }

    @Override
    void apply(double[] x, int off, int row, int stepIndex, List<String> names) {
        int[] cols = columns;
        for (int k = 0; k < cols.length; k++) {
            int j = off + cols[k];
            if (x[j] != x[j]) {
                x[j] = fill[k];
            }
        }
    }

    @Override
    void apply(double[] in, int inOff, double[] out, int outOff, int row, int stepIndex, List<String> names) {
        int w = copyRow(in, inOff, out, outOff, names);
        for (int t = 0; t < indicators.length; t++) {
            double v = in[inOff + indicators[t]];
            out[outOff + w + t] = v != v ? 1.0 : 0.0;
        }
        apply(out, outOff, row, stepIndex, names);
    }

    @Override
    void encodeParameters(StepParameters p) {
        p.text("strategy", strategy.id).columnValues("numericFill", "categoryFill", columns, fill)
                .columns("indicatorColumns", indicators);
    }

    static ImputeStep decode(Section st, String at, int[] idx, Stage in) throws ModelFormatException {
        String id = st.getString("strategy");
        Imputation.Strategy strategy = Imputation.Strategy.of(id);
        if (strategy == null) {
            throw new ModelFormatException("Parameter '" + at + ".strategy' = \"" + id + "\" is not one of "
                    + "[mean, median, most_frequent, constant]");
        }
        int nCat = 0;
        boolean[] cat = new boolean[idx.length];
        for (int k = 0; k < idx.length; k++) {
            cat[k] = in.categorical[idx[k]];
            if (cat[k]) {
                nCat++;
                if (strategy == Imputation.Strategy.MEAN || strategy == Imputation.Strategy.MEDIAN) {
                    throw new ModelFormatException("Parameter '" + at + ".strategy' = \"" + id + "\" cannot fill the "
                            + "categorical column \"" + in.names.get(idx[k]) + "\"");
                }
            }
        }
        double[] nf = st.getDoubles("numericFill", idx.length - nCat);
        List<String> cf = st.getStrings("categoryFill", nCat);
        double[] fill = new double[idx.length];
        for (int k = 0, a = 0, c = 0; k < idx.length; k++) {
            if (cat[k]) {
                int code = java.util.Arrays.asList(in.vocabulary[idx[k]]).indexOf(cf.get(c));
                if (code < 0) {
                    throw new ModelFormatException("Parameter '" + at + ".categoryFill[" + c + "]' = \"" + cf.get(c)
                            + "\" is not a category of column \"" + in.names.get(idx[k]) + "\"");
                }
                fill[k] = code;
                c++;
            } else {
                fill[k] = nf[a++];
            }
        }
        List<String> ind = st.getStrings("indicatorColumns", -1);
        int[] indicators = new int[ind.size()];
        List<String> stepNames = new ArrayList<>();
        for (int k = 0; k < idx.length; k++) {
            stepNames.add(in.names.get(idx[k]));
        }
        int last = -1;
        for (int t = 0; t < indicators.length; t++) {
            int k = stepNames.indexOf(ind.get(t));
            if (k < 0 || k <= last) {
                throw new ModelFormatException("Parameter '" + at + ".indicatorColumns[" + t + "]' = \"" + ind.get(t)
                        + "\" is not one of the step's columns " + stepNames + " in order");
            }
            last = k;
            indicators[t] = idx[k];
        }
        return new ImputeStep(idx, strategy, fill, indicators);
    }

    /**
     * Fits the fill values. Categorical constants must already be in the column's vocabulary (the pipeline
     * adds them before fitting).
     *
     * @throws IllegalArgumentException if a column is entirely missing and the strategy needs data, or the
     *     strategy does not suit the column's type
     */
    static ImputeStep fit(int[] cols, double[] x, int n, int d, Imputation how, Stage in, int stepIndex) {
        int m = cols.length;
        double[] fill = new double[m];
        boolean[] cat = new boolean[m];
        List<Integer> withMissing = new ArrayList<>();
        Imputation.Strategy s = how.strategy();
        for (int k = 0; k < m; k++) {
            int j = cols[k];
            String name = in.names.get(j);
            cat[k] = in.categorical[j];
            double[] v = Quantiles.sortedColumn(x, n, d, j);
            if (v.length < n) {
                withMissing.add(j);
            }
            if (cat[k] && (s == Imputation.Strategy.MEAN || s == Imputation.Strategy.MEDIAN)) {
                throw new IllegalArgumentException("Step " + (stepIndex + 1) + " (impute " + how + ") cannot fill "
                        + "the categorical column '" + name + "'; use mostFrequent() or constant(String)");
            }
            if (s == Imputation.Strategy.CONSTANT) {
                if (cat[k]) {
                    if (how.categoryConstant() == null) {
                        throw new IllegalArgumentException("Step " + (stepIndex + 1) + " (impute " + how
                                + ") fills the categorical column '" + name + "' with a number; use constant(String)");
                    }
                    fill[k] = java.util.Arrays.asList(in.vocabulary[j]).indexOf(how.categoryConstant());
                } else {
                    if (how.categoryConstant() != null) {
                        throw new IllegalArgumentException("Step " + (stepIndex + 1) + " (impute " + how
                                + ") fills the numeric column '" + name + "' with a category; use constant(double)");
                    }
                    fill[k] = how.numericConstant();
                }
                continue;
            }
            if (v.length == 0) {
                throw new IllegalArgumentException("Column '" + name + "' is entirely missing (" + n + " rows) at step "
                        + (stepIndex + 1) + " (impute " + how + "), so there is no value to fill with; drop it with "
                        + "dropSparseColumns(...) before imputing, or impute a constant");
            }
            switch (s) {
                case MEAN:
                    // in row order, as NumPy's masked mean
                    double sum = 0;
                    for (int i = 0; i < n; i++) {
                        double t = x[i * d + j];
                        if (t == t) {
                            sum += t;
                        }
                    }
                    fill[k] = sum / v.length;
                    break;
                case MEDIAN:
                    fill[k] = Quantiles.medianSorted(v, v.length);
                    break;
                default:
                    fill[k] = mode(v);
                    break;
            }
        }
        int[] indicators = new int[how.addsMissingIndicator() ? withMissing.size() : 0];
        for (int t = 0; t < indicators.length; t++) {
            indicators[t] = withMissing.get(t);
        }
        return new ImputeStep(cols, s, fill, indicators);
    }

    /** The most frequent value of a sorted array, the smallest among ties. */
    static double mode(double[] sorted) {
        double best = sorted[0];
        int bestCount = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            if (j - i > bestCount) {
                bestCount = j - i;
                best = sorted[i];
            }
            i = j;
        }
        return best;
    }
}
