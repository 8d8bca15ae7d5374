/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.store;

import dev.segmentation.core.Dataset;
import dev.segmentation.serving.FallbackPolicy;
import dev.segmentation.serving.ServingModel;
import dev.segmentation.serving.TestModels;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The child JVM of {@link KillDuringBatchWriteTest}: publishes batch runs back to back, alternating two models, and
 * prints {@code PUBLISHED <run>} after each commit, until it is killed.
 * Arguments: {@code h2 <dir>} or {@code postgres <url> <user> <password>}.
 */
public final class PublishingChild {
    static final int N = 1_000;
    static final int CHUNK = 200;

    private PublishingChild() {
    }

    /** The population both processes score. */
    static Population population() {
        Dataset raw = TestModels.customers(N, 5);
        return Population.of(TestModels.ids("K", N), raw);
    }

    /** Run i's model: A for even i, B for odd i (deterministic, so the parent can complete an interrupted run). */
    static ServingModel model(int i) {
        Dataset raw = TestModels.customers(N, 5);
        return i % 2 == 0 ? ServingModel.of("A", TestModels.kmeans(raw, 3, 1), FallbackPolicy.defaults())
                : ServingModel.of("B", TestModels.kmeans(raw, 4, 2), FallbackPolicy.defaults());
    }

    static DataSource dataSource(String[] args) {
        if (args[0].equals("h2")) {
            return EmbeddedDatabase.open(Path.of(args[1]), 2).dataSource();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[1]);
        ds.setUser(args[2]);
        ds.setPassword(args[3]);
        return ds;
    }

    public static void main(String[] args) {
        AssignmentStore store = AssignmentStore.open(dataSource(args), Clock.systemUTC(), SchemaMigrations.latest(),
                CHUNK);
        Population pop = population();
        ServingModel[] models = {model(0), model(1)};
        int next = store.runs().size() + 1;
        System.out.println("READY " + next);
        System.out.flush();
        for (int i = next; ; i++) {
            store.publish("run-" + i, models[i % 2], pop, Duration.ofDays(1));
            System.out.println("PUBLISHED run-" + i);
            System.out.flush();
        }
    }
}
