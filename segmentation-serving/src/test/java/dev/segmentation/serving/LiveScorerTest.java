/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.serving.registry.DistanceProfile;
import dev.segmentation.validation.drift.PopulationStabilityIndex;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveScorerTest {
    private static final Dataset RAW = TestModels.customers(900, 21);
    private static final SegmentScorer KM3 = TestModels.kmeans(RAW, 3, 1);
    private static final SegmentScorer KM4 = TestModels.kmeans(RAW, 4, 2);

    @Test
    void everyAnswerComesFromOneVersionAndSaysWhichAcrossHotSwaps() throws Exception {
        ServingModel a = ServingModel.of("A", KM3, FallbackPolicy.defaults());
        ServingModel b = ServingModel.of("B", KM4, FallbackPolicy.defaults());
        int[] expectA = KM3.assign(RAW);
        int[] expectB = KM4.assign(RAW);
        LiveScorer live = LiveScorer.builder().build();
        live.swap(a);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong wrong = new AtomicLong();
        AtomicLong[] seen = {new AtomicLong(), new AtomicLong()};
        List<Thread> threads = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(3);
        for (int t = 0; t < 3; t++) {
            final int offset = t;
            Thread th = new Thread(() -> {
                ScoreResult r = new ScoreResult();
                double[] row = new double[3];
                started.countDown();
                for (int i = offset; !stop.get(); i = (i + 7) % RAW.rows()) {
                    RAW.copyRow(i, row, 0);
                    live.score(null, row, r);
                    boolean isA = r.modelVersion().equals("A");
                    seen[isA ? 0 : 1].incrementAndGet();
                    SegmentScorer s = isA ? KM3 : KM4;
                    int expected = isA ? expectA[i] : expectB[i];
                    if (r.segment() != expected || !r.segmentName().equals(s.segmentName(expected))
                            || r.confidence() != s.confidence(row)) {
                        wrong.incrementAndGet();
                    }
                }
            });
            th.start();
            threads.add(th);
        }
        started.await();
        for (int swap = 0; swap < 200; swap++) {
            live.swap(swap % 2 == 0 ? b : a);
            Thread.sleep(1);
        }
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(0, wrong.get(), "answers that mix versions or differ from their version's scorer");
        assertTrue(seen[0].get() > 0 && seen[1].get() > 0, "both versions answered");
        assertEquals(seen[0].get() + seen[1].get(), live.answers());
    }

    @Test
    void eachFallbackHasItsReasonAndCounter() {
        FallbackPolicy policy = FallbackPolicy.builder().defaultSegment("Unclassified")
                .coldStart("frequency", 2, "New customers").farFromSegmentsBeyond(2.5).build();
        Membership stored = new Membership("known", 1, KM3.segmentName(1), 0.7, "scored", "A0", "night-1",
                Instant.now(), Instant.now().plusSeconds(3600));
        MembershipSource source = new MembershipSource() {
            @Override
            public boolean isSuppressed(String customerId) {
                return customerId.equals("revoked");
            }

            @Override
            public Set<String> suppressedAmong(Collection<String> customerIds) {
                return Set.of();
            }

            @Override
            public Optional<Membership> currentMembership(String customerId) {
                return customerId.equals("known") ? Optional.of(stored) : Optional.empty();
            }
        };
        LiveScorer live = LiveScorer.builder().memberships(source).build();
        live.swap(ServingModel.of("A", KM3, policy));
        ScoreResult r = new ScoreResult();

        live.score(null, new double[] {10, 1, 500}, r);
        assertEquals(FallbackReason.COLD_START, r.fallback());
        assertEquals("New customers", r.segmentName());
        assertFalse(r.isModelSegment());
        live.score(null, new double[] {10, Double.NaN, 500}, r);
        assertEquals(FallbackReason.COLD_START, r.fallback(), "a missing value is not enough history");

        live.score(null, new double[] {1, 400, 9e9}, r);
        assertEquals(FallbackReason.FAR_FROM_SEGMENTS, r.fallback());
        assertEquals("Unclassified", r.segmentName());
        assertTrue(r.distance() > 2.5);

        live.score(null, new double[] {10, 5, -7}, r);
        assertEquals(FallbackReason.SCORER_FAILURE_DEFAULT, r.fallback());
        assertTrue(r.detail().contains("monetary"), r.detail());
        assertEquals("A", r.modelVersion());

        live.score("known", new double[] {10, 5, -7}, r);
        assertEquals(FallbackReason.SCORER_FAILURE_LAST_KNOWN, r.fallback());
        assertEquals(KM3.segmentName(1), r.segmentName());
        assertEquals(1, r.segment());
        assertEquals("A0", r.modelVersion(), "the stored membership names the version that assigned it");

        live.score("revoked", new double[] {10, 5, 500}, r);
        assertEquals(FallbackReason.CONSENT_REVOKED, r.fallback());
        assertNull(r.segmentName());

        live.score("someone", RAW.row(0), r);
        assertNull(r.fallback());
        assertEquals(KM3.assign(RAW.row(0)), r.segment());

        Map<FallbackReason, Long> counts = live.fallbackCounts();
        assertEquals(2, counts.get(FallbackReason.COLD_START));
        assertEquals(1, counts.get(FallbackReason.FAR_FROM_SEGMENTS));
        assertEquals(1, counts.get(FallbackReason.SCORER_FAILURE_DEFAULT));
        assertEquals(1, counts.get(FallbackReason.SCORER_FAILURE_LAST_KNOWN));
        assertEquals(1, counts.get(FallbackReason.CONSENT_REVOKED));
        assertEquals(7, live.answers());
        assertThrows(IllegalArgumentException.class, () -> live.score(null, new double[2], r));
        assertThrows(IllegalStateException.class, () -> LiveScorer.builder().build().score(null, new double[3], r));
    }

    @Test
    void dbscanNoiseGetsTheDefaultSegmentAndAPolicySegmentThatIsAModelSegmentKeepsItsLabel() {
        SegmentScorer db = TestModels.dbscan(RAW, 0.4, 5);
        LiveScorer live = LiveScorer.builder().build();
        live.swap(ServingModel.of("D", db, FallbackPolicy.builder().defaultSegment(db.segmentName(0)).build()));
        ScoreResult r = new ScoreResult();
        live.score(null, new double[] {3000, 900, 1}, r);
        assertEquals(FallbackReason.NOISE, r.fallback());
        assertEquals(0, r.segment(), "the default segment is one of the model's, so it keeps its label");
        assertEquals(db.segmentName(0), r.segmentName());
    }

    @Test
    void theFarThresholdComesFromTheDistanceProfile() {
        DistanceProfile profile = DistanceProfile.of(KM3, RAW);
        ServingModel m = ServingModel.of("A", KM3, FallbackPolicy.builder().farFromSegments(0.99).build(), profile);
        assertEquals(profile.quantile(0.99), m.distanceThreshold());
        ScoreResult r = new ScoreResult();
        int far = 0;
        for (int i = 0; i < RAW.rows(); i++) {
            m.score(RAW.row(i), r);
            far += r.fallback() == FallbackReason.FAR_FROM_SEGMENTS ? 1 : 0;
        }
        // 1% of the training rows lie beyond the 99th percentile (to one row of interpolation)
        assertTrue(far >= 8 && far <= 10, "far rows: " + far);
    }

    @Test
    void aPolicyThatDoesNotFitTheModelIsRefusedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServingModel.of("A", KM3,
                FallbackPolicy.builder().coldStart("tenure_days", 30).build()));
        assertTrue(e.getMessage().contains("'tenure_days'") && e.getMessage().contains("recency_days"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ServingModel.of("A", KM3,
                FallbackPolicy.builder().farFromSegments(0.99).build()));
        assertTrue(e.getMessage().contains("no distance profile"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ServingModel.of("D", TestModels.dbscan(RAW, 0.4, 5),
                FallbackPolicy.builder().farFromSegmentsBeyond(1).build()));
        assertTrue(e.getMessage().contains("no segment centres"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FallbackPolicy.builder().farFromSegments(0.42));
        assertThrows(IllegalStateException.class, () -> FallbackPolicy.builder().farFromSegments(0.99)
                .farFromSegmentsBeyond(1));
        assertThrows(IllegalArgumentException.class, () -> FallbackPolicy.builder().coldStart("x", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> FallbackPolicy.builder().defaultSegment(" "));
    }

    @Test
    void aChallengerIsReportedInShadowAndPromoted() {
        ServingModel a = ServingModel.of("A", KM3, FallbackPolicy.defaults());
        ServingModel b = ServingModel.of("B", TestModels.kmeans(RAW, 3, 99), FallbackPolicy.defaults());
        LiveScorer live = LiveScorer.builder().build();
        live.swap(a);
        assertThrows(IllegalStateException.class, live::promoteChallenger);
        live.startChallenger(b);
        ScoreResult r = new ScoreResult();
        for (int i = 0; i < RAW.rows(); i++) {
            live.score(null, RAW.row(i), r);
            assertEquals("A", r.modelVersion(), "the champion answers while the challenger runs");
        }
        ChallengerReport report = live.challengerReport().orElseThrow();
        assertEquals(RAW.rows(), report.compared());
        int[] ya = KM3.assign(RAW);
        int[] yb = b.scorer().assign(RAW);
        int same = 0;
        Map<String, Integer> code = new HashMap<>();
        int[] ra = new int[ya.length];
        int[] rb = new int[yb.length];
        for (int i = 0; i < ya.length; i++) {
            String na = KM3.segmentName(ya[i]);
            String nb = b.scorer().segmentName(yb[i]);
            same += na.equals(nb) ? 1 : 0;
            ra[i] = code.computeIfAbsent(na, x -> code.size());
            rb[i] = code.computeIfAbsent(nb, x -> code.size());
        }
        assertEquals((double) same / ya.length, report.agreementRate(), 1e-15);
        long[][] m = report.migration();
        long total = 0;
        for (long[] row : m) {
            for (long v : row) {
                total += v;
            }
        }
        assertEquals(RAW.rows(), total);
        assertEquals(PopulationStabilityIndex.defaults().ofLabels(ra, rb).value(), report.segmentMixPsi(), 1e-12,
                "the same PSI as the validation module's");
        assertTrue(report.table().contains("champion \\ challenger"));
        ChallengerReport last = live.promoteChallenger();
        assertEquals("B", last.challengerVersion());
        assertEquals("B", live.current().orElseThrow().version());
        assertTrue(live.challengerReport().isEmpty());
    }
}
