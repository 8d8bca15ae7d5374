/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.dbscan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.internal.CentroidKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DBSCAN against scikit-learn 1.2.1, from the fixtures in {@code src/test/resources/fixtures/dbscan} (the
 * script that made them, with the exact calls and the versions, is committed beside them):
 * {@code DBSCAN(eps, min_samples, algorithm='kd_tree').fit(X)} on blobs (2, 5 and 20 dimensions), moons,
 * the eps-boundary case, duplicates, identical rows, all-noise data, Wholesale customers and Online Retail
 * RFM, for several {@code (eps, minPts)} each, with every neighbour index.
 *
 * <ul>
 *   <li>core rows and noise rows are identical to scikit-learn's;</li>
 *   <li>with {@code LOWEST_CLUSTER} every label is identical to scikit-learn's (not only up to renaming);</li>
 *   <li>with {@code NEAREST_CORE} core rows have scikit-learn's labels, and every border row whose core
 *       neighbours all lie in one cluster too; a border row between clusters gets its nearest core
 *       neighbour's cluster, which is one of its neighbouring clusters.</li>
 * </ul>
 */
class DbscanReferenceTest {
    static final List<String> ALL = List.of("blobs2d", "moons", "blobs5d", "blobs20d", "boundary", "duplicates",
            "identical", "sparse", "wholesale", "rfm");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> CACHE = new HashMap<>();

    static synchronized JsonNode fixture(String name) {
        return CACHE.computeIfAbsent(name, f -> {
            try (InputStream in = DbscanReferenceTest.class.getResourceAsStream("/fixtures/dbscan/" + f + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("Missing test resource /fixtures/dbscan/" + f + ".json");
                }
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    static Dataset data(JsonNode f) {
        JsonNode a = f.get("data");
        double[][] x = new double[a.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[a.get(i).size()];
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = a.get(i).get(j).asDouble();
            }
        }
        return Dataset.of(x);
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (String name : ALL) {
            JsonNode f = fixture(name);
            for (int r = 0; r < f.get("runs").size(); r++) {
                for (Dbscan.NeighborIndexType t : Dbscan.NeighborIndexType.values()) {
                    if (t == Dbscan.NeighborIndexType.GRID && f.get("d").asInt() > 3) {
                        continue;
                    }
                    out.add(Arguments.of(name, r, t));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} run {1} {2}")
    @MethodSource("runs")
    void matchesScikitLearn(String name, int run, Dbscan.NeighborIndexType index) {
        JsonNode f = fixture(name);
        JsonNode r = f.get("runs").get(run);
        Dataset x = data(f);
        double eps = r.get("eps").asDouble();
        int minPts = r.get("minPts").asInt();
        int[] expected = ints(r.get("labels"));
        int[] expectedCore = ints(r.get("core"));
        String what = name + " eps=" + eps + " minPts=" + minPts + " " + index;

        DbscanModel lowest = Dbscan.builder().eps(eps).minPts(minPts).neighborIndex(index)
                .borderAssignment(Dbscan.BorderAssignment.LOWEST_CLUSTER).singleThreaded().build().fit(x);
        assertArrayEquals(expectedCore, lowest.coreSampleIndices(), what + ": core rows");
        assertArrayEquals(expected, lowest.trainingLabels(), what + ": labels (lowest-cluster rule)");
        assertEquals(r.get("clusters").asInt(), lowest.k(), what);
        assertEquals(r.get("noise").asInt(), lowest.noiseCount(), what);

        DbscanModel nearest = Dbscan.builder().eps(eps).minPts(minPts).neighborIndex(index).singleThreaded().build()
                .fit(x);
        assertArrayEquals(expectedCore, nearest.coreSampleIndices(), what + ": core rows");
        int[] got = nearest.trainingLabels();
        boolean[] isCore = new boolean[got.length];
        for (int c : expectedCore) {
            isCore[c] = true;
        }
        double[] rows = x.toRowMajorArray();
        int d = x.cols();
        double r2 = eps * eps;
        for (int i = 0; i < got.length; i++) {
            if (isCore[i] || expected[i] == -1) {
                assertEquals(expected[i], got[i], what + ": row " + i);
                continue;
            }
            // A border row: the clusters of its core neighbours.
            java.util.Set<Integer> clusters = new java.util.TreeSet<>();
            for (int c : expectedCore) {
                if (CentroidKernel.squaredDistance(rows, i * d, rows, c * d, d) <= r2) {
                    clusters.add(expected[c]);
                }
            }
            assertTrue(clusters.contains(got[i]), what + ": border row " + i + " got " + got[i] + " of " + clusters);
            if (clusters.size() == 1) {
                assertEquals(expected[i], got[i], what + ": border row " + i);
            }
        }
        // predict agrees with the training labels on every row under the nearest-core rule.
        assertArrayEquals(got, nearest.predict(x), what + ": predict on the training rows");
    }
}
