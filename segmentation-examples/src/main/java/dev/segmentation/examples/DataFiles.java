/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the public data sets the examples run on. The directory is, in order: the system property
 * {@code segmentation.data.dir}, the environment variable {@code SEGMENTATION_DATA_DIR}, or the first
 * {@code shared/data} directory found beside the working directory or one of its ancestors (the layout of a
 * checkout next to the shared data folder). A missing file is reported with where it was looked for and where
 * the data set can be downloaded.
 */
final class DataFiles {
    private DataFiles() {
    }

    /** The path of a data file, which must exist. */
    static Path require(String fileName, String whereToGetIt) {
        List<Path> tried = new ArrayList<>();
        for (Path dir : candidates()) {
            Path p = dir.resolve(fileName);
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(p);
        }
        throw new IllegalStateException("Data file " + fileName + " not found; looked at " + tried
                + ". Set -Dsegmentation.data.dir=<dir> (or SEGMENTATION_DATA_DIR) to the folder that holds it. "
                + whereToGetIt);
    }

    static List<Path> candidates() {
        List<Path> out = new ArrayList<>();
        String prop = System.getProperty("segmentation.data.dir");
        if (prop != null && !prop.isBlank()) {
            out.add(Path.of(prop));
            return out;
        }
        String env = System.getenv("SEGMENTATION_DATA_DIR");
        if (env != null && !env.isBlank()) {
            out.add(Path.of(env));
            return out;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            out.add(dir.resolve("shared").resolve("data"));
            Path parent = dir.getParent();
            if (parent != null) {
                out.add(parent.resolve("shared").resolve("data"));
            }
        }
        return out;
    }
}
