/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * What the caller of a fit can observe and control: an optional progress listener and an optional
 * cancellation token. A fit always stops on thread interrupt, token or not.
 *
 * <p>Immutable and thread-safe; one instance may serve several fits.
 * <pre>{@code
 * CancelToken token = new CancelToken();
 * FitControl control = FitControl.none()
 *     .withListener(p -> log.info("iteration {} inertia {}", p.iteration(), p.objective()))
 *     .withCancelToken(token);
 * KMeansModel model = kmeans.fit(data, control);    // token.cancel() from another thread stops it
 * }</pre>
 *
 * @since 0.1
 */
public final class FitControl {
    private static final FitControl NONE = new FitControl(null, null);

    private final ProgressListener listener;
    private final CancelToken token;

    private FitControl(ProgressListener listener, CancelToken token) {
        this.listener = listener;
        this.token = token;
    }

    /** No listener, no token: the fit stops only on thread interrupt. */
    public static FitControl none() {
        return NONE;
    }

    /** A copy that reports progress to {@code newListener} ({@code null} for none). */
    public FitControl withListener(ProgressListener newListener) {
        return new FitControl(newListener, token);
    }

    /** A copy that stops when {@code newToken} is cancelled ({@code null} for none). */
    public FitControl withCancelToken(CancelToken newToken) {
        return new FitControl(listener, newToken);
    }

    /** Whether a listener receives progress; algorithms may skip computing a per-iteration objective if not. */
    public boolean hasListener() {
        return listener != null;
    }

    /**
     * Throws if the fit must stop. Algorithms call this inside long passes, where there is no progress to
     * report.
     *
     * @param where a short description of the position, for the message ("k-means++ seeding, centre 3")
     * @throws FitCancelledException if the token was cancelled or the thread interrupted (the interrupt
     *     flag is set again)
     */
    public void checkCancelled(String where) {
        if (token != null && token.isCancelled()) {
            throw new FitCancelledException("Fit cancelled by its CancelToken at " + where);
        }
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new FitCancelledException("Fit stopped because its thread was interrupted at " + where);
        }
    }

    /**
     * Reports one iteration to the listener, then checks for cancellation.
     *
     * @throws FitCancelledException as {@link #checkCancelled}
     */
    public void checkpoint(Progress progress) {
        if (listener != null) {
            listener.onProgress(progress);
        }
        if ((token != null && token.isCancelled()) || Thread.currentThread().isInterrupted()) {
            checkCancelled(progress.algorithm() + " run " + progress.run() + ", iteration "
                    + progress.iteration());
        }
    }
}
