/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.core.internal.Checks;
import dev.segmentation.serving.Membership;
import dev.segmentation.serving.MembershipSource;
import dev.segmentation.serving.ScoreResult;
import dev.segmentation.serving.ServingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Customers' segment memberships and the audit log of every change, in a relational database reached through
 * JDBC: the embedded default ({@link EmbeddedDatabase}) or PostgreSQL, with the same statements.
 * <pre>{@code
 * AssignmentStore store = AssignmentStore.open(EmbeddedDatabase.open(Path.of("data"), 8).dataSource());
 * RunInfo run = store.publish("nightly-2011-12-10", servingModel, Population.of(ids, raw), Duration.ofDays(2));
 * Lookup l = store.lookup("12347");                         // CURRENT, EXPIRED, SUPPRESSED or UNKNOWN
 * store.revokeConsent("12347", "crm-optout");               // gone from every membership and every later export
 * List<SegmentChange> diff = store.diff(run.previousRun(), run.runId());
 * }</pre>
 *
 * <h2>Snapshots and batch runs</h2>
 * A batch run ({@link #publish}) writes one snapshot: an assignment row per customer (segment, name, confidence,
 * reason, model version, assigned-at, expires-at). It writes in chunked transactions under a run id that lookups
 * do not see, then <em>publishes</em> in one short transaction: the audit rows of every change against the
 * current snapshot (added, changed segment name, removed), the pointer moved to the new snapshot, and the run
 * marked published. So:
 * <ul>
 *   <li>a run killed at any instant (even {@code kill -9} during the publishing transaction) leaves the
 *       previous snapshot current and its audit log as it was, or the complete new snapshot with all of its audit
 *       rows; never a part of either;</li>
 *   <li>re-running the same run id after a crash discards what the crashed attempt staged and starts again;
 *       re-running a published run id changes nothing and returns the published run. Every audit row has a
 *       unique event key ({@code run:<run>:<customer>}), so no re-run can duplicate one, and since audit rows are
 *       written in the publishing transaction, none can be lost;</li>
 *   <li>lookups always read the current snapshot, whole.</li>
 * </ul>
 *
 * <h2>Audit log</h2>
 * Append-only through this API: {@link #audit()} reads it and nothing here updates or deletes a row. Every row
 * names the customer, the old and new segment (label and name), the model version, the reason and the time.
 *
 * <h2>Consent</h2>
 * {@link #revokeConsent} records the revocation, logs it to the audit log with the customer's last segment,
 * and deletes the customer's rows from every snapshot and staging run in one transaction; later runs skip the
 * customer, lookups answer {@link Lookup.State#SUPPRESSED}, and exports ({@link #diff}) never include them.
 *
 * <h2>Memberships and TTL</h2>
 * A membership is current until its expires-at; after it, {@link #lookup} answers {@link Lookup.State#EXPIRED} and
 * {@link #currentMembership} nothing, so an old segment is never served as current.
 *
 * <h2>Failures</h2>
 * Every database error is a {@link StoreException} naming the operation; its transaction is rolled back. The
 * database being down at {@link #open} fails there, clearly; down in the middle of a run fails that run, which a
 * re-run completes. Thread-safe: every call takes its own connection from the data source (use a pool).
 *
 * @since 0.1
 */
public final class AssignmentStore implements MembershipSource {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentStore.class);
    /** The longest customer id, run id, segment name the schema holds. */
    public static final int MAX_ID_LENGTH = 200;
    private static final int DEFAULT_CHUNK = 5_000;
    private static final int IN_LIST = 500;

    private static final String MEMBERSHIP_COLUMNS = "a.customer_id, a.segment, a.segment_name, a.confidence, a.reason, "
            + "a.model_version, a.run_id, a.assigned_at, a.expires_at";

    private final DataSource dataSource;
    private final Clock clock;
    private final String database;
    private final int chunk;

    private AssignmentStore(DataSource dataSource, Clock clock, String database, int chunk) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.database = database;
        this.chunk = chunk;
    }

    /**
     * Opens the store, creating or migrating its schema to the newest version.
     *
     * @throws StoreException if the database cannot be reached, its schema is newer than this library or was
     *     migrated by other scripts, or it is an H2 database that does not write commits through
     */
    public static AssignmentStore open(DataSource dataSource) {
        return open(dataSource, Clock.systemUTC());
    }

    /** As {@link #open(DataSource)}, with the clock that stamps assignments, expiries and audit rows. */
    public static AssignmentStore open(DataSource dataSource, Clock clock) {
        return open(dataSource, clock, SchemaMigrations.latest(), DEFAULT_CHUNK);
    }

    /** As {@link #open(DataSource, Clock)}, migrating to {@code schemaVersion} and writing {@code chunk} rows per transaction. */
    static AssignmentStore open(DataSource dataSource, Clock clock, int schemaVersion, int chunk) {
        Checks.notNull("dataSource", dataSource);
        Checks.notNull("clock", clock);
        Checks.atLeast("chunk", chunk, 1);
        String described = dataSource.getClass().getSimpleName();
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            String url = md.getURL();
            described = md.getDatabaseProductName() + " " + md.getDatabaseProductVersion() + " at "
                    + (url.indexOf('?') > 0 ? url.substring(0, url.indexOf('?')) : url);
            checkDurable(c, md);
            List<Integer> applied = SchemaMigrations.migrate(c, schemaVersion);
            LOG.info("Assignment store on {} (schema version {}{})", described, schemaVersion,
                    applied.isEmpty() ? "" : ", migrated " + applied);
        } catch (SQLException e) {
            throw new StoreException("Cannot open the assignment store on " + described + ": " + e.getMessage(), e);
        }
        return new AssignmentStore(dataSource, clock, described, chunk);
    }

    private static void checkDurable(Connection c, DatabaseMetaData md) throws SQLException {
        if (!"H2".equals(md.getDatabaseProductName()) || md.getURL().startsWith("jdbc:h2:mem:")) {
            return;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            if (r.next() && !"0".equals(r.getString(1).strip())) {
                throw new StoreException("The H2 database at " + md.getURL() + " has WRITE_DELAY=" + r.getString(1)
                        + ": it acknowledges commits before writing them, so a killed process loses assignments and "
                        + "audit rows. Add ;WRITE_DELAY=0 to the URL (EmbeddedDatabase does).");
            }
        }
    }

    /** The database, as described by its driver. */
    public String database() {
        return database;
    }

    /** The schema version of the database. */
    public int schemaVersion() {
        return read("read the schema version", c -> {
            Map<Integer, String> h = SchemaMigrations.history(c);
            return h.isEmpty() ? 0 : ((TreeMap<Integer, String>) h).lastKey();
        });
    }

    // ------------------------------------------------------------------------------------------ batch runs

    /**
     * Scores a population with one model version and publishes the result as the current snapshot (see the class
     * documentation for the crash guarantees).
     *
     * @param runId the run's identifier; re-running it after a crash completes it, re-running it after it was
     *     published returns the published run
     * @param model the model version to score with (every customer of the run gets this one)
     * @param population the customers. Not modified.
     * @param ttl how long the memberships stay current
     * @return the run with its counts
     * @throws IllegalArgumentException if an id is blank, too long or repeated in the population, the population's
     *     columns are not the model's inputs, or the TTL is not positive
     * @throws IllegalStateException if the run id was started with another model version
     * @throws StoreException if the database fails (the run can be re-run)
     */
    public RunInfo publish(String runId, ServingModel model, Population population, Duration ttl) {
        id("runId", runId);
        Checks.notNull("model", model);
        Checks.notNull("population", population);
        Checks.notNull("ttl", ttl);
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The membership TTL must be positive but was " + ttl);
        }
        if (!population.inputNames().equals(model.scorer().inputNames())) {
            throw new IllegalArgumentException("The population's records have columns " + population.inputNames()
                    + " but model version " + model.version() + " reads " + model.scorer().inputNames());
        }
        checkIds(population);
        Instant now = clock.instant();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        OffsetDateTime expires = now.plus(ttl).atOffset(ZoneOffset.UTC);
        Optional<RunInfo> done = write("start run " + runId, c -> begin(c, runId, model.version(), at));
        if (done.isPresent()) {
            LOG.info("Run {} was already published; nothing to do", runId);
            return done.get();
        }
        Set<String> suppressed = read("read the consent list", AssignmentStore::allSuppressed);
        int n = population.size();
        long skipped = 0;
        double[] raw = new double[model.scorer().inputNames().size()];
        ScoreResult r = new ScoreResult();
        for (int start = 0; start < n; start += chunk) {
            final int from = start;
            final int to = Math.min(n, start + chunk);
            skipped += write("stage rows " + from + ".." + (to - 1) + " of run " + runId,
                    c -> stage(c, runId, model, population, from, to, suppressed, raw, r, at, expires));
        }
        final long suppressedCount = skipped;
        RunInfo info = write("publish run " + runId, c -> publish(c, runId, n, suppressedCount, at));
        LOG.info("Published {}", info.summary());
        return info;
    }

    private static Optional<RunInfo> begin(Connection c, String runId, String version, OffsetDateTime at)
            throws SQLException {
        Optional<RunInfo> existing = run(c, runId, true);
        if (existing.isEmpty()) {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO seg_run (run_id, model_version, state, started_at) VALUES (?, ?, 'STAGING', ?)")) {
                p.setString(1, runId);
                p.setString(2, version);
                p.setObject(3, at);
                p.executeUpdate();
            }
            return Optional.empty();
        }
        RunInfo e = existing.get();
        if (e.state() != RunInfo.State.STAGING) {
            return existing;
        }
        if (!e.modelVersion().equals(version)) {
            throw new IllegalStateException("Run " + runId + " was started with model version " + e.modelVersion()
                    + " and cannot be completed with version " + version + "; start a new run id");
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM seg_assignment WHERE run_id = ?")) {
            p.setString(1, runId);
            int discarded = p.executeUpdate();
            if (discarded > 0) {
                LOG.info("Run {} resumes after an interrupted attempt: {} staged rows discarded", runId, discarded);
            }
        }
        return Optional.empty();
    }

    private static long stage(Connection c, String runId, ServingModel model, Population population, int from, int to,
                              Set<String> suppressed, double[] raw, ScoreResult r, OffsetDateTime at,
                              OffsetDateTime expires) throws SQLException {
        long skipped = 0;
        try (PreparedStatement p = c.prepareStatement("INSERT INTO seg_assignment (run_id, customer_id, segment, "
                + "segment_name, confidence, reason, model_version, assigned_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = from; i < to; i++) {
                String id = population.customerId(i);
                if (suppressed.contains(id)) {
                    skipped++;
                    continue;
                }
                population.raw(i, raw);
                model.score(raw, r);
                p.setString(1, runId);
                p.setString(2, id);
                if (r.isModelSegment()) {
                    p.setInt(3, r.segment());
                } else {
                    p.setNull(3, Types.INTEGER);
                }
                p.setString(4, r.segmentName());
                if (r.confidence() == r.confidence() && Math.abs(r.confidence()) < Double.POSITIVE_INFINITY) {
                    p.setDouble(5, r.confidence());
                } else {
                    p.setNull(5, Types.DOUBLE);
                }
                p.setString(6, r.fallback() == null ? Membership.SCORED : r.fallback().code());
                p.setString(7, model.version());
                p.setObject(8, at);
                p.setObject(9, expires);
                p.addBatch();
            }
            p.executeBatch();
        }
        return skipped;
    }

    private static RunInfo publish(Connection c, String runId, long population, long suppressedAtStart,
                                   OffsetDateTime at) throws SQLException {
        String previous;
        try (PreparedStatement p = c.prepareStatement("SELECT run_id FROM seg_current WHERE id = 1 FOR UPDATE");
             ResultSet r = p.executeQuery()) {
            if (!r.next()) {
                throw new SQLException("seg_current has no row 1: the schema was not created by this library");
            }
            previous = r.getString(1);
        }
        RunInfo self = run(c, runId, true).orElseThrow(() -> new SQLException("Run " + runId + " disappeared"));
        if (self.state() != RunInfo.State.STAGING) {
            return self; // published concurrently by another process
        }
        long late;
        try (PreparedStatement p = c.prepareStatement("DELETE FROM seg_assignment WHERE run_id = ? AND customer_id IN "
                + "(SELECT customer_id FROM seg_consent)")) {
            p.setString(1, runId);
            late = p.executeUpdate();
        }
        String insert = "INSERT INTO seg_audit (event_key, at, customer_id, old_segment, old_segment_name, new_segment, "
                + "new_segment_name, model_version, reason, run_id) ";
        long added;
        try (PreparedStatement p = c.prepareStatement(insert
                + "SELECT 'run:' || n.run_id || ':' || n.customer_id, ?, n.customer_id, CAST(NULL AS INTEGER), "
                + "CAST(NULL AS VARCHAR(200)), n.segment, n.segment_name, n.model_version, n.reason, n.run_id "
                + "FROM seg_assignment n WHERE n.run_id = ? AND NOT EXISTS (SELECT 1 FROM seg_assignment o "
                + "WHERE o.run_id = ? AND o.customer_id = n.customer_id)")) {
            p.setObject(1, at);
            p.setString(2, runId);
            nullable(p, 3, previous);
            added = p.executeUpdate();
        }
        long changed;
        try (PreparedStatement p = c.prepareStatement(insert
                + "SELECT 'run:' || n.run_id || ':' || n.customer_id, ?, n.customer_id, o.segment, o.segment_name, "
                + "n.segment, n.segment_name, n.model_version, n.reason, n.run_id "
                + "FROM seg_assignment n JOIN seg_assignment o ON o.run_id = ? AND o.customer_id = n.customer_id "
                + "WHERE n.run_id = ? AND o.segment_name <> n.segment_name")) {
            p.setObject(1, at);
            nullable(p, 2, previous);
            p.setString(3, runId);
            changed = p.executeUpdate();
        }
        long removed;
        try (PreparedStatement p = c.prepareStatement(insert
                + "SELECT 'run:' || CAST(? AS VARCHAR(200)) || ':' || o.customer_id, ?, o.customer_id, o.segment, "
                + "o.segment_name, CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR(200)), o.model_version, '"
                + AuditEntry.REMOVED + "', CAST(? AS VARCHAR(200)) FROM seg_assignment o WHERE o.run_id = ? "
                + "AND NOT EXISTS (SELECT 1 FROM seg_assignment n WHERE n.run_id = ? AND n.customer_id = o.customer_id)")) {
            p.setString(1, runId);
            p.setObject(2, at);
            p.setString(3, runId);
            nullable(p, 4, previous);
            p.setString(5, runId);
            removed = p.executeUpdate();
        }
        long written;
        try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM seg_assignment WHERE run_id = ?")) {
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                written = r.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE seg_current SET run_id = ? WHERE id = 1")) {
            p.setString(1, runId);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE seg_run SET state = 'PUBLISHED', published_at = ?, "
                + "previous_run = ?, population = ?, written = ?, suppressed = ?, added = ?, changed = ?, removed = ? "
                + "WHERE run_id = ?")) {
            p.setObject(1, at);
            nullable(p, 2, previous);
            p.setLong(3, population);
            p.setLong(4, written);
            p.setLong(5, suppressedAtStart + late);
            p.setLong(6, added);
            p.setLong(7, changed);
            p.setLong(8, removed);
            p.setString(9, runId);
            p.executeUpdate();
        }
        return run(c, runId, false).orElseThrow();
    }

    private static void checkIds(Population population) {
        Map<String, Integer> seen = new HashMap<>(Math.max(16, population.size() * 2));
        for (int i = 0; i < population.size(); i++) {
            String id = population.customerId(i);
            if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
                throw new IllegalArgumentException("Customer id of row " + i + " is " + (id == null ? "null"
                        : id.isBlank() ? "blank" : "longer than " + MAX_ID_LENGTH + " characters"));
            }
            Integer before = seen.put(id, i);
            if (before != null) {
                throw new IllegalArgumentException("Customer id '" + id + "' appears twice in the population (rows "
                        + before + " and " + i + ")");
            }
        }
    }

    /** The runs, oldest first. */
    public List<RunInfo> runs() {
        return read("list the runs", c -> {
            List<RunInfo> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT " + RUN_COLUMNS + " FROM seg_run ORDER BY started_at, run_id")) {
                while (r.next()) {
                    out.add(runInfo(r));
                }
            }
            return out;
        });
    }

    /** A run, if it exists. */
    public Optional<RunInfo> run(String runId) {
        id("runId", runId);
        return read("read run " + runId, c -> run(c, runId, false));
    }

    /** The run whose snapshot is current, if one was published. */
    public Optional<RunInfo> currentRun() {
        return read("read the current run", c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT run_id FROM seg_current WHERE id = 1")) {
                String id = r.next() ? r.getString(1) : null;
                return id == null ? Optional.empty() : run(c, id, false);
            }
        });
    }

    /**
     * The number of assignments of a run by reason ({@code scored} or a fallback code).
     *
     * @throws IllegalArgumentException if there is no such run
     */
    public Map<String, Long> reasonCounts(String runId) {
        id("runId", runId);
        return read("count the reasons of run " + runId, c -> {
            if (run(c, runId, false).isEmpty()) {
                throw new IllegalArgumentException("No run '" + runId + "'");
            }
            Map<String, Long> out = new TreeMap<>();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT reason, COUNT(*) FROM seg_assignment WHERE run_id = ? GROUP BY reason")) {
                p.setString(1, runId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Deletes the snapshot rows of all published runs but the current one and the {@code keep - 1} published
     * before it; their run records and audit rows stay (state {@link RunInfo.State#PRUNED}).
     *
     * @return the pruned run ids
     * @throws IllegalArgumentException if {@code keep < 1}
     */
    public List<String> retain(int keep) {
        Checks.atLeast("keep", keep, 1);
        String current = currentRun().map(RunInfo::runId).orElse(null);
        List<RunInfo> older = new ArrayList<>();
        for (RunInfo r : runs()) {
            if (r.state() == RunInfo.State.PUBLISHED && !r.runId().equals(current)) {
                older.add(r);
            }
        }
        older.sort((a, b) -> b.publishedAt().compareTo(a.publishedAt()));
        List<String> pruned = new ArrayList<>();
        for (int i = keep - 1; i < older.size(); i++) {
            String runId = older.get(i).runId();
            write("prune run " + runId, c -> {
                try (PreparedStatement p = c.prepareStatement("DELETE FROM seg_assignment WHERE run_id = ?");
                     PreparedStatement u = c.prepareStatement("UPDATE seg_run SET state = 'PRUNED' WHERE run_id = ?")) {
                    p.setString(1, runId);
                    p.executeUpdate();
                    u.setString(1, runId);
                    u.executeUpdate();
                }
                return null;
            });
            pruned.add(runId);
        }
        if (!pruned.isEmpty()) {
            LOG.info("Retention pruned the snapshots of runs {}", pruned);
        }
        return pruned;
    }

    // ------------------------------------------------------------------------------------------ lookups

    /**
     * The customer's membership in the current snapshot.
     *
     * @throws IllegalArgumentException if the id is blank or too long
     * @throws StoreException if the database fails
     */
    public Lookup lookup(String customerId) {
        id("customerId", customerId);
        return read("look up a customer", c -> {
            if (suppressed(c, customerId)) {
                return new Lookup(Lookup.State.SUPPRESSED, null);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT " + MEMBERSHIP_COLUMNS + " FROM seg_current s "
                    + "JOIN seg_assignment a ON a.run_id = s.run_id WHERE s.id = 1 AND a.customer_id = ?")) {
                p.setString(1, customerId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) {
                        return new Lookup(Lookup.State.UNKNOWN, null);
                    }
                    Membership m = membership(r);
                    return new Lookup(m.isCurrentAt(clock.instant()) ? Lookup.State.CURRENT : Lookup.State.EXPIRED, m);
                }
            }
        });
    }

    @Override
    public Optional<Membership> currentMembership(String customerId) {
        Lookup l = lookup(customerId);
        return l.state() == Lookup.State.CURRENT ? l.membership() : Optional.empty();
    }

    @Override
    public boolean isSuppressed(String customerId) {
        id("customerId", customerId);
        return read("check consent", c -> suppressed(c, customerId));
    }

    @Override
    public Set<String> suppressedAmong(Collection<String> customerIds) {
        Checks.notNull("customerIds", customerIds);
        List<String> ids = new ArrayList<>(customerIds);
        return read("check consent", c -> {
            Set<String> out = new HashSet<>();
            for (int start = 0; start < ids.size(); start += IN_LIST) {
                List<String> part = ids.subList(start, Math.min(ids.size(), start + IN_LIST));
                StringBuilder sql = new StringBuilder("SELECT customer_id FROM seg_consent WHERE customer_id IN (");
                for (int i = 0; i < part.size(); i++) {
                    sql.append(i == 0 ? "?" : ", ?");
                }
                try (PreparedStatement p = c.prepareStatement(sql.append(')').toString())) {
                    for (int i = 0; i < part.size(); i++) {
                        p.setString(i + 1, part.get(i));
                    }
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.add(r.getString(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    private static boolean suppressed(Connection c, String customerId) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM seg_consent WHERE customer_id = ?")) {
            p.setString(1, customerId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static Set<String> allSuppressed(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT customer_id FROM seg_consent")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ consent

    /**
     * Revokes a customer's consent: recorded with the time, logged to the audit log with their last segment,
     * and their rows deleted from every snapshot and staging run, in one transaction. Revoking again changes
     * nothing.
     *
     * @param source who or what recorded it (a system name)
     * @throws IllegalArgumentException if an id is blank or too long
     * @throws StoreException if the database fails (nothing was changed)
     */
    public ConsentRecord revokeConsent(String customerId, String source) {
        id("customerId", customerId);
        id("source", source);
        return write("revoke consent", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT revoked_at, source FROM seg_consent WHERE customer_id = ?")) {
                p.setString(1, customerId);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        return new ConsentRecord(customerId, r.getObject(1, OffsetDateTime.class).toInstant(),
                                r.getString(2), false, 0);
                    }
                }
            }
            OffsetDateTime at = clock.instant().atOffset(ZoneOffset.UTC);
            Membership last = null;
            try (PreparedStatement p = c.prepareStatement("SELECT " + MEMBERSHIP_COLUMNS + " FROM seg_current s "
                    + "JOIN seg_assignment a ON a.run_id = s.run_id WHERE s.id = 1 AND a.customer_id = ?")) {
                p.setString(1, customerId);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        last = membership(r);
                    }
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO seg_consent (customer_id, revoked_at, source) VALUES (?, ?, ?)")) {
                p.setString(1, customerId);
                p.setObject(2, at);
                p.setString(3, source);
                p.executeUpdate();
            }
            consentAudit(c, customerId, at, last, AuditEntry.CONSENT_REVOKED);
            int removed;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM seg_assignment WHERE customer_id = ?")) {
                p.setString(1, customerId);
                removed = p.executeUpdate();
            }
            LOG.info("Consent revoked ({}); {} membership rows removed", source, removed);
            return new ConsentRecord(customerId, at.toInstant(), source, true, removed);
        });
    }

    /**
     * Restores a customer's consent (logged); the next batch run assigns them a segment again.
     *
     * @return false if the customer had not revoked consent
     * @throws StoreException if the database fails
     */
    public boolean restoreConsent(String customerId, String source) {
        id("customerId", customerId);
        id("source", source);
        return write("restore consent", c -> {
            int deleted;
            try (PreparedStatement p = c.prepareStatement("DELETE FROM seg_consent WHERE customer_id = ?")) {
                p.setString(1, customerId);
                deleted = p.executeUpdate();
            }
            if (deleted == 0) {
                return false;
            }
            consentAudit(c, customerId, clock.instant().atOffset(ZoneOffset.UTC), null, AuditEntry.CONSENT_RESTORED);
            LOG.info("Consent restored ({})", source);
            return true;
        });
    }

    private static void consentAudit(Connection c, String customerId, OffsetDateTime at, Membership last, String reason)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO seg_audit (event_key, at, customer_id, old_segment, "
                + "old_segment_name, new_segment, new_segment_name, model_version, reason, run_id) "
                + "VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL)")) {
            p.setString(1, reason + ":" + customerId + ":" + at.toInstant().toEpochMilli() + ":" + System.nanoTime());
            p.setObject(2, at);
            p.setString(3, customerId);
            if (last != null && last.segmentOrNull() != null) {
                p.setInt(4, last.segmentOrNull());
            } else {
                p.setNull(4, Types.INTEGER);
            }
            nullable(p, 5, last == null ? null : last.segmentName());
            nullable(p, 6, last == null ? null : last.modelVersion());
            p.setString(7, reason);
            p.executeUpdate();
        }
    }

    // ------------------------------------------------------------------------------------------ audit and diffs

    /** The audit log, read-only. */
    public AuditLog audit() {
        return new AuditLog(this);
    }

    /**
     * The changes from one snapshot to another, by customer id (in {@link String#compareTo} order, whatever the
     * database's collation), without suppressed customers.
     *
     * @param fromRun the older run, or null to treat every membership of {@code toRun} as added
     * @param toRun the newer run
     * @throws IllegalArgumentException if a run does not exist or its snapshot was pruned
     */
    public List<SegmentChange> diff(String fromRun, String toRun) {
        id("toRun", toRun);
        if (fromRun != null) {
            id("fromRun", fromRun);
        }
        return read("diff runs " + fromRun + " and " + toRun, c -> {
            snapshot(c, toRun);
            if (fromRun != null) {
                snapshot(c, fromRun);
            }
            List<SegmentChange> out = new ArrayList<>();
            String notSuppressed = " AND NOT EXISTS (SELECT 1 FROM seg_consent s WHERE s.customer_id = n.customer_id)";
            try (PreparedStatement p = c.prepareStatement("SELECT n.customer_id, o.segment, o.segment_name, "
                    + "o.model_version, n.segment, n.segment_name, n.model_version FROM seg_assignment n "
                    + "LEFT JOIN seg_assignment o ON o.run_id = ? AND o.customer_id = n.customer_id WHERE n.run_id = ? "
                    + "AND (o.customer_id IS NULL OR o.segment_name <> n.segment_name)" + notSuppressed)) {
                nullable(p, 1, fromRun);
                p.setString(2, toRun);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        boolean added = r.getString(3) == null;
                        out.add(new SegmentChange(r.getString(1), added ? SegmentChange.Kind.ADDED
                                : SegmentChange.Kind.CHANGED, integer(r, 2), r.getString(3), r.getString(4),
                                integer(r, 5), r.getString(6), r.getString(7)));
                    }
                }
            }
            if (fromRun != null) {
                try (PreparedStatement p = c.prepareStatement("SELECT n.customer_id, n.segment, n.segment_name, "
                        + "n.model_version FROM seg_assignment n WHERE n.run_id = ? AND NOT EXISTS (SELECT 1 FROM "
                        + "seg_assignment o WHERE o.run_id = ? AND o.customer_id = n.customer_id)" + notSuppressed)) {
                    p.setString(1, fromRun);
                    p.setString(2, toRun);
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.add(new SegmentChange(r.getString(1), SegmentChange.Kind.REMOVED, integer(r, 2),
                                    r.getString(3), r.getString(4), null, null, null));
                        }
                    }
                }
            }
            out.sort((a, b) -> a.customerId().compareTo(b.customerId()));
            return out;
        });
    }

    private static void snapshot(Connection c, String runId) throws SQLException {
        RunInfo r = run(c, runId, false).orElseThrow(() -> new IllegalArgumentException("No run '" + runId + "'"));
        if (r.state() != RunInfo.State.PUBLISHED) {
            throw new IllegalArgumentException("Run '" + runId + "' is " + r.state() + ": its snapshot is "
                    + (r.state() == RunInfo.State.STAGING ? "not published" : "pruned by retention"));
        }
    }

    List<AuditEntry> auditQuery(String where, Object... params) {
        return read("read the audit log", c -> {
            List<AuditEntry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT audit_id, at, customer_id, old_segment, "
                    + "old_segment_name, new_segment, new_segment_name, model_version, reason, run_id FROM seg_audit "
                    + where)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new AuditEntry(r.getLong(1), r.getObject(2, OffsetDateTime.class).toInstant(),
                                r.getString(3), integer(r, 4), r.getString(5), integer(r, 6), r.getString(7),
                                r.getString(8), r.getString(9), r.getString(10)));
                    }
                }
            }
            return out;
        });
    }

    long auditCount(String where, Object... params) {
        return read("count the audit log", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM seg_audit " + where)) {
                for (int i = 0; i < params.length; i++) {
                    p.setObject(i + 1, params[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    // ------------------------------------------------------------------------------------------ rows and JDBC

    private static final String RUN_COLUMNS = "run_id, model_version, state, started_at, published_at, previous_run, "
            + "population, written, suppressed, added, changed, removed";

    private static Optional<RunInfo> run(Connection c, String runId, boolean forUpdate) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM seg_run WHERE run_id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            p.setString(1, runId);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(runInfo(r)) : Optional.empty();
            }
        }
    }

    private static RunInfo runInfo(ResultSet r) throws SQLException {
        OffsetDateTime published = r.getObject(5, OffsetDateTime.class);
        return new RunInfo(r.getString(1), r.getString(2), RunInfo.State.valueOf(r.getString(3)),
                r.getObject(4, OffsetDateTime.class).toInstant(), published == null ? null : published.toInstant(),
                r.getString(6), count(r, 7), count(r, 8), count(r, 9), count(r, 10), count(r, 11), count(r, 12));
    }

    private static long count(ResultSet r, int col) throws SQLException {
        long v = r.getLong(col);
        return r.wasNull() ? -1 : v;
    }

    private static Membership membership(ResultSet r) throws SQLException {
        double conf = r.getDouble(4);
        if (r.wasNull()) {
            conf = Double.NaN;
        }
        return new Membership(r.getString(1), integer(r, 2), r.getString(3), conf, r.getString(5), r.getString(6),
                r.getString(7), r.getObject(8, OffsetDateTime.class).toInstant(),
                r.getObject(9, OffsetDateTime.class).toInstant());
    }

    private static Integer integer(ResultSet r, int col) throws SQLException {
        int v = r.getInt(col);
        return r.wasNull() ? null : v;
    }

    private static void nullable(PreparedStatement p, int i, String v) throws SQLException {
        if (v == null) {
            p.setNull(i, Types.VARCHAR);
        } else {
            p.setString(i, v);
        }
    }

    static String id(String name, String v) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is " + (v == null ? "null" : "blank"));
        }
        if (v.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(name + " is longer than " + MAX_ID_LENGTH + " characters (" + v.length()
                    + ")");
        }
        return v;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Could not " + what + " in the assignment store on " + database + ": "
                    + e.getMessage(), e);
        }
    }

    private <T> T write(String what, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T out = work.run(c);
                c.commit();
                return out;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Could not " + what + " in the assignment store on " + database + " (rolled back): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "AssignmentStore[" + database + "]";
    }
}
