/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * Thrown before any large allocation when a computation whose memory grows faster than its input (a
 * hierarchical fit, a dissimilarity matrix, an exact silhouette) would need more than its memory budget. The
 * message states the bytes needed, the budget in force and what to use instead (a sample, a two-stage fit, a
 * larger budget).
 *
 * <h2>The library's memory policy</h2>
 * Every such computation estimates the bytes it allocates beyond its inputs before it allocates them, and
 * compares the estimate with a budget: the one the caller configured ({@code memoryBudgetBytes(...)} on a
 * builder, {@code withMemoryBudget(...)} on a value-like object), or by default half of the JVM's maximum heap
 * ({@code Runtime.getRuntime().maxMemory() / 2}), read when the computation starts. The default is a function of
 * the JVM's configuration alone, never of the memory free at that moment, so that the same call on the same JVM
 * is accepted or refused the same way every time. Algorithms of other libraries plugged in through the
 * {@link Clusterer} SPI may throw this exception too.
 *
 * <p>It is an {@link IllegalArgumentException}: the input is too large for the configuration.
 *
 * @since 0.1
 */
public final class MemoryBudgetExceededException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long bytesNeeded;
    private final long budgetBytes;

    /**
     * An exception with its message and figures.
     *
     * @param message what was refused, the bytes needed, the budget and what to use instead
     * @param bytesNeeded the estimated number of bytes the computation would allocate
     * @param budgetBytes the budget in force
     */
    public MemoryBudgetExceededException(String message, long bytesNeeded, long budgetBytes) {
        super(message);
        this.bytesNeeded = bytesNeeded;
        this.budgetBytes = budgetBytes;
    }

    /** The estimated number of bytes the computation would allocate. */
    public long bytesNeeded() {
        return bytesNeeded;
    }

    /** The budget in force. */
    public long budgetBytes() {
        return budgetBytes;
    }
}
