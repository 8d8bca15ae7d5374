/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.IntConsumer;

/**
 * Runs fixed-size chunks of work on a {@link ForkJoinPool}, or in the caller's thread. Not API.
 *
 * <p>Determinism rule: the chunk boundaries depend only on the problem size, never on the number of
 * threads, and each chunk writes its partial result to its own slot; callers reduce the slots in chunk
 * order. A computation is therefore bit-identical whatever the pool.
 */
public final class Parallel {
    /** The smallest chunk, in rows. */
    public static final int MIN_CHUNK_ROWS = 4096;
    /** The most chunks a pass is cut into, which bounds the memory of per-chunk partial results. */
    public static final int MAX_CHUNKS = 256;

    private Parallel() {
    }

    /**
     * Rows per chunk for {@code n} rows: at least {@link #MIN_CHUNK_ROWS}, and large enough that there are
     * at most {@link #MAX_CHUNKS} chunks. A function of {@code n} alone.
     */
    public static int chunkRows(int n) {
        int rows = (int) ((n + (long) MAX_CHUNKS - 1) / MAX_CHUNKS);
        rows = (rows + 255) & ~255;
        return Math.max(MIN_CHUNK_ROWS, rows);
    }

    /** The number of chunks covering {@code n} rows. */
    public static int chunks(int n) {
        int rows = chunkRows(n);
        return (int) ((n + (long) rows - 1) / rows);
    }

    /** The first row of chunk {@code c} of {@code n} rows. */
    public static int chunkStart(int c, int n) {
        return (int) Math.min((long) c * chunkRows(n), n);
    }

    /** One past the last row of chunk {@code c} of {@code n} rows. */
    public static int chunkEnd(int c, int n) {
        return (int) Math.min((long) (c + 1) * chunkRows(n), n);
    }

    /**
     * Runs {@code body.accept(c)} for every chunk {@code c} in {@code [0, nChunks)}.
     *
     * @param pool the pool, or {@code null} to run every chunk in the caller's thread, in order
     * @param nChunks the number of chunks
     * @param body the work of one chunk; must write only to its own chunk's slots
     */
    public static void forEachChunk(ForkJoinPool pool, int nChunks, IntConsumer body) {
        if (pool == null || nChunks <= 1) {
            for (int c = 0; c < nChunks; c++) {
                body.accept(c);
            }
            return;
        }
        Chunks task = new Chunks(body, 0, nChunks);
        if (isCommon(pool) && !(Thread.currentThread() instanceof java.util.concurrent.ForkJoinWorkerThread)) {
            // The caller works too: forks from a non-worker thread go to the common pool.
            task.invoke();
        } else if (ForkJoinTask.inForkJoinPool() && ForkJoinTask.getPool() == pool) {
            task.invoke();
        } else {
            pool.invoke(task);
        }
    }

    private static boolean isCommon(ForkJoinPool pool) {
        return pool == ForkJoinPool.commonPool();
    }

    private static final class Chunks extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient IntConsumer body;
        private final int lo;
        private final int hi;

        Chunks(IntConsumer body, int lo, int hi) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                body.accept(lo);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Chunks(body, lo, mid), new Chunks(body, mid, hi));
        }
    }
}
