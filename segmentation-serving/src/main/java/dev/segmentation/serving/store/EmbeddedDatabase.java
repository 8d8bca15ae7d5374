/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.core.internal.Checks;
import org.h2.jdbcx.JdbcConnectionPool;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The assignment store's default database: H2, embedded in the process, in one file.
 *
 * <h2>Why H2</h2>
 * It is pure Java (one jar, no native library to match to the platform), speaks standard SQL close enough to
 * PostgreSQL that the store runs the same statements and the same migration scripts on both (identity columns,
 * {@code TIMESTAMP WITH TIME ZONE}, {@code IS NOT DISTINCT FROM}, {@code SELECT ... FOR UPDATE}), and gives
 * concurrent readers and writers real transactions (MVCC), so that lookups keep answering while a batch run
 * writes. SQLite, the other candidate, is a native library, allows one writer at a time and needs its own DDL
 * dialect.
 *
 * <h2>Durability</h2>
 * By default H2 writes committed transactions to its file up to a second later, so a process killed with
 * {@code kill -9} loses commits that it had acknowledged (measured: about 3,000 of them in a tight commit loop).
 * The databases opened here set {@code WRITE_DELAY=0}: every commit is in the file before {@code commit()}
 * returns, and {@link AssignmentStore#open} refuses an H2 database that does not.
 *
 * @since 0.1
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final JdbcConnectionPool pool;

    private EmbeddedDatabase(JdbcConnectionPool pool) {
        this.pool = pool;
    }

    /**
     * A connection pool over the database file {@code dir/segments.mv.db} (created if absent). The file is locked
     * by this process until {@link #close()}.
     *
     * @param dir the directory of the database file
     * @param maxConnections the pool size, at least 1
     */
    public static EmbeddedDatabase open(Path dir, int maxConnections) {
        Checks.notNull("dir", dir);
        return pool(url(dir), maxConnections);
    }

    /** The pooled data source, for {@link AssignmentStore#open}. */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes the pool's connections, which closes the database and releases its file. */
    @Override
    public void close() {
        pool.dispose();
    }

    /** The JDBC URL of the database in {@code dir}, with the durable settings. */
    public static String url(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("segments") + ";WRITE_DELAY=0";
    }

    /** A private in-memory database, gone when the last connection closes (tests, demos). */
    public static EmbeddedDatabase inMemory(String name, int maxConnections) {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("An in-memory database name is letters, digits, '_' and '-', not '"
                    + name + "'");
        }
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", maxConnections);
    }

    private static EmbeddedDatabase pool(String url, int max) {
        Checks.atLeast("maxConnections", max, 1);
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(max);
        return new EmbeddedDatabase(pool);
    }
}
