/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.serving.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a process in the middle of batch runs, at random instants (while staging chunks, while publishing),
 * on H2 and on PostgreSQL. After every kill: the current snapshot is a whole published run, every run the child
 * saw committed is published, the interrupted run completes when re-run, and the audit log holds exactly one row
 * per change of every published run, none duplicated and none lost.
 */
class KillDuringBatchWriteTest {
    private static final int KILLS = 3;

    @TempDir
    Path dir;

    @Test
    void onTheEmbeddedDatabase() throws Exception {
        String[] args = {"h2", dir.toString()};
        killRepeatedly(args, () -> {
            EmbeddedDatabase db = EmbeddedDatabase.open(dir, 2);
            return new Opened(db.dataSource(), db::close);
        }, 11);
    }

    @Test
    void onPostgres() throws Exception {
        try (Databases.PostgresSchema schema = Databases.postgres()) {
            String[] args = {"postgres", schema.url(), Databases.USER, Databases.PASSWORD};
            killRepeatedly(args, () -> new Opened(schema.dataSource(), () -> { }), 12);
        }
    }

    private interface Opener {
        Opened open();
    }

    private record Opened(DataSource ds, Runnable close) {
    }

    private void killRepeatedly(String[] args, Opener opener, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        Population pop = PublishingChild.population();
        int interruptedRuns = 0;
        java.util.Map<String, Long> verified = new java.util.HashMap<>();
        for (int round = 0; round < KILLS; round++) {
            List<String> acknowledged = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(PublishingChild.class, args)) {
                child.await("READY", 120_000);
                Thread.sleep(100 + rng.nextInt(800));
                child.kill();
                for (String l : child.lines()) {
                    if (l.startsWith("PUBLISHED ")) {
                        acknowledged.add(l.substring("PUBLISHED ".length()));
                    }
                }
            }
            Opened opened = opener.open();
            DataSource ds = opened.ds();
            AssignmentStore store = AssignmentStore.open(ds, Clock.systemUTC(), SchemaMigrations.latest(),
                    PublishingChild.CHUNK);
            for (String run : acknowledged) {
                assertEquals(RunInfo.State.PUBLISHED, store.run(run).orElseThrow().state(),
                        "run " + run + " was acknowledged as committed");
            }
            checkConsistent(store, ds, verified);
            List<RunInfo> staging = store.runs().stream().filter(r -> r.state() == RunInfo.State.STAGING).toList();
            assertTrue(staging.size() <= 1, "at most the interrupted run is staging: " + staging);
            for (RunInfo r : staging) {
                interruptedRuns++;
                int i = Integer.parseInt(r.runId().substring("run-".length()));
                RunInfo done = store.publish(r.runId(), PublishingChild.model(i), pop, Duration.ofDays(1));
                assertEquals(PublishingChild.N, done.written());
            }
            checkConsistent(store, ds, verified);
            // re-running the last published run changes nothing
            long audit = store.audit().size();
            RunInfo last = store.currentRun().orElseThrow();
            int i = Integer.parseInt(last.runId().substring("run-".length()));
            assertEquals(last, store.publish(last.runId(), PublishingChild.model(i), pop, Duration.ofDays(1)));
            assertEquals(audit, store.audit().size());
            opened.close().run();
        }
        assertTrue(interruptedRuns > 0, "no kill landed inside a run; the test did not test anything");
    }

    /** The invariants that must hold after any crash. */
    private static void checkConsistent(AssignmentStore store, DataSource ds, java.util.Map<String, Long> verified)
            throws Exception {
        RunInfo current = store.currentRun().orElse(null);
        if (current == null) {
            assertEquals(0, store.audit().size(), "no run was published, so there is no audit row");
            return;
        }
        assertEquals(RunInfo.State.PUBLISHED, current.state());
        assertEquals(PublishingChild.N, count(ds, "SELECT COUNT(*) FROM seg_assignment WHERE run_id = '"
                + current.runId() + "'"), "the current snapshot is whole");
        long total = 0;
        for (RunInfo r : store.runs()) {
            if (r.state() != RunInfo.State.PUBLISHED) {
                continue;
            }
            long rows = store.audit().sizeOfRun(r.runId());
            assertEquals(r.added() + r.changed() + r.removed(), rows, "audit rows of " + r.runId());
            Long before = verified.get(r.runId());
            if (before == null) {
                assertEquals(store.diff(r.previousRun(), r.runId()).size(), rows, "one audit row per change of "
                        + r.runId());
                verified.put(r.runId(), rows);
            } else {
                assertEquals(before, rows, "the audit rows of " + r.runId() + " never change");
            }
            total += rows;
        }
        assertEquals(total, store.audit().size(), "no audit row outside a published run");
        assertEquals(total, count(ds, "SELECT COUNT(DISTINCT event_key) FROM seg_audit"));
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
