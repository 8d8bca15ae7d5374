/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.kmeans;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the scikit-learn K-means fixtures in {@code /fixtures/kmeans} (made by
 * {@code make_kmeans_fixtures.py} beside them). Every number there is written in its shortest round-trip
 * form, so {@link Double#parseDouble} gives back the doubles scikit-learn used and produced.
 */
final class KMeansFixtures {
    private static final String DIR = "/fixtures/kmeans/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Fixture> CACHE = new ConcurrentHashMap<>();

    /** The fixture files, without extension. */
    static final List<String> ALL = List.of("blobs_3000x4", "blobs_5000x8", "online_retail_rfm");

    private KMeansFixtures() {
    }

    /** One data set with its reference runs. */
    static final class Fixture {
        final String name;
        final JsonNode json;
        final Dataset data;
        final long[] ids;

        Fixture(String name, JsonNode json, Dataset data, long[] ids) {
            this.name = name;
            this.json = json;
            this.data = data;
            this.ids = ids;
        }

        /** The names of the fixed-initialisation runs. */
        List<String> fixedRunNames() {
            List<String> out = new ArrayList<>();
            json.get("fixedInit").forEach(r -> out.add(r.get("name").asText()));
            return out;
        }

        FixedRun fixedRun(String runName) {
            for (JsonNode r : json.get("fixedInit")) {
                if (r.get("name").asText().equals(runName)) {
                    return new FixedRun(r);
                }
            }
            throw new IllegalArgumentException(name + " has no run " + runName);
        }

        /** The values of k that have best-of-10 references. */
        List<Integer> bestOfTenKs() {
            List<Integer> out = new ArrayList<>();
            json.get("bestOfTen").forEach(q -> out.add(q.get("k").asInt()));
            return out;
        }

        /** scikit-learn's best-of-10 inertia for {@code k} with the given {@code random_state}. */
        double bestOfTen(int k, int randomState) {
            for (JsonNode r : bestOfTenNode(k).get("runs")) {
                if (r.get("randomState").asInt() == randomState) {
                    return r.get("inertia").asDouble();
                }
            }
            throw new IllegalArgumentException(name + " has no best-of-10 run with random_state " + randomState);
        }

        /** The lowest of scikit-learn's best-of-10 inertias over the recorded random states. */
        double bestOfTenMin(int k) {
            return bestOfTenNode(k).get("minInertia").asDouble();
        }

        private JsonNode bestOfTenNode(int k) {
            for (JsonNode q : json.get("bestOfTen")) {
                if (q.get("k").asInt() == k) {
                    return q;
                }
            }
            throw new IllegalArgumentException(name + " has no best-of-10 reference for k = " + k);
        }
    }

    /** A scikit-learn {@code KMeans(init=<array>, n_init=1, algorithm="lloyd")} run and its outcome. */
    static final class FixedRun {
        final String name;
        final String call;
        final int maxIter;
        final double tol;
        final double[][] init;
        final double[] weights;
        final double[][] centres;
        final int[] labels;
        final double inertia;
        final int nIter;
        final boolean converged;
        final double[] inertiaTrace;

        FixedRun(JsonNode r) {
            name = r.get("name").asText();
            call = r.get("call").asText();
            maxIter = r.get("maxIter").asInt();
            tol = r.get("tol").asDouble();
            init = matrix(r.get("init"));
            weights = r.has("weights") ? vector(r.get("weights")) : null;
            centres = matrix(r.get("centres"));
            labels = ints(r.get("labels"));
            inertia = r.get("inertia").asDouble();
            nIter = r.get("nIter").asInt();
            converged = r.get("converged").asBoolean();
            inertiaTrace = vector(r.get("inertiaTrace"));
        }
    }

    static Fixture load(String name) {
        return CACHE.computeIfAbsent(name, KMeansFixtures::read);
    }

    private static Fixture read(String name) {
        try {
            JsonNode json;
            try (InputStream in = open(name + ".json")) {
                json = JSON.readTree(in);
            }
            JsonNode ds = json.get("dataset");
            List<String> lines = lines(ds.get("file").asText());
            String[] header = lines.get(0).split(",", -1);
            boolean withIds = header[0].equals("customer_id");
            int rows = lines.size() - 1;
            int cols = ds.get("cols").asInt();
            int first = header.length - cols; // the clustered columns are the last ones
            double[][] x = new double[rows][cols];
            long[] ids = withIds ? new long[rows] : null;
            for (int i = 0; i < rows; i++) {
                String[] f = lines.get(i + 1).split(",", -1);
                if (f.length != header.length) {
                    throw new IllegalStateException(name + ": line " + (i + 2) + " has " + f.length + " fields");
                }
                for (int j = 0; j < cols; j++) {
                    x[i][j] = Double.parseDouble(f[first + j]);
                }
                if (withIds) {
                    ids[i] = Long.parseLong(f[0]);
                }
            }
            if (rows != ds.get("rows").asInt()) {
                throw new IllegalStateException(name + ": " + rows + " rows, expected " + ds.get("rows"));
            }
            List<String> names = Arrays.asList(header).subList(first, header.length);
            return new Fixture(name, json, Dataset.of(x, names), ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String file) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    private static InputStream open(String file) {
        InputStream in = KMeansFixtures.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IllegalStateException("Missing test resource " + DIR + file);
        }
        return in;
    }

    private static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(a.get(i));
        }
        return out;
    }

    private static double[] vector(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }
}
