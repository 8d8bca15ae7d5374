/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.internal.Checks;
import dev.segmentation.core.internal.DatasetAccess;
import dev.segmentation.features.CustomerTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A fitted {@link FeaturePipeline}: the {@link FeatureTransform} a scorer replays for every new customer,
 * saved with the model as model type {@code "feature-pipeline"} (see {@link FeaturePipelineCodec}).
 *
 * <h2>Raw records</h2>
 * {@link #inputNames()} are the pipeline's input columns (the training table's columns less the protected
 * ones). A raw record is one {@code double} per input column: the value of a numeric column, NaN for a
 * missing value, and for a categorical column the <em>category code</em> of {@link #categoryCode}: the index
 * of the category among {@link #categories(String)}, or -1 for a category the pipeline has never seen. The
 * codes can be looked up once per category and kept, or set by name through a reusable
 * {@link dev.segmentation.core.RawRecord} ({@link #newRecord()}, also available from a scorer read back from
 * a model file); either way no text is parsed per call.
 *
 * <h2>Transforming</h2>
 * {@link #transformRow} allocates nothing after the first call on a thread (steps that change the width work
 * in a per-thread scratch buffer) and the object is immutable, so one instance can serve any number of
 * threads. {@link #transform(Dataset)} and {@link #transform(CustomerTable)} give the same values as calling
 * {@code transformRow} on each row, and their error messages also carry the row index.
 *
 * <h2>Fingerprint</h2>
 * {@link #fingerprint()} is a SHA-256 over a canonical encoding of everything that determines the output
 * (input column names and categories, protected columns, step types, step columns, and the IEEE-754 bits of
 * every fitted parameter), so a model can record exactly which feature version fed it; two pipelines with
 * the same fingerprint transform every record identically. The training row count and the fit report do not
 * enter the fingerprint. The canonical encoding is written by the same code, field by field, that writes the
 * pipeline to its model file ({@link FeaturePipelineCodec}; see the package documentation for its layout), so
 * the fingerprint follows the file and never has to be kept in step with it by hand. A pipeline of the first
 * release's steps (log1p and standardize on a dataset) keeps the fingerprint it had then, and so does every
 * pipeline saved since.
 *
 * <p>{@link #equals} compares column names and fingerprints.
 *
 * @since 0.1
 */
public final class FittedPipeline implements FeatureTransform {
    private static final Logger LOG = LoggerFactory.getLogger(FittedPipeline.class);

    /** Stage s is the input of step s; the last stage is the output. */
    private final Stage[] stages;
    private final Step[] steps;
    private final List<String> protectedColumns;
    private final FitReport report;
    private final String fingerprint;
    private final int inWidth;
    private final int outWidth;
    private final int maxWidth;
    private final boolean allInPlace;
    private final Map<String, Integer> inputIndex;
    private final List<Map<String, Integer>> categoryIndex;
    private final ThreadLocal<double[][]> scratch;

    FittedPipeline(Stage input, Step[] steps, long fitRows, List<String> protectedColumns,
            Map<String, Long> missingAtFit, boolean fresh) {
        this.steps = steps.clone();
        this.stages = new Stage[steps.length + 1];
        stages[0] = input;
        boolean inPlace = true;
        int max = input.width();
        for (int s = 0; s < steps.length; s++) {
            stages[s + 1] = steps[s].output(stages[s]);
            inPlace &= steps[s].inPlace();
            max = Math.max(max, stages[s + 1].width());
        }
        this.protectedColumns = List.copyOf(protectedColumns);
        this.inWidth = input.width();
        this.outWidth = stages[steps.length].width();
        this.maxWidth = max;
        this.allInPlace = inPlace;
        this.inputIndex = new HashMap<>();
        List<Map<String, Integer>> cats = new ArrayList<>(inWidth);
        for (int j = 0; j < inWidth; j++) {
            inputIndex.put(input.names.get(j), j);
            Map<String, Integer> m = null;
            if (input.categorical[j]) {
                m = new HashMap<>();
                for (int c = 0; c < input.vocabulary[j].length; c++) {
                    m.put(input.vocabulary[j][c], c);
                }
            }
            cats.add(m);
        }
        this.categoryIndex = cats;
        final int width = max;
        this.scratch = ThreadLocal.withInitial(() -> new double[2][width]);
        this.report = buildReport(fitRows, missingAtFit);
        this.fingerprint = FeaturePipelineCodec.fingerprint(stages, this.steps, this.protectedColumns);
        if (fresh && !report.zeroVarianceColumns().isEmpty()) {
            LOG.warn("Zero-variance columns at a scaling step: {} (scale set to 1; they carry no information)",
                    report.zeroVarianceColumns());
        }
        if (fresh && !report.droppedColumns().isEmpty()) {
            LOG.info("Dropped sparse columns (missing share): {}", report.droppedColumns());
        }
    }

    private FitReport buildReport(long fitRows, Map<String, Long> missingAtFit) {
        List<String> zero = new ArrayList<>();
        Map<String, Double> dropped = new LinkedHashMap<>();
        for (int s = 0; s < steps.length; s++) {
            int[] constant = steps[s].constantColumns();
            for (int k = 0; k < constant.length; k++) {
                String name = stages[s].names.get(constant[k]);
                if (!zero.contains(name)) {
                    zero.add(name);
                }
            }
            if (steps[s] instanceof DropStep) {
                DropStep d = (DropStep) steps[s];
                for (int k = 0; k < d.columns.length; k++) {
                    dropped.put(stages[s].names.get(d.columns[k]), d.missingShare[k]);
                }
            }
        }
        return new FitReport(fitRows, zero, dropped, missingAtFit);
    }

    @Override
    public List<String> inputNames() {
        return stages[0].names;
    }

    @Override
    public List<String> outputNames() {
        return stages[steps.length].names;
    }

    /** The protected columns: carried through {@link #transform(CustomerTable)} for audits, never inputs. */
    public List<String> protectedColumns() {
        return protectedColumns;
    }

    /** Whether an input column is categorical (its raw value is a category code). */
    @Override
    public boolean isCategorical(String column) {
        return stages[0].categorical[input(column)];
    }

    /**
     * The categories of a categorical input column, in code order (code-point order of the text): the
     * categories seen at fit time plus any constant an imputer fills in.
     *
     * @throws IllegalArgumentException if the column is not a categorical input
     */
    @Override
    public List<String> categories(String column) {
        int j = input(column);
        if (!stages[0].categorical[j]) {
            throw new IllegalArgumentException("Input column '" + column + "' is numeric, not categorical");
        }
        return List.of(stages[0].vocabulary[j]);
    }

    /**
     * The raw value of category {@code value} in a categorical input column: its index in
     * {@link #categories(String)}, or -1 if the pipeline has never seen it (its encoder's
     * {@link UnseenCategory} policy then decides). Allocation-free.
     *
     * @throws IllegalArgumentException if the column is not a categorical input
     */
    @Override
    public int categoryCode(String column, String value) {
        int j = input(column);
        Map<String, Integer> m = categoryIndex.get(j);
        if (m == null) {
            throw new IllegalArgumentException("Input column '" + column + "' is numeric, not categorical");
        }
        Integer c = value == null ? null : m.get(value);
        return c == null ? -1 : c;
    }

    /**
     * The index of an input column in a raw record.
     *
     * @throws IllegalArgumentException if there is no such input column
     */
    @Override
    public int inputIndex(String column) {
        return input(column);
    }

    int input(String column) {
        Checks.notNull("column", column);
        Integer j = inputIndex.get(column);
        if (j == null) {
            throw new IllegalArgumentException("No input column '" + column + "'; the inputs are " + inputNames()
                    + (protectedColumns.contains(column) ? " ('" + column + "' is protected)" : ""));
        }
        return j;
    }

    /** The fit report: training rows, constant columns, dropped columns and missing values. */
    public FitReport report() {
        return report;
    }

    /** The SHA-256 fingerprint of the fitted parameters, 64 lower-case hex digits. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The step types, in order (for example {@code [log1p, standardize]}). */
    public List<String> stepTypes() {
        List<String> out = new ArrayList<>(steps.length);
        for (int s = 0; s < steps.length; s++) {
            out.add(steps[s].type());
        }
        return List.copyOf(out);
    }

    /** The fitted principal components of the last PCA step, if the pipeline has one. */
    public Optional<PcaSummary> pca() {
        for (int s = steps.length - 1; s >= 0; s--) {
            if (steps[s] instanceof PcaStep) {
                PcaStep p = (PcaStep) steps[s];
                List<String> in = new ArrayList<>(p.columns.length);
                for (int c = 0; c < p.columns.length; c++) {
                    in.add(stages[s].names.get(p.columns[c]));
                }
                return Optional.of(new PcaSummary(in, p));
            }
        }
        return Optional.empty();
    }

    Step[] steps() {
        return steps.clone();
    }

    Stage stage(int s) {
        return stages[s];
    }

    @Override
    public void transformRow(double[] in, int inOffset, double[] out, int outOffset) {
        Step[] st = steps;
        Stage[] sg = stages;
        if (allInPlace) {
            System.arraycopy(in, inOffset, out, outOffset, inWidth);
            for (int s = 0; s < st.length; s++) {
                st[s].apply(out, outOffset, -1, s, sg[s].names);
            }
            return;
        }
        double[][] buf = scratch.get();
        double[] cur = buf[0];
        double[] nxt = buf[1];
        System.arraycopy(in, inOffset, cur, 0, inWidth);
        for (int s = 0; s < st.length; s++) {
            if (st[s].inPlace()) {
                st[s].apply(cur, 0, -1, s, sg[s].names);
            } else {
                st[s].apply(cur, 0, nxt, 0, -1, s, sg[s].names);
                double[] t = cur;
                cur = nxt;
                nxt = t;
            }
        }
        System.arraycopy(cur, 0, out, outOffset, outWidth);
    }

    @Override
    public Dataset transform(Dataset raw) {
        Checks.notNull("raw", raw);
        if (!raw.columnNames().equals(inputNames())) {
            throw new IllegalArgumentException(
                    "The pipeline expects columns " + inputNames() + " but the dataset has " + raw.columnNames());
        }
        return DatasetAccess.wrap(transformRows(raw.toRowMajorArray(), raw.rows()), raw.rows(), outWidth,
                outputNames());
    }

    /**
     * Transforms a customer table: its input columns become the features, its protected columns (those the
     * table or the pipeline marks) are carried to {@link TransformedTable#audit()}. Categories the pipeline
     * has never seen are handled by each encoder's {@link UnseenCategory} policy.
     *
     * @param table the customers. Not modified.
     * @throws IllegalArgumentException if an input column is missing from the table or has the wrong type, the
     *     table marks an input column protected, or a value is outside a step's domain (the message names the
     *     row as {@link CustomerTable#describeRow} does: its customer and, for a table read from a file, its line)
     */
    public TransformedTable transform(CustomerTable table) {
        Checks.notNull("table", table);
        List<String> names = inputNames();
        int n = table.size();
        int d = inWidth;
        double[] x = new double[Math.multiplyExact(n, d)];
        for (int j = 0; j < d; j++) {
            String c = names.get(j);
            if (!table.hasColumn(c)) {
                throw new IllegalArgumentException("The table has no column '" + c + "', an input of the pipeline; "
                        + "the table's columns are " + table.columnNames());
            }
            if (table.isProtected(c)) {
                throw new IllegalArgumentException("Column '" + c + "' is protected in the table but is an input of "
                        + "the pipeline; protected columns are never used as features");
            }
            boolean cat = table.type(c) == CustomerTable.ColumnType.CATEGORICAL;
            if (cat != stages[0].categorical[j]) {
                throw new IllegalArgumentException("Column '" + c + "' is " + (cat ? "categorical" : "numeric")
                        + " in the table but was " + (cat ? "numeric" : "categorical") + " at fit time");
            }
            if (!cat) {
                double[] v = table.numeric(c);
                for (int i = 0; i < n; i++) {
                    x[i * d + j] = v[i];
                }
                continue;
            }
            List<String> dict = table.categories(c);
            int[] remap = new int[dict.size()];
            for (int k = 0; k < remap.length; k++) {
                remap[k] = categoryCode(c, dict.get(k));
            }
            int[] codes = table.categoryCodes(c);
            for (int i = 0; i < n; i++) {
                x[i * d + j] = codes[i] < 0 ? Double.NaN : remap[codes[i]];
            }
        }
        Dataset features = DatasetAccess.wrap(Step.namingRows(table::describeRow, () -> transformRows(x, n)), n,
                outWidth, outputNames());
        List<String> audit = new ArrayList<>();
        for (int j = 0; j < table.columnNames().size(); j++) {
            String c = table.columnNames().get(j);
            if (table.isProtected(c) || protectedColumns.contains(c)) {
                audit.add(c);
            }
        }
        CustomerTable auditTable = table.select(audit.toArray(new String[0]));
        return new TransformedTable(table.customerIds(), features, auditTable);
    }

    /** Transforms {@code n} rows of {@code inWidth} values; {@code x} may be modified. */
    private double[] transformRows(double[] x, int n) {
        Step[] st = steps;
        Stage[] sg = stages;
        if (allInPlace) {
            int d = inWidth;
            for (int i = 0; i < n; i++) {
                for (int s = 0; s < st.length; s++) {
                    st[s].apply(x, i * d, i, s, sg[s].names);
                }
            }
            return x;
        }
        double[] out = new double[Math.multiplyExact(n, outWidth)];
        double[] a = new double[maxWidth];
        double[] b = new double[maxWidth];
        for (int i = 0; i < n; i++) {
            double[] cur = a;
            double[] nxt = b;
            System.arraycopy(x, i * inWidth, cur, 0, inWidth);
            for (int s = 0; s < st.length; s++) {
                if (st[s].inPlace()) {
                    st[s].apply(cur, 0, i, s, sg[s].names);
                } else {
                    st[s].apply(cur, 0, nxt, 0, i, s, sg[s].names);
                    double[] t = cur;
                    cur = nxt;
                    nxt = t;
                }
            }
            System.arraycopy(cur, 0, out, i * outWidth, outWidth);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FittedPipeline && inputNames().equals(((FittedPipeline) o).inputNames())
                && fingerprint.equals(((FittedPipeline) o).fingerprint);
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "FittedPipeline[columns=" + inputNames() + (outputNames().equals(inputNames()) ? ""
                : " -> " + outputNames()) + ", steps=" + stepTypes()
                + (protectedColumns.isEmpty() ? "" : ", protected=" + protectedColumns) + ", fingerprint="
                + fingerprint.substring(0, 12) + "..., " + report + "]";
    }
}
