/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.gmm;

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
 * Reads the scikit-learn Gaussian-mixture fixtures in {@code /fixtures/gmm} (made by
 * {@code make_gmm_fixtures.py} beside them). Every number there is in its shortest round-trip form, so
 * {@link Double#parseDouble} gives back the doubles scikit-learn used and produced.
 */
final class GmmFixtures {
    private static final String DIR = "/fixtures/gmm/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Fixture> CACHE = new ConcurrentHashMap<>();

    /** The data sets, without extension. */
    static final List<String> ALL = List.of("mixture_2000x4", "mixture_3000x3", "wholesale_log1p_std");

    private GmmFixtures() {
    }

    /** One data set with its reference runs. */
    static final class Fixture {
        final String name;
        final JsonNode json;
        final Dataset data;
        final int k;

        Fixture(String name, JsonNode json, Dataset data) {
            this.name = name;
            this.json = json;
            this.data = data;
            this.k = json.get("k").asInt();
        }

        List<FixedRun> fixedRuns() {
            List<FixedRun> out = new ArrayList<>();
            json.get("fixedInit").forEach(r -> out.add(new FixedRun(r)));
            return out;
        }

        FixedRun fixedRun(String runName) {
            for (FixedRun r : fixedRuns()) {
                if (r.name.equals(runName)) {
                    return r;
                }
            }
            throw new IllegalArgumentException(name + " has no run " + runName);
        }

        /** scikit-learn's best lower bound over its best-of-10 fits with random_state 0..4. */
        double bestOfTenMax(CovarianceType type) {
            return bestOfTen(type).get("maxLowerBound").asDouble();
        }

        JsonNode bestOfTen(CovarianceType type) {
            for (JsonNode b : json.get("bestOfTen")) {
                if (b.get("covarianceType").asText().equals(type.scikitLearnName())) {
                    return b;
                }
            }
            throw new IllegalArgumentException(name + " has no best-of-10 run for " + type);
        }
    }

    /** A scikit-learn run from explicit initial parameters and its outcome. */
    static final class FixedRun {
        final String name;
        final String call;
        final CovarianceType type;
        final double tol;
        final int maxIter;
        final double regCovar;
        final double[] weightsInit;
        final double[][] meansInit;
        final double[] precisionsInit;
        final double lowerBound;
        final int nIter;
        final boolean converged;
        final double[] weights;
        final double[][] means;
        final double[] covariances;
        final double[] precisionsCholesky;
        final int[] labels;
        final double score;
        final double bic;
        final double aic;
        final long nParameters;
        final double[] scoreSamples;
        final double[][] predictProba;

        FixedRun(JsonNode r) {
            name = r.get("name").asText();
            call = r.get("call").asText();
            type = CovarianceType.valueOf(r.get("covarianceType").asText().toUpperCase(java.util.Locale.ROOT));
            tol = r.get("tol").asDouble();
            maxIter = r.get("maxIter").asInt();
            regCovar = r.get("regCovar").asDouble();
            weightsInit = vector(r.get("weightsInit"));
            meansInit = matrix(r.get("meansInit"));
            precisionsInit = vector(r.get("precisionsInit"));
            lowerBound = r.get("lowerBound").asDouble();
            nIter = r.get("nIter").asInt();
            converged = r.get("converged").asBoolean();
            weights = vector(r.get("weights"));
            means = matrix(r.get("means"));
            covariances = vector(r.get("covariances"));
            precisionsCholesky = vector(r.get("precisionsCholesky"));
            JsonNode l = r.get("labels");
            labels = new int[l.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = l.get(i).asInt();
            }
            score = r.get("score").asDouble();
            bic = r.get("bic").asDouble();
            aic = r.get("aic").asDouble();
            nParameters = r.get("nParameters").asLong();
            scoreSamples = r.has("scoreSamples") ? vector(r.get("scoreSamples")) : null;
            predictProba = r.has("predictProba") ? matrix(r.get("predictProba")) : null;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static double[] vector(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(a.get(i).asText());
        }
        return out;
    }

    static double[][] matrix(JsonNode a) {
        double[][] out = new double[a.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(a.get(i));
        }
        return out;
    }

    static double[] flatten(double[][] rows) {
        int d = rows[0].length;
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, i * d, d);
        }
        return out;
    }

    static Fixture load(String name) {
        return CACHE.computeIfAbsent(name, GmmFixtures::read);
    }

    private static Fixture read(String name) {
        try {
            JsonNode json;
            try (InputStream in = open(name + ".json")) {
                json = JSON.readTree(in);
            }
            List<String> columns = new ArrayList<>();
            json.get("columns").forEach(c -> columns.add(c.asText()));
            boolean hasId;
            List<double[]> rows = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(open(name + ".csv"),
                    StandardCharsets.UTF_8))) {
                String[] header = r.readLine().split(",");
                hasId = header[0].equals("row");
                int skip = hasId ? 1 : 0;
                if (!Arrays.asList(header).subList(skip, header.length).equals(columns)) {
                    throw new IllegalStateException(name + ".csv header " + Arrays.toString(header)
                            + " does not match the JSON columns " + columns);
                }
                String line;
                while ((line = r.readLine()) != null) {
                    String[] cells = line.split(",");
                    double[] row = new double[columns.size()];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = Double.parseDouble(cells[j + skip]);
                    }
                    rows.add(row);
                }
            }
            Dataset data = Dataset.of(rows.toArray(new double[0][]), columns);
            if (data.rows() != json.get("rows").asInt()) {
                throw new IllegalStateException(name + ": " + data.rows() + " rows but the JSON says "
                        + json.get("rows"));
            }
            return new Fixture(name, json, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String file) throws IOException {
        InputStream in = GmmFixtures.class.getResourceAsStream(DIR + file);
        if (in == null) {
            throw new IOException("Missing fixture " + DIR + file);
        }
        return in;
    }
}
