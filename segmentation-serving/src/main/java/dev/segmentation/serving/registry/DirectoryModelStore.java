/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import dev.segmentation.core.internal.AtomicFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * A {@link ModelStore} in a directory.
 *
 * <pre>
 * dir/.lock                       taken with an OS file lock by every mutation
 * dir/active.json                 the active pointer (replaced with fsync + rename)
 * dir/versions/1/model.json       the model file, byte for byte as registered
 * dir/versions/1/entry.json       the registry entry
 * </pre>
 *
 * <p>Invariants: a version directory is built under a temporary name ({@code .1.partial}), both files forced to
 * disk, and renamed to its final name in one {@code rename(2)}; only directories with a numeric name are
 * versions, so a crash leaves at most a temporary directory that the next {@link #put} deletes. Mutations hold
 * a JVM lock and an OS lock on {@code .lock} (released by the OS if the process dies).
 */
final class DirectoryModelStore implements ModelStore {
    private static final String POINTER = "active.json";
    private static final String MODEL = "model.json";
    private static final String ENTRY = "entry.json";
    /** The suffix of a version folder being staged or deleted; a crash can leave one, which the next lock removes. */
    private static final String STAGING_SUFFIX = ".partial";
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();

    private final Path dir;
    private final Path versionsDir;

    DirectoryModelStore(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        this.versionsDir = this.dir.resolve("versions");
        Files.createDirectories(versionsDir);
    }

    @Override
    public List<String> versions() throws IOException {
        List<Long> ids = new ArrayList<>();
        try (Stream<Path> s = Files.list(versionsDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (name.matches("[1-9][0-9]{0,17}") && Files.isRegularFile(p.resolve(ENTRY))
                        && Files.isRegularFile(p.resolve(MODEL))) {
                    ids.add(Long.parseLong(name));
                }
            }
        }
        ids.sort(Comparator.naturalOrder());
        List<String> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            out.add(Long.toString(id));
        }
        return out;
    }

    @Override
    public String newVersionId() throws IOException {
        List<String> v = versions();
        return v.isEmpty() ? "1" : Long.toString(Long.parseLong(v.get(v.size() - 1)) + 1);
    }

    @Override
    public void put(String version, byte[] modelFile, byte[] entry) throws IOException {
        Path target = versionDir(version);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "version " + version + " already exists");
        }
        Path tmp = versionsDir.resolve("." + version + STAGING_SUFFIX);
        deleteTree(tmp);
        Files.createDirectory(tmp);
        AtomicFiles.write(tmp.resolve(MODEL), modelFile);
        AtomicFiles.write(tmp.resolve(ENTRY), entry);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.forceDirectory(versionsDir);
    }

    @Override
    public byte[] modelFile(String version) throws IOException {
        return Files.readAllBytes(existing(version).resolve(MODEL));
    }

    @Override
    public byte[] entry(String version) throws IOException {
        return Files.readAllBytes(existing(version).resolve(ENTRY));
    }

    @Override
    public void delete(String version) throws IOException {
        Path d = existing(version);
        // Rename first, so that a crash while deleting never leaves a half version under its name.
        Path doomed = versionsDir.resolve("." + version + ".deleted" + STAGING_SUFFIX);
        deleteTree(doomed);
        Files.move(d, doomed, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(doomed);
        AtomicFiles.forceDirectory(versionsDir);
    }

    @Override
    public Optional<byte[]> pointer() throws IOException {
        try {
            return Optional.of(Files.readAllBytes(dir.resolve(POINTER)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public void replacePointer(byte[] pointer) throws IOException {
        AtomicFiles.write(dir.resolve(POINTER), pointer);
    }

    @Override
    public <T> T exclusive(Work<T> work) throws IOException {
        JVM_LOCK.lock();
        try (FileChannel ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            deleteTemporaryFiles();
            deleteStaleVersionDirectories();
            return work.run();
        } finally {
            JVM_LOCK.unlock();
        }
    }

    /** Under the lock no write is in progress: every temporary file in the store's folder is a crash's leftover. */
    private void deleteTemporaryFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.filter(AtomicFiles::isTemporary)::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void deleteStaleVersionDirectories() throws IOException {
        List<Path> stale = new ArrayList<>();
        try (Stream<Path> s = Files.list(versionsDir)) {
            s.filter(p -> p.getFileName().toString().startsWith(".")
                    && p.getFileName().toString().endsWith(STAGING_SUFFIX)).forEach(stale::add);
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    private Path versionDir(String version) {
        if (version == null || !version.matches("[1-9][0-9]{0,17}")) {
            throw new IllegalArgumentException("A version id is a positive integer, not '" + version + "'");
        }
        return versionsDir.resolve(version);
    }

    private Path existing(String version) throws NoSuchFileException {
        Path d = versionDir(version);
        if (!Files.isRegularFile(d.resolve(ENTRY)) || !Files.isRegularFile(d.resolve(MODEL))) {
            throw new NoSuchFileException(d.toString(), null, "no model version " + version + " in the registry at "
                    + dir);
        }
        return d;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            List<Path> all = new ArrayList<>();
            s.forEach(all::add);
            all.sort(Comparator.reverseOrder());
            for (Path q : all) {
                Files.deleteIfExists(q);
            }
        }
    }

    @Override
    public String toString() {
        return "DirectoryModelStore[" + dir + "]";
    }
}
