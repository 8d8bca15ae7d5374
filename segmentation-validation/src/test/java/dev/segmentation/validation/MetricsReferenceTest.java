package dev.segmentation.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.Gower;
import dev.segmentation.validation.ClusterAgreement.Normalization;
import dev.segmentation.validation.DaviesBouldin.Scatter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.segmentation.validation.Fixtures.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agreement indices, the sum-of-squares decomposition, both Davies-Bouldin scatters and the silhouette of
 * precomputed dissimilarities against scikit-learn 1.2.1, SciPy 1.10.1 and exact rational arithmetic
 * ({@code fixtures/metrics/metrics.json}, made by {@code make_metrics_fixtures.py}, which records each call).
 */
class MetricsReferenceTest {
    /** The tolerance the issue sets for every new metric; the measured agreement is far tighter (see each test). */
    static final double TOL = 1e-9;
    static final JsonNode ROOT = Fixtures.json("metrics/metrics.json");

    static int[][] labellings(JsonNode c) {
        if (c.has("hashed")) {
            JsonNode h = c.get("hashed");
            int n = h.get("n").asInt();
            int ka = h.get("ka").asInt();
            int kb = h.get("kb").asInt();
            int keep = h.get("keep").asInt();
            int[] a = new int[n];
            int[] b = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = (int) (hash(i, 1) % ka);
                b[i] = hash(i, 2) % 10 < keep ? a[i] : (int) (hash(i, 3) % kb);
            }
            return new int[][] {a, b};
        }
        return new int[][] {Fixtures.ints(c.get("a")), Fixtures.ints(c.get("b"))};
    }

    private static long hash(long i, long s) {
        return (i * 2654435761L + s * 40503L + 12345L) % 4294967296L;
    }

    /** Adjusted MI with all four normalisers (Vinh, Epps and Bailey's expected MI): scikit-learn to about 1e-14. */
    @Test
    void adjustedMutualInformationMatchesScikitLearn() {
        Map<String, Normalization> methods = Map.of("arithmetic", Normalization.ARITHMETIC, "geometric",
                Normalization.GEOMETRIC, "min", Normalization.MIN, "max", Normalization.MAX);
        for (JsonNode c : ROOT.get("agreement")) {
            int[][] ab = labellings(c);
            ContingencyTable t = ContingencyTable.of(ab[0], ab[1]);
            for (Map.Entry<String, Normalization> m : methods.entrySet()) {
                double expected = c.get("ami").get(m.getKey()).asDouble();
                double got = ClusterAgreement.adjustedMutualInformation(t, m.getValue());
                assertEquals(expected, got, TOL * Math.max(1, Math.abs(expected)), c.get("name").asText() + " "
                        + m.getKey());
            }
            assertEquals(c.get("ami").get("arithmetic").asDouble(),
                    ClusterAgreement.adjustedMutualInformation(ab[0], ab[1]), TOL, c.get("name").asText());
        }
    }

    @Test
    void homogeneityCompletenessVMeasureFowlkesMallowsAndRandMatchScikitLearn() {
        for (JsonNode c : ROOT.get("agreement")) {
            String name = c.get("name").asText();
            int[][] ab = labellings(c);
            ContingencyTable t = ContingencyTable.of(ab[0], ab[1]);
            for (String beta : List.of("0.5", "1.0", "2.0")) {
                JsonNode hcv = c.get("hcv").get(beta);
                assertEquals(hcv.get(0).asDouble(), ClusterAgreement.homogeneity(t), TOL, name + " homogeneity");
                assertEquals(hcv.get(1).asDouble(), ClusterAgreement.completeness(t), TOL, name + " completeness");
                assertEquals(hcv.get(2).asDouble(), ClusterAgreement.vMeasure(t, Double.parseDouble(beta)), TOL,
                        name + " V beta=" + beta);
            }
            assertEquals(c.get("hcv").get("1.0").get(2).asDouble(), ClusterAgreement.vMeasure(ab[0], ab[1]), TOL);
            assertEquals(c.get("hcv").get("1.0").get(0).asDouble(), ClusterAgreement.homogeneity(ab[0], ab[1]), TOL);
            assertEquals(c.get("hcv").get("1.0").get(1).asDouble(), ClusterAgreement.completeness(ab[0], ab[1]), TOL);
            assertEquals(c.get("fmi").asDouble(), ClusterAgreement.fowlkesMallows(t), TOL, name + " FMI");
            assertEquals(c.get("fmi").asDouble(), ClusterAgreement.fowlkesMallows(ab[0], ab[1]), TOL, name);
            assertEquals(c.get("rand").asDouble(), ClusterAgreement.randIndex(t), TOL, name + " Rand");
            // V with beta = 1 is the NMI with the arithmetic mean
            assertEquals(ClusterAgreement.normalizedMutualInformation(t, Normalization.ARITHMETIC),
                    ClusterAgreement.vMeasure(t, 1.0), 1e-15, name);
        }
    }

    /** T, W and B at the labelling's own centroids: the exact rational values, to a few ulps. */
    @Test
    void sumOfSquaresIsTheExactDecomposition() {
        for (JsonNode c : ROOT.get("internal")) {
            String name = c.get("name").asText();
            Dataset x = internalData(c);
            int[] labels = Fixtures.ints(c.get("labels"));
            SumOfSquares ss = SumOfSquares.of(x, labels);
            JsonNode e = c.get("ss");
            assertRelative(e.get("total").asDouble(), ss.total(), 1e-13, name + " T");
            assertRelative(e.get("within").asDouble(), ss.within(), 1e-13, name + " W");
            assertRelative(e.get("between").asDouble(), ss.between(), 1e-13, name + " B");
            assertRelative(ss.total(), ss.within() + ss.between(), 1e-12, name + " T = W + B");
            assertArrayEquals(Fixtures.ints(e.get("labels_present")), ss.clusterLabels());
            double[] wq = Fixtures.doubles(e.get("within_by_cluster"));
            int[] sizes = Fixtures.ints(e.get("sizes"));
            double[][] centres = Fixtures.matrix(e.get("centroids"));
            for (int q = 0; q < wq.length; q++) {
                int label = ss.clusterLabels()[q];
                assertRelative(wq[q], ss.within(label), 1e-13, name + " W of " + label);
                assertEquals(sizes[q], ss.size(label));
                for (int j = 0; j < x.cols(); j++) {
                    assertEquals(centres[q][j], ss.centroids().get(q, j), 1e-15 * Math.max(1, Math.abs(centres[q][j])),
                            name + " centre " + q);
                }
            }
            assertEquals(x.columnNames(), ss.centroids().columnNames());
            assertEquals(Inertia.of(x, labels.clone(), Math.max(1, maxLabel(labels) + 1)), ss.within(), 0.0);
            if (e.has("calinski_harabasz")) {
                assertRelative(e.get("calinski_harabasz").asDouble(), CalinskiHarabasz.score(x, labels), TOL, name);
            }
        }
    }

    @Test
    void daviesBouldinWithBothScattersMatchesTheReferences() {
        for (JsonNode c : ROOT.get("internal")) {
            if (!c.has("db")) {
                continue;
            }
            String name = c.get("name").asText();
            Dataset x = internalData(c);
            int[] labels = Fixtures.ints(c.get("labels"));
            double mean = DaviesBouldin.score(x, labels);
            assertEquals(mean, DaviesBouldin.score(x, labels, Scatter.MEAN_DISTANCE), 0.0);
            assertRelative(c.get("db").get("mean_distance_direct").asDouble(), mean, TOL, name);
            // scikit-learn's distances lose digits 1e6 from the origin (9e-5 relative here); elsewhere they agree
            assertRelative(c.get("db").get("mean_distance").asDouble(), mean,
                    name.contains("far_from_origin") ? 1e-3 : TOL, name + " (scikit-learn)");
            double rms = DaviesBouldin.score(x, labels, Scatter.ROOT_MEAN_SQUARE);
            assertRelative(c.get("db").get("root_mean_square").asDouble(), rms, TOL, name + " rms");
            assertTrue(rms >= DaviesBouldin.score(x, labels), "the RMS scatter is never below the mean distance");
        }
    }

    /** scikit-learn's silhouette_samples(D, labels, metric="precomputed"): Euclidean and Gower matrices. */
    @Test
    void silhouetteOfPrecomputedDissimilaritiesMatchesScikitLearn() {
        JsonNode eu = ROOT.get("silhouette").get(0);
        Dataset x = Dataset.of(Fixtures.matrix(eu.get("data")));
        int[] labels = Fixtures.ints(eu.get("labels"));
        DissimilarityMatrix d = DissimilarityMatrix.ofCondensed(euclidean(x));
        Silhouette.Result r = Silhouette.exact().evaluate(d, labels);
        double[] expected = Fixtures.doubles(eu.get("samples"));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.value(i), 1e-12, "row " + i);
        }
        // the same rows and labels through the data: the same distances, so the same values to rounding
        Silhouette.Result viaData = Silhouette.exact().evaluate(x, labels);
        assertEquals(viaData.score(), r.score(), 1e-14);
    }

    @Test
    void silhouetteOfGowerDissimilaritiesOfTheWholesaleTableMatchesScikitLearn() {
        JsonNode g = ROOT.get("silhouette").get(1);
        Map<String, List<String>> ws = Fixtures.csv("wholesale_customers.csv");
        List<String> cols = List.copyOf(ws.keySet());
        double[][] columns = new double[cols.size()][];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = Fixtures.numbers(ws.get(cols.get(j)));
        }
        Dataset table = Dataset.ofColumns(cols, columns);
        DissimilarityMatrix d = Gower.of("Channel", "Region").matrix(table);
        int[] labels = Fixtures.ints(g.get("labels"));
        double[] expected = Fixtures.doubles(g.get("samples"));
        Silhouette.Result r = Silhouette.exact().evaluate(d, labels);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], r.value(i), 1e-12, "row " + i);
        }
        int[] noisy = Fixtures.ints(g.get("noisy_labels"));
        Silhouette.Result rn = Silhouette.exact().evaluate(d, noisy);
        JsonNode ns = g.get("noisy_samples");
        for (int i = 0; i < noisy.length; i++) {
            if (ns.get(i).isNull()) {
                assertTrue(Double.isNaN(rn.values()[i]));
            } else {
                assertEquals(ns.get(i).asDouble(), rn.value(i), 1e-12, "noisy row " + i);
            }
        }
    }

    static Dataset internalData(JsonNode c) {
        if (c.has("data")) {
            return Dataset.of(Fixtures.matrix(c.get("data")));
        }
        Map<String, List<String>> ws = Fixtures.csv(c.get("file").asText());
        String[] spend = {"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicassen"};
        double[][] columns = new double[spend.length][];
        for (int j = 0; j < spend.length; j++) {
            columns[j] = Fixtures.numbers(ws.get(spend[j]));
            for (int i = 0; i < columns[j].length; i++) {
                columns[j][i] = Math.log1p(columns[j][i]);
            }
        }
        return Dataset.ofColumns(List.of(spend), columns);
    }

    static double[] euclidean(Dataset x) {
        int n = x.rows();
        double[] out = new double[n * (n - 1) / 2];
        for (int i = 0, q = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, q++) {
                double s = 0;
                for (int f = 0; f < x.cols(); f++) {
                    double t = x.get(i, f) - x.get(j, f);
                    s += t * t;
                }
                out[q] = Math.sqrt(s);
            }
        }
        return out;
    }

    private static int maxLabel(int[] labels) {
        int m = -1;
        for (int v : labels) {
            m = Math.max(m, v);
        }
        return m;
    }
}
