/*
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this repository.
 */
/**
 * Validation of a segmentation: cluster quality and the choice of k, profiles and names.
 *
 * <ul>
 *   <li>Quality: {@link dev.segmentation.validation.Inertia}, {@link dev.segmentation.validation.SumOfSquares}
 *       (total, within and between), {@link dev.segmentation.validation.Silhouette} (exact, blocked and
 *       multi-threaded, or sampled, with per-row values; from the rows or from a precomputed
 *       {@link dev.segmentation.core.DissimilarityMatrix} such as {@link dev.segmentation.core.Gower}'s),
 *       {@link dev.segmentation.validation.DaviesBouldin} (mean or root-mean-square scatter),
 *       {@link dev.segmentation.validation.CalinskiHarabasz}; agreement between labellings:
 *       {@link dev.segmentation.validation.ClusterAgreement} (ARI, Rand, MI, NMI, AMI, homogeneity, completeness,
 *       V-measure, Fowlkes-Mallows) over a {@link dev.segmentation.validation.ContingencyTable}.</li>
 *   <li>The choice of k: {@link dev.segmentation.validation.KSweep} over any
 *       {@link dev.segmentation.core.Clusterer}, with {@link dev.segmentation.validation.KneeLocator},
 *       {@link dev.segmentation.validation.GapStatistic} and {@link dev.segmentation.validation.Bic} (models plug
 *       in through the core's {@link dev.segmentation.core.LikelihoodModel} or a
 *       {@link dev.segmentation.validation.ModelCriterion}).</li>
 *   <li>Interpretation: {@link dev.segmentation.validation.SegmentProfiles} and
 *       {@link dev.segmentation.validation.RfmSegmentNamer}.</li>
 * </ul>
 * Stability, drift, statistical tests, the bias audit and explanations live in the subpackages
 * {@link dev.segmentation.validation.stability}, {@link dev.segmentation.validation.drift},
 * {@link dev.segmentation.validation.stats}, {@link dev.segmentation.validation.audit} and
 * {@link dev.segmentation.validation.explain}.
 *
 * <h2>Rendering</h2>
 * Every result type renders itself the same way: {@code table()} returns a plain-text table (lines end with the
 * platform's line separator, numbers are formatted with {@link java.util.Locale#ROOT}), and {@code toString()} a
 * one-line summary. Results about segments also take their names: {@code SegmentProfiles.table(names)},
 * {@code BootstrapStability.Result.table(names)}, {@code SurrogateTree.Model.table(names)}.
 *
 * <h2>Conventions</h2>
 * Labels are {@code int}s: clusters {@code >= 0}, and {@code -1} ({@link dev.segmentation.core.ClusterModel#NOISE})
 * for a row in no cluster, which the internal indices, profiles and tests leave out (each class says how it treats
 * noise). Inputs are never modified; results are immutable and copy their arrays out; every class is thread-safe.
 * Every metric is checked against scikit-learn 1.2.1 or SciPy 1.10.1 (and the ANOVA against the NIST StRD) by
 * the module's tests, from fixtures committed with the scripts that made them.
 *
 * <h2>Extreme values</h2>
 * Every metric over the rows of a dataset (inertia, sums of squares, silhouette, Davies-Bouldin,
 * Calinski-Harabasz, BIC, the separation tests) applies the core's overflow policy (see
 * {@link dev.segmentation.core.Clusterer}): data whose squared distances could overflow
 * ({@code 64 max(n, W) d M^2 > Double.MAX_VALUE}), or distinct rows whose largest column range is below 1e-150,
 * throw an {@link java.lang.IllegalArgumentException} naming the row, column and value before any work starts,
 * so a metric never returns NaN, infinity or a wrong 0 for finite data.
 */
package dev.segmentation.validation;
