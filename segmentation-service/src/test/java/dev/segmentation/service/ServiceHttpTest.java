/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segmentation.core.Dataset;
import dev.segmentation.core.io.ModelIO;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.serving.FallbackPolicy;
import dev.segmentation.serving.ServingModel;
import dev.segmentation.serving.store.AssignmentStore;
import dev.segmentation.serving.store.EmbeddedDatabase;
import dev.segmentation.serving.store.Population;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service over real HTTP on loopback: every endpoint, every bad input, the token, privacy of the logs. */
class ServiceHttpTest {
    private static final String TOKEN = "s3cret-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Dataset RAW = Fixtures.customers(600, 7);
    private static final SegmentScorer A = Fixtures.kmeans(RAW, 3, 1, List.of("alpha", "beta", "gamma"));
    private static final SegmentScorer B = Fixtures.kmeans(RAW, 4, 2, List.of("one", "two", "three", "four"));
    private static final int POPULATION = 60;

    @TempDir
    static Path dir;
    private static SegmentService.Running running;
    private static HttpClient http;
    private static String base;
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static PrintStream stderr;

    @BeforeAll
    static void start() throws Exception {
        stderr = System.err;
        System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8));
        Path a = dir.resolve("a.json");
        ModelIO.write(A, a);
        Path token = dir.resolve("token");
        Files.writeString(token, TOKEN + "\n");
        StringBuilder csv = new StringBuilder("customer_id,recency_days,frequency,monetary,extra\n");
        for (int i = 0; i < POPULATION; i++) {
            csv.append("P").append(i).append(',').append(RAW.get(i, 0)).append(',').append(RAW.get(i, 1)).append(',')
                    .append(RAW.get(i, 2)).append(",ignored\n");
        }
        Path pop = dir.resolve("population.csv");
        Files.writeString(pop, csv);
        SegmentService.Config c = SegmentService.Config.parse(new String[] {"--model", a.toString(), "--population",
            pop.toString(), "--port", "0", "--data-dir", dir.resolve("data").toString(), "--admin-token-file",
            token.toString(), "--max-body-bytes", "65536", "--max-batch-rows", "100", "--threads", "4"});
        System.setProperty("sun.net.httpserver.nodelay", "true");
        running = SegmentService.start(c);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        base = "http://127.0.0.1:" + running.service.port();
    }

    @AfterAll
    static void stop() {
        running.close();
        System.setErr(stderr);
    }

    private static HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        boolean type = false;
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
            type |= headers[i].equals("Content-Type");
        }
        if (!type) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> admin(String path, String body) throws Exception {
        return post(path, body, "Authorization", "Bearer " + TOKEN);
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    private static String features(double[] row) {
        return "{\"recency_days\": " + row[0] + ", \"frequency\": " + row[1] + ", \"monetary\": " + row[2] + "}";
    }

    @Test
    void scoresOneRecordWithTheModelsSegmentAndVersion() throws Exception {
        double[] row = RAW.row(5);
        HttpResponse<String> r = post("/v1/score", "{\"features\": " + features(row) + "}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = json(r);
        int expected = A.assign(row);
        assertEquals(expected, j.get("segment").asInt());
        assertEquals(A.segmentName(expected), j.get("segmentName").asText());
        assertEquals(A.confidence(row), j.get("confidence").asDouble(), 1e-12);
        assertEquals("margin", j.get("confidenceKind").asText());
        assertEquals("1", j.get("modelVersion").asText());
        assertTrue(j.get("fallback").isNull());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void scoresABatchInOneVersionWithColumnsInAnyOrder() throws Exception {
        StringBuilder rows = new StringBuilder();
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            rows.append(i == 0 ? "" : ",").append('[').append(RAW.get(i, 2)).append(',').append(RAW.get(i, 0)).append(',')
                    .append(RAW.get(i, 1)).append(']');
            ids.append(i == 0 ? "" : ",").append("\"B").append(i).append('"');
        }
        HttpResponse<String> r = post("/v1/score/batch", "{\"columns\": [\"monetary\", \"recency_days\", \"frequency\"], "
                + "\"rows\": [" + rows + "], \"customerIds\": [" + ids + "]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = json(r);
        assertEquals(50, j.get("count").asInt());
        String version = j.get("modelVersion").asText();
        SegmentScorer s = version.equals("1") ? A : B;
        for (int i = 0; i < 50; i++) {
            int expected = s.assign(RAW.row(i));
            assertEquals(expected, j.get("segments").get(i).asInt());
            assertEquals(s.segmentName(expected), j.get("segmentNames").get(i).asText());
            assertTrue(j.get("fallback").get(i).isNull());
        }
    }

    @Test
    void everyBadInputIsA4xxJsonErrorNamingTheField() throws Exception {
        String ok = features(RAW.row(0));
        Object[][] cases = {
            // path, body, status, field
            {"/v1/score", "{\"features\": {\"recency_days\": 3,", 400, "features"},
            {"/v1/score", "[1, 2]", 400, null},
            {"/v1/score", "{\"features\": " + ok + ", \"colour\": 1}", 400, "colour"},
            {"/v1/score", "{}", 400, "features"},
            {"/v1/score", "{\"features\": {\"recency_days\": 3, \"frequency\": 2, \"monetary\": 10, \"tenure\": 4}}", 400,
                "features.tenure"},
            {"/v1/score", "{\"features\": {\"recency_days\": 3, \"frequency\": 2}}", 400, "features.monetary"},
            {"/v1/score", "{\"features\": {\"recency_days\": \"three\", \"frequency\": 2, \"monetary\": 10}}", 400,
                "features.recency_days"},
            {"/v1/score", "{\"features\": {\"recency_days\": true, \"frequency\": 2, \"monetary\": 10}}", 400,
                "features.recency_days"},
            {"/v1/score", "{\"features\": {\"recency_days\": NaN, \"frequency\": 2, \"monetary\": 10}}", 400, "features"},
            {"/v1/score", "{\"features\": {\"recency_days\": 1e999, \"frequency\": 2, \"monetary\": 10}}", 400,
                "features.recency_days"},
            {"/v1/score", "{\"features\": {\"recency_days\": 3, \"recency_days\": 4, \"frequency\": 2, \"monetary\": 1}}",
                400, "features"},
            {"/v1/score", "{\"customerId\": 17, \"features\": " + ok + "}", 400, "customerId"},
            {"/v1/score", "{\"features\": " + ok + "} {}", 400, null},
            {"/v1/score/batch", "{\"rows\": [[1, 2, 3], [1, 2]]}", 400, "rows[1]"},
            {"/v1/score/batch", "{\"rows\": [[1, 2, 3, 4]]}", 400, "rows[0]"},
            {"/v1/score/batch", "{\"rows\": [[1, \"x\", 3]]}", 400, "rows[0][1]"},
            {"/v1/score/batch", "{\"columns\": [\"recency_days\", \"frequency\", \"tenure\"], \"rows\": []}", 400,
                "columns[2]"},
            {"/v1/score/batch", "{\"columns\": [\"recency_days\", \"recency_days\", \"monetary\"], \"rows\": []}", 400,
                "columns[1]"},
            {"/v1/score/batch", "{\"columns\": [\"recency_days\", \"monetary\"], \"rows\": []}", 400, "columns"},
            {"/v1/score/batch", "{\"rows\": [[1, 2, 3]], \"columns\": [\"recency_days\", \"frequency\", \"monetary\"]}", 400,
                "columns"},
            {"/v1/score/batch", "{\"rows\": [[1, 2, 3]], \"customerIds\": [\"a\", \"b\"]}", 400, "customerIds"},
            {"/v1/score/batch", "{\"columns\": []}", 400, "columns"},
            {"/v1/score/batch", "{\"rows\": [" + "[1,2,3],".repeat(100) + "[1,2,3]]}", 413, "rows"},
            {"/v1/score", "{\"features\": " + ok + ", \"pad\": \"" + "x".repeat(70_000) + "\"}", 413, "body"},
            {"/v1/nothing", "{}", 404, "path"},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = post((String) c[0], (String) c[1]);
            String what = c[0] + " " + abbreviate((String) c[1]) + " -> " + r.body();
            assertEquals(c[2], r.statusCode(), what);
            JsonNode j = json(r);
            assertTrue(j.has("error") && j.has("message"), what);
            if (c[3] == null) {
                assertTrue(j.get("field").isNull(), what);
            } else {
                assertEquals(c[3], j.get("field").asText(), what);
            }
        }
        HttpResponse<String> r = post("/v1/score", "recency_days=3", "Content-Type", "application/x-www-form-urlencoded");
        assertEquals(415, r.statusCode());
        assertEquals("Content-Type", json(r).get("field").asText());
        r = get("/v1/score");
        assertEquals(405, r.statusCode());
        assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
        r = get("/v1/customers/" + "x".repeat(201) + "/segment");
        assertEquals(400, r.statusCode());
        assertEquals("customerId", json(r).get("field").asText());
    }

    @Test
    void aValueOutsideTheModelsDomainIsAScorerFailureFallbackNotAnError() throws Exception {
        HttpResponse<String> r = post("/v1/score", "{\"features\": {\"recency_days\": 3, \"frequency\": 2, \"monetary\": -50}}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = json(r);
        assertEquals("scorer_failure_default", j.get("fallback").asText());
        assertEquals(FallbackPolicy.DEFAULT_SEGMENT, j.get("segmentName").asText());
        assertTrue(j.get("detail").asText().contains("monetary"));
        // with a customer whose stored membership is fresh, that membership is served instead
        r = post("/v1/score", "{\"customerId\": \"P3\", \"features\": {\"recency_days\": 3, \"frequency\": 2, "
                + "\"monetary\": -50}}");
        j = json(r);
        assertEquals("scorer_failure_last_known", j.get("fallback").asText(), r.body());
        assertEquals(A.segmentName(A.assign(RAW.row(3))), j.get("segmentName").asText());
    }

    @Test
    void looksUpStoredMembershipsWithTtlConsentAndUnknownCustomers() throws Exception {
        HttpResponse<String> r = get("/v1/customers/P7/segment");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode j = json(r);
        assertEquals(A.segmentName(A.assign(RAW.row(7))), j.get("segmentName").asText());
        assertTrue(j.get("fallback").isNull());
        assertTrue(j.has("expiresAt") && j.has("assignedAt") && j.has("modelVersion"));
        r = get("/v1/customers/NOBODY/segment");
        assertEquals(404, r.statusCode());
        assertEquals("unknown_customer", json(r).get("error").asText());
        assertEquals("customerId", json(r).get("field").asText());

        r = admin("/v1/admin/consent/revoke", "{\"customerId\": \"P9\", \"source\": \"test\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(json(r).get("membershipsRemoved").asInt() >= 1, r.body());
        j = json(get("/v1/customers/P9/segment"));
        assertEquals("consent_revoked", j.get("fallback").asText());
        assertTrue(j.get("segmentName").isNull());
        j = json(post("/v1/score", "{\"customerId\": \"P9\", \"features\": " + features(RAW.row(9)) + "}"));
        assertEquals("consent_revoked", j.get("fallback").asText(), "a suppressed customer is never served a segment");
        assertTrue(j.get("segmentName").isNull());
        double[] row = RAW.row(9);
        j = json(post("/v1/score/batch", "{\"rows\": [[" + row[0] + ", " + row[1] + ", " + row[2] + "]], "
                + "\"customerIds\": [\"P9\"]}"));
        assertEquals("consent_revoked", j.get("fallback").get(0).asText(), j.toString());
        assertTrue(j.get("segmentNames").get(0).isNull());
    }

    @Test
    void anExpiredMembershipIsNotServedAsCurrent() throws Exception {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofDays(3)), ZoneOffset.UTC);
        try (EmbeddedDatabase db = EmbeddedDatabase.open(dir.resolve("data").resolve("db"), 2)) {
            AssignmentStore old = AssignmentStore.open(db.dataSource(), past);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < POPULATION; i++) {
                ids.add("E" + i);
            }
            old.publish("expired-run", ServingModel.of("1", A, FallbackPolicy.defaults()),
                    Population.of(ids, RAW.selectRows(range(POPULATION))), Duration.ofHours(1));
            JsonNode j = json(get("/v1/customers/E4/segment"));
            assertEquals("membership_expired", j.get("fallback").asText());
            assertEquals(FallbackPolicy.DEFAULT_SEGMENT, j.get("segmentName").asText());
            assertEquals(A.segmentName(A.assign(RAW.row(4))), j.get("expiredSegmentName").asText());
            // put the population back as the current snapshot
            List<String> pids = new ArrayList<>();
            for (int i = 0; i < POPULATION; i++) {
                pids.add("P" + i);
            }
            AssignmentStore.open(db.dataSource()).publish("restored", ServingModel.of("1", A, FallbackPolicy.defaults()),
                    Population.of(pids, RAW.selectRows(range(POPULATION))), Duration.ofDays(2));
        }
    }

    @Test
    void adminCallsNeedTheTokenAndActivateAndRollBack() throws Exception {
        HttpResponse<String> r = post("/v1/admin/activate", "{\"version\": \"1\"}");
        assertEquals(401, r.statusCode());
        assertEquals("Authorization", json(r).get("field").asText());
        r = post("/v1/admin/activate", "{\"version\": \"1\"}", "Authorization", "Bearer nope");
        assertEquals(403, r.statusCode());
        r = post("/v1/admin/activate", "{\"version\": \"1\"}", "Authorization", "Bearer " + TOKEN + "x");
        assertEquals(403, r.statusCode(), "a token with the right prefix is still wrong");

        synchronized (ServiceHttpTest.class) {
            r = admin("/v1/admin/models", ModelIO.toJson(B, dev.segmentation.core.io.Lineage.builder().build()));
            assertEquals(200, r.statusCode(), r.body());
            String v2 = json(r).get("version").asText();
            r = admin("/v1/admin/activate", "{\"version\": \"" + v2 + "\", \"note\": \"test\"}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(v2, json(r).get("active").asText());
            JsonNode j = json(post("/v1/score", "{\"features\": " + features(RAW.row(1)) + "}"));
            assertEquals(v2, j.get("modelVersion").asText());
            assertEquals(B.segmentName(B.assign(RAW.row(1))), j.get("segmentName").asText());
            r = admin("/v1/admin/rollback", "{}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("1", json(r).get("active").asText());
            assertEquals("1", json(post("/v1/score", "{\"features\": " + features(RAW.row(1)) + "}"))
                    .get("modelVersion").asText());
        }
        r = admin("/v1/admin/activate", "{\"version\": \"77\"}");
        assertEquals(404, r.statusCode());
        assertEquals("version", json(r).get("field").asText());
        r = admin("/v1/admin/activate", "{}");
        assertEquals(400, r.statusCode());
        r = admin("/v1/admin/models", "{\"format\": \"something else\"}");
        assertEquals(400, r.statusCode());
        assertEquals("invalid_model", json(r).get("error").asText());

        Dataset renamed = RAW.withColumnNames(List.of("recency_days", "orders", "monetary"));
        dev.segmentation.features.transform.FittedPipeline p = dev.segmentation.features.transform.FeaturePipeline
                .builder().standardize().build().fit(renamed);
        SegmentScorer other = SegmentScorer.of(p, dev.segmentation.core.kmeans.KMeans.builder().k(2).seed(1).build()
                .fit(p.transform(renamed)));
        r = admin("/v1/admin/models", ModelIO.toJson(other, dev.segmentation.core.io.Lineage.builder().build()));
        String v3 = json(r).get("version").asText();
        r = admin("/v1/admin/activate", "{\"version\": \"" + v3 + "\"}");
        assertEquals(409, r.statusCode());
        assertEquals("contract_mismatch", json(r).get("error").asText());
        assertTrue(json(r).get("message").asText().contains("[orders]"), r.body());
    }

    @Test
    void healthAndPrometheusMetrics() throws Exception {
        post("/v1/score", "{\"features\": " + features(RAW.row(2)) + "}");
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("up", json(r).get("status").asText());
        assertEquals("up", json(r).get("database").asText());
        r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        String m = r.body();
        assertTrue(m.contains("# TYPE segment_requests_total counter"));
        assertTrue(m.contains("segment_requests_total{endpoint=\"score\",status=\"200\"}"));
        assertTrue(m.contains("segment_request_duration_seconds_bucket{endpoint=\"score\",le=\"+Inf\"}"));
        assertTrue(m.contains("segment_fallbacks_total{reason=\"cold_start\"}"));
        assertTrue(m.contains("segment_active_model_info{version=\""));
        for (String line : m.split("\n")) {
            assertTrue(line.startsWith("#") || line.matches("[a-z_]+(\\{[^}]*\\})? [0-9.eE+-]+"), line);
        }
    }

    @Test
    void neitherCustomerIdsNorFeatureValuesAreLoggedAboveDebug() throws Exception {
        String secret = "CUST-PRIVACY-7731";
        post("/v1/score", "{\"customerId\": \"" + secret + "\", \"features\": {\"recency_days\": 987654.25, "
                + "\"frequency\": 2, \"monetary\": 10}}");
        post("/v1/score", "{\"customerId\": \"" + secret + "\", \"features\": {\"recency_days\": \"987654.25\"}}");
        get("/v1/customers/" + secret + "/segment");
        admin("/v1/admin/consent/revoke", "{\"customerId\": \"" + secret + "\"}");
        post("/v1/admin/activate", "{\"version\": \"1\"}", "Authorization", "Bearer " + secret);
        String logged = LOG.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("INFO"), "the log runs at INFO in this test");
        assertFalse(logged.contains(secret), "a customer id was logged");
        assertFalse(logged.contains("987654"), "a feature value was logged");
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
