/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.DissimilarityMatrix;
import dev.segmentation.core.FitControl;
import dev.segmentation.core.hierarchical.AgglomerativeClustering.DistanceStorage;
import dev.segmentation.core.hierarchical.HierarchicalFixtures.Fixture;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Linkage matrices, cuts and cophenetic correlations against SciPy 1.10.1, from the fixtures in
 * {@code src/test/resources/fixtures/hierarchical} (the script that made them, with the exact calls and the
 * versions, is committed beside them). Data sets: SciPy's own test data ({@code hierarchy_test_data.X},
 * {@code ytdist}, {@code Q_X}), blobs, uniform noise, two tie cases, Online Retail RFM and Wholesale
 * customers.
 *
 * <ul>
 *   <li>Every merge height equals SciPy's within {@value #HEIGHT_REL_TOL} relative (absolute for heights
 *       of zero), and the sizes are equal.</li>
 *   <li>Where distances live in a matrix (every linkage with {@code DistanceStorage.MATRIX}, and all but
 *       Ward and single linkage with {@code AUTO}), the algorithms are SciPy's, so the merged cluster ids
 *       are identical too. Single linkage on the data computes the same distances as the matrix, so its
 *       ids are identical as well. Ward on centroids computes the same distances by another formula; its
 *       ids are identical on every data set without exact ties; on the tie grid it breaks SciPy's exact ties
 *       by its own rounding and so builds another Ward dendrogram: there it is checked to be a valid one
 *       (every merge joins a pair at the smallest Ward distance of the current clusters, at that distance),
 *       with its cuts and cophenetic correlation checked against its own merges by brute force (the matrix
 *       variant matches SciPy there exactly).</li>
 *   <li>{@code Cut.height(t)} gives exactly {@code fcluster(Z, t, 'distance') - 1}; {@code Cut.clusters(k)}
 *       gives {@code cut_tree(Z, k)} up to renaming (where the merges at rows
 *       {@code n - k - 1} and {@code n - k} are not tied: {@code cut_tree} orders tied merges its own way), and
 *       exactly {@code fcluster(Z, k, 'maxclust') - 1}
 *       whenever that has k clusters.</li>
 *   <li>The cophenetic correlation equals {@code cophenet(Z, Y)[0]} within {@value #COPH_REL_TOL} relative
 *       (NaN where SciPy's is NaN).</li>
 * </ul>
 */
class HierarchicalReferenceTest {
    static final double HEIGHT_REL_TOL = 1e-9;
    static final double COPH_REL_TOL = 1e-9;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : HierarchicalFixtures.ALL) {
            Fixture f = HierarchicalFixtures.load(name);
            for (String m : f.methods()) {
                out.add(Arguments.of(name, m, DistanceStorage.AUTO));
                if (f.data != null) {
                    out.add(Arguments.of(name, m, DistanceStorage.MATRIX));
                }
            }
        }
        return out.stream();
    }

    private static Dendrogram dendrogram(Fixture f, Linkage linkage, DistanceStorage storage) {
        AgglomerativeClustering est = AgglomerativeClustering.builder().linkage(linkage).nClusters(1)
                .distanceStorage(storage).singleThreaded().build();
        return f.data != null ? est.dendrogram(f.data, FitControl.none())
                : est.dendrogram(DissimilarityMatrix.ofCondensed(f.condensed), FitControl.none());
    }

    /** Ward on centroids: SciPy's distances by another formula, so equal up to rounding. */
    private static boolean vectorWard(Fixture f, Linkage linkage, DistanceStorage storage) {
        return f.data != null && linkage == Linkage.WARD && storage == DistanceStorage.AUTO;
    }

    private static boolean exactIdsExpected(Fixture f, Linkage linkage, DistanceStorage storage) {
        return !(vectorWard(f, linkage, storage) && f.name.startsWith("ties"));
    }

    /** Whether the merge at row {@code n - k - 1} is tied with the next one, so that k clusters are ambiguous. */
    private static boolean tiedAt(Dendrogram z, int k) {
        int n = z.leaves();
        return k > 1 && k < n && z.height(n - k - 1) == z.height(n - k);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void linkageMatrixMatchesScipy(String name, String method, DistanceStorage storage, TestReporter reporter) {
        Fixture f = HierarchicalFixtures.load(name);
        Linkage linkage = Linkage.ofScipyName(method);
        Dendrogram ours = dendrogram(f, linkage, storage);
        if (!exactIdsExpected(f, linkage, storage)) {
            assertValidWard(f.data, ours, name);
            return;
        }
        double[][] ref = f.linkage(method);
        double[][] z = ours.linkageMatrix();
        assertEquals(ref.length, z.length);
        double worst = 0;
        for (int r = 0; r < ref.length; r++) {
            double h = z[r][2];
            double e = ref[r][2];
            double dev = e == 0 ? Math.abs(h) : Math.abs(h - e) / Math.abs(e);
            worst = Math.max(worst, dev);
            assertTrue(dev <= HEIGHT_REL_TOL, name + " " + method + " row " + r + ": height " + h + " vs SciPy " + e);
            assertEquals(ref[r][3], z[r][3], name + " " + method + " row " + r + ": size");
            if (exactIdsExpected(f, linkage, storage)) {
                assertEquals(ref[r][0], z[r][0], name + " " + method + " row " + r + ": first id");
                assertEquals(ref[r][1], z[r][1], name + " " + method + " row " + r + ": second id");
            }
        }
        reporter.publishEntry(name + " " + method + " " + storage, "max relative height deviation " + worst);
        assertEquals(Dendrogram.of(ref).isMonotonic(), ours.isMonotonic());
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void cutsMatchFcluster(String name, String method, DistanceStorage storage) {
        Fixture f = HierarchicalFixtures.load(name);
        Linkage linkage = Linkage.ofScipyName(method);
        Dendrogram ours = dendrogram(f, linkage, storage);
        if (!exactIdsExpected(f, linkage, storage)) {
            assertCutsFollowTheMerges(ours, name);
            return;
        }
        // Heights are SciPy's bit for bit except for Ward on centroids, whose cuts are compared away from heights.
        boolean exact = !vectorWard(f, linkage, storage);
        Dendrogram scipy = Dendrogram.of(f.linkage(method));
        JsonNode m = f.method(method);
        for (JsonNode c : m.get("distance")) {
            double t = c.get("t").asDouble();
            int[] expected = minusOne(HierarchicalFixtures.ints(c.get("labels")));
            // SciPy's own matrix cut by our code: fcluster's numbering exactly.
            assertArrayEquals(expected, scipy.cut(Cut.height(t)), name + " " + method + " t=" + t + " (SciPy's Z)");
            if (exact || !nearAHeight(scipy, t)) {
                assertArrayEquals(expected, ours.cut(Cut.height(t)), name + " " + method + " t=" + t);
            }
        }
        for (JsonNode c : m.get("maxclust")) {
            int k = c.get("k").asInt();
            int[] expected = minusOne(HierarchicalFixtures.ints(c.get("labels")));
            int kFound = Arrays.stream(expected).max().getAsInt() + 1;
            if (kFound == k) {
                assertArrayEquals(expected, scipy.cut(Cut.clusters(k)), name + " " + method + " maxclust k=" + k);
                if (exact) {
                    assertArrayEquals(expected, ours.cut(Cut.clusters(k)), name + " " + method + " maxclust k=" + k);
                }
            }
        }
        if (m.has("cutTree")) {
            for (JsonNode c : m.get("cutTree")) {
                int k = c.get("k").asInt();
                if (tiedAt(scipy, k)) {
                    continue; // cut_tree orders tied merges by a breadth-first walk, not by row
                }
                int[] expected = HierarchicalFixtures.ints(c.get("labels"));
                assertTrue(samePartition(expected, scipy.cut(Cut.clusters(k))), name + " " + method + " cut_tree k=" + k);
                if (exact) {
                    assertTrue(samePartition(expected, ours.cut(Cut.clusters(k))), name + " " + method + " k=" + k);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void copheneticCorrelationMatchesScipy(String name, String method, DistanceStorage storage) {
        Fixture f = HierarchicalFixtures.load(name);
        Linkage linkage = Linkage.ofScipyName(method);
        Dendrogram ours = dendrogram(f, linkage, storage);
        if (!exactIdsExpected(f, linkage, storage)) {
            double expected = bruteForceCophenetic(f.data, ours);
            assertEquals(expected, ours.copheneticCorrelation(f.data), COPH_REL_TOL * Math.abs(expected), name);
            return;
        }
        JsonNode c = f.method(method).get("cophenet");
        double got = f.data != null ? ours.copheneticCorrelation(f.data) :
                ours.copheneticCorrelation(DissimilarityMatrix.ofCondensed(f.condensed));
        if (c.isNull()) {
            assertTrue(Double.isNaN(got), name + " " + method + ": SciPy's correlation is NaN, ours " + got);
        } else {
            double e = c.asDouble();
            assertTrue(Math.abs(got - e) <= COPH_REL_TOL * Math.abs(e), name + " " + method + ": " + got + " vs " + e);
            double viaMatrix = ours.copheneticCorrelation(DissimilarityMatrix.ofCondensed(f.distances()));
            assertTrue(Math.abs(viaMatrix - e) <= COPH_REL_TOL * Math.abs(e));
        }
    }

    private static boolean nearAHeight(Dendrogram z, double t) {
        double[] h = z.heights();
        for (int i = 0; i < h.length; i++) {
            if (Math.abs(h[i] - t) <= 1e-9 * Math.max(1, Math.abs(t))) {
                return true;
            }
        }
        return false;
    }

    static int[] minusOne(int[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - 1;
        }
        return out;
    }

    // ------------------------------------------ checks of a Ward dendrogram that breaks ties its own way

    /** The leaves under each cluster id (leaf ids 0..n-1, merge r creates id n + r). */
    private static List<List<Integer>> members(Dendrogram z) {
        int n = z.leaves();
        List<List<Integer>> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add(List.of(i));
        }
        for (int r = 0; r < z.merges(); r++) {
            List<Integer> both = new ArrayList<>(m.get(z.left(r)));
            both.addAll(m.get(z.right(r)));
            m.add(both);
        }
        return m;
    }

    /** The Ward distance sqrt(2 n_a n_b / (n_a + n_b)) * ||mean_a - mean_b||, computed from the rows. */
    private static double ward(Dataset x, List<Integer> a, List<Integer> b) {
        double s = 0;
        for (int j = 0; j < x.cols(); j++) {
            double ma = 0;
            double mb = 0;
            for (int i : a) {
                ma += x.get(i, j);
            }
            for (int i : b) {
                mb += x.get(i, j);
            }
            double t = ma / a.size() - mb / b.size();
            s += t * t;
        }
        return Math.sqrt(2.0 * a.size() * b.size() / (a.size() + b.size()) * s);
    }

    /** Every merge joins, at its own Ward distance, a pair at the smallest Ward distance among the current clusters. */
    private static void assertValidWard(Dataset x, Dendrogram z, String name) {
        List<List<Integer>> members = members(z);
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < z.leaves(); i++) {
            active.add(i);
        }
        for (int r = 0; r < z.merges(); r++) {
            int a = z.left(r);
            int b = z.right(r);
            double h = ward(x, members.get(a), members.get(b));
            assertEquals(h, z.height(r), HEIGHT_REL_TOL * Math.max(1, h), name + " merge " + r + ": its Ward distance");
            assertEquals(members.get(a).size() + members.get(b).size(), z.size(r), name + " merge " + r + ": size");
            double best = Double.POSITIVE_INFINITY;
            for (int p = 0; p < active.size(); p++) {
                for (int q = p + 1; q < active.size(); q++) {
                    best = Math.min(best, ward(x, members.get(active.get(p)), members.get(active.get(q))));
                }
            }
            assertTrue(h <= best * (1 + HEIGHT_REL_TOL), name + " merge " + r + " at " + h
                    + " but a pair of current clusters is at " + best);
            assertTrue(active.remove(Integer.valueOf(a)) && active.remove(Integer.valueOf(b)), name + " merge " + r);
            active.add(z.leaves() + r);
        }
        assertTrue(z.isMonotonic(), name + ": Ward merge heights never decrease");
    }

    /** The cophenetic height of two leaves: the height of the first merge that joins them. */
    private static double[][] copheneticHeights(Dendrogram z) {
        int n = z.leaves();
        List<List<Integer>> members = members(z);
        double[][] c = new double[n][n];
        for (int r = 0; r < z.merges(); r++) {
            for (int i : members.get(z.left(r))) {
                for (int j : members.get(z.right(r))) {
                    c[i][j] = z.height(r);
                    c[j][i] = z.height(r);
                }
            }
        }
        return c;
    }

    /** Cuts by height and by count agree with the cophenetic heights: same cluster iff joined at or below t. */
    private static void assertCutsFollowTheMerges(Dendrogram z, String name) {
        double[][] c = copheneticHeights(z);
        int n = z.leaves();
        for (int r = 0; r < z.merges(); r++) {
            double t = z.height(r);
            int[] byHeight = z.cut(Cut.height(t));
            int[] byCount = z.cut(Cut.clusters(n - r - 1));
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    assertEquals(c[i][j] <= t, byHeight[i] == byHeight[j], name + " t=" + t + " leaves " + i + "," + j);
                }
            }
            assertEquals(n - r - 1, Arrays.stream(byCount).distinct().count(), name + " k=" + (n - r - 1));
        }
    }

    /** Pearson correlation of the cophenetic heights with the Euclidean distances, over all pairs. */
    private static double bruteForceCophenetic(Dataset x, Dendrogram z) {
        double[][] c = copheneticHeights(z);
        int n = z.leaves();
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < x.cols(); k++) {
                    double t = x.get(i, k) - x.get(j, k);
                    s += t * t;
                }
                pairs.add(new double[] {Math.sqrt(s), c[i][j]});
            }
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0] / pairs.size();
            my += p[1] / pairs.size();
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Whether two labelings are the same partition (equal up to renaming). */
    static boolean samePartition(int[] a, int[] b) {
        if (a.length != b.length) {
            return false;
        }
        Map<Integer, Integer> ab = new HashMap<>();
        Map<Integer, Integer> ba = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            Integer x = ab.putIfAbsent(a[i], b[i]);
            Integer y = ba.putIfAbsent(b[i], a[i]);
            if ((x != null && x != b[i]) || (y != null && y != a[i])) {
                return false;
            }
        }
        return true;
    }
}
