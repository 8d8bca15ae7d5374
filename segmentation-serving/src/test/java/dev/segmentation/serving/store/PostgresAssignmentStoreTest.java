/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same contract on a real PostgreSQL server (a fresh schema per test). Skipped, with the reason printed, when
 * no server is reachable; {@code .ci/run} starts one, so CI always runs it.
 */
class PostgresAssignmentStoreTest extends AbstractAssignmentStoreTest {
    private Databases.PostgresSchema schema;

    @Override
    DataSource freshDatabase() {
        schema = Databases.postgres();
        return schema.dataSource();
    }

    @AfterEach
    void drop() throws SQLException {
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void anUnreachableServerIsAClearErrorAtOpen() {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/segmentation_test?connectTimeout=2");
        nowhere.setUser("segmentation");
        StoreException e = assertThrows(StoreException.class, () -> AssignmentStore.open(nowhere));
        assertTrue(e.getMessage().startsWith("Cannot open the assignment store") && e.getMessage().contains("refused"),
                e.getMessage());
    }
}
