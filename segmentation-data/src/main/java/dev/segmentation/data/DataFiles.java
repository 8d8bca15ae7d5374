/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.data;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the public data files that the examples, tests and benchmarks read: the one lookup every program of
 * the repository uses. Not part of the library.
 *
 * <p>The places, in order, each tried once:
 * <ol>
 *   <li>the folder named by the system property {@value #PROPERTY} or, when it is not set, by the environment
 *       variable {@value #ENVIRONMENT};</li>
 *   <li>the repository's {@code data/} folder: the nearest ancestor of this class's location, or of the
 *       working directory, that holds {@code data/README.md} beside a {@code pom.xml};</li>
 *   <li>a {@code shared/data} folder beside the repository or beside one of its ancestors (or the working
 *       directory's): the fallback for files that are not shipped in {@code data/}.</li>
 * </ol>
 */
public final class DataFiles {
    /** The system property that names a data folder. */
    public static final String PROPERTY = "segmentation.data.dir";
    /** The environment variable that names a data folder (when the property is not set). */
    public static final String ENVIRONMENT = "SEGMENTATION_DATA_DIR";

    private DataFiles() {
    }

    /** A place where data files are looked for, and why it is on the list. */
    public record Location(Path folder, String origin) {
        @Override
        public String toString() {
            return folder + " (" + origin + ")";
        }
    }

    /** The places searched, in order, without repetition. */
    public static List<Location> locations() {
        Map<Path, Location> out = new LinkedHashMap<>();
        String prop = System.getProperty(PROPERTY);
        String env = System.getenv(ENVIRONMENT);
        if (prop != null && !prop.isBlank()) {
            add(out, Path.of(prop), "-D" + PROPERTY);
        } else if (env != null && !env.isBlank()) {
            add(out, Path.of(env), ENVIRONMENT);
        }
        List<Path> starts = new ArrayList<>(2);
        codeLocation().ifPresent(starts::add);
        starts.add(Path.of("").toAbsolutePath());
        Path repository = null;
        for (Path start : starts) {
            repository = repositoryRoot(start);
            if (repository != null) {
                break;
            }
        }
        if (repository != null) {
            add(out, repository.resolve("data"), "the repository's data folder");
        }
        Path sharedFrom = repository != null ? repository : Path.of("").toAbsolutePath();
        for (Path dir = sharedFrom; dir != null; dir = dir.getParent()) {
            Path shared = dir.resolve("shared").resolve("data");
            if (Files.isDirectory(shared)) {
                add(out, shared, "shared data folder beside the checkout");
                break;
            }
        }
        return List.copyOf(out.values());
    }

    /** The file, in the first place that has it. */
    public static Optional<Path> find(String fileName) {
        checkName(fileName);
        for (Location l : locations()) {
            Path p = l.folder().resolve(fileName);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The file, which must exist.
     *
     * @throws IllegalStateException with {@link #notFoundMessage} if no place has it
     */
    public static Path require(String fileName) {
        return find(fileName).orElseThrow(() -> new IllegalStateException(notFoundMessage(fileName)));
    }

    /** What to tell a user when {@code fileName} is in none of the {@link #locations()}. */
    public static String notFoundMessage(String fileName) {
        checkName(fileName);
        StringBuilder sb = new StringBuilder("Data file ").append(fileName).append(" was not found. Looked in:");
        List<Location> places = locations();
        for (int i = 0; i < places.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(places.get(i).folder().resolve(fileName))
                    .append("  (").append(places.get(i).origin()).append(')');
        }
        if (places.isEmpty()) {
            sb.append(" nowhere: no data folder is configured and no repository data folder was found");
        }
        sb.append("\nWhat to do: run from a clone of the repository (its data/ folder ships the public data sets), "
                + "or put the file in a folder and pass -D" + PROPERTY + "=<folder> (or set " + ENVIRONMENT
                + "). data/README.md says where every file comes from.");
        return sb.toString();
    }

    private static void checkName(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank but was '" + fileName + "'");
        }
    }

    private static void add(Map<Path, Location> out, Path folder, String origin) {
        Path normal = folder.toAbsolutePath().normalize();
        out.putIfAbsent(normal, new Location(normal, origin));
    }

    /** The nearest ancestor of {@code start} (itself included) with {@code data/README.md} and a {@code pom.xml}. */
    private static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("data").resolve("README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return null;
    }

    private static Optional<Path> codeLocation() {
        CodeSource source = DataFiles.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }
}
