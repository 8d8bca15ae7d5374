/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.core.Dataset;
import dev.segmentation.serving.FallbackPolicy;
import dev.segmentation.serving.Membership;
import dev.segmentation.serving.ServingModel;
import dev.segmentation.serving.TestModels;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store's contract, run on every database it supports. */
abstract class AbstractAssignmentStoreTest {
    static final int N = 300;
    static final Dataset RAW = TestModels.customers(N, 11);
    static final List<String> IDS = TestModels.ids("C", N);
    static final ServingModel A = ServingModel.of("A", TestModels.kmeans(RAW, 3, 1), FallbackPolicy.defaults());
    static final ServingModel B = ServingModel.of("B", TestModels.kmeans(RAW, 4, 2), FallbackPolicy.defaults());
    static final Population ALL = Population.of(IDS, RAW);

    MutableClock clock;

    /** A fresh, empty database. */
    abstract DataSource freshDatabase();

    AssignmentStore store;
    DataSource ds;

    @BeforeEach
    void open() {
        clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
        ds = freshDatabase();
        store = AssignmentStore.open(ds, clock, SchemaMigrations.latest(), 64);
    }

    @Test
    void publishesASnapshotThatLookupsServeUntilItsTtl() {
        RunInfo run = store.publish("night-1", A, ALL, Duration.ofDays(2));
        assertEquals(RunInfo.State.PUBLISHED, run.state());
        assertEquals(N, run.population());
        assertEquals(N, run.written());
        assertEquals(N, run.added());
        assertEquals(0, run.changed() + run.removed());
        assertEquals("night-1", store.currentRun().orElseThrow().runId());
        int[] labels = A.scorer().assign(RAW);
        Lookup l = store.lookup(IDS.get(7));
        assertEquals(Lookup.State.CURRENT, l.state());
        Membership m = l.membership().orElseThrow();
        assertEquals(labels[7], m.segmentOrNull());
        assertEquals(A.scorer().segmentName(labels[7]), m.segmentName());
        assertEquals("A", m.modelVersion());
        assertEquals(Membership.SCORED, m.reason());
        assertEquals(A.scorer().confidence(RAW.row(7)), m.confidenceOrNaN(), 1e-12);
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), m.assignedAt());
        assertEquals(Instant.parse("2026-03-03T00:00:00Z"), m.expiresAt());
        assertTrue(store.currentMembership(IDS.get(7)).isPresent());
        assertEquals(Lookup.State.UNKNOWN, store.lookup("nobody").state());

        clock.advance(Duration.ofDays(2));
        assertEquals(Lookup.State.EXPIRED, store.lookup(IDS.get(7)).state(), "an expired membership is not current");
        assertTrue(store.currentMembership(IDS.get(7)).isEmpty());
        assertEquals(Map.of("scored", (long) N), store.reasonCounts("night-1"));
    }

    @Test
    void writesOneAuditRowPerChangeAndReRunsChangeNothing() {
        store.publish("night-1", A, ALL, Duration.ofDays(2));
        clock.advance(Duration.ofDays(1));
        // night 2 scores with B and without the last 20 customers
        Population fewer = Population.of(IDS.subList(0, N - 20), RAW.selectRows(range(N - 20)));
        RunInfo two = store.publish("night-2", B, fewer, Duration.ofDays(2));
        List<SegmentChange> diff = store.diff("night-1", "night-2");
        long changedInDiff = diff.stream().filter(c -> c.kind() == SegmentChange.Kind.CHANGED).count();
        assertEquals(20, two.removed());
        assertEquals(0, two.added());
        assertEquals(changedInDiff, two.changed());
        assertTrue(two.changed() > 0);
        assertEquals(two.changed() + two.removed(), store.audit().sizeOfRun("night-2"));
        assertEquals(N + two.changed() + two.removed(), store.audit().size());

        // a customer who changed: the audit row says from what to what, with which model, why and when
        SegmentChange c = diff.stream().filter(x -> x.kind() == SegmentChange.Kind.CHANGED).findFirst().orElseThrow();
        List<AuditEntry> trail = store.audit().forCustomer(c.customerId());
        assertEquals(2, trail.size());
        AuditEntry last = trail.get(1);
        assertEquals(c.oldSegmentName(), last.oldSegmentName());
        assertEquals(c.newSegmentName(), last.newSegmentName());
        assertEquals("B", last.modelVersion());
        assertEquals("scored", last.reason());
        assertEquals("night-2", last.runId());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), last.at());
        AuditEntry removed = store.audit().forCustomer(IDS.get(N - 1)).get(1);
        assertEquals(AuditEntry.REMOVED, removed.reason());
        assertEquals(null, removed.newSegmentName());

        // re-running a published run id is a no-op
        long before = store.audit().size();
        RunInfo again = store.publish("night-2", B, fewer, Duration.ofDays(2));
        assertEquals(two, again);
        assertEquals(before, store.audit().size());
        assertThrows(IllegalStateException.class, () -> {
            store.publish("night-3", A, ALL, Duration.ofDays(1));
            // a started run may not be finished with another model
            write("UPDATE seg_run SET state = 'STAGING' WHERE run_id = 'night-3'");
            store.publish("night-3", B, ALL, Duration.ofDays(1));
        });
        // paging through the whole log sees every row once
        Set<Long> seen = new HashSet<>();
        long after = 0;
        for (List<AuditEntry> page = store.audit().page(0, 100); !page.isEmpty(); page = store.audit().page(after, 100)) {
            for (AuditEntry e : page) {
                assertTrue(seen.add(e.id()));
                after = e.id();
            }
        }
        assertEquals(store.audit().size(), seen.size());
    }

    @Test
    void aDatabaseOutageMidRunLeavesThePreviousStateAndTheReRunCompletesExactlyOnce() {
        store.publish("night-1", A, ALL, Duration.ofDays(2));
        long auditBefore = store.audit().size();
        // commits of a run: begin, 5 staging chunks of 64 rows, publish; fail in staging and at the publish commit
        for (int failAt : new int[] {3, 7}) {
            FailingDataSource f = new FailingDataSource(ds);
            AssignmentStore s = AssignmentStore.open(f.dataSource(), clock, SchemaMigrations.latest(), 64);
            f.failAtCommit(failAt);
            StoreException e = assertThrows(StoreException.class,
                    () -> s.publish("night-2", B, ALL, Duration.ofDays(2)));
            assertTrue(e.getMessage().contains("simulated outage") && e.getMessage().contains("rolled back"),
                    e.getMessage());
            // the previous snapshot is current and whole, the audit log untouched
            assertEquals("night-1", store.currentRun().orElseThrow().runId());
            assertEquals(auditBefore, store.audit().size());
            assertEquals("A", store.lookup(IDS.get(0)).membership().orElseThrow().modelVersion());
            assertEquals(N, count("SELECT COUNT(*) FROM seg_assignment WHERE run_id = 'night-1'"));
            // and the service keeps failing clearly while the database is down
            assertThrows(StoreException.class, () -> s.lookup(IDS.get(0)));
        }
        RunInfo done = store.publish("night-2", B, ALL, Duration.ofDays(2));
        assertEquals(N, done.written());
        assertEquals(store.diff("night-1", "night-2").size(), store.audit().sizeOfRun("night-2"));
        assertEquals(auditBefore + done.changed(), store.audit().size());
    }

    @Test
    void revokedConsentRemovesTheCustomerEverywhereAndIsLogged() {
        store.publish("night-1", A, ALL, Duration.ofDays(2));
        String who = IDS.get(3);
        Membership before = store.lookup(who).membership().orElseThrow();
        clock.advance(Duration.ofHours(1));
        ConsentRecord r = store.revokeConsent(who, "crm-optout");
        assertTrue(r.newlyRevoked());
        assertEquals(1, r.membershipsRemoved());
        assertEquals(Instant.parse("2026-03-01T01:00:00Z"), r.revokedAt());
        assertEquals(Lookup.State.SUPPRESSED, store.lookup(who).state());
        assertTrue(store.isSuppressed(who));
        assertEquals(Set.of(who), store.suppressedAmong(List.of(IDS.get(1), who, IDS.get(5))));
        assertTrue(store.currentMembership(who).isEmpty());
        AuditEntry logged = store.audit().forCustomer(who).get(1);
        assertEquals(AuditEntry.CONSENT_REVOKED, logged.reason());
        assertEquals(before.segmentName(), logged.oldSegmentName());
        assertEquals(r.revokedAt(), logged.at());
        // revoking again changes nothing
        assertFalse(store.revokeConsent(who, "again").newlyRevoked());
        assertEquals(2, store.audit().forCustomer(who).size());
        // the next run skips the customer and its export does not mention them
        RunInfo two = store.publish("night-2", B, ALL, Duration.ofDays(2));
        assertEquals(1, two.suppressed());
        assertEquals(N - 1, two.written());
        assertTrue(store.diff("night-1", "night-2").stream().noneMatch(c -> c.customerId().equals(who)));
        assertTrue(store.diff(null, "night-2").stream().noneMatch(c -> c.customerId().equals(who)));
        assertEquals(0, count("SELECT COUNT(*) FROM seg_assignment WHERE customer_id = '" + who + "'"));
        // restoring consent brings them back at the next run
        assertTrue(store.restoreConsent(who, "customer opted in"));
        assertFalse(store.restoreConsent(who, "twice"));
        store.publish("night-3", A, ALL, Duration.ofDays(2));
        assertEquals(Lookup.State.CURRENT, store.lookup(who).state());
        List<AuditEntry> trail = store.audit().forCustomer(who);
        assertEquals(List.of("scored", "consent_revoked", "consent_restored", "scored"),
                trail.stream().map(AuditEntry::reason).toList());
    }

    @Test
    void consentRevokedWhileARunStagesIsHonouredAtPublication() {
        store.publish("night-1", A, ALL, Duration.ofDays(2));
        String who = IDS.get(9);
        Population revokingMidway = new Population() {
            @Override
            public int size() {
                return ALL.size();
            }

            @Override
            public String customerId(int i) {
                if (i == N - 1) {
                    store.revokeConsent(who, "mid-run");
                }
                return ALL.customerId(i);
            }

            @Override
            public void raw(int i, double[] out) {
                ALL.raw(i, out);
            }

            @Override
            public List<String> inputNames() {
                return ALL.inputNames();
            }
        };
        RunInfo two = store.publish("night-2", B, revokingMidway, Duration.ofDays(2));
        assertEquals(1, two.suppressed());
        assertEquals(Lookup.State.SUPPRESSED, store.lookup(who).state());
        assertEquals(0, count("SELECT COUNT(*) FROM seg_assignment WHERE customer_id = '" + who + "'"));
    }

    @Test
    void retentionPrunesOldSnapshotsButKeepsTheirAuditRows() {
        store.publish("n1", A, ALL, Duration.ofDays(2));
        clock.advance(Duration.ofDays(1));
        store.publish("n2", B, ALL, Duration.ofDays(2));
        clock.advance(Duration.ofDays(1));
        store.publish("n3", A, ALL, Duration.ofDays(2));
        long audit = store.audit().size();
        assertEquals(List.of("n1"), store.retain(2));
        assertEquals(RunInfo.State.PRUNED, store.run("n1").orElseThrow().state());
        assertEquals(audit, store.audit().size());
        assertEquals(0, count("SELECT COUNT(*) FROM seg_assignment WHERE run_id = 'n1'"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.diff("n1", "n3"));
        assertTrue(e.getMessage().contains("pruned"), e.getMessage());
        assertEquals(N, store.diff("n2", "n3").size() + unchanged("n2", "n3"));
        assertEquals(List.of("n2"), store.retain(1));
        assertEquals("n3", store.currentRun().orElseThrow().runId());
    }

    @Test
    void badInputsAreRefusedBeforeAnythingIsWritten() {
        List<String> dup = new java.util.ArrayList<>(IDS);
        dup.set(5, IDS.get(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.publish("r", A, Population.of(dup, RAW), Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("'C000003' appears twice") && e.getMessage().contains("rows 2 and 5"),
                e.getMessage());
        List<String> blank = new java.util.ArrayList<>(IDS);
        blank.set(4, " ");
        e = assertThrows(IllegalArgumentException.class,
                () -> store.publish("r", A, Population.of(blank, RAW), Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("row 4 is blank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.publish("r", A, ALL, Duration.ZERO));
        assertTrue(e.getMessage().contains("TTL"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.publish(" ", A, ALL, Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("runId is blank"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> store.lookup("x".repeat(201)));
        assertTrue(e.getMessage().contains("longer than 200"), e.getMessage());
        Dataset renamed = RAW.withColumnNames(List.of("r", "f", "m"));
        e = assertThrows(IllegalArgumentException.class,
                () -> store.publish("r", A, Population.of(IDS, renamed), Duration.ofDays(1)));
        assertTrue(e.getMessage().contains("[r, f, m]"), e.getMessage());
        assertTrue(store.runs().isEmpty());
        assertEquals(0, store.audit().size());
    }

    @Test
    void migratesStepByStepAndRefusesSchemasItDoesNotKnow() {
        assertEquals(SchemaMigrations.latest(), store.schemaVersion());
        write("DELETE FROM seg_schema_history WHERE version = 2");
        write("DROP INDEX seg_audit_run");
        assertEquals(1, store.schemaVersion());
        AssignmentStore.open(ds, clock);
        assertEquals(2, store.schemaVersion());
        assertEquals(1, count("SELECT COUNT(*) FROM seg_current"));

        write("UPDATE seg_schema_history SET checksum = '" + "f".repeat(64) + "' WHERE version = 1");
        StoreException e = assertThrows(StoreException.class, () -> AssignmentStore.open(ds, clock));
        assertTrue(e.getMessage().contains("migrated by a different script"), e.getMessage());
        write("UPDATE seg_schema_history SET checksum = '" + dev.segmentation.serving.internal.Hashing.sha256(
                SchemaMigrations.ALL.get(0).text()) + "' WHERE version = 1");
        write("INSERT INTO seg_schema_history (version, description, checksum, applied_at) "
                + "VALUES (3, 'from the future', 'x', CURRENT_TIMESTAMP)");
        e = assertThrows(StoreException.class, () -> AssignmentStore.open(ds, clock));
        assertTrue(e.getMessage().contains("schema is at version 3, written by a newer library"), e.getMessage());
    }

    @Test
    void aDatabaseThatIsDownAtStartIsAClearError() {
        FailingDataSource down = new FailingDataSource(ds);
        DataSource dead = down.dataSource();
        down.goDown();
        StoreException e = assertThrows(StoreException.class, () -> AssignmentStore.open(dead, clock));
        assertTrue(e.getMessage().startsWith("Cannot open the assignment store") && e.getMessage().contains("refused"),
                e.getMessage());
    }

    private long unchanged(String from, String to) {
        RunInfo r = store.run(to).orElseThrow();
        assertEquals(from, r.previousRun());
        return r.unchanged();
    }

    static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    void write(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long count(String sql) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
