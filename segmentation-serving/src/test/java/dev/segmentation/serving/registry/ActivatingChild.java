/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.Dataset;
import dev.segmentation.core.scoring.SegmentScorer;
import dev.segmentation.serving.TestModels;

import java.nio.file.Path;

/**
 * The child JVM of {@link KillDuringActivationTest}: registers a new version, activates it, and every third time
 * rolls back, back to back, printing {@code REGISTERED <id>}, {@code ACTIVATED <id>} and {@code ROLLEDBACK <id>}
 * after each returns, until it is killed. Argument: the registry directory.
 */
public final class ActivatingChild {
    private ActivatingChild() {
    }

    public static void main(String[] args) throws Exception {
        ModelRegistry registry = ModelRegistry.open(ModelStore.directory(Path.of(args[0])),
                InputContract.numeric(TestModels.INPUTS));
        Dataset raw = TestModels.customers(300, 3);
        SegmentScorer[] scorers = {TestModels.kmeans(raw, 3, 1), TestModels.kmeans(raw, 4, 2)};
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; ; i++) {
            // every file differs (its lineage records the time it was written), so each is a new version
            String id = registry.register(scorers[i % 2], Registration.builder().description("round " + i).build()).id();
            System.out.println("REGISTERED " + id);
            System.out.flush();
            registry.activate(id, "round " + i);
            System.out.println("ACTIVATED " + id);
            System.out.flush();
            if (i % 3 == 2) {
                String back = registry.rollback("round " + i).id();
                System.out.println("ROLLEDBACK " + back);
                System.out.flush();
            }
        }
    }
}
