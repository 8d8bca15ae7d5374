/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import java.time.Instant;
import java.util.Locale;

/**
 * A batch run of the assignment store.
 *
 * @param runId the run's identifier, chosen by the caller (re-running the same id is idempotent)
 * @param modelVersion the model version that scored it
 * @param state where the run is
 * @param startedAt when it started
 * @param publishedAt when its snapshot became current, or null
 * @param previousRun the snapshot it replaced, or null
 * @param population the customers given, or -1 before publication
 * @param written the assignments written (the population less suppressed customers), or -1
 * @param suppressed customers left out because they revoked consent, or -1
 * @param added customers with a segment now and none before, or -1
 * @param changed customers whose segment name changed, or -1
 * @param removed customers of the previous snapshot absent from this one, or -1
 * @since 0.1
 */
public record RunInfo(String runId, String modelVersion, State state, Instant startedAt, Instant publishedAt,
                      String previousRun, long population, long written, long suppressed, long added, long changed,
                      long removed) {

    /** The states of a run. */
    public enum State {
        /** Writing its assignments; not visible to lookups. */
        STAGING,
        /** Its snapshot is or was the current one. */
        PUBLISHED,
        /** Published once; its snapshot rows were deleted by retention (its audit rows stay). */
        PRUNED
    }

    /** Customers present in both snapshots with the same segment name. */
    public long unchanged() {
        return written < 0 ? -1 : written - added - changed;
    }

    /** One line of counts. */
    public String summary() {
        return String.format(Locale.ROOT, "run %s (model %s, %s): %,d customers, %,d written, %,d suppressed; "
                + "%,d added, %,d changed, %,d removed, %,d unchanged", runId, modelVersion, state, population, written,
                suppressed, added, changed, removed, unchanged());
    }
}
