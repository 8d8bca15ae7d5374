/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core.hierarchical;

/**
 * Thrown before any large allocation when a hierarchical fit would need more memory than its budget
 * allows. The message states the bytes needed, the budget and what to use instead.
 *
 * @since 0.1
 */
public final class MemoryBudgetExceededException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final long bytesNeeded;
    private final long budgetBytes;

    MemoryBudgetExceededException(String message, long bytesNeeded, long budgetBytes) {
        super(message);
        this.bytesNeeded = bytesNeeded;
        this.budgetBytes = budgetBytes;
    }

    /** The estimated number of bytes the fit would allocate. */
    public long bytesNeeded() {
        return bytesNeeded;
    }

    /** The budget in force. */
    public long budgetBytes() {
        return budgetBytes;
    }
}
