/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.serving.internal.Hashing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The store's versioned schema migrations: SQL scripts {@code migration/V<n>__<name>.sql} applied in order,
 * each recorded in {@code seg_schema_history} with the SHA-256 of its text.
 *
 * <p>Invariants: a migration is applied at most once (its history row is inserted in the same transaction as
 * its statements; a concurrent migrator fails on the primary key and re-reads the history); an applied
 * migration whose text changed since is refused, as is a database migrated by a newer library (a version this
 * library does not know). Scripts use {@code IF NOT EXISTS} throughout, so that a database whose DDL commits
 * implicitly (H2) can be migrated again after a crash in the middle of a script.
 *
 * <p>The store uses its own small runner rather than a migration framework so that an application embedding the
 * library keeps whatever migration tool and version it uses for its own schema.
 */
final class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    /** One script. */
    record Migration(int version, String description, String resource) {
        String text() {
            try (InputStream in = SchemaMigrations.class.getResourceAsStream("migration/" + resource)) {
                if (in == null) {
                    throw new IllegalStateException("Missing migration script " + resource);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<String> statements() {
            StringBuilder sql = new StringBuilder();
            for (String line : text().split("\n")) {
                String t = line.strip();
                if (!t.startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            List<String> out = new ArrayList<>();
            for (String s : sql.toString().split(";")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
            return out;
        }
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "runs, assignments, audit log, consent", "V1__runs_assignments_audit_consent.sql"),
            new Migration(2, "lookup indexes", "V2__lookup_indexes.sql"));

    private SchemaMigrations() {
    }

    /** The newest schema version this library knows. */
    static int latest() {
        return ALL.get(ALL.size() - 1).version();
    }

    /**
     * Brings the schema to {@code target}.
     *
     * @return the versions applied by this call
     * @throws SQLException on a database error
     * @throws StoreException if an applied script changed or the schema is newer than this library
     */
    static List<Integer> migrate(Connection c, int target) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS seg_schema_history (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        c.commit();
        List<Integer> applied = new ArrayList<>();
        for (Migration m : ALL) {
            if (m.version() > target) {
                break;
            }
            Map<Integer, String> history = history(c);
            check(history);
            if (history.containsKey(m.version())) {
                continue;
            }
            String sum = Hashing.sha256(m.text());
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO seg_schema_history (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)");
                 Statement s = c.createStatement()) {
                p.setInt(1, m.version());
                p.setString(2, m.description());
                p.setString(3, sum);
                p.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
                p.executeUpdate();
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                c.commit();
                applied.add(m.version());
                LOG.info("Assignment store schema migrated to version {} ({})", m.version(), m.description());
            } catch (SQLException e) {
                c.rollback();
                if (history(c).containsKey(m.version())) {
                    continue; // another process applied it meanwhile
                }
                throw e;
            }
        }
        check(history(c));
        return applied;
    }

    /** The applied versions and their checksums. */
    static Map<Integer, String> history(Connection c) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT version, checksum FROM seg_schema_history")) {
            while (r.next()) {
                out.put(r.getInt(1), r.getString(2));
            }
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        return out;
    }

    private static void check(Map<Integer, String> history) {
        for (Map.Entry<Integer, String> e : history.entrySet()) {
            if (e.getKey() < 1) {
                throw new StoreException("The assignment store's schema history holds version " + e.getKey()
                        + ", which no migration of this library has");
            }
            if (e.getKey() > latest()) {
                throw new StoreException("The assignment store's schema is at version " + e.getKey()
                        + ", written by a newer library; this library knows versions up to " + latest()
                        + ". Upgrade the library, or point it at another database.");
            }
            Migration m = ALL.get(e.getKey() - 1);
            String sum = Hashing.sha256(m.text());
            if (!sum.equals(e.getValue())) {
                throw new StoreException("Schema migration " + e.getKey() + " (" + m.description() + ") was applied "
                        + "with checksum " + e.getValue().substring(0, 12) + "... but this library's script hashes to "
                        + sum.substring(0, 12) + "...: the database was migrated by a different script");
            }
        }
    }
}
