/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.internal;

import dev.segmentation.core.MemoryBudgetExceededException;

import java.util.Locale;

/**
 * The library's one memory-budget policy (see {@link MemoryBudgetExceededException}): a configured budget, or
 * half of the JVM's maximum heap. Not API.
 */
public final class MemoryBudget {
    /** The value that stands for "no budget configured: use the default". */
    public static final long DEFAULT = -1;

    private MemoryBudget() {
    }

    /** The default budget: half of the JVM's maximum heap. */
    public static long defaultBytes() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** The budget in force: {@code configured}, or the default when it is {@link #DEFAULT}. */
    public static long resolve(long configured) {
        return configured == DEFAULT ? defaultBytes() : configured;
    }

    /**
     * Checks a configured budget.
     *
     * @param name the parameter, for the message
     * @throws IllegalArgumentException if {@code bytes < 1}
     */
    public static long checkConfigured(String name, long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException(name + " must be >= 1 byte but was " + bytes);
        }
        return bytes;
    }

    /**
     * Refuses a computation whose estimate exceeds the budget in force.
     *
     * @param what the computation, for the message ("The exact silhouette of 20,000 rows x 8 columns")
     * @param needed the estimated bytes
     * @param configured the configured budget, or {@link #DEFAULT}
     * @param advice what to use instead, a sentence fragment ("use Silhouette.sampled(m, seed)")
     * @throws MemoryBudgetExceededException if {@code needed} exceeds the budget
     */
    public static void require(String what, long needed, long configured, String advice) {
        long budget = resolve(configured);
        if (needed > budget) {
            throw new MemoryBudgetExceededException(String.format(Locale.ROOT,
                    "%s needs about %s (%d bytes) but the memory budget is %s (%d bytes%s); %s, or raise the budget",
                    what, human(needed), needed, human(budget), budget,
                    configured == DEFAULT ? ", half of the maximum heap" : "", advice), needed, budget);
        }
    }

    /** A byte count for people: "1.5 GiB". */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
