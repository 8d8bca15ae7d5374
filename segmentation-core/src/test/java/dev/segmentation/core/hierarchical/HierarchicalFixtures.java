/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the SciPy fixtures in {@code /fixtures/hierarchical} (made by {@code make_hierarchical_fixtures.py}
 * beside them, which records the SciPy version and every call). Numbers are in shortest round-trip form.
 */
final class HierarchicalFixtures {
    private static final String DIR = "/fixtures/hierarchical/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Fixture> CACHE = new ConcurrentHashMap<>();

    static final List<String> ALL = List.of("scipy_X", "scipy_ytdist", "scipy_Q_X", "blobs_300x4", "uniform_400x6",
            "ties_grid", "ties_condensed", "rfm_500", "wholesale_440x6", "gower_wholesale_150");

    private HierarchicalFixtures() {
    }

    static final class Fixture {
        final String name;
        final JsonNode json;
        final int n;
        final Dataset data;
        final double[] condensed;

        Fixture(String name, JsonNode json) {
            this.name = name;
            this.json = json;
            this.n = json.get("n").asInt();
            if (json.has("data")) {
                data = Dataset.of(matrix(json.get("data")));
                condensed = null;
            } else {
                data = null;
                condensed = vector(json.get("condensed"));
            }
        }

        List<String> methods() {
            List<String> out = new ArrayList<>();
            Iterator<String> it = json.get("methods").fieldNames();
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out;
        }

        JsonNode method(String m) {
            return json.get("methods").get(m);
        }

        double[][] linkage(String m) {
            return matrix(method(m).get("Z"));
        }

        /** The reference's condensed distances (the given matrix, or the pairwise distances of the data). */
        double[] distances() {
            if (condensed != null) {
                return condensed.clone();
            }
            double[] x = data.toRowMajorArray();
            int d = data.cols();
            double[] out = new double[n * (n - 1) / 2];
            int idx = 0;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double s = 0;
                    for (int c = 0; c < d; c++) {
                        double t = x[i * d + c] - x[j * d + c];
                        s += t * t;
                    }
                    out[idx++] = Math.sqrt(s);
                }
            }
            return out;
        }
    }

    static Fixture load(String name) {
        return CACHE.computeIfAbsent(name, HierarchicalFixtures::read);
    }

    private static Fixture read(String name) {
        try (InputStream in = HierarchicalFixtures.class.getResourceAsStream(DIR + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + DIR + name + ".json");
            }
            return new Fixture(name, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(a.get(i));
        }
        return out;
    }

    static double[] vector(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
