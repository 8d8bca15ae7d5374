/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.Lineage;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.io.SavedModel;
import dev.segmentation.features.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturePipelineTest {
    static final String DIR = "/fixtures/transform/";
    static final List<String> COLUMNS = List.of("recency_days", "frequency", "monetary", "channel", "rate");

    static Dataset fixture(String name) {
        List<NamedCsvRecord> rows = TestData.fixture(DIR + name);
        double[][] m = new double[rows.size()][COLUMNS.size()];
        for (int i = 0; i < m.length; i++) {
            for (int j = 0; j < COLUMNS.size(); j++) {
                m[i][j] = Double.parseDouble(rows.get(i).getField(COLUMNS.get(j)));
            }
        }
        return Dataset.of(m, COLUMNS);
    }

    static FittedPipeline logThenStandardize(Dataset x) {
        return FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").standardize().build().fit(x);
    }

    /**
     * |a - b| <= 1e-12 * max(|a|, |b|), with an absolute floor of 1e-12 for values that should be 0 (a
     * constant column after centring, where scikit-learn keeps the rounding error of its mean).
     */
    static void assertClose(Dataset expected, Dataset actual) {
        assertEquals(expected.columnNames(), actual.columnNames());
        assertEquals(expected.rows(), actual.rows());
        for (int i = 0; i < expected.rows(); i++) {
            for (int j = 0; j < expected.cols(); j++) {
                double e = expected.get(i, j);
                double a = actual.get(i, j);
                double tol = Math.max(1e-12 * Math.max(Math.abs(e), Math.abs(a)), 1e-12);
                int row = i;
                int col = j;
                assertTrue(Math.abs(e - a) <= tol, () -> "row " + row + ", column " + COLUMNS.get(col) + ": expected "
                        + e + " but was " + a);
            }
        }
    }

    @Test
    void log1pMatchesNumpy() {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline p = FeaturePipeline.builder().log1p("recency_days", "frequency", "monetary").build().fit(x);
        assertClose(fixture("scaler_log1p.csv"), p.transform(x));
    }

    @Test
    void log1pThenStandardizeMatchesScikitLearn() {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline p = logThenStandardize(x);
        assertClose(fixture("scaler_log1p_standardized.csv"), p.transform(x));
        assertEquals(List.of("channel"), p.report().zeroVarianceColumns());
        assertEquals(15, p.report().rows());
        StandardizeStep st = (StandardizeStep) p.steps()[1];
        List<NamedCsvRecord> params = TestData.fixture(DIR + "scaler_params.csv");
        for (int j = 0; j < COLUMNS.size(); j++) {
            double mean = Double.parseDouble(params.get(j).getField("log1p_mean"));
            double scale = Double.parseDouble(params.get(j).getField("log1p_scale"));
            assertEquals(mean, st.mean[j], 1e-12 * Math.abs(mean), COLUMNS.get(j));
            assertEquals(scale, st.scale[j], 1e-12 * Math.abs(scale), COLUMNS.get(j));
        }
    }

    @Test
    void standardizeAloneMatchesScikitLearnOnRawSkewedValues() {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline p = FeaturePipeline.builder().standardize().build().fit(x);
        assertClose(fixture("scaler_standardized.csv"), p.transform(x));
    }

    @Test
    void zeroVarianceColumnIsExactlyZeroAfterCentring() {
        Dataset x = Dataset.of(new double[][] {{0.1, 1}, {0.1, 2}, {0.1, 3}}, List.of("c", "v"));
        FittedPipeline p = FeaturePipeline.builder().standardize("c", "v").build().fit(x);
        Dataset z = p.transform(x);
        assertArrayEquals(new double[] {0, 0, 0}, z.column("c"));
        assertEquals(List.of("c"), p.report().zeroVarianceColumns());
        assertTrue(p.toString().contains("zeroVarianceColumns=[c]"));
    }

    @Test
    void standardizeSelectedColumnsLeavesTheOthersAlone() {
        Dataset x = Dataset.of(new double[][] {{1, 10}, {3, 20}}, List.of("a", "b"));
        Dataset z = FeaturePipeline.builder().standardize("b").build().fit(x).transform(x);
        assertArrayEquals(new double[] {1, 3}, z.column("a"));
        assertArrayEquals(new double[] {-1, 1}, z.column("b"));
    }

    @Test
    void log1pRejectsValuesAtOrBelowMinusOneAtFitAndAtTransformTime() {
        Dataset bad = Dataset.of(new double[][] {{1, 2}, {-1, 3}}, List.of("monetary", "frequency"));
        IllegalArgumentException fit = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().log1p("monetary").build().fit(bad));
        assertTrue(fit.getMessage().contains("row 1"), fit.getMessage());
        assertTrue(fit.getMessage().contains("'monetary'"), fit.getMessage());
        assertTrue(fit.getMessage().contains("-1.0"), fit.getMessage());

        Dataset good = Dataset.of(new double[][] {{1, 2}, {0, 3}}, List.of("monetary", "frequency"));
        FittedPipeline p = FeaturePipeline.builder().log1p("monetary").build().fit(good);
        Dataset later = Dataset.of(new double[][] {{1, 2}, {2, 3}, {-5, 1}}, List.of("monetary", "frequency"));
        IllegalArgumentException tr = assertThrows(IllegalArgumentException.class, () -> p.transform(later));
        assertTrue(tr.getMessage().contains("row 2"), tr.getMessage());
        assertTrue(tr.getMessage().contains("-5.0"), tr.getMessage());
        double[] out = new double[2];
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> p.transformRow(new double[] {-1.5, 0}, 0, out, 0));
        assertTrue(row.getMessage().contains("'monetary'") && row.getMessage().contains("-1.5"), row.getMessage());
    }

    @Test
    void standardizeRejectsNonFiniteOutput() {
        Dataset x = Dataset.of(new double[][] {{-1e308}, {1e308}}, List.of("a"));
        FittedPipeline p = FeaturePipeline.builder().standardize().build().fit(Dataset.of(new double[][] {{0}, {1e-10}},
                List.of("a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.transform(x));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        IllegalArgumentException overflow = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().standardize().build().fit(x));
        assertTrue(overflow.getMessage().contains("'a'") && overflow.getMessage().contains("overflows"),
                overflow.getMessage());
    }

    @Test
    void spreadsThatOverflowAreRefusedAtFitNamingTheColumn() {
        // max - min, the IQR and the standard deviation of these finite values overflow: without the check the
        // min-max step mapped every value to 0 and the winsorising bounds became infinite.
        Dataset x = Dataset.of(new double[][] {{-1e308, 1}, {-2e307, 2}, {0, 3}, {2e307, 4}, {1e308, 5}},
                List.of("wide", "b"));
        List<java.util.Map.Entry<String, FeaturePipeline.Builder>> steps = List.of(
                java.util.Map.entry("range", FeaturePipeline.builder().minMax()),
                java.util.Map.entry("percentile range", FeaturePipeline.builder().robustScale(0, 100)),
                java.util.Map.entry("lower bound", FeaturePipeline.builder().winsorizeZScore(3)),
                java.util.Map.entry("lower bound", FeaturePipeline.builder().winsorizeIqr(5).standardize("b")),
                java.util.Map.entry("variance", FeaturePipeline.builder().standardize()));
        for (java.util.Map.Entry<String, FeaturePipeline.Builder> e : steps) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> e.getValue().build().fit(x), e.getKey());
            assertTrue(ex.getMessage().startsWith("The " + e.getKey() + " of column 'wide' (step 1, ")
                    && ex.getMessage().contains("overflows"), ex.getMessage());
        }
    }

    @Test
    void quantilesOfFiniteValuesFarApartStayFinite() {
        // Adjacent training values near -1e308 and 1e308: the percentile and the interpolation between them
        // overflowed to NaN or collapsed to a knot before.
        Dataset train = Dataset.of(new double[][] {{-1e308}, {1e308}}, List.of("a"));
        FittedPipeline uniform = FeaturePipeline.builder().quantileUniform(3).build().fit(train);
        FittedPipeline robust = FeaturePipeline.builder().robustScale(40, 60).build().fit(train);
        double[][] u = uniform.transform(Dataset.of(new double[][] {{-1e308}, {-5e307}, {0}, {5e307}, {1e308}},
                List.of("a"))).toArray();
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1},
                new double[] {u[0][0], u[1][0], u[2][0], u[3][0], u[4][0]}, 1e-15);
        double[][] r = robust.transform(Dataset.of(new double[][] {{0}, {2e307}}, List.of("a"))).toArray();
        assertEquals(0, r[0][0]);
        assertEquals(0.5, r[1][0], 1e-15);
    }

    @Test
    void badConfigurationIsRejected() {
        Dataset x = Dataset.of(new double[][] {{1, 2}}, List.of("a", "b"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FeaturePipeline.builder().log1p("c").build().fit(x));
        assertTrue(unknown.getMessage().contains("'c'") && unknown.getMessage().contains("[a, b]"));
        assertThrows(IllegalStateException.class, () -> FeaturePipeline.builder().build());
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().log1p());
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().log1p("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().standardize(" "));
        assertThrows(IllegalArgumentException.class, () -> FeaturePipeline.builder().standardize().build()
                .fit(Dataset.ofRowMajor(new double[0], 0, List.of("a"))));
        FittedPipeline p = FeaturePipeline.builder().standardize().build().fit(Dataset.of(new double[][] {{1}, {2}},
                List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> p.transform(Dataset.of(new double[][] {{1}}, List.of("b"))));
    }

    @Test
    void fitDoesNotModifyItsInput() {
        double[][] rows = {{1, 2}, {3, 5}, {4, 4}};
        Dataset x = Dataset.of(rows, List.of("a", "b"));
        Dataset before = Dataset.of(rows, List.of("a", "b"));
        FeaturePipeline.builder().log1p("a").standardize().build().fit(x);
        assertEquals(before, x);
    }

    @Test
    void jsonRoundTripTransformsBitIdentically() throws IOException {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline p = logThenStandardize(x);
        String json = ModelIO.toJson(p, Lineage.builder().build());
        SavedModel saved = ModelIO.fromJson(json);
        assertEquals("feature-pipeline", saved.modelType());
        FittedPipeline back = saved.model(FittedPipeline.class);
        assertEquals(p, back);
        assertEquals(p.fingerprint(), back.fingerprint());
        assertEquals(p.report(), back.report());
        assertEquals(15, saved.lineage().rows().getAsLong());
        assertEquals(COLUMNS, saved.lineage().features());
        Dataset a = p.transform(x);
        Dataset b = back.transform(x);
        assertArrayEquals(a.toRowMajorArray(), b.toRowMajorArray());
        for (int i = 0; i < a.rows() * a.cols(); i++) {
            assertEquals(Double.doubleToRawLongBits(a.toRowMajorArray()[i]),
                    Double.doubleToRawLongBits(b.toRowMajorArray()[i]));
        }
    }

    @Test
    void fileRoundTrip(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline p = logThenStandardize(x);
        Path file = dir.resolve("features.json");
        ModelIO.write(p, file);
        assertEquals(p, ModelIO.read(file, FittedPipeline.class));
    }

    @Test
    void fingerprintIsDeterministicAndSensitiveToParameters() {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline a = logThenStandardize(x);
        FittedPipeline b = logThenStandardize(fixture("scaler_input.csv"));
        assertEquals(a.fingerprint(), b.fingerprint());
        assertTrue(a.fingerprint().matches("[0-9a-f]{64}"));
        FittedPipeline other = logThenStandardize(x.selectRows(new int[] {0, 1, 2, 3, 4}));
        assertNotEquals(a.fingerprint(), other.fingerprint());
        FittedPipeline noLog = FeaturePipeline.builder().standardize().build().fit(x);
        assertNotEquals(a.fingerprint(), noLog.fingerprint());
        assertEquals(List.of("log1p", "standardize"), a.stepTypes());
    }

    @Test
    void transformRowAllocatesNothing() {
        Dataset x = fixture("scaler_input.csv");
        FittedPipeline p = logThenStandardize(x);
        double[] in = x.toRowMajorArray();
        double[] out = new double[in.length];
        int d = x.cols();
        int n = x.rows();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 200_000; warm++) {
            p.transformRow(in, (warm % n) * d, out, (warm % n) * d);
        }
        long tid = Thread.currentThread().getId();
        // The steady state is the least of up to 10 rounds (on a loaded machine the optimising compiler may come
        // after the warm-up); one allocation per call would allocate megabytes in every round.
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 10 && allocated >= 4096; round++) {
            long before = threads.getThreadAllocatedBytes(tid);
            for (int r = 0; r < 1_000_000; r++) {
                p.transformRow(in, (r % n) * d, out, (r % n) * d);
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        // a few hundred bytes of slack for the measurement itself; one allocation per call would be >= 16 MB
        assertTrue(allocated < 4096, "transformRow allocated at least " + allocated + " bytes per 1M calls");
    }
}
