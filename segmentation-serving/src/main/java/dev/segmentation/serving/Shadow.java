/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A challenger scored in shadow of a champion: the counts behind a {@link ChallengerReport}.
 *
 * <p>Invariants: {@code cells} is a (kc + 1) x (kh + 1) row-major matrix of champion row by challenger column,
 * where row kc (column kh) collects answers that are not a segment of that model (policy segments, stored
 * memberships of other versions); {@code compared} is the sum of the cells; {@code agreed} counts the answers
 * whose segment names are equal. Counters are only incremented, so a report read during traffic is a consistent
 * lower bound that may lag by the records in flight.
 */
final class Shadow {
    static final String POLICY_BUCKET = "(policy segment)";

    final ServingModel champion;
    final ServingModel challenger;
    private final int kc;
    private final int kh;
    private final AtomicLongArray cells;
    private final LongAdder agreed = new LongAdder();
    private final ThreadLocal<ScoreResult> holder = ThreadLocal.withInitial(ScoreResult::new);

    Shadow(ServingModel champion, ServingModel challenger) {
        this.champion = champion;
        this.challenger = challenger;
        this.kc = champion.scorer().k();
        this.kh = challenger.scorer().k();
        this.cells = new AtomicLongArray((kc + 1) * (kh + 1));
    }

    void record(double[] raw, ScoreResult champ) {
        ScoreResult h = holder.get();
        challenger.score(raw, h);
        int r = champ.isModelSegment() && champion.version().equals(champ.modelVersion()) ? champ.segment() : kc;
        int c = h.isModelSegment() ? h.segment() : kh;
        cells.incrementAndGet(r * (kh + 1) + c);
        if (Objects.equals(champ.segmentName(), h.segmentName())) {
            agreed.increment();
        }
    }

    ChallengerReport report() {
        long[][] m = new long[kc + 1][kh + 1];
        long n = 0;
        for (int r = 0; r <= kc; r++) {
            for (int c = 0; c <= kh; c++) {
                m[r][c] = cells.get(r * (kh + 1) + c);
                n += m[r][c];
            }
        }
        List<String> rows = new ArrayList<>(champion.scorer().segmentNames());
        rows.add(POLICY_BUCKET);
        List<String> cols = new ArrayList<>(challenger.scorer().segmentNames());
        cols.add(POLICY_BUCKET);
        return new ChallengerReport(champion.version(), challenger.version(), n, Math.min(agreed.sum(), n), rows, cols, m);
    }
}
