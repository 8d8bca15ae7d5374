/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import dev.segmentation.core.internal.Checks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The scorer a service calls per request: the active {@link ServingModel}, swapped in one reference assignment,
 * an optional challenger scored in shadow, consent checks and fallback counters.
 * <pre>{@code
 * LiveScorer live = LiveScorer.builder().memberships(store).build();
 * live.swap(ServingModel.load(registry, "3", policy));
 * ScoreResult r = new ScoreResult();                       // one per thread
 * live.score(customerIdOrNull, rawValues, r);
 * r.segmentName(); r.modelVersion(); r.fallback();
 * }</pre>
 *
 * <h2>Hot swap</h2>
 * {@link #swap} replaces the active model with one volatile write. A call reads the reference once and does all
 * its work on that model, so in-flight requests finish on the model they started with and every answer names the
 * version that produced it; {@link #current()} gives batch callers one model for a whole batch, so a batch is
 * never answered by two versions.
 *
 * <h2>Champion and challenger</h2>
 * With {@link #startChallenger}, every scored record is also scored by the challenger (on the calling thread,
 * after the champion's answer is complete; its result is never returned). {@link #challengerReport()} gives the
 * agreement rate, the migration matrix and the segment-mix PSI so far; {@link #promoteChallenger()} makes the
 * challenger the champion and returns the final report. The report compares segment <em>names</em>, since two
 * versions number their segments independently.
 *
 * <h2>Consent</h2>
 * When a call names a customer and a {@link MembershipSource} is configured, a customer who revoked consent gets
 * no segment ({@link FallbackReason#CONSENT_REVOKED}); if the source cannot answer, its exception propagates, so
 * that an unreachable consent list never results in a segment being served.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class LiveScorer {
    private static final Logger LOG = LoggerFactory.getLogger(LiveScorer.class);

    private final AtomicReference<ServingModel> active = new AtomicReference<>();
    private final AtomicReference<Shadow> shadow = new AtomicReference<>();
    private final MembershipSource memberships;
    private final LongAdder scored = new LongAdder();
    private final LongAdder[] fallbacks = new LongAdder[FallbackReason.values().length];

    private LiveScorer(MembershipSource memberships) {
        this.memberships = memberships;
        for (int i = 0; i < fallbacks.length; i++) {
            fallbacks[i] = new LongAdder();
        }
    }

    /** A builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The active model, if any. */
    public Optional<ServingModel> current() {
        return Optional.ofNullable(active.get());
    }

    /**
     * Makes {@code next} the active model. A running challenger of the previous champion is stopped (its report
     * would compare against a model no longer serving).
     *
     * @return the previous model, if any
     */
    public Optional<ServingModel> swap(ServingModel next) {
        Checks.notNull("next", next);
        ServingModel previous = active.getAndSet(next);
        Shadow s = shadow.get();
        if (s != null && s.champion != next) {
            shadow.compareAndSet(s, null);
        }
        LOG.info("Serving model version {} (was {})", next.version(), previous == null ? "none" : previous.version());
        return Optional.ofNullable(previous);
    }

    /**
     * Scores one raw record.
     *
     * @param customerId the customer, or null for an anonymous record (no consent check, no stored fallback)
     * @param raw raw values in the active model's input order. Not modified.
     * @param out receives the answer. Modified.
     * @throws IllegalStateException if no model is active
     * @throws IllegalArgumentException if {@code raw} has the wrong length
     * @throws RuntimeException what the membership source throws when it cannot answer
     */
    public void score(String customerId, double[] raw, ScoreResult out) {
        ServingModel m = active.get();
        if (m == null) {
            throw new IllegalStateException("No model version is active");
        }
        score(m, customerId, raw, out);
    }

    /**
     * Scores one raw record on a given model (for batches: take {@link #current()} once).
     *
     * @throws IllegalArgumentException if {@code raw} has the wrong length
     */
    public void score(ServingModel m, String customerId, double[] raw, ScoreResult out) {
        score(m, customerId, customerId != null && memberships != null && memberships.isSuppressed(customerId), raw,
                out);
    }

    /**
     * Scores one raw record whose consent the caller already checked (a batch checks all its customers in one
     * query with {@link MembershipSource#suppressedAmong}).
     *
     * @param suppressed whether the customer revoked consent
     * @throws IllegalArgumentException if {@code raw} has the wrong length
     */
    public void score(ServingModel m, String customerId, boolean suppressed, double[] raw, ScoreResult out) {
        Checks.notNull("m", m);
        if (suppressed) {
            out.begin(m.version(), m.scorer().confidenceKind());
            out.fallback(ScoreResult.NO_MODEL_SEGMENT, null, FallbackReason.CONSENT_REVOKED);
            count(out);
            return;
        }
        m.score(raw, out);
        if (out.fallback() == FallbackReason.SCORER_FAILURE_DEFAULT && customerId != null && memberships != null) {
            Optional<Membership> last = memberships.currentMembership(customerId);
            if (last.isPresent()) {
                String detail = out.detail();
                out.stored(last.get(), FallbackReason.SCORER_FAILURE_LAST_KNOWN);
                out.detail(detail);
            }
        }
        count(out);
        Shadow s = shadow.get();
        if (s != null && s.champion == m) {
            s.record(raw, out);
        }
    }

    /** Counts an answer made outside {@link #score} (a stored-membership lookup) under its fallback reason. */
    public void count(ScoreResult out) {
        scored.increment();
        if (out.fallback() != null) {
            fallbacks[out.fallback().ordinal()].increment();
        }
    }

    /** The number of answers counted so far. */
    public long answers() {
        return scored.sum();
    }

    /** The number of answers per fallback reason so far. */
    public Map<FallbackReason, Long> fallbackCounts() {
        Map<FallbackReason, Long> out = new EnumMap<>(FallbackReason.class);
        for (FallbackReason r : FallbackReason.values()) {
            out.put(r, fallbacks[r.ordinal()].sum());
        }
        return out;
    }

    /**
     * Starts scoring {@code challenger} in shadow of the active model.
     *
     * @throws IllegalStateException if no model is active
     */
    public void startChallenger(ServingModel challenger) {
        Checks.notNull("challenger", challenger);
        ServingModel champion = active.get();
        if (champion == null) {
            throw new IllegalStateException("A challenger needs an active champion");
        }
        shadow.set(new Shadow(champion, challenger));
        LOG.info("Challenger version {} scores in shadow of version {}", challenger.version(), champion.version());
    }

    /** Stops the challenger, if any. */
    public void stopChallenger() {
        shadow.set(null);
    }

    /** The challenger's report so far, if a challenger runs. */
    public Optional<ChallengerReport> challengerReport() {
        Shadow s = shadow.get();
        return s == null ? Optional.empty() : Optional.of(s.report());
    }

    /**
     * Makes the challenger the active model.
     *
     * @return the challenger's final report
     * @throws IllegalStateException if no challenger runs
     */
    public ChallengerReport promoteChallenger() {
        Shadow s = shadow.get();
        if (s == null) {
            throw new IllegalStateException("No challenger is running");
        }
        ChallengerReport report = s.report();
        swap(s.challenger);
        shadow.compareAndSet(s, null);
        LOG.info("Promoted challenger {}: {}", s.challenger.version(), report.summary());
        return report;
    }

    @Override
    public String toString() {
        ServingModel m = active.get();
        return "LiveScorer[active=" + (m == null ? "none" : m.version()) + "]";
    }

    /** Builds a {@link LiveScorer}. */
    public static final class Builder {
        private MembershipSource memberships;

        private Builder() {
        }

        /** The consent list and stored memberships (the assignment store). */
        public Builder memberships(MembershipSource source) {
            memberships = source;
            return this;
        }

        /** The scorer, with no model active yet. */
        public LiveScorer build() {
            return new LiveScorer(memberships);
        }
    }
}
