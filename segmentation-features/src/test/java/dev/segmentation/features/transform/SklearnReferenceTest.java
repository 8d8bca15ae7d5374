/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.features.transform;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.segmentation.core.Dataset;
import dev.segmentation.features.CustomerTable;
import dev.segmentation.features.TestData;
import dev.segmentation.features.internal.NormalQuantile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every transform against scikit-learn 1.2.1 / NumPy 1.24 / SciPy 1.10 (fixtures and the script that made
 * them in {@code fixtures/sklearn/}). Tolerance: \( |a - e| \le 10^{-9} |e| \), with an absolute floor of
 * \( 10^{-12} \) for values that are 0 up to rounding (for PCA scores the floor is \( 10^{-12} \) times the
 * component's spread). The largest deviation of each comparison is printed.
 */
class SklearnReferenceTest {
    static final String DIR = "/fixtures/sklearn/";
    static final List<String> NUM = List.of("spend", "orders", "tenure", "rate", "flag", "const");
    static final double REL = 1e-9;
    static final Map<String, Double> MAX = new TreeMap<>();

    @AfterAll
    static void writeDeviations() throws java.io.IOException {
        StringBuilder sb = new StringBuilder("largest relative deviation from the reference, per fixture:\n");
        for (Map.Entry<String, Double> e : MAX.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-34s %.3g%n", e.getKey(), e.getValue()));
        }
        // Tests never print: the figures go to a file beside the surefire reports.
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "sklearn-deviations.txt"), sb);
    }

    /** A fixture as a customer table; {@code categorical} columns are strings, empty = missing. */
    static CustomerTable table(String file, List<String> categorical) {
        List<NamedCsvRecord> rows = TestData.fixture(DIR + file);
        List<String> header = rows.get(0).getHeader();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ids.add("c" + i);
        }
        CustomerTable.Builder b = CustomerTable.builder(ids);
        for (int j = 0; j < header.size(); j++) {
            String c = header.get(j);
            if (categorical.contains(c)) {
                String[] v = new String[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    String t = rows.get(i).getField(c);
                    v[i] = t.isEmpty() ? null : t;
                }
                b.categorical(c, v);
            } else {
                double[] v = new double[rows.size()];
                for (int i = 0; i < v.length; i++) {
                    String t = rows.get(i).getField(c);
                    v[i] = t.isEmpty() ? Double.NaN : Double.parseDouble(t);
                }
                b.numeric(c, v);
            }
        }
        return b.build();
    }

    static double[][] expected(String file) {
        List<NamedCsvRecord> rows = TestData.fixture(DIR + file);
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            List<String> f = rows.get(i).getFields();
            out[i] = new double[f.size()];
            for (int j = 0; j < f.size(); j++) {
                out[i][j] = Double.parseDouble(f.get(j));
            }
        }
        return out;
    }

    static List<String> header(String file) {
        return TestData.fixture(DIR + file).get(0).getHeader();
    }

    /** Compares, records the largest relative deviation, fails beyond the tolerance. */
    static void assertClose(String file, double[][] expected, Dataset actual, double[] floors) {
        assertEquals(expected.length, actual.rows(), file + ": rows");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual.cols(), file + ": columns");
            for (int j = 0; j < expected[i].length; j++) {
                double e = expected[i][j];
                double a = actual.get(i, j);
                double floor = floors == null ? 1e-12 : floors[j];
                double err = Math.abs(a - e);
                assertTrue(err <= REL * Math.abs(e) || err <= floor, file + " row " + i + ", column "
                        + actual.columnNames().get(j) + ": expected " + e + " but was " + a);
                if (Math.abs(e) > floor) {
                    worst = Math.max(worst, err / Math.abs(e));
                }
            }
        }
        MAX.merge(file, worst, Math::max);
    }

    static void check(FeaturePipeline p, String expectedFile) {
        CustomerTable train = table("numeric_train.csv", List.of());
        CustomerTable test = table("numeric_test.csv", List.of());
        FittedPipeline f = p.fit(train);
        assertEquals(NUM, f.outputNames());
        assertClose(expectedFile, expected(expectedFile), f.transform(test).features(), null);
        roundTrip(f, test);
    }

    /** The fitted pipeline survives the JSON round trip bit for bit. */
    static void roundTrip(FittedPipeline f, CustomerTable test) {
        try {
            FittedPipeline back = dev.segmentation.core.io.ModelIO.fromJson(
                    dev.segmentation.core.io.ModelIO.toJson(f, dev.segmentation.core.io.Lineage.builder().build()))
                    .model(FittedPipeline.class);
            assertEquals(f.fingerprint(), back.fingerprint());
            double[] a = f.transform(test).features().toRowMajorArray();
            double[] b = back.transform(test).features().toRowMajorArray();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "value " + i);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void standardScaler() {
        check(FeaturePipeline.builder().standardize().build(), "standard.csv");
    }

    @Test
    void minMaxScaler() {
        check(FeaturePipeline.builder().minMax().build(), "minmax.csv");
        check(FeaturePipeline.builder().minMax(-1, 2).build(), "minmax_m1_2.csv");
    }

    @Test
    void robustScaler() {
        check(FeaturePipeline.builder().robustScale().build(), "robust.csv");
        check(FeaturePipeline.builder().robustScale(10, 90).build(), "robust_10_90.csv");
    }

    @Test
    void quantileTransformer() {
        check(FeaturePipeline.builder().quantileUniform(1000).build(), "quantile_uniform_1000.csv");
        check(FeaturePipeline.builder().quantileUniform(50).build(), "quantile_uniform_50.csv");
        check(FeaturePipeline.builder().quantileNormal(1000).build(), "quantile_normal_1000.csv");
        check(FeaturePipeline.builder().quantileNormal(37).build(), "quantile_normal_37.csv");
        CustomerTable train = table("numeric_train.csv", List.of());
        assertClose("quantile_normal_1000_train.csv", expected("quantile_normal_1000_train.csv"),
                FeaturePipeline.builder().quantileNormal(1000).build().fit(train).transform(train).features(), null);
        assertClose("quantile_uniform_1000_train.csv", expected("quantile_uniform_1000_train.csv"),
                FeaturePipeline.builder().quantileUniform(1000).build().fit(train).transform(train).features(), null);
    }

    @Test
    void winsorizing() {
        check(FeaturePipeline.builder().winsorizeQuantiles(5, 95).build(), "winsor_quantile_5_95.csv");
        check(FeaturePipeline.builder().winsorizeIqr(1.5).build(), "winsor_iqr_1.5.csv");
        check(FeaturePipeline.builder().winsorizeZScore(2).build(), "winsor_z_2.csv");
    }

    @Test
    void normalQuantileFunctionMatchesScipy() {
        double[][] e = expected("norm_ppf.csv");
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double a = NormalQuantile.inverseCdf(e[i][0]);
            double err = Math.abs(a - e[i][1]);
            assertTrue(err <= 1e-14 * Math.abs(e[i][1]) || err <= 1e-15, "p = " + e[i][0] + ": " + a + " vs "
                    + e[i][1]);
            if (e[i][1] != 0) {
                worst = Math.max(worst, err / Math.abs(e[i][1]));
            }
        }
        MAX.merge("norm_ppf.csv", worst, Math::max);
    }

    /** PCA up to the sign of each component. */
    @Test
    void pca() {
        CustomerTable train = table("numeric_train.csv", List.of()).select("spend", "orders", "tenure", "rate", "flag");
        CustomerTable test = table("numeric_test.csv", List.of()).select("spend", "orders", "tenure", "rate", "flag");
        pcaCase(FeaturePipeline.builder().standardize().pca(3).build(), train, test, "pca_3", false);
        pcaCase(FeaturePipeline.builder().standardize().pcaExplaining(0.8).build(), train, test, "pca_var_0.8", false);
        pcaCase(FeaturePipeline.builder().standardize().pcaWhitened(3).build(), train, test, "pca_3", true);
    }

    private static void pcaCase(FeaturePipeline p, CustomerTable train, CustomerTable test, String name,
            boolean whiten) {
        FittedPipeline f = p.fit(train);
        double[][] params = expected(name + "_params.csv");
        int k = params.length;
        PcaSummary s = f.pca().orElseThrow();
        assertEquals(k, s.components(), name + ": number of components");
        double[][] comp = s.componentMatrix();
        double[] sign = new double[k];
        double worst = 0;
        for (int t = 0; t < k; t++) {
            assertClose1(name, params[t][1], s.explainedVariance()[t]);
            assertClose1(name, params[t][2], s.explainedVarianceRatio()[t]);
            assertClose1(name, params[t][3], s.singularValues()[t]);
            double dot = 0;
            for (int j = 0; j < comp[t].length; j++) {
                dot += comp[t][j] * params[t][4 + j];
            }
            sign[t] = Math.signum(dot);
            for (int j = 0; j < comp[t].length; j++) {
                double e = params[t][4 + j];
                double a = sign[t] * comp[t][j];
                assertTrue(Math.abs(a - e) <= REL * Math.abs(e) || Math.abs(a - e) <= 1e-12, name + " component "
                        + (t + 1) + "[" + j + "]: " + a + " vs " + e);
                if (Math.abs(e) > 1e-12) {
                    worst = Math.max(worst, Math.abs(a - e) / Math.abs(e));
                }
            }
        }
        MAX.merge(name + "_params.csv", worst, Math::max);
        String file = whiten ? name + "_whiten.csv" : name + ".csv";
        double[][] e = expected(file);
        Dataset x = f.transform(test).features();
        double[][] flipped = new double[x.rows()][k];
        double[] floors = new double[k];
        for (int t = 0; t < k; t++) {
            floors[t] = 1e-12 * Math.sqrt(s.explainedVariance()[t]);
        }
        for (int i = 0; i < x.rows(); i++) {
            for (int t = 0; t < k; t++) {
                flipped[i][t] = sign[t] * x.get(i, t);
            }
        }
        assertClose(file, e, Dataset.of(flipped, x.columnNames()), floors);
        roundTrip(f, test);
    }

    private static void assertClose1(String what, double e, double a) {
        assertTrue(Math.abs(a - e) <= REL * Math.abs(e), what + ": " + a + " vs " + e);
        MAX.merge(what + "_params.csv", Math.abs(a - e) / Math.abs(e), Math::max);
    }

    @Test
    void simpleImputerNumeric() {
        CustomerTable train = table("missing_train.csv", List.of("segment")).select("income", "age");
        CustomerTable test = table("missing_test.csv", List.of("segment")).select("income", "age");
        Map<String, Imputation> cases = Map.of("mean", Imputation.mean(), "median", Imputation.median(),
                "most_frequent", Imputation.mostFrequent(), "constant", Imputation.constant(-1.0));
        for (Map.Entry<String, Imputation> c : cases.entrySet()) {
            String file = "impute_" + c.getKey() + ".csv";
            FittedPipeline f = FeaturePipeline.builder().impute(c.getValue().withMissingIndicator()).build()
                    .fit(train);
            assertEquals(header(file), f.outputNames(), file);
            assertClose(file, expected(file), f.transform(test).features(), null);
            roundTrip(f, test);
        }
    }

    @Test
    void simpleImputerCategorical() {
        CustomerTable train = table("missing_train.csv", List.of("segment")).select("segment");
        CustomerTable test = table("missing_test.csv", List.of("segment")).select("segment");
        Map<String, Imputation> cases = Map.of("most_frequent", Imputation.mostFrequent(),
                "constant", Imputation.constant("unknown"));
        for (Map.Entry<String, Imputation> c : cases.entrySet()) {
            String file = "impute_segment_" + c.getKey() + ".csv";
            // ordinal-encode the imputed category to compare it, then decode through the categories
            FittedPipeline f = FeaturePipeline.builder().impute(c.getValue().withMissingIndicator()).ordinal()
                    .build().fit(train);
            Dataset x = f.transform(test).features();
            List<NamedCsvRecord> rows = TestData.fixture(DIR + file);
            List<String> observed = new ArrayList<>(new java.util.TreeSet<>(imputedTrainCategories(f, train)));
            for (int i = 0; i < rows.size(); i++) {
                assertEquals(rows.get(i).getField("segment"), observed.get((int) x.get(i, 0)), file + " row " + i);
                assertEquals(Double.parseDouble(rows.get(i).getField("segment_missing")), x.get(i, 1),
                        file + " row " + i);
            }
            MAX.merge(file, 0.0, Math::max);
            roundTrip(f, test);
        }
    }

    /** The categories of the imputed training column: the ordinal encoder's categories. */
    private static List<String> imputedTrainCategories(FittedPipeline f, CustomerTable train) {
        List<String> out = new ArrayList<>();
        String[] v = train.categorical("segment");
        Imputation.Strategy s = ((ImputeStep) f.steps()[0]).strategy;
        String fill = f.categories("segment").get((int) ((ImputeStep) f.steps()[0]).fill[0]);
        for (int i = 0; i < v.length; i++) {
            String c = v[i] == null ? fill : v[i];
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        assertTrue(s == Imputation.Strategy.MOST_FREQUENT || s == Imputation.Strategy.CONSTANT);
        return out;
    }

    static void checkCategories(FeaturePipeline p, String testFile, String expectedFile) {
        List<String> cat = List.of("region", "channel");
        CustomerTable train = table("category_train.csv", cat);
        CustomerTable test = table(testFile, cat);
        FittedPipeline f = p.fit(train);
        List<String> names = new ArrayList<>();
        for (int j = 0; j < f.outputNames().size(); j++) {
            names.add(f.outputNames().get(j).replace("=(other)", "_infrequent_sklearn").replace('=', '_'));
        }
        if (p.toString().contains("onehot")) {
            assertEquals(header(expectedFile), names, expectedFile);
        }
        assertClose(expectedFile, expected(expectedFile), f.transform(test).features(), null);
        roundTrip(f, test);
    }

    @Test
    void oneHotEncoder() {
        checkCategories(FeaturePipeline.builder().oneHot().build(), "category_test_known.csv", "onehot_error.csv");
        checkCategories(FeaturePipeline.builder().oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE))
                .build(), "category_test.csv", "onehot_ignore.csv");
        // scikit-learn's "infrequent_if_exist" has a bucket only when some category is rare (region); without
        // one (channel) an unseen category is all zeros, which is our IGNORE. Our OTHER bucket always exists.
        checkCategories(FeaturePipeline.builder()
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minCount(10), "region")
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE).minCount(10), "channel")
                .build(), "category_test.csv", "onehot_infrequent_10.csv");
        checkCategories(FeaturePipeline.builder()
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.OTHER).minFraction(0.05), "region")
                .oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE).minFraction(0.05), "channel")
                .build(), "category_test.csv", "onehot_infrequent_0.05.csv");
        checkCategories(FeaturePipeline.builder().oneHot(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE)
                .minCount(10)).build(), "category_test.csv", "onehot_ignore_rare_10.csv");
    }

    @Test
    void ordinalEncoder() {
        checkCategories(FeaturePipeline.builder().ordinal().build(), "category_test_known.csv", "ordinal_error.csv");
        checkCategories(FeaturePipeline.builder().ordinal(CategoryEncoding.defaults().unseen(UnseenCategory.IGNORE))
                .build(), "category_test.csv", "ordinal_ignore.csv");
    }
}
