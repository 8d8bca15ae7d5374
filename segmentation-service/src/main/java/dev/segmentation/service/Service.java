/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.segmentation.core.FeatureTransform;
import dev.segmentation.core.io.ModelFormatException;
import dev.segmentation.serving.FallbackPolicy;
import dev.segmentation.serving.FallbackReason;
import dev.segmentation.serving.LiveScorer;
import dev.segmentation.serving.Membership;
import dev.segmentation.serving.ScoreResult;
import dev.segmentation.serving.ServingModel;
import dev.segmentation.serving.registry.ContractMismatchException;
import dev.segmentation.serving.registry.ModelRegistry;
import dev.segmentation.serving.registry.ModelVersion;
import dev.segmentation.serving.registry.Registration;
import dev.segmentation.serving.store.AssignmentStore;
import dev.segmentation.serving.store.Lookup;
import dev.segmentation.serving.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP segment service: the JDK's built-in server ({@code com.sun.net.httpserver}) in front of a
 * {@link LiveScorer}, a {@link ModelRegistry} and an {@link AssignmentStore}.
 *
 * <h2>Endpoints</h2>
 * <pre>
 * POST /v1/score                    one raw record -> segment, name, confidence or probabilities, version, fallback
 * POST /v1/score/batch              many records (columnar answer), one model version for the whole batch
 * GET  /v1/customers/{id}/segment   the stored membership, with TTL, consent and fallback
 * POST /v1/admin/models             register a model file (the body)                     [token]
 * POST /v1/admin/activate           {"version": "2"}                                      [token]
 * POST /v1/admin/rollback           {} or {"version": "1"}                                [token]
 * POST /v1/admin/consent/revoke     {"customerId": "...", "source": "..."}                [token]
 * GET  /health                      status, active version, database
 * GET  /metrics                     Prometheus text format
 * </pre>
 * Every refusal is a 4xx JSON error {@code {"error": code, "field": path, "message": text}}; the database being
 * unreachable is a 503 for the calls that need it. The admin token is compared in constant time (SHA-256 of both,
 * then {@link MessageDigest#isEqual}).
 *
 * <h2>Privacy</h2>
 * Customer identifiers and raw feature values appear only in answers and in DEBUG logs; INFO and above log
 * versions, counts and error codes.
 */
final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    /** Limits and the policy. */
    record Options(int port, int threads, int maxBodyBytes, int maxBatchRows, int maxModelBytes, FallbackPolicy policy,
                   String bindAddress) {
    }

    private final Options options;
    private final ModelRegistry registry;
    private final AssignmentStore store;
    private final LiveScorer live;
    private final Metrics metrics = new Metrics();
    private final byte[] tokenDigest;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ThreadLocal<Local> locals = ThreadLocal.withInitial(Local::new);

    /** Per-thread buffers: nothing is allocated per request on the scoring path once they have grown. */
    private static final class Local {
        final Bytes body = new Bytes();
        final Bytes out = new Bytes();
        final ScoreResult result = new ScoreResult();
        final Requests.Batch batch = new Requests.Batch();
        double[] raw = new double[0];
        boolean[] seen = new boolean[0];
        int[] segments = new int[0];
        String[] names = new String[0];
        double[] confidence = new double[0];
        FallbackReason[] fallback = new FallbackReason[0];
        double[] probabilities = new double[0];

        double[] raw(int d) {
            if (raw.length != d) {
                raw = new double[d];
                seen = new boolean[d];
            }
            return raw;
        }

        void results(int n, int k) {
            if (segments.length < n) {
                int cap = Math.max(n, segments.length * 2);
                segments = new int[cap];
                names = new String[cap];
                confidence = new double[cap];
                fallback = new FallbackReason[cap];
            }
            if (probabilities.length < (long) n * k) {
                probabilities = new double[n * k];
            }
        }
    }

    Service(Options options, ModelRegistry registry, AssignmentStore store, String adminToken) throws IOException {
        this.options = options;
        this.registry = registry;
        this.store = store;
        this.live = LiveScorer.builder().memberships(store).build();
        this.tokenDigest = sha256(adminToken);
        Optional<ModelVersion> active = registry.active();
        if (active.isPresent()) {
            live.swap(ServingModel.load(registry, active.get().id(), options.policy()));
        }
        this.server = HttpServer.create(new InetSocketAddress(options.bindAddress(), options.port()), 1024);
        this.executor = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "segment-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    void start() {
        server.start();
        LOG.info("Segment service listening on {} with {} threads; active model version {}", server.getAddress(),
                options.threads(), live.current().map(ServingModel::version).orElse("none"));
    }

    int port() {
        return server.getAddress().getPort();
    }

    LiveScorer live() {
        return live;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------ routing

    private void handle(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        int endpoint = Metrics.endpoint("other");
        Local l = locals.get();
        int status;
        try {
            if (path.equals("/v1/score")) {
                endpoint = Metrics.endpoint("score");
                post(ex, method);
                status = score(ex, l);
            } else if (path.equals("/v1/score/batch")) {
                endpoint = Metrics.endpoint("batch");
                post(ex, method);
                status = batch(ex, l);
            } else if (path.startsWith("/v1/customers/") && path.endsWith("/segment")) {
                endpoint = Metrics.endpoint("lookup");
                allow(ex, method, "GET");
                status = lookup(ex, l, path.substring("/v1/customers/".length(), path.length() - "/segment".length()));
            } else if (path.startsWith("/v1/admin/")) {
                endpoint = Metrics.endpoint("admin");
                post(ex, method);
                status = admin(ex, l, path.substring("/v1/admin/".length()));
            } else if (path.equals("/health")) {
                endpoint = Metrics.endpoint("health");
                allow(ex, method, "GET");
                status = health(ex, l);
            } else if (path.equals("/metrics")) {
                endpoint = Metrics.endpoint("metrics");
                allow(ex, method, "GET");
                String text = metrics.render(live, live.current().map(ServingModel::version).orElse(null));
                status = send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
            } else {
                throw new ApiException(404, "not_found", "path", "No endpoint " + abbreviate(path) + "; see /health, "
                        + "/metrics, /v1/score, /v1/score/batch, /v1/customers/{id}/segment, /v1/admin/...");
            }
        } catch (ApiException e) {
            status = error(ex, l, e.status, e.code, e.field, e.getMessage());
        } catch (StoreException e) {
            LOG.warn("The assignment store is unavailable ({} on {})", e.getClass().getSimpleName(), endpointName(endpoint));
            LOG.debug("Store failure", e);
            status = error(ex, l, 503, "store_unavailable", null, "The assignment store is unavailable; try again "
                    + "later");
        } catch (IllegalStateException e) {
            status = error(ex, l, 503, "no_active_model", null, e.getMessage());
        } catch (RuntimeException | IOException e) {
            LOG.error("Internal error on {}: {}", endpointName(endpoint), e.getClass().getName());
            LOG.debug("Internal error", e);
            status = error(ex, l, 500, "internal_error", null, "Internal error: " + e.getClass().getSimpleName());
        } finally {
            ex.close();
        }
        metrics.request(endpoint, status, System.nanoTime() - start);
    }

    private static String endpointName(int e) {
        return Metrics.ENDPOINTS[e];
    }

    private static void post(HttpExchange ex, String method) {
        allow(ex, method, "POST");
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(415, "unsupported_media_type", "Content-Type", "The body must be JSON "
                    + "(Content-Type: application/json), not " + abbreviate(type));
        }
    }

    private static void allow(HttpExchange ex, String method, String allowed) {
        if (!method.equals(allowed)) {
            ex.getResponseHeaders().set("Allow", allowed);
            throw new ApiException(405, "method_not_allowed", "method", "Use " + allowed + ", not " + abbreviate(method));
        }
    }

    // ------------------------------------------------------------------------------------------ scoring

    private int score(HttpExchange ex, Local l) throws IOException {
        ServingModel m = active();
        int len = read(ex, l.body, options.maxBodyBytes());
        FeatureTransform t = m.scorer().transform();
        double[] raw = l.raw(t.inputNames().size());
        String id = Requests.score(l.body.array(), len, t, raw, l.seen);
        LOG.debug("Score request for customer {}: {}", id, raw);
        ScoreResult r = l.result;
        live.score(m, id, raw, r);
        metrics.recordsScored(1);
        l.out.reset();
        try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
            g.writeStartObject();
            writeSegment(g, r);
            if (r.hasProbabilities()) {
                g.writeArrayFieldStart("probabilities");
                for (int c = 0; c < r.probabilityCount(); c++) {
                    g.writeNumber(r.probability(c));
                }
                g.writeEndArray();
            }
            if (r.detail() != null) {
                g.writeStringField("detail", r.detail());
            }
            g.writeEndObject();
        }
        return send(ex, 200, l.out);
    }

    private static void writeSegment(JsonGenerator g, ScoreResult r) throws IOException {
        if (r.isModelSegment()) {
            g.writeNumberField("segment", r.segment());
        } else {
            g.writeNullField("segment");
        }
        g.writeStringField("segmentName", r.segmentName());
        number(g, "confidence", r.confidence());
        g.writeStringField("confidenceKind", r.confidenceKind().name().toLowerCase(java.util.Locale.ROOT));
        g.writeStringField("modelVersion", r.modelVersion());
        g.writeStringField("fallback", r.fallback() == null ? null : r.fallback().code());
    }

    private int batch(HttpExchange ex, Local l) throws IOException {
        ServingModel m = active();
        int len = read(ex, l.body, options.maxBodyBytes());
        FeatureTransform t = m.scorer().transform();
        int d = t.inputNames().size();
        Requests.Batch b = l.batch;
        Requests.batch(l.body.array(), len, t, options.maxBatchRows(), b);
        int n = b.rows;
        Set<String> suppressed = b.withIds ? store.suppressedAmong(Arrays.asList(b.ids).subList(0, n)) : Set.of();
        int k = m.scorer().k();
        l.results(n, k);
        double[] raw = l.raw(d);
        ScoreResult r = l.result;
        boolean probs = m.scorer().hasProbabilities();
        for (int i = 0; i < n; i++) {
            System.arraycopy(b.values, i * d, raw, 0, d);
            String id = b.withIds ? b.ids[i] : null;
            live.score(m, id, id != null && suppressed.contains(id), raw, r);
            l.segments[i] = r.segment();
            l.names[i] = r.segmentName();
            l.confidence[i] = r.confidence();
            l.fallback[i] = r.fallback();
            if (probs) {
                for (int c = 0; c < k; c++) {
                    l.probabilities[i * k + c] = r.hasProbabilities() ? r.probability(c) : Double.NaN;
                }
            }
        }
        metrics.recordsScored(n);
        l.out.reset();
        try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
            g.writeStartObject();
            g.writeStringField("modelVersion", m.version());
            g.writeNumberField("count", n);
            g.writeStringField("confidenceKind", m.scorer().confidenceKind().name().toLowerCase(java.util.Locale.ROOT));
            g.writeArrayFieldStart("segments");
            for (int i = 0; i < n; i++) {
                if (l.segments[i] == ScoreResult.NO_MODEL_SEGMENT) {
                    g.writeNull();
                } else {
                    g.writeNumber(l.segments[i]);
                }
            }
            g.writeEndArray();
            g.writeArrayFieldStart("segmentNames");
            for (int i = 0; i < n; i++) {
                g.writeString(l.names[i]);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("confidence");
            for (int i = 0; i < n; i++) {
                number(g, l.confidence[i]);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("fallback");
            for (int i = 0; i < n; i++) {
                g.writeString(l.fallback[i] == null ? null : l.fallback[i].code());
            }
            g.writeEndArray();
            if (probs) {
                g.writeArrayFieldStart("probabilities");
                for (int i = 0; i < n; i++) {
                    g.writeStartArray();
                    for (int c = 0; c < k; c++) {
                        number(g, l.probabilities[i * k + c]);
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        return send(ex, 200, l.out);
    }

    private ServingModel active() {
        return live.current().orElseThrow(() -> new IllegalStateException("No model version is active; register one "
                + "and activate it (POST /v1/admin/models, /v1/admin/activate)"));
    }

    // ------------------------------------------------------------------------------------------ lookups

    private int lookup(HttpExchange ex, Local l, String rawId) throws IOException {
        drain(ex);
        String id;
        try {
            id = URLDecoder.decode(rawId, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("customerId", "The customer id in the path is not valid URL encoding");
        }
        if (id.isBlank() || id.length() > AssignmentStore.MAX_ID_LENGTH || id.contains("/")) {
            throw ApiException.badRequest("customerId", "A customer id is 1 to " + AssignmentStore.MAX_ID_LENGTH
                    + " characters, not blank, without '/'");
        }
        Lookup found = store.lookup(id);
        LOG.debug("Lookup of customer {}: {}", id, found.state());
        FallbackReason reason = found.state() == Lookup.State.EXPIRED ? FallbackReason.MEMBERSHIP_EXPIRED
                : found.state() == Lookup.State.SUPPRESSED ? FallbackReason.CONSENT_REVOKED : null;
        metrics.lookup(found.state().name().toLowerCase(java.util.Locale.ROOT), reason);
        if (found.state() == Lookup.State.UNKNOWN) {
            throw new ApiException(404, "unknown_customer", "customerId", "The current snapshot holds no membership for "
                    + "this customer");
        }
        l.out.reset();
        try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
            g.writeStartObject();
            g.writeStringField("customerId", id);
            if (found.state() == Lookup.State.CURRENT) {
                Membership m = found.membership().orElseThrow();
                if (m.segmentOrNull() == null) {
                    g.writeNullField("segment");
                } else {
                    g.writeNumberField("segment", m.segmentOrNull());
                }
                g.writeStringField("segmentName", m.segmentName());
                number(g, "confidence", m.confidenceOrNaN());
                g.writeStringField("modelVersion", m.modelVersion());
                g.writeStringField("reason", m.reason());
                g.writeStringField("fallback", null);
                g.writeStringField("assignedAt", m.assignedAt().toString());
                g.writeStringField("expiresAt", m.expiresAt().toString());
                g.writeStringField("runId", m.runId());
            } else if (found.state() == Lookup.State.EXPIRED) {
                // not served as current: the policy's default segment, with the reason and the expired membership
                Membership m = found.membership().orElseThrow();
                Optional<ServingModel> sm = live.current();
                String name = sm.map(s -> s.policy().defaultSegment()).orElse(FallbackPolicy.DEFAULT_SEGMENT);
                int label = sm.map(ServingModel::defaultLabel).orElse(ScoreResult.NO_MODEL_SEGMENT);
                if (label == ScoreResult.NO_MODEL_SEGMENT) {
                    g.writeNullField("segment");
                } else {
                    g.writeNumberField("segment", label);
                }
                g.writeStringField("segmentName", name);
                g.writeStringField("modelVersion", sm.map(ServingModel::version).orElse(null));
                g.writeStringField("fallback", reason.code());
                g.writeStringField("expiredSegmentName", m.segmentName());
                g.writeStringField("expiresAt", m.expiresAt().toString());
            } else {
                g.writeNullField("segment");
                g.writeNullField("segmentName");
                g.writeStringField("fallback", reason.code());
            }
            g.writeEndObject();
        }
        return send(ex, 200, l.out);
    }

    // ------------------------------------------------------------------------------------------ admin

    private int admin(HttpExchange ex, Local l, String action) throws IOException {
        authorize(ex);
        switch (action) {
            case "models":
                return register(ex, l);
            case "activate": {
                int len = read(ex, l.body, options.maxBodyBytes());
                String[] f = Requests.strings(l.body.array(), len, List.of("version", "note"), List.of("version"));
                return version(ex, l, activate(f[0], f[1] == null ? "activated through the service" : f[1], false));
            }
            case "rollback": {
                int len = read(ex, l.body, options.maxBodyBytes());
                String[] f = Requests.strings(l.body.array(), len, List.of("version", "note"), List.of());
                return version(ex, l, activate(f[0], f[1] == null ? "rolled back through the service" : f[1], true));
            }
            case "consent/revoke": {
                int len = read(ex, l.body, options.maxBodyBytes());
                String[] f = Requests.strings(l.body.array(), len, List.of("customerId", "source"), List.of("customerId"));
                var rec = store.revokeConsent(f[0], f[1] == null ? "segment-service" : f[1]);
                l.out.reset();
                try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
                    g.writeStartObject();
                    g.writeStringField("customerId", rec.customerId());
                    g.writeStringField("revokedAt", rec.revokedAt().toString());
                    g.writeBooleanField("newlyRevoked", rec.newlyRevoked());
                    g.writeNumberField("membershipsRemoved", rec.membershipsRemoved());
                    g.writeEndObject();
                }
                return send(ex, 200, l.out);
            }
            default:
                throw new ApiException(404, "not_found", "path", "No admin action '" + abbreviate(action) + "'; the actions "
                        + "are models, activate, rollback and consent/revoke");
        }
    }

    private void authorize(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            throw new ApiException(401, "missing_token", "Authorization", "Admin calls need the header "
                    + "'Authorization: Bearer <token>'");
        }
        if (!MessageDigest.isEqual(tokenDigest, sha256(h.substring("Bearer ".length()).strip()))) {
            LOG.warn("Admin call with a wrong token refused");
            throw new ApiException(403, "wrong_token", "Authorization", "The admin token is wrong");
        }
    }

    private int register(HttpExchange ex, Local l) throws IOException {
        int len = read(ex, l.body, options.maxModelBytes());
        Path tmp = Files.createTempFile("segment-model", ".json");
        try {
            Files.write(tmp, Arrays.copyOf(l.body.array(), len));
            ModelVersion v;
            try {
                v = registry.register(tmp, Registration.builder().description("registered through the service").build());
            } catch (ModelFormatException e) {
                throw new ApiException(400, "invalid_model", "body", "Not a valid segment-scorer model file: "
                        + e.getMessage());
            }
            return version(ex, l, v);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Activates (or rolls back to) a version: validated and loaded first, then the pointer, then the swap. */
    synchronized ModelVersion activate(String version, String note, boolean rollback) throws IOException {
        try {
            String target = version;
            if (rollback && target == null) {
                List<dev.segmentation.serving.registry.Activation> h = registry.history();
                String current = registry.active().map(ModelVersion::id).orElse(null);
                for (int i = h.size() - 1; i >= 0 && target == null; i--) {
                    if (!h.get(i).version().equals(current)) {
                        target = h.get(i).version();
                    }
                }
                if (target == null) {
                    throw new ApiException(409, "nothing_to_roll_back", "version", "No earlier version was active");
                }
            }
            ServingModel next = ServingModel.load(registry, target, options.policy());
            ModelVersion v = rollback ? registry.rollbackTo(target, note) : registry.activate(target, note);
            live.swap(next);
            metrics.activation();
            return v;
        } catch (NoSuchFileException e) {
            throw new ApiException(404, "unknown_version", "version", "No model version '" + abbreviate(version)
                    + "' in the registry");
        } catch (ContractMismatchException e) {
            throw new ApiException(409, "contract_mismatch", "version", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiException(409, "not_activatable", "version", e.getMessage());
        } catch (ModelFormatException e) {
            throw new ApiException(409, "damaged_model", "version", e.getMessage());
        }
    }

    private int version(HttpExchange ex, Local l, ModelVersion v) throws IOException {
        l.out.reset();
        try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
            g.writeStartObject();
            g.writeStringField("version", v.id());
            g.writeStringField("active", registry.active().map(ModelVersion::id).orElse(null));
            g.writeStringField("modelClass", v.modelClass());
            g.writeNumberField("k", v.k());
            g.writeArrayFieldStart("segmentNames");
            for (String s : v.segmentNames()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("inputs");
            for (String s : v.inputs()) {
                g.writeString(s);
            }
            g.writeEndArray();
            g.writeStringField("inputFingerprint", v.inputFingerprint());
            g.writeStringField("registeredAt", v.registeredAt().toString());
            g.writeEndObject();
        }
        return send(ex, 200, l.out);
    }

    private int health(HttpExchange ex, Local l) throws IOException {
        drain(ex);
        String db;
        try {
            store.schemaVersion();
            db = "up";
        } catch (StoreException e) {
            db = "down";
        }
        Optional<ServingModel> m = live.current();
        String status = m.isEmpty() ? "no_model" : db.equals("up") ? "up" : "degraded";
        l.out.reset();
        try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
            g.writeStartObject();
            g.writeStringField("status", status);
            g.writeStringField("modelVersion", m.map(ServingModel::version).orElse(null));
            g.writeStringField("database", db);
            g.writeEndObject();
        }
        return send(ex, status.equals("up") ? 200 : 503, l.out);
    }

    // ------------------------------------------------------------------------------------------ I/O

    private static int read(HttpExchange ex, Bytes into, int max) throws IOException {
        String cl = ex.getRequestHeaders().getFirst("Content-Length");
        if (cl != null) {
            long declared;
            try {
                declared = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length", "Content-Length is not a number");
            }
            if (declared > max) {
                throw new ApiException(413, "body_too_large", "body", "The body has " + declared + " bytes; the limit is "
                        + max);
            }
        }
        into.reset();
        InputStream in = ex.getRequestBody();
        while (true) {
            into.ensure(8192);
            int n = in.read(into.array(), into.size(), Math.min(into.array().length - into.size(), max + 1 - into.size()));
            if (n < 0) {
                break;
            }
            into.advance(n);
            if (into.size() > max) {
                throw new ApiException(413, "body_too_large", "body", "The body exceeds the limit of " + max + " bytes");
            }
        }
        return into.size();
    }

    private static void drain(HttpExchange ex) throws IOException {
        drain(ex, Long.MAX_VALUE);
    }

    private static void drain(HttpExchange ex, long limit) throws IOException {
        InputStream in = ex.getRequestBody();
        byte[] skip = new byte[8192];
        long total = 0;
        for (int n = in.read(skip); n >= 0 && total < limit; n = in.read(skip)) {
            total += n;
        }
    }

    private static int send(HttpExchange ex, int status, Bytes body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.size());
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body.array(), 0, body.size());
        }
        return status;
    }

    private static int send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private static int error(HttpExchange ex, Local l, int status, String code, String field, String message) {
        try {
            // read what the client sends (an oversized body up to a bound), so that it reads the answer
            drain(ex, 64L << 20);
        } catch (IOException ignored) {
            // the client went away; the answer below fails the same way
        }
        try {
            l.out.reset();
            try (JsonGenerator g = Requests.JSON.createGenerator(l.out)) {
                g.writeStartObject();
                g.writeStringField("error", code);
                g.writeStringField("field", field);
                g.writeStringField("message", message);
                g.writeEndObject();
            }
            return send(ex, status, l.out);
        } catch (IOException e) {
            LOG.debug("Could not send an error answer", e);
            return status;
        }
    }

    private static void number(JsonGenerator g, String field, double v) throws IOException {
        g.writeFieldName(field);
        number(g, v);
    }

    private static void number(JsonGenerator g, double v) throws IOException {
        if (v - v == 0) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
