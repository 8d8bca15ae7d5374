/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
package dev.segmentation.core;

/**
 * A clustering algorithm: immutable configuration whose {@link #fit} returns a new immutable model.
 *
 * <p>This is the service-provider interface for third-party algorithms as well as the library's own. An
 * implementation must honour this contract, which the validation and monitoring tools rely on:
 * <ul>
 *   <li>{@code fit} never mutates the estimator or the dataset; the estimator is thread-safe and may be
 *       used for several fits, concurrently;</li>
 *   <li>the same configuration, seed and data give the same model, whatever the number of threads;</li>
 *   <li>every argument is validated before work starts; bad input throws an
 *       {@link IllegalArgumentException} that names the parameter, row, column and value;</li>
 *   <li>long fits call {@link FitControl#checkpoint} regularly, which reports progress to the caller's
 *       listener and throws {@link FitCancelledException} when the caller cancels or interrupts;</li>
 *   <li>the returned model's {@link ClusterModel#trainingLabels()} has one label per row of the
 *       dataset, in {@code [0, k)}, or {@link ClusterModel#NOISE} for rows left out of every cluster.</li>
 * </ul>
 *
 * <h2>Extreme values: the library's overflow policy</h2>
 * Every fit of the library that uses distances (K-means, mini-batch K-means and its {@code partialFit}, Gaussian
 * mixtures, every linkage, two-stage Ward, DBSCAN) refuses finite data whose squared distances could overflow,
 * before any work starts, instead of returning an infinite objective: with M the largest magnitude, n the rows
 * (or the total sample weight, if larger) and d the columns, the data are accepted when
 * <pre>
 *     64 * max(n, W) * d * M^2  &lt;=  Double.MAX_VALUE  (about 1.8e308)
 * </pre>
 * (M up to about 1.7e149 for a million rows of 16 columns). Distinct rows whose largest column range is below
 * 1e-150 (squares near the subnormal range) are refused too. The {@link IllegalArgumentException} names the row,
 * the column and the value and says to standardise the column. Inside the bound the labels do not depend on the
 * unit (data scaled by a power of two give bit-identical labels). A third-party algorithm should apply the same
 * rule.
 *
 * <p>A minimal implementation (see the "adding your own algorithm" example) fits in a few lines:
 * <pre>{@code
 * public final class FirstColumnSplit implements Clusterer<MyModel> {
 *     public MyModel fit(Dataset data, FitControl control) {
 *         int[] labels = new int[data.rows()];
 *         for (int i = 0; i < labels.length; i++) {
 *             labels[i] = data.get(i, 0) < 0 ? 0 : 1;
 *         }
 *         return new MyModel(data.columnNames(), labels);
 *     }
 * }
 * }</pre>
 *
 * @param <M> the fitted model type
 * @since 0.1
 */
public interface Clusterer<M extends ClusterModel> {

    /**
     * Fits the algorithm to {@code data}.
     *
     * @param data the rows to cluster. Not modified.
     * @param control progress listener and cancellation; {@link FitControl#none()} for neither
     * @return the fitted model
     * @throws IllegalArgumentException if the data do not suit the configuration (for example k &gt; n)
     * @throws FitCancelledException if the fit was cancelled or its thread interrupted
     */
    M fit(Dataset data, FitControl control);

    /**
     * Fits the algorithm to {@code data} with no listener and no cancellation token; the fit still stops
     * when its thread is interrupted.
     *
     * @param data the rows to cluster. Not modified.
     * @return the fitted model
     */
    default M fit(Dataset data) {
        return fit(data, FitControl.none());
    }
}
