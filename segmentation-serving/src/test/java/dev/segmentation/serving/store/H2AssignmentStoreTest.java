/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store on its embedded default, an H2 file database. */
class H2AssignmentStoreTest extends AbstractAssignmentStoreTest {
    @TempDir
    Path dir;

    private EmbeddedDatabase db;

    @Override
    DataSource freshDatabase() {
        db = EmbeddedDatabase.open(dir, 4);
        return db.dataSource();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void refusesAnH2DatabaseThatAcknowledgesCommitsBeforeWritingThem() {
        JdbcDataSource lazy = new JdbcDataSource();
        lazy.setURL("jdbc:h2:file:" + dir.resolve("lazy").toAbsolutePath());
        StoreException e = assertThrows(StoreException.class, () -> AssignmentStore.open(lazy));
        assertTrue(e.getMessage().contains("WRITE_DELAY=") && e.getMessage().contains(";WRITE_DELAY=0"), e.getMessage());
    }
}
