/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.internal.CodePoints;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An unfitted sequence of feature transforms: immutable configuration whose {@link #fit} learns the
 * parameters from training data and returns a {@link FittedPipeline} that is saved with the model and
 * replayed, one raw customer record at a time, at scoring time.
 *
 * <pre>{@code
 * FittedPipeline features = FeaturePipeline.builder()
 *     .protect("gender")                                      // audits only, never a feature
 *     .impute(Imputation.median().withMissingIndicator(), "tenure_days")
 *     .impute(Imputation.mostFrequent(), "region")
 *     .winsorizeQuantiles(1, 99, "monetary")
 *     .log1p("frequency", "monetary")
 *     .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(30), "region")
 *     .standardize()
 *     .build()
 *     .fit(customerTable);
 * TransformedTable x = features.transform(customerTable);   // x.features() is the clustering input
 * }</pre>
 *
 * <h2>Steps</h2>
 * Steps run in the order they were added; each is fitted on the output of the steps before it, so later
 * steps see imputed, clipped and scaled values. A step given no column names applies to every column it
 * can: numeric steps to every numeric column, encoders to every categorical column. The steps, with their
 * scikit-learn equivalents (checked against scikit-learn 1.2 to \( 10^{-9} \) relative in the tests):
 * <ul>
 *   <li>imputation ({@link Builder#impute}, {@code SimpleImputer}) and the column drop policy
 *       ({@link Builder#dropSparseColumns}, reported in {@link FitReport#droppedColumns()});</li>
 *   <li>scaling: {@link Builder#log1p log1p}, {@link Builder#standardize(String...) standardize}
 *       ({@code StandardScaler}), {@link Builder#minMax(double, double, String...) min-max}
 *       ({@code MinMaxScaler}), {@link Builder#robustScale(double, double, String...) robust}
 *       ({@code RobustScaler}), {@link Builder#quantileUniform quantile to uniform} and
 *       {@link Builder#quantileNormal to normal} ({@code QuantileTransformer});</li>
 *   <li>winsorizing by {@linkplain Builder#winsorizeQuantiles quantiles}, {@linkplain Builder#winsorizeIqr
 *       IQR fences} or {@linkplain Builder#winsorizeZScore z-scores};</li>
 *   <li>encoding: {@link Builder#oneHot(CategoryEncoding, String...) one-hot} ({@code OneHotEncoder}) and
 *       {@link Builder#ordinal(CategoryEncoding, String...) ordinal} ({@code OrdinalEncoder}), with an
 *       {@link UnseenCategory} policy and rare-category grouping ({@link CategoryEncoding});</li>
 *   <li>{@link Builder#pca(int, String...) PCA} ({@code PCA}, up to the sign of each component), by a number
 *       of components or an {@linkplain Builder#pcaExplaining explained-variance target}, with its loadings
 *       in {@link FittedPipeline#pca()};</li>
 *   <li>derived columns: {@link Builder#composite composite scores} and {@link Builder#ntile n-tile scores}
 *       (RFM quintiles); and {@link Builder#drop dropping} columns.</li>
 * </ul>
 *
 * <h2>Inputs and bad input</h2>
 * A pipeline fits on a {@link Dataset} (numeric, complete) or on a {@link CustomerTable} (numeric and
 * categorical columns with missing values, and protected columns). Categorical columns must be encoded by
 * the end of the pipeline; missing values must be imputed (or their columns dropped) before any step that
 * computes with them. Fitting fails with an {@link IllegalArgumentException} naming the step, the column and
 * (where there is one) the row and value: a step naming a column the data do not have, or a protected
 * column; a numeric step on a categorical column or the reverse; a missing value reaching a step that is not
 * an imputer; an entirely missing column to impute by mean, median or mode; a value outside a step's domain
 * (for example {@code log1p} of -2); a categorical column left unencoded; a step that needs data fitted on
 * zero rows.
 *
 * <p>Instances are immutable and thread-safe; {@code fit} never modifies its input.
 *
 * @since 0.1
 */
public final class FeaturePipeline {
    private final List<StepSpec> steps;
    private final List<String> protectedColumns;

    private FeaturePipeline(List<StepSpec> steps, List<String> protectedColumns) {
        this.steps = List.copyOf(steps);
        this.protectedColumns = List.copyOf(protectedColumns);
    }

    /** An empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The columns this pipeline marks protected (in addition to those a table marks). */
    public List<String> protectedColumns() {
        return protectedColumns;
    }

    /**
     * Fits every step, in order, on a numeric dataset.
     *
     * @param data the training rows; its columns are the pipeline's input columns. Not modified.
     * @return the fitted pipeline
     * @throws IllegalArgumentException as described in the class documentation
     */
    public FittedPipeline fit(Dataset data) {
        Checks.notNull("data", data);
        if (!protectedColumns.isEmpty()) {
            for (int k = 0; k < protectedColumns.size(); k++) {
                if (data.columnNames().contains(protectedColumns.get(k))) {
                    return fitTable(CustomerTable.of(data, rowIds(data.rows())));
                }
            }
            throw new IllegalArgumentException("Protected column '" + protectedColumns.get(0) + "' is not among the "
                    + "columns " + data.columnNames());
        }
        Stage input = Stage.numeric(data.columnNames());
        return fit(input, data.toRowMajorArray(), data.rows(), List.of(), new LinkedHashMap<>());
    }

    private static List<String> rowIds(int n) {
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    /**
     * Fits every step, in order, on a customer table. The input columns are the table's columns that are
     * protected neither by the table nor by this pipeline; categorical columns enter as codes into their
     * categories in code-point order (see {@link FittedPipeline#categoryCode}). A message about a row names it
     * as {@link CustomerTable#describeRow} does: its customer and, for a table read from a file, the line the
     * reader numbers.
     *
     * @param table the training customers. Not modified.
     * @return the fitted pipeline
     * @throws IllegalArgumentException as described in the class documentation, or if a column this
     *     pipeline protects is not in the table
     */
    public FittedPipeline fit(CustomerTable table) {
        Checks.notNull("table", table);
        return Step.namingRows(table::describeRow, () -> fitTable(table));
    }

    private FittedPipeline fitTable(CustomerTable table) {
        Set<String> prot = new LinkedHashSet<>(table.protectedColumns());
        for (int k = 0; k < protectedColumns.size(); k++) {
            String c = protectedColumns.get(k);
            if (!table.hasColumn(c)) {
                throw new IllegalArgumentException("Protected column '" + c + "' is not in the table; the columns are "
                        + table.columnNames());
            }
            prot.add(c);
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < table.columnNames().size(); j++) {
            String c = table.columnNames().get(j);
            if (!prot.contains(c)) {
                names.add(c);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("Every column of the table is protected: " + table.columnNames());
        }
        int d = names.size();
        int n = table.size();
        boolean[] categorical = new boolean[d];
        String[][] vocab = new String[d][];
        Map<String, Set<String>> extra = categoryConstants(names, table);
        double[] x = new double[Math.multiplyExact(n, d)];
        Map<String, Long> missing = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            String c = names.get(j);
            long miss = table.missingCount(c);
            if (miss > 0) {
                missing.put(c, miss);
            }
            if (table.type(c) == CustomerTable.ColumnType.NUMERIC) {
                double[] v = table.numeric(c);
                for (int i = 0; i < n; i++) {
                    x[i * d + j] = v[i];
                }
                continue;
            }
            categorical[j] = true;
            TreeSet<String> sorted = new TreeSet<>(CodePoints::compare);
            sorted.addAll(table.categories(c));
            Set<String> constants = extra.get(c);
            if (constants != null) {
                sorted.addAll(constants);
            }
            vocab[j] = sorted.toArray(new String[0]);
            List<String> dict = table.categories(c);
            int[] remap = new int[dict.size()];
            for (int k = 0; k < remap.length; k++) {
                remap[k] = Arrays.binarySearch(vocab[j], dict.get(k), CodePoints::compare);
            }
            int[] codes = table.categoryCodes(c);
            for (int i = 0; i < n; i++) {
                x[i * d + j] = codes[i] < 0 ? Double.NaN : remap[codes[i]];
            }
        }
        return fit(new Stage(names, categorical, vocab), x, n, List.copyOf(prot), missing);
    }

    /** Constant fill categories per categorical column, which must be part of the column's vocabulary. */
    private Map<String, Set<String>> categoryConstants(List<String> names, CustomerTable table) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (int s = 0; s < steps.size(); s++) {
            StepSpec spec = steps.get(s);
            String added = spec.addedCategory();
            if (added == null) {
                continue;
            }
            List<String> cols = spec.columns;
            if (cols == null) {
                cols = new ArrayList<>();
                for (int j = 0; j < names.size(); j++) {
                    if (table.type(names.get(j)) == CustomerTable.ColumnType.CATEGORICAL) {
                        cols.add(names.get(j));
                    }
                }
            }
            for (int k = 0; k < cols.size(); k++) {
                if (names.contains(cols.get(k))
                        && table.type(cols.get(k)) == CustomerTable.ColumnType.CATEGORICAL) {
                    out.computeIfAbsent(cols.get(k), c -> new HashSet<>()).add(added);
                }
            }
        }
        return out;
    }

    private FittedPipeline fit(Stage input, double[] x, int n, List<String> prot, Map<String, Long> missing) {
        Stage stage = input;
        Step[] fitted = new Step[steps.size()];
        for (int s = 0; s < fitted.length; s++) {
            StepSpec spec = steps.get(s);
            int[] cols = spec.resolve(stage, s, prot);
            if (n == 0 && spec.needsData()) {
                throw new IllegalArgumentException("Cannot fit step " + (s + 1) + " (" + spec.type + ") on zero rows");
            }
            int d = stage.width();
            if (!spec.acceptsMissing()) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < cols.length; k++) {
                        double v = x[i * d + cols[k]];
                        if (v != v) {
                            throw Step.missing(i, s, spec.type.name, stage.names.get(cols[k]));
                        }
                    }
                }
            }
            Step step = spec.fit(stage, cols, x, n, s);
            Stage next = step.output(stage);
            if (step.inPlace()) {
                for (int i = 0; i < n; i++) {
                    step.apply(x, i * d, i, s, stage.names);
                }
            } else {
                int w = next.width();
                double[] y = new double[Math.multiplyExact(n, w)];
                for (int i = 0; i < n; i++) {
                    step.apply(x, i * d, y, i * w, i, s, stage.names);
                }
                x = y;
            }
            fitted[s] = step;
            stage = next;
        }
        for (int j = 0; j < stage.width(); j++) {
            if (stage.categorical[j]) {
                throw new IllegalArgumentException("Categorical column '" + stage.names.get(j) + "' is not encoded by "
                        + "the end of the pipeline; add oneHot(...) or ordinal(...)");
            }
        }
        return new FittedPipeline(input, fitted, n, prot, missing, true);
    }

    @Override
    public String toString() {
        return "FeaturePipeline" + steps + (protectedColumns.isEmpty() ? "" : ", protected=" + protectedColumns);
    }

    // ============================================================================================ builder

    /**
     * Builds a {@link FeaturePipeline}; steps run in the order they are added. Each method validates its
     * arguments and throws an {@link IllegalArgumentException} that carries the offending value.
     *
     * @since 0.1
     */
    public static final class Builder {
        private final List<StepSpec> steps = new ArrayList<>();
        private List<String> protectedColumns = List.of();
        private boolean protectSet;

        private Builder() {
        }

        /**
         * Marks columns as protected: carried through to {@link TransformedTable#audit()} for audits, never
         * used as features; a step that names one is an error. Columns a {@link CustomerTable} marks
         * protected are protected too.
         *
         * @throws IllegalArgumentException if no column is named, or a name is blank or repeated
         * @throws IllegalStateException if called twice
         */
        public Builder protect(String... columns) {
            Checks.notYetSet("protect", protectSet);
            protectedColumns = names("protect", columns);
            protectSet = true;
            return this;
        }

        /**
         * Adds \( y = \ln(1 + x) \) on the named columns, for skewed non-negative values such as spend and
         * counts. Domain \( x > -1 \); a value outside it is an {@link IllegalArgumentException} naming the row,
         * column and value, at fit time and at transform time.
         *
         * @throws IllegalArgumentException if no column is named, or a name is blank or repeated
         */
        public Builder log1p(String... columns) {
            steps.add(Log1pStep.spec(names("log1p", columns)));
            return this;
        }

        /** Adds standardization of every numeric column (see {@link #standardize(String...)}). */
        public Builder standardize() {
            steps.add(StandardizeStep.spec(null));
            return this;
        }

        /**
         * Adds standardization of the named columns: \( z = (x - \mu) / \sigma \) with the column mean
         * \( \mu \) and population standard deviation \( \sigma \) ({@code ddof = 0}), as scikit-learn's
         * {@code StandardScaler}. Mean and variance are computed in two passes with the corrected two-pass
         * algorithm (Chan, Golub and LeVeque, "Algorithms for computing the sample variance", The American
         * Statistician 37 (1983), doi:10.1080/00031305.1983.10483115). A column is constant, and gets
         * \( \sigma = 1 \), when its variance is within rounding of zero (scikit-learn's rule
         * \( \sigma^2 \le n \epsilon \sigma^2 + (n \mu \epsilon)^2 \)); it is listed in
         * {@link FitReport#zeroVarianceColumns()} and logged as a warning.
         *
         * @throws IllegalArgumentException if no column is named, or a name is blank or repeated
         */
        public Builder standardize(String... columns) {
            steps.add(StandardizeStep.spec(names("standardize", columns)));
            return this;
        }

        /** Adds min-max scaling of every numeric column to {@code [0, 1]}. */
        public Builder minMax() {
            steps.add(MinMaxStep.spec(null, 0, 1));
            return this;
        }

        /**
         * Adds min-max scaling to \( [a, b] \): \( y = x s + m \), \( s = (b - a) / (x_{\max} - x_{\min}) \),
         * \( m = a - x_{\min} s \), as scikit-learn's {@code MinMaxScaler(feature_range=(a, b))}. A training
         * range below \( 10\epsilon \) is treated as 1 (the column maps to \( a + (x - x_{\min}) (b - a) \)) and
         * reported as constant. Values outside the training range map outside \( [a, b] \) (no clipping).
         *
         * @param columns the columns, or none for every numeric column
         * @throws IllegalArgumentException if {@code low >= high}, either is not finite, or a name is blank or
         *     repeated
         */
        public Builder minMax(double low, double high, String... columns) {
            if (!(low < high) || low - low != 0 || high - high != 0) {
                throw new IllegalArgumentException("minMax needs finite low < high but was [" + low + ", " + high
                        + "]");
            }
            steps.add(MinMaxStep.spec(optionalNames("minMax", columns), low, high));
            return this;
        }

        /** Adds robust scaling of every numeric column with the interquartile range. */
        public Builder robustScale() {
            steps.add(RobustStep.spec(null, 25, 75));
            return this;
        }

        /**
         * Adds robust scaling: \( y = (x - \mathrm{median}) / (Q(p_{hi}) - Q(p_{lo})) \), as scikit-learn's
         * {@code RobustScaler(quantile_range=(p_lo, p_hi))}, with NumPy's linear-interpolation percentiles. A
         * range below \( 10\epsilon \) is replaced by 1 and reported as constant. Outliers do not move the
         * median and the quartiles, which is why this suits heavy-tailed spend.
         *
         * @param lowPercentile the lower percentile, for example 25
         * @param highPercentile the upper percentile, for example 75
         * @param columns the columns, or none for every numeric column
         * @throws IllegalArgumentException unless {@code 0 <= low < high <= 100}, or if a name is blank or
         *     repeated
         */
        public Builder robustScale(double lowPercentile, double highPercentile, String... columns) {
            if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
                throw new IllegalArgumentException("robustScale needs 0 <= low < high <= 100 but was ["
                        + lowPercentile + ", " + highPercentile + "]");
            }
            steps.add(RobustStep.spec(optionalNames("robustScale", columns), lowPercentile, highPercentile));
            return this;
        }

        /**
         * Adds a quantile transform to a uniform distribution on \( [0, 1] \), as scikit-learn's
         * {@code QuantileTransformer(n_quantiles=m, output_distribution="uniform")}: \( \min(m, n) \) training
         * percentiles at equally spaced probabilities, linear interpolation between them (from both sides, so
         * that a repeated value maps to the middle of its range), and 0 and 1 beyond the training extremes.
         * The quantiles are computed from all training rows (scikit-learn subsamples 100,000 rows when there
         * are more; with fewer rows the results agree).
         *
         * @param quantiles the number of quantiles \( m \), at least 2 (scikit-learn's default is 1000)
         * @param columns the columns, or none for every numeric column
         * @throws IllegalArgumentException if {@code quantiles < 2}, or a name is blank or repeated
         */
        public Builder quantileUniform(int quantiles, String... columns) {
            Checks.atLeast("quantiles", quantiles, 2);
            steps.add(QuantileStep.spec(optionalNames("quantileUniform", columns), quantiles, false));
            return this;
        }

        /**
         * Adds a quantile transform to a standard normal distribution: the uniform transform of
         * {@link #quantileUniform} followed by \( \Phi^{-1} \) (Wichura's AS 241), clipped at
         * \( \Phi^{-1}(10^{-7} - \epsilon) \approx -5.2 \) and its mirror, as scikit-learn's
         * {@code output_distribution="normal"} (which also sends values within \( 10^{-7} \) of the training
         * extremes to the clip bounds).
         *
         * @throws IllegalArgumentException as {@link #quantileUniform}
         */
        public Builder quantileNormal(int quantiles, String... columns) {
            Checks.atLeast("quantiles", quantiles, 2);
            steps.add(QuantileStep.spec(optionalNames("quantileNormal", columns), quantiles, true));
            return this;
        }

        /**
         * Adds winsorizing by percentiles: values below \( Q(p_{lo}) \) or above \( Q(p_{hi}) \) of the training
         * column (NumPy's linear percentiles) are set to those bounds, as
         * {@code numpy.clip(x, *numpy.percentile(x_train, [p_lo, p_hi]))}.
         *
         * @throws IllegalArgumentException unless {@code 0 <= low < high <= 100}, or if a name is blank or
         *     repeated
         */
        public Builder winsorizeQuantiles(double lowPercentile, double highPercentile, String... columns) {
            if (!(lowPercentile >= 0 && lowPercentile < highPercentile && highPercentile <= 100)) {
                throw new IllegalArgumentException("winsorizeQuantiles needs 0 <= low < high <= 100 but was ["
                        + lowPercentile + ", " + highPercentile + "]");
            }
            steps.add(WinsorizeStep.spec(optionalNames("winsorizeQuantiles", columns), WinsorizeStep.Method.QUANTILE,
                    lowPercentile, highPercentile));
            return this;
        }

        /**
         * Adds winsorizing at Tukey's fences: bounds \( Q_1 - c \cdot IQR \) and \( Q_3 + c \cdot IQR \) of the
         * training column (\( c = 1.5 \) is Tukey's choice).
         *
         * @throws IllegalArgumentException if {@code c} is not finite and positive, or a name is blank or
         *     repeated
         */
        public Builder winsorizeIqr(double c, String... columns) {
            Checks.positive("c", c);
            steps.add(WinsorizeStep.spec(optionalNames("winsorizeIqr", columns), WinsorizeStep.Method.IQR, c));
            return this;
        }

        /**
         * Adds winsorizing at \( \mu \pm z \sigma \) of the training column (population standard deviation).
         *
         * @throws IllegalArgumentException if {@code z} is not finite and positive, or a name is blank or
         *     repeated
         */
        public Builder winsorizeZScore(double z, String... columns) {
            Checks.positive("z", z);
            steps.add(WinsorizeStep.spec(optionalNames("winsorizeZScore", columns), WinsorizeStep.Method.ZSCORE, z));
            return this;
        }

        /**
         * Adds imputation of missing values (see {@link Imputation}). With no columns named, the step fills
         * every column the strategy can fill (mean and median: numeric columns; most frequent: all; a
         * constant: the columns of its type).
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder impute(Imputation how, String... columns) {
            Checks.notNull("how", how);
            steps.add(ImputeStep.spec(optionalNames("impute", columns), how));
            return this;
        }

        /**
         * Adds the column drop policy: drops every column whose share of missing values in the training rows
         * is above {@code maxMissingShare} (an entirely missing column always goes). The dropped columns and
         * their shares are in {@link FitReport#droppedColumns()}.
         *
         * @param maxMissingShare in {@code [0, 1)}; 0 drops every column with any missing value
         * @throws IllegalArgumentException if the share is outside {@code [0, 1)}
         */
        public Builder dropSparseColumns(double maxMissingShare) {
            if (!(maxMissingShare >= 0 && maxMissingShare < 1)) {
                throw new IllegalArgumentException("maxMissingShare must be in [0, 1) but was " + maxMissingShare);
            }
            steps.add(DropStep.spec(null, maxMissingShare));
            return this;
        }

        /**
         * Adds a step that drops the named columns (for example the components of a composite score).
         *
         * @throws IllegalArgumentException if no column is named, or a name is blank or repeated
         */
        public Builder drop(String... columns) {
            steps.add(DropStep.spec(names("drop", columns), Double.NaN));
            return this;
        }

        /** Adds one-hot encoding of the named (or all) categorical columns with the default options. */
        public Builder oneHot(String... columns) {
            return oneHot(CategoryEncoding.defaults(), columns);
        }

        /**
         * Adds one-hot encoding: each categorical column is replaced, where it stands, by one 0/1 column per
         * frequent training category ({@code <column>=<category>}, code-point order) and, when there are rare
         * categories or the policy is {@link UnseenCategory#OTHER}, a last column {@code <column>=(other)}, as
         * scikit-learn's {@code OneHotEncoder(sparse_output=False, min_frequency=..., handle_unknown=...)}.
         * Missing values must be imputed first.
         *
         * @param columns the columns, or none for every categorical column
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder oneHot(CategoryEncoding options, String... columns) {
            Checks.notNull("options", options);
            steps.add(OneHotStep.spec(optionalNames("oneHot", columns), options));
            return this;
        }

        /** Adds ordinal encoding of the named (or all) categorical columns with the default options. */
        public Builder ordinal(String... columns) {
            return ordinal(CategoryEncoding.defaults(), columns);
        }

        /**
         * Adds ordinal encoding: each categorical column becomes the index of its category among the frequent
         * training categories in code-point order (0, 1, ...), the other bucket after them, and -1 for an
         * unseen category under {@link UnseenCategory#IGNORE}, as scikit-learn's {@code OrdinalEncoder}.
         *
         * @throws IllegalArgumentException if a name is blank or repeated
         */
        public Builder ordinal(CategoryEncoding options, String... columns) {
            Checks.notNull("options", options);
            steps.add(OrdinalStep.spec(optionalNames("ordinal", columns), options));
            return this;
        }

        /**
         * Adds principal component analysis with {@code components} components: the named (or all) numeric
         * columns are centred and projected on the leading right singular vectors of the centred training
         * matrix (EJML's SVD), giving columns {@code pc1 .. pck} after the columns not used, as scikit-learn's
         * {@code PCA(n_components=k, svd_solver="full")}. Explained variance is \( s_t^2 / (n - 1) \). Each
         * component's sign is fixed so that the training score of largest magnitude is positive
         * (scikit-learn's {@code svd_flip}); compare results with other software up to sign. Scale the inputs
         * first: PCA is not scale invariant.
         *
         * <p>Reference: I. T. Jolliffe and J. Cadima, "Principal component analysis: a review and recent
         * developments", Phil. Trans. R. Soc. A 374 (2016), doi:10.1098/rsta.2015.0202.
         *
         * @throws IllegalArgumentException if {@code components < 1}, or a name is blank or repeated (more
         *     components than {@code min(rows, columns)} fails at fit time)
         */
        public Builder pca(int components, String... columns) {
            Checks.atLeast("components", components, 1);
            steps.add(PcaStep.spec(optionalNames("pca", columns), components, Double.NaN, false));
            return this;
        }

        /**
         * As {@link #pca(int, String...)}, dividing each score by the square root of its explained variance
         * (scikit-learn's {@code whiten=True}), so every component has unit variance on the training data.
         */
        public Builder pcaWhitened(int components, String... columns) {
            Checks.atLeast("components", components, 1);
            steps.add(PcaStep.spec(optionalNames("pcaWhitened", columns), components, Double.NaN, true));
            return this;
        }

        /**
         * Adds PCA with the smallest number of components whose cumulative explained-variance ratio exceeds
         * {@code varianceShare} (scikit-learn's {@code PCA(n_components=0.9)}: {@code searchsorted(cumsum,
         * share, side="right") + 1}).
         *
         * @throws IllegalArgumentException if the share is not in (0, 1), or a name is blank or repeated
         */
        public Builder pcaExplaining(double varianceShare, String... columns) {
            if (!(varianceShare > 0 && varianceShare < 1)) {
                throw new IllegalArgumentException("varianceShare must be in (0, 1) but was " + varianceShare);
            }
            steps.add(PcaStep.spec(optionalNames("pcaExplaining", columns), 0, varianceShare, false));
            return this;
        }

        /**
         * Appends a composite score column (see {@link CompositeScore}).
         *
         * @throws IllegalArgumentException if the score has no component
         */
        public Builder composite(CompositeScore score) {
            Checks.notNull("score", score);
            if (score.columns().isEmpty()) {
                throw new IllegalArgumentException("Composite score '" + score.name() + "' has no component");
            }
            steps.add(CompositeStep.spec(score));
            return this;
        }

        /**
         * Appends a score column {@code <column>_score} in {@code 1..groups} per named column: the group of
         * the value among the training values, where higher values (or lower ones, when
         * {@code higherIsBetter} is false, as for recency) get higher scores; equal values always share a
         * score (see {@link dev.segmentation.features.rfm.RfmScores} for the rule). {@code ntile(5, false, "recency_days")} gives the R of
         * RFM quintile scoring.
         *
         * @throws IllegalArgumentException if {@code groups < 2} or above 1000, no column is named, or a name
         *     is blank or repeated
         */
        public Builder ntile(int groups, boolean higherIsBetter, String... columns) {
            Checks.atLeast("groups", groups, 2);
            if (groups > 1000) {
                throw new IllegalArgumentException("groups must be <= 1000 but was " + groups);
            }
            steps.add(NtileStep.spec(names("ntile", columns), groups, higherIsBetter));
            return this;
        }

        private static List<String> optionalNames(String step, String[] columns) {
            Checks.notNull("columns", columns);
            return columns.length == 0 ? null : names(step, columns);
        }

        private static List<String> names(String step, String[] columns) {
            Checks.notNull("columns", columns);
            if (columns.length == 0) {
                throw new IllegalArgumentException(step + " needs at least one column");
            }
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < columns.length; k++) {
                String c = columns[k];
                if (c == null || c.isBlank()) {
                    throw new IllegalArgumentException(step + ": column " + k + " is blank");
                }
                if (!seen.add(c)) {
                    throw new IllegalArgumentException(step + ": column '" + c + "' is named twice");
                }
            }
            return List.of(columns);
        }

        /**
         * The pipeline.
         *
         * @throws IllegalStateException if no step was added
         */
        public FeaturePipeline build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("A feature pipeline needs at least one step");
            }
            return new FeaturePipeline(steps, protectedColumns);
        }
    }
}
