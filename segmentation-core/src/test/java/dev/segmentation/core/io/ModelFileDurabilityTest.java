/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.io;

import dev.segmentation.core.kmeans.KMeansModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** File modes, leftover temporary files, and kill -9 during writes. */
class ModelFileDurabilityTest {

    private static void requirePosix() {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "POSIX file permissions are not supported here");
    }

    @Test
    void aReplacedFileKeepsItsPermissionsAndANewOneGetsTheDefault(@TempDir Path dir) throws IOException {
        requirePosix();
        Path file = dir.resolve("model.json");
        ModelIO.write(ModelIOTest.model(), file);
        Path reference = Files.createFile(dir.resolve("created-by-the-jvm"));
        assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(file),
                "a new model file gets the default permissions of this process (umask), not 0600");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-r--r--");
        Files.setPosixFilePermissions(file, shared);
        ModelIO.write(ModelIOTest.model(), file);
        assertEquals(shared, Files.getPosixFilePermissions(file), "replacing keeps 0644");
        Set<PosixFilePermission> group = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(file, group);
        ModelIO.write(ModelIOTest.model(), file);
        assertEquals(group, Files.getPosixFilePermissions(file), "replacing keeps 0660");
    }

    @Test
    void temporaryFilesLeftByInterruptedWritesAreRemoved(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.json");
        Path stale = Files.writeString(dir.resolve(".model.json.3fa9c2.tmp"), "{\"half\": ");
        Path staleEarlier = Files.writeString(dir.resolve("model.json8123456.tmp"), "{");
        Path fresh = Files.writeString(dir.resolve(".model.json.77aa.tmp"), "{");
        Path otherFile = Files.writeString(dir.resolve(".other.json.3fa9c2.tmp"), "{");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        for (Path p : List.of(stale, staleEarlier, otherFile)) {
            Files.setLastModifiedTime(p, old);
        }
        ModelIO.write(ModelIOTest.model(), file);
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleEarlier));
        assertTrue(Files.exists(fresh), "a recent temporary file may belong to a write in progress");
        assertTrue(Files.exists(otherFile), "another file's temporary files are not ours to remove");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count(), "the model and the two files left alone");
        }
    }

    @Test
    void killingTheWriterAtAnyPointLeavesACompleteModel(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path file = dir.resolve("model.json");
        int[] killAfterMillis = {5, 61, 170};
        for (int round = 0; round < killAfterMillis.length; round++) {
            Path started = dir.resolve("started-" + round);
            Process p = new ProcessBuilder(java, "-cp", classpath, WriteLoop.class.getName(), file.toString(),
                    started.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log-" + round).toFile())
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(started) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertTrue(Files.exists(started), "the writer started: " + Files.readString(dir.resolve("log-" + round)));
            Thread.sleep(killAfterMillis[round]);
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            KMeansModel m = ModelIO.read(file, KMeansModel.class);
            assertTrue(m.k() == 2 || m.k() == 8, "round " + round + ": a complete model, k = " + m.k());
        }
        // The next write cleans up (after the stale age) and succeeds.
        ModelIO.write(ModelIOTest.model(), file);
        assertEquals(3, ModelIO.read(file, KMeansModel.class).k());
    }
}
