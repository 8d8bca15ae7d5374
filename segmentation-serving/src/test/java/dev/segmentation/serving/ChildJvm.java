/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.serving;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test class path, whose standard output lines the test reads, and which the test kills with
 * SIGKILL ({@link Process#destroyForcibly()} on Linux): nothing in the child runs after the signal, not even a
 * shutdown hook.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final StringBuilder errors = new StringBuilder();

    private ChildJvm(Process process) {
        this.process = process;
        Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)), true), "child-stdout");
        out.setDaemon(true);
        out.start();
        Thread err = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getErrorStream(),
                StandardCharsets.UTF_8)), false), "child-stderr");
        err.setDaemon(true);
        err.start();
    }

    /** Starts {@code main} with {@code args} in a new JVM. */
    public static ChildJvm start(Class<?> main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).start());
    }

    private void pump(BufferedReader r, boolean stdout) {
        try (r) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (stdout) {
                    lines.add(line);
                } else {
                    synchronized (errors) {
                        errors.append(line).append('\n');
                    }
                }
            }
        } catch (IOException e) {
            // the child died
        }
    }

    /** Waits until the child printed a line starting with {@code prefix}. */
    public void await(String prefix, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    return;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("The child did not print '" + prefix + "' (alive: " + process.isAlive()
                + "); its output: " + lines + "; its errors: " + stderr());
    }

    /** The lines printed so far. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** What the child wrote to standard error. */
    public String stderr() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    /** kill -9, and wait for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("The child survived SIGKILL");
        }
        Thread.sleep(50); // let the reader threads drain what the child printed before the signal
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
