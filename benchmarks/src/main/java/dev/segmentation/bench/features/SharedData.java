/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench.features;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the real data files: system property {@code segmentation.data.dir}, else the environment variable
 * {@code SEGMENTATION_DATA_DIR}, else {@code shared/data} under the nearest ancestor of the working directory
 * that has one.
 */
final class SharedData {
    private SharedData() {
    }

    /**
     * The file, or an exception that fails the trial and says where it was looked for.
     *
     * @throws IllegalStateException if the file is not found
     */
    static Path require(String file) {
        Path dir = null;
        String prop = System.getProperty("segmentation.data.dir");
        String env = System.getenv("SEGMENTATION_DATA_DIR");
        if (prop != null && !prop.isBlank()) {
            dir = Path.of(prop);
        } else if (env != null && !env.isBlank()) {
            dir = Path.of(env);
        } else {
            for (Path p = Path.of("").toAbsolutePath(); p != null && dir == null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("shared").resolve("data"))) {
                    dir = p.resolve("shared").resolve("data");
                }
            }
        }
        Path f = dir == null ? null : dir.resolve(file);
        if (f == null || !Files.isRegularFile(f)) {
            throw new IllegalStateException("Real data file " + file + " not found (looked in " + dir + "); set "
                    + "SEGMENTATION_DATA_DIR=/path/to/shared/data or run from a checkout next to shared/data");
        }
        return f;
    }
}
