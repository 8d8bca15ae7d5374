/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Durable, atomic replacement of a file: what model files and registry pointers are written with. Not API.
 *
 * <p>The content goes to a temporary sibling {@code .<name>.<pid>-<n>.tmp}, which is forced to the storage device
 * before it is renamed over the target in one atomic move, and the directory is forced after the move, so that
 * after a crash or power loss at any point the target holds either its previous content or the complete new one,
 * never an empty or partial file. Permissions: a new file gets the process's default (the umask applies); a
 * replaced file keeps the POSIX permissions it had. Temporary files left by interrupted writes of the same target
 * (older than {@link #STALE}) are removed by the next write; {@link #isTemporary} recognises them for callers that
 * hold a lock and may remove them at once.
 */
public final class AtomicFiles {
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Age after which a temporary sibling is taken to be left over by an interrupted write. */
    public static final Duration STALE = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /** Writes the new content of a file to a stream (which the caller must not close). */
    @FunctionalInterface
    public interface Content {
        /** Writes the content. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} with {@code content}, durably and atomically.
     *
     * @throws IOException if the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, byte[] content) throws IOException {
        Checks.notNull("content", content);
        write(target, out -> out.write(content));
    }

    /**
     * Replaces {@code target} with what {@code content} streams, durably and atomically, without holding it in
     * memory.
     *
     * @throws IOException if the file cannot be written or {@code content} fails; the target is then unchanged
     */
    public static void write(Path target, Content content) throws IOException {
        Checks.notNull("target", target);
        Checks.notNull("content", content);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        String name = absolute.getFileName().toString();
        removeLeftovers(dir, name);
        Path tmp = createTemporary(dir, name);
        try {
            copyPermissions(absolute, tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            // unique without randomness: this process's id and a per-process counter (CREATE_NEW rules out a
            // leftover of an earlier process that had the same id)
            Path tmp = dir.resolve("." + name + "." + PID + "-" + SEQUENCE.incrementAndGet() + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView dest = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && dest != null) {
            dest.setPermissions(source.readAttributes().permissions());
        }
    }

    /** Forces a directory's entries (a rename into it) to storage; not every file system can, which is then logged. */
    public static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot force directory {} to storage: {}", dir, e.toString());
        }
    }

    /** Whether {@code file} is named like a temporary sibling of {@link #write}. */
    public static boolean isTemporary(Path file) {
        return TEMPORARY.matcher(file.getFileName().toString()).matches();
    }

    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-f]+(-[0-9]+)?\\.tmp");

    private static void removeLeftovers(Path dir, String name) {
        Pattern ours = Pattern.compile("\\." + Pattern.quote(name) + "\\.[0-9a-f]+(-[0-9]+)?\\.tmp");
        // Files.createTempFile(dir, name, ".tmp") names of earlier versions of this library
        Pattern earlier = Pattern.compile(Pattern.quote(name) + "\\d+\\.tmp");
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + name + "*.tmp")) {
            for (Iterator<Path> it = files.iterator(); it.hasNext(); ) {
                Path p = it.next();
                String f = p.getFileName().toString();
                if ((ours.matcher(f).matches() || earlier.matcher(f).matches())
                        && Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                    Files.deleteIfExists(p);
                    LOG.info("Removed {} left over by an interrupted write", p);
                }
            }
        } catch (IOException e) {
            LOG.debug("Cannot look for leftover temporary files in {}: {}", dir, e.toString());
        }
    }
}
