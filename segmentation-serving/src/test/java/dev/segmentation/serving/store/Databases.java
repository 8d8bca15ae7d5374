/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The databases the store tests run on: a fresh embedded H2 file database, or a fresh schema on the PostgreSQL
 * server of the test environment ({@code .ci/postgres.sh} installs and starts one). Without a reachable server the
 * PostgreSQL tests are skipped with the reason printed on the console.
 */
public final class Databases {
    /** The server, overridable with {@code -Dsegmentation.test.postgres=jdbc:postgresql://host:port/db}. */
    public static final String URL = System.getProperty("segmentation.test.postgres",
            System.getenv().getOrDefault("SEGMENTATION_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/segmentation_test"));
    public static final String USER = System.getProperty("segmentation.test.postgres.user", "segmentation");
    public static final String PASSWORD = System.getProperty("segmentation.test.postgres.password", "segmentation");

    private static volatile String unreachable;

    private Databases() {
    }

    /** A new, empty schema on the test server; the test is skipped (with a console message) if there is none. */
    public static PostgresSchema postgres() {
        String why = probe();
        if (why != null) {
            String message = "Skipped: no PostgreSQL server for the assignment-store tests at " + URL + " (user "
                    + USER + "): " + why + ". Run .ci/postgres.sh (as root) to install and start one.";
            System.err.println(message);
            Assumptions.abort(message);
        }
        String schema = "seg_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(URL, props()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create schema " + schema + " on " + URL + ": " + e.getMessage(), e);
        }
        return new PostgresSchema(schema);
    }

    private static synchronized String probe() {
        if (unreachable != null) {
            return unreachable.isEmpty() ? null : unreachable;
        }
        Properties p = props();
        p.setProperty("connectTimeout", "3");
        p.setProperty("loginTimeout", "3");
        try (Connection c = DriverManager.getConnection(URL, p)) {
            unreachable = "";
            return null;
        } catch (SQLException e) {
            unreachable = e.getMessage();
            return unreachable;
        }
    }

    private static Properties props() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        return p;
    }

    /** A schema of the test server, dropped with {@link #close()}. */
    public static final class PostgresSchema implements AutoCloseable {
        public final String name;

        PostgresSchema(String name) {
            this.name = name;
        }

        /** The JDBC URL that opens connections on this schema. */
        public String url() {
            return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + name + "&reWriteBatchedInserts=true";
        }

        public DataSource dataSource() {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setUrl(url());
            ds.setUser(USER);
            ds.setPassword(PASSWORD);
            return ds;
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(URL, props()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + name + " CASCADE");
            }
        }
    }
}
