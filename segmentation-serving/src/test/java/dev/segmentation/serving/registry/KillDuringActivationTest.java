/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.serving.ChildJvm;
import dev.segmentation.serving.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a process that registers, activates and rolls back versions back to back, at random instants. After
 * every kill the registry opens, every listed version loads, the active pointer names one of them and agrees with
 * its history, and every activation the child saw return is in the history, in order.
 */
class KillDuringActivationTest {
    @TempDir
    Path dir;

    @Test
    void thePointerIsAlwaysThePreviousOrTheNewOne() throws Exception {
        SplittableRandom rng = new SplittableRandom(5);
        int changesSeen = 0;
        for (int round = 0; round < 4; round++) {
            List<String> acknowledged = new ArrayList<>();
            List<String> registered = new ArrayList<>();
            try (ChildJvm child = ChildJvm.start(ActivatingChild.class, dir.toString())) {
                child.await("READY", 120_000);
                if (round == 0) {
                    // On a slow machine a fixed delay can end before the first activation; the first round waits
                    // for one, so that the rounds always have acknowledged changes to check.
                    child.await("ACTIVATED ", 120_000);
                }
                Thread.sleep(150 + rng.nextInt(600));
                child.kill();
                for (String l : child.lines()) {
                    if (l.startsWith("ACTIVATED ") || l.startsWith("ROLLEDBACK ")) {
                        acknowledged.add(l.substring(l.indexOf(' ') + 1));
                    } else if (l.startsWith("REGISTERED ")) {
                        registered.add(l.substring(l.indexOf(' ') + 1));
                    }
                }
            }
            ModelRegistry registry = ModelRegistry.open(ModelStore.directory(dir), InputContract.numeric(TestModels.INPUTS));
            List<String> ids = new ArrayList<>();
            for (ModelVersion v : registry.versions()) {
                registry.load(v.id()); // every listed version is complete and intact
                ids.add(v.id());
            }
            assertTrue(ids.containsAll(registered), "every acknowledged registration survives: " + registered);
            List<Activation> history = registry.history();
            assertTrue(history.size() >= changesSeen + acknowledged.size(), "acknowledged changes are durable");
            for (int i = 0; i < acknowledged.size(); i++) {
                assertEquals(acknowledged.get(i), history.get(changesSeen + i).version(), "history entry " + i);
            }
            changesSeen = history.size();
            if (!history.isEmpty()) {
                String active = registry.active().orElseThrow().id();
                assertTrue(ids.contains(active), "the active version " + active + " is a registered one");
                assertEquals(history.get(history.size() - 1).version(), active);
            }
        }
        assertTrue(changesSeen > 0, "the child never activated anything");
    }
}
