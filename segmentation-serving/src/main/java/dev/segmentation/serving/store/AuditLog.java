/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.core.internal.Checks;

import java.util.List;

/**
 * A read-only view of the assignment store's audit log: who was in which segment when, and why. The log is
 * the only record of a customer's past segments; nothing in the library updates or deletes its rows.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class AuditLog {
    private final AssignmentStore store;

    AuditLog(AssignmentStore store) {
        this.store = store;
    }

    /** A customer's rows, oldest first. */
    public List<AuditEntry> forCustomer(String customerId) {
        AssignmentStore.id("customerId", customerId);
        return store.auditQuery("WHERE customer_id = ? ORDER BY audit_id", customerId);
    }

    /** A run's rows, in log order. */
    public List<AuditEntry> forRun(String runId) {
        AssignmentStore.id("runId", runId);
        return store.auditQuery("WHERE run_id = ? ORDER BY audit_id", runId);
    }

    /**
     * Up to {@code limit} rows after position {@code afterId}, in log order: page through the whole log with
     * the last row's {@link AuditEntry#id()}.
     *
     * @throws IllegalArgumentException if {@code limit < 1}
     */
    public List<AuditEntry> page(long afterId, int limit) {
        Checks.atLeast("limit", limit, 1);
        return store.auditQuery("WHERE audit_id > ? ORDER BY audit_id FETCH FIRST " + limit + " ROWS ONLY", afterId);
    }

    /** The number of rows. */
    public long size() {
        return store.auditCount("");
    }

    /** The number of rows of a run. */
    public long sizeOfRun(String runId) {
        AssignmentStore.id("runId", runId);
        return store.auditCount("WHERE run_id = ?", runId);
    }
}
