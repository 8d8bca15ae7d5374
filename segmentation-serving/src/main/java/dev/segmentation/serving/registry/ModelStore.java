/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link ModelRegistry} keeps its versions: model files, their registry entries and the active pointer,
 * as opaque bytes. {@link #directory(Path)} is the implementation that ships; an object store or a database
 * table can follow by implementing these few methods with the same guarantees.
 *
 * <h2>Contract for implementations</h2>
 * <ul>
 *   <li>{@link #put} is atomic: after a crash at any instant a version is either listed by {@link #versions()}
 *       with both its files complete, or not listed at all;</li>
 *   <li>{@link #replacePointer} is atomic and durable: a reader sees the previous pointer or the new one, never
 *       a mix and never nothing once a pointer has been written;</li>
 *   <li>{@link #exclusive} runs its work while no other registry (in this or another process) mutates the store,
 *       so that version ids are never handed out twice and pointer updates do not interleave.</li>
 * </ul>
 *
 * @since 0.1
 */
public interface ModelStore {

    /** A directory store: {@code versions/<id>/model.json}, {@code versions/<id>/entry.json}, {@code active.json}. */
    static ModelStore directory(Path dir) throws IOException {
        return new DirectoryModelStore(dir);
    }

    /** The complete versions, oldest first. */
    List<String> versions() throws IOException;

    /** The id that the next {@link #put} should use; call it inside {@link #exclusive}. */
    String newVersionId() throws IOException;

    /**
     * Stores a version, atomically.
     *
     * @throws IOException if it cannot be written, or the id is taken
     */
    void put(String version, byte[] modelFile, byte[] entry) throws IOException;

    /**
     * A version's model file.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such version
     */
    byte[] modelFile(String version) throws IOException;

    /**
     * A version's registry entry.
     *
     * @throws java.nio.file.NoSuchFileException if there is no such version
     */
    byte[] entry(String version) throws IOException;

    /** Deletes a version (its files, then the version itself). */
    void delete(String version) throws IOException;

    /** The active pointer, if one was ever written. */
    Optional<byte[]> pointer() throws IOException;

    /** Replaces the active pointer atomically and durably. */
    void replacePointer(byte[] pointer) throws IOException;

    /**
     * Runs {@code work} while holding the store's exclusive lock.
     *
     * @throws IOException if the lock cannot be taken or the work fails
     */
    <T> T exclusive(Work<T> work) throws IOException;

    /** Work done under {@link #exclusive}. */
    @FunctionalInterface
    interface Work<T> {
        /** Does the work. */
        T run() throws IOException;
    }
}
