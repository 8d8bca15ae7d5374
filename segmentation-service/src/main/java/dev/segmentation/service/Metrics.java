/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.service;

import dev.segmentation.serving.FallbackReason;
import dev.segmentation.serving.LiveScorer;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's counters in the Prometheus text exposition format (version 0.0.4): requests by endpoint and
 * status, a latency histogram per endpoint, records scored, fallbacks by reason, lookups by state, activations and
 * the active model version. Lock-free ({@link LongAdder}); recording allocates nothing on the hot path.
 */
final class Metrics {
    /** Histogram bucket upper bounds, in seconds. */
    static final double[] BUCKETS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
        1, 2.5};
    static final String[] ENDPOINTS = {"score", "batch", "lookup", "admin", "health", "metrics", "other"};
    private static final int[] STATUSES = {200, 400, 401, 403, 404, 405, 409, 413, 415, 500, 503};

    private final LongAdder[][] requests = new LongAdder[ENDPOINTS.length][STATUSES.length];
    private final LongAdder[][] buckets = new LongAdder[ENDPOINTS.length][BUCKETS.length + 1];
    private final LongAdder[] nanos = new LongAdder[ENDPOINTS.length];
    private final LongAdder records = new LongAdder();
    private final LongAdder activations = new LongAdder();
    private final Map<String, LongAdder> lookups = new ConcurrentHashMap<>();
    private final LongAdder[] lookupFallbacks = new LongAdder[FallbackReason.values().length];

    Metrics() {
        for (int e = 0; e < ENDPOINTS.length; e++) {
            for (int s = 0; s < STATUSES.length; s++) {
                requests[e][s] = new LongAdder();
            }
            for (int b = 0; b <= BUCKETS.length; b++) {
                buckets[e][b] = new LongAdder();
            }
            nanos[e] = new LongAdder();
        }
        for (int r = 0; r < lookupFallbacks.length; r++) {
            lookupFallbacks[r] = new LongAdder();
        }
    }

    static int endpoint(String name) {
        for (int e = 0; e < ENDPOINTS.length; e++) {
            if (ENDPOINTS[e].equals(name)) {
                return e;
            }
        }
        return ENDPOINTS.length - 1;
    }

    void request(int endpoint, int status, long elapsedNanos) {
        int s = STATUSES.length - 1;
        for (int i = 0; i < STATUSES.length; i++) {
            if (STATUSES[i] == status) {
                s = i;
                break;
            }
        }
        requests[endpoint][s].increment();
        double seconds = elapsedNanos * 1e-9;
        int b = BUCKETS.length;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                b = i;
                break;
            }
        }
        buckets[endpoint][b].increment();
        nanos[endpoint].add(elapsedNanos);
    }

    void recordsScored(long n) {
        records.add(n);
    }

    void activation() {
        activations.increment();
    }

    void lookup(String state, FallbackReason fallback) {
        lookups.computeIfAbsent(state, k -> new LongAdder()).increment();
        if (fallback != null) {
            lookupFallbacks[fallback.ordinal()].increment();
        }
    }

    /** The exposition text. */
    String render(LiveScorer live, String activeVersion) {
        StringBuilder b = new StringBuilder(8192);
        b.append("# HELP segment_requests_total HTTP requests by endpoint and status.\n");
        b.append("# TYPE segment_requests_total counter\n");
        for (int e = 0; e < ENDPOINTS.length; e++) {
            for (int s = 0; s < STATUSES.length; s++) {
                long v = requests[e][s].sum();
                if (v > 0) {
                    b.append("segment_requests_total{endpoint=\"").append(ENDPOINTS[e]).append("\",status=\"")
                            .append(STATUSES[s]).append("\"} ").append(v).append('\n');
                }
            }
        }
        b.append("# HELP segment_request_duration_seconds Time from reading the request to writing the answer.\n");
        b.append("# TYPE segment_request_duration_seconds histogram\n");
        for (int e = 0; e < ENDPOINTS.length; e++) {
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += buckets[e][i].sum();
                b.append("segment_request_duration_seconds_bucket{endpoint=\"").append(ENDPOINTS[e]).append("\",le=\"")
                        .append(i < BUCKETS.length ? format(BUCKETS[i]) : "+Inf").append("\"} ").append(cumulative)
                        .append('\n');
            }
            b.append("segment_request_duration_seconds_sum{endpoint=\"").append(ENDPOINTS[e]).append("\"} ")
                    .append(format(nanos[e].sum() * 1e-9)).append('\n');
            b.append("segment_request_duration_seconds_count{endpoint=\"").append(ENDPOINTS[e]).append("\"} ")
                    .append(cumulative).append('\n');
        }
        b.append("# HELP segment_records_scored_total Records scored (single and batch).\n");
        b.append("# TYPE segment_records_scored_total counter\n");
        b.append("segment_records_scored_total ").append(records.sum()).append('\n');
        b.append("# HELP segment_fallbacks_total Answers that are not the model's own segment, by reason.\n");
        b.append("# TYPE segment_fallbacks_total counter\n");
        Map<FallbackReason, Long> scored = live.fallbackCounts();
        for (FallbackReason r : FallbackReason.values()) {
            b.append("segment_fallbacks_total{reason=\"").append(r.code()).append("\"} ")
                    .append(scored.get(r) + lookupFallbacks[r.ordinal()].sum()).append('\n');
        }
        b.append("# HELP segment_lookups_total Stored-membership lookups by state.\n");
        b.append("# TYPE segment_lookups_total counter\n");
        for (Map.Entry<String, LongAdder> e : new java.util.TreeMap<>(lookups).entrySet()) {
            b.append("segment_lookups_total{state=\"").append(e.getKey()).append("\"} ").append(e.getValue().sum())
                    .append('\n');
        }
        b.append("# HELP segment_model_activations_total Activations and roll-backs through this service.\n");
        b.append("# TYPE segment_model_activations_total counter\n");
        b.append("segment_model_activations_total ").append(activations.sum()).append('\n');
        b.append("# HELP segment_active_model_info The model version that answers (value 1).\n");
        b.append("# TYPE segment_active_model_info gauge\n");
        if (activeVersion != null) {
            b.append("segment_active_model_info{version=\"").append(activeVersion).append("\"} 1\n");
        }
        return b.toString();
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
