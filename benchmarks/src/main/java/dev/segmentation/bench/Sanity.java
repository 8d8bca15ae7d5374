/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.bench;

import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Checks run in {@code @Setup}, outside every timed region: a benchmark that measures a wrong or unequal
 * computation fails its trial instead of printing a number. Findings are printed with a {@code # sanity:}
 * prefix so that they appear in the JMH log next to the trial they belong to.
 */
public final class Sanity {
    private static boolean reported;

    private Sanity() {
    }

    /**
     * Fails the trial unless {@code ok}.
     *
     * @throws IllegalStateException with the formatted message
     */
    public static void check(boolean ok, String format, Object... args) {
        if (!ok) {
            throw new IllegalStateException("Sanity check failed: " + String.format(Locale.ROOT, format, args));
        }
    }

    /**
     * Prints one finding. The first one in a JVM starts on a new line, because JMH has already printed the
     * start of its first warmup line when {@code @Setup} runs.
     */
    public static synchronized void report(String format, Object... args) {
        System.out.println((reported ? "" : System.lineSeparator()) + "# sanity: "
                + String.format(Locale.ROOT, format, args));
        reported = true;
    }

    /**
     * Fails the trial if the common fork-join pool has started a worker, that is if some library ran work
     * on more than the benchmark thread.
     */
    public static void checkSingleThreaded(String what) {
        int workers = ForkJoinPool.commonPool().getPoolSize();
        check(workers == 0, "%s started %d common-pool worker(s); run the fork with "
                + "-Djava.util.concurrent.ForkJoinPool.common.parallelism=0 (set by @Fork) so that every library "
                + "runs on one thread", what, workers);
    }

    /** The number of positions where the labels differ. */
    public static int mismatches(int[] a, int[] b) {
        check(a.length == b.length, "label arrays of different lengths: %d and %d", a.length, b.length);
        int m = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                m++;
            }
        }
        return m;
    }

    /** The largest absolute difference between two arrays of the same length. */
    public static double maxAbsDiff(double[] a, double[] b) {
        check(a.length == b.length, "arrays of different lengths: %d and %d", a.length, b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** {@code |a - b| / |b|}. */
    public static double relDiff(double a, double b) {
        return Math.abs(a - b) / Math.abs(b);
    }
}
